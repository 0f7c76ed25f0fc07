import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntakeStore, createRequest, storeRows, verifyPresentation } from 'selfcrm/company';

const request = await createRequest({ dcql: { credentials: [{ id: 'q', claims: [{ path: ['persona'] }] }] }, purpose: 'dpv:Marketing' });
const result = await verifyPresentation({ vp_token: { q: ['x~y~z'] } }, { request, origin: 'https://shop.example' });
// The intake store's SQLite (node-sqlite3-wasm) comes with the package's dependencies.
const store = await IntakeStore.open(join(mkdtempSync(join(tmpdir(), 'consumer-')), 'shop.sqlite'));
const rows = storeRows(store).length;
await store.close();
console.log(JSON.stringify({ nonce: request.nonce.length, valid: result.valid, kinds: result.problems.map((p) => p.kind), rows }));
