// The vault's signing key pair: Ed25519 where WebCrypto has it (Node ≥ 18.4, current browsers),
// else ECDSA P-256 (ES256). Keys export as JWK so the vault can keep them in its document.
import { SelfCrmError } from '../runtime/errors.js';
import { isPlainObject, subtle } from './encoding.js';

/** The JWS algorithm of a key pair: `EdDSA` (Ed25519) or `ES256` (ECDSA P-256, SHA-256). */
export type SigningAlgorithm = 'EdDSA' | 'ES256';

export interface SigningKeyPair {
  alg: SigningAlgorithm;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/** A key pair as JWKs, for storage in the vault. `privateJwk` is secret. */
export interface ExportedKeyPair {
  alg: SigningAlgorithm;
  publicJwk: JsonWebKey;
  privateJwk: JsonWebKey;
}

export function webCryptoAlgorithm(alg: SigningAlgorithm): AlgorithmIdentifier | EcKeyImportParams {
  return alg === 'EdDSA' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
}

export function signParams(alg: SigningAlgorithm): AlgorithmIdentifier | EcdsaParams {
  return alg === 'EdDSA' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
}

/**
 * A new extractable key pair. Without `algorithm`, Ed25519 when this platform supports it, else ES256.
 * @throws SelfCrmError E_SCHEMA for an unknown algorithm; E_NOT_READY when WebCrypto lacks it.
 */
export async function createKeyPair(options: { algorithm?: SigningAlgorithm } = {}): Promise<SigningKeyPair> {
  const wanted = options.algorithm;
  if (wanted !== undefined && wanted !== 'EdDSA' && wanted !== 'ES256') {
    throw new SelfCrmError('E_SCHEMA', 'algorithm must be EdDSA or ES256', '/algorithm');
  }
  const order: SigningAlgorithm[] = wanted ? [wanted] : ['EdDSA', 'ES256'];
  for (const alg of order) {
    try {
      const pair = (await subtle().generateKey(webCryptoAlgorithm(alg) as EcKeyGenParams, true, ['sign', 'verify'])) as CryptoKeyPair;
      return { alg, privateKey: pair.privateKey, publicKey: pair.publicKey };
    } catch {
      // This platform lacks the algorithm: try the next one.
    }
  }
  throw new SelfCrmError('E_NOT_READY', `WebCrypto here cannot generate ${order.join(' or ')} keys`);
}

/** The pair as JWKs (each with `alg`). */
export async function exportKeyPair(pair: SigningKeyPair): Promise<ExportedKeyPair> {
  const publicJwk = { ...(await subtle().exportKey('jwk', pair.publicKey)), alg: pair.alg };
  const privateJwk = { ...(await subtle().exportKey('jwk', pair.privateKey)), alg: pair.alg };
  return { alg: pair.alg, publicJwk, privateJwk };
}

/** The algorithm a JWK belongs to, from its key type and curve. @throws E_SCHEMA at `path`. */
export function jwkAlgorithm(jwk: unknown, path = ''): SigningAlgorithm {
  if (isPlainObject(jwk) && jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  if (isPlainObject(jwk) && jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  throw new SelfCrmError('E_SCHEMA', 'a key must be an Ed25519 (OKP) or P-256 (EC) JWK', path);
}

/** A public key from its JWK (private members are ignored). */
export async function importPublicKey(jwk: JsonWebKey): Promise<{ alg: SigningAlgorithm; key: CryptoKey }> {
  const alg = jwkAlgorithm(jwk, '/publicKey');
  const { kty, crv, x, y } = jwk;
  const pub: JsonWebKey = alg === 'EdDSA' ? { kty, crv, x } : { kty, crv, x, y };
  try {
    return { alg, key: await subtle().importKey('jwk', pub, webCryptoAlgorithm(alg), true, ['verify']) };
  } catch (e) {
    throw new SelfCrmError('E_SCHEMA', `not a usable public key: ${(e as Error).message}`, '/publicKey');
  }
}

/** A key pair back from its JWKs. @throws SelfCrmError E_SCHEMA when the JWKs are unusable. */
export async function importKeyPair(exported: ExportedKeyPair): Promise<SigningKeyPair> {
  if (!isPlainObject(exported)) throw new SelfCrmError('E_SCHEMA', 'an exported key pair must be an object', '');
  const alg = jwkAlgorithm(exported.privateJwk, '/privateJwk');
  if (jwkAlgorithm(exported.publicJwk, '/publicJwk') !== alg) throw new SelfCrmError('E_SCHEMA', 'the two keys differ in type', '/publicJwk');
  const { key: publicKey } = await importPublicKey(exported.publicJwk);
  try {
    // Only the key material: platforms disagree on which `alg` names a JWK may carry.
    const { kty, crv, x, y, d } = exported.privateJwk;
    const jwk: JsonWebKey = alg === 'EdDSA' ? { kty, crv, x, d } : { kty, crv, x, y, d };
    const privateKey = await subtle().importKey('jwk', jwk, webCryptoAlgorithm(alg), true, ['sign']);
    return { alg, privateKey, publicKey };
  } catch (e) {
    throw new SelfCrmError('E_SCHEMA', `not a usable private key: ${(e as Error).message}`, '/privateJwk');
  }
}
