import { createRequest, verifyPresentation } from 'selfcrm/company';

const request = await createRequest({ dcql: { credentials: [{ id: 'q', claims: [{ path: ['persona'] }] }] }, purpose: 'dpv:Marketing' });
const result = await verifyPresentation({ vp_token: { q: ['x~y~z'] } }, { request, origin: 'https://shop.example' });
console.log(JSON.stringify({ nonce: request.nonce.length, valid: result.valid, kinds: result.problems.map((p) => p.kind) }));
