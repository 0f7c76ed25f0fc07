// What verifyPresentation reports, one entry per finding.

export type PresentationProblemKind =
  | 'request' // the request given to check against is not a valid request object
  | 'request-expired' // the answer came after the request's expires_at
  | 'malformed' // not an SD-JWT VC we can read
  | 'too-large' // beyond a size or count bound (PresentationLimits), refused before any parsing or signature work
  | 'type' // wrong `typ` or `vct`
  | 'holder' // `iss` is not the thumbprint of the `cnf` key, or two presentations name different holders
  | 'signature' // the issuer-signed JWT does not verify with the `cnf` key
  | 'expired' // the credential's exp has passed
  | 'not-yet-valid' // issued in the future, or its nbf still ahead (beyond the clock skew)
  | 'key-binding' // KB-JWT missing, unreadable (crit, header too long), not `kb+jwt`, bad or high-S signature, nbf ahead, or sd_hash not over what was presented
  | 'audience' // the KB-JWT is for another origin
  | 'nonce' // the KB-JWT answers another request
  | 'replay' // this nonce was already used
  | 'stale' // the KB-JWT's iat is not fresh
  | 'state' // the response's state is not the request's
  | 'malformed-disclosure' // a disclosure is not base64url JSON [salt, name, value], or a name in its path is unacceptable
  | 'unknown-disclosure' // its digest is not in the signed payload
  | 'duplicate-disclosure' // the same disclosure or claim twice
  | 'not-requested' // a claim or credential the request did not ask for
  | 'value' // a value outside the query's `values`
  | 'terms' // the signed terms are missing, differ from the request's, or lend a borrowed claim with no or too long an expiry
  | 'rules' // a derived claim not computed with the request's rules
  | 'claim-expired' // the term of a claim has ended
  | 'not-shared'; // the query asked for this claim and it was not presented (customer declined)

export interface PresentationProblem {
  kind: PresentationProblemKind;
  /** The credential query id concerned, when one. */
  credential?: string;
  /** The claim name concerned (`/personal/name`, `band:clv`), when known. */
  claim?: string;
  /** 0-based position of the disclosure concerned, when one. */
  index?: number;
  message: string;
}
