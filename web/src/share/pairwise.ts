// Pairwise keys: one signing key pair per requesting origin, so two companies comparing what they
// received cannot link the customer by key, thumbprint or any identifier the vault adds. Private
// keys are generated non-extractable: script can sign with them, never read them.
import { SelfCrmError } from '../runtime/errors.js';
import type { AsOf } from '../runtime/time.js';
import { subtle } from './encoding.js';
import { webCryptoAlgorithm, type SigningAlgorithm } from './keys.js';
import { jwkThumbprint, publicJwk } from './sdjwt.js';
import { nowOf } from './time.js';

export interface PairwiseKey {
  /** The requesting origin this key answers, e.g. `https://shop.example`. */
  origin: string;
  alg: SigningAlgorithm;
  /** Non-extractable. */
  privateKey: CryptoKey;
  publicJwk: JsonWebKey;
  /** RFC 7638 thumbprint of `publicJwk`: the `kid`, and in `iss` as a URI. */
  thumbprint: string;
  createdAt: string;
}

/** Where pairwise keys live (IndexedDB in the vault app, memory in tests). */
export interface PairwiseKeyStore {
  get(origin: string): Promise<PairwiseKey | undefined>;
  put(key: PairwiseKey): Promise<void>;
}

/** A store that keeps keys in memory for the life of the process. */
export function memoryKeyStore(): PairwiseKeyStore {
  const keys = new Map<string, PairwiseKey>();
  return {
    get: async (origin) => keys.get(origin),
    put: async (key) => void keys.set(key.origin, key),
  };
}

/** Throws E_SCHEMA unless `origin` is a serialised http(s) origin. */
export function checkOrigin(origin: unknown, path = '/origin'): string {
  let parsed: URL | null = null;
  try {
    parsed = typeof origin === 'string' ? new URL(origin) : null;
  } catch {
    parsed = null;
  }
  if (!parsed || parsed.origin !== origin || !['https:', 'http:'].includes(parsed.protocol)) {
    throw new SelfCrmError('E_SCHEMA', 'an origin is scheme://host[:port], e.g. https://shop.example', path);
  }
  return origin;
}

/** A new non-extractable key pair for `origin`: Ed25519 where available, else P-256. */
export async function createPairwiseKey(origin: string, options: { algorithm?: SigningAlgorithm; now?: AsOf } = {}): Promise<PairwiseKey> {
  checkOrigin(origin);
  const order: SigningAlgorithm[] = options.algorithm ? [options.algorithm] : ['EdDSA', 'ES256'];
  for (const alg of order) {
    let pair: CryptoKeyPair;
    try {
      pair = (await subtle().generateKey(webCryptoAlgorithm(alg) as EcKeyGenParams, false, ['sign', 'verify'])) as CryptoKeyPair;
    } catch {
      continue; // this platform lacks the algorithm
    }
    // Public keys stay exportable whatever `extractable` says.
    const jwk = publicJwk(await subtle().exportKey('jwk', pair.publicKey));
    return { origin, alg, privateKey: pair.privateKey, publicJwk: jwk, thumbprint: await jwkThumbprint(jwk), createdAt: nowOf(options).toISOString() };
  }
  throw new SelfCrmError('E_NOT_READY', `WebCrypto here cannot generate ${order.join(' or ')} keys`);
}

/** The key for `origin` from `store`, created and stored on first use. */
export async function pairwiseKey(store: PairwiseKeyStore, origin: string, options: { algorithm?: SigningAlgorithm } = {}): Promise<PairwiseKey> {
  checkOrigin(origin);
  const known = await store.get(origin);
  if (known) return known;
  const key = await createPairwiseKey(origin, options);
  await store.put(key);
  return key;
}
