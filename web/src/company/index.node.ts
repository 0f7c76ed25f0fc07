/**
 * `selfcrm/company` for Node: hands node:crypto's WebCrypto to the verifier on Node 18, which has
 * no global `crypto` (Node ≥ 19 and browsers do).
 * @packageDocumentation
 */
import { webcrypto } from 'node:crypto';
import { setWebCrypto } from '../share/encoding.js';

setWebCrypto(webcrypto as unknown as Crypto);

export * from './index.js';
