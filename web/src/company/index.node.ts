/**
 * `selfcrm/company` for Node: hands node:crypto's WebCrypto to the verifier on Node 18, which has
 * no global `crypto` (Node ≥ 19 and browsers do), and the company module's file to its loader
 * (the CRM rows and the store's counts are computed there).
 * @packageDocumentation
 */
import { createHash, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setCompanySource } from '../runtime/company_loader.js';
import createSelfCrmCompanyModule from '../selfcrm-company.mjs';
import { setSha256, setWebCrypto } from '../share/encoding.js';

setWebCrypto(webcrypto as unknown as Crypto);
setSha256((bytes) => createHash('sha256').update(bytes).digest());
setCompanySource(createSelfCrmCompanyModule, () => new Uint8Array(readFileSync(new URL('../selfcrm-company.wasm', import.meta.url))));

export * from './index.js';
export * from './intake/index.js';
