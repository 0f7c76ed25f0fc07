// Northwind's server side: it creates direct_post requests, verifies what the vault POSTs to
// /direct_post, and tells the shop's page the verified result. Requests and nonces live in memory;
// with `responsesFile`, each received answer is also kept as an NDJSON line for `selfcrm intake`.
import { randomBytes } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { createRequest, memoryNonceStore, verifyPresentation } from 'selfcrm/company';
import { shopQuery } from './js/query.js';

async function body(req, limit = 256 * 1024) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw new Error('too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function json(res, status, value, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(value));
}

export function shopApi({ vaultOrigin, responsesFile }) {
  let origin = '';
  const pending = new Map(); // state → { request, result }
  const nonces = memoryNonceStore();
  async function handle(req, res, url) {
    if (req.method === 'GET' && url.pathname === '/api/config') return json(res, 200, { vaultUrl: `${vaultOrigin}/app/` }), true;
    if (req.method === 'POST' && url.pathname === '/api/requests') {
      const state = randomBytes(16).toString('base64url');
      const request = await createRequest({ ...shopQuery, responseMode: 'direct_post', responseUri: `${origin}/direct_post`, state });
      pending.set(state, { request, result: null });
      return json(res, 200, request), true;
    }
    if (url.pathname === '/direct_post') {
      // The vault's page (another origin) posts here; it may read our reply, nothing else may.
      const cors = { 'access-control-allow-origin': vaultOrigin, vary: 'origin' };
      if (req.method !== 'POST') return json(res, 405, { error: 'invalid_request' }, cors), true;
      const form = new URLSearchParams(await body(req).catch(() => ''));
      const entry = pending.get(form.get('state') ?? '');
      if (!entry) return json(res, 400, { error: 'invalid_request', error_description: 'unknown state' }, cors), true;
      const response = { vp_token: form.get('vp_token'), state: form.get('state') };
      entry.result = await verifyPresentation(response, { request: entry.request, origin, nonces });
      if (responsesFile) await appendFile(responsesFile, `${JSON.stringify({ request: entry.request, response, origin, receivedAt: new Date().toISOString() })}\n`);
      return json(res, 200, { received: true, valid: entry.result.valid }, cors), true;
    }
    const result = url.pathname.match(/^\/api\/results\/([A-Za-z0-9_-]+)$/);
    if (req.method === 'GET' && result) {
      const entry = pending.get(result[1]);
      return json(res, entry?.result ? 200 : 404, entry?.result ?? { error: 'no result yet' }), true;
    }
    return false;
  }
  return { handle, setOrigin: (o) => { origin = o; } };
}
