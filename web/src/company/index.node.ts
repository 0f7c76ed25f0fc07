/**
 * `selfcrm/company` for Node: hands node:crypto's WebCrypto to the verifier on Node 18, which has
 * no global `crypto` (Node ≥ 19 and browsers do).
 * @packageDocumentation
 */
import { createHash, webcrypto } from 'node:crypto';
import { setSha256, setWebCrypto } from '../share/encoding.js';

setWebCrypto(webcrypto as unknown as Crypto);
setSha256((bytes) => createHash('sha256').update(bytes).digest());

export * from './index.js';
export * from './intake/index.js';
