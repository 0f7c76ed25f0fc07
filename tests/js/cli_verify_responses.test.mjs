// selfcrm verify --responses: OpenID4VP answers in batch with the per-line conventions of the
// other commands — results in input order with their line numbers, rejects with line, code and
// path, a replay within the input caught, exit status 1 unless every line verified valid.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { answer, bankOrigin, shopOrigin, shopRequest } from './presentation_fixtures.mjs';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const run = (args, input) => spawnSync(process.execPath, [cli, 'verify', '--responses', ...args], { input, encoding: 'utf8' });

const lines = [];
for (let i = 0; i < 3; ++i) {
  const request = await shopRequest();
  lines.push({ request, response: (await answer(request)).response, origin: shopOrigin });
}

test('every answer valid: results in order with line numbers, exit 0', () => {
  const r = run(['--origin', shopOrigin, '--jobs', '2'], `${lines.map((l) => JSON.stringify({ ...l, origin: undefined })).join('\n')}\n`);
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(out.map((o) => [o.line, o.valid]), [[1, true], [2, true], [3, true]]);
  assert.equal(out[0].claims['/personal/name'].value, 'Ada Lovelace');
});

test('rejects, a replay, another origin and an answer to another request: each reported, exit 1', () => {
  const input = [
    JSON.stringify(lines[0]), // 1 valid
    'not json', // 2 reject
    '', // 3 blank: skipped
    JSON.stringify({ request: { response_type: 'code' }, response: lines[1].response }), // 4 reject at /request/response_type
    JSON.stringify(lines[0]), // 5 replay of line 1
    JSON.stringify({ ...lines[1], origin: bankOrigin }), // 6 audience
    JSON.stringify({ ...lines[2], request: lines[1].request }), // 7 nonce: answered another request
    JSON.stringify({ request: lines[2].request }), // 8 reject at /response
  ].join('\n');
  const r = run(['--format', 'json'], input);
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.map((o) => o.line), [1, 5, 6, 7]);
  assert.equal(out[0].valid, true);
  const kinds = (o) => o.problems.map((p) => p.kind);
  assert.deepEqual(kinds(out[1]), ['replay']);
  assert.deepEqual(out[1].claims, {});
  assert.ok(kinds(out[2]).includes('audience'));
  assert.ok(kinds(out[3]).includes('nonce'));
  assert.match(r.stderr, /^line 2: E_PARSE/m);
  assert.match(r.stderr, /^line 4: E_SCHEMA at \/request\/response_type/m);
  assert.match(r.stderr, /^line 8: E_SCHEMA at \/response/m);
});

test('usage errors exit 2; nothing to read exits 1', () => {
  assert.equal(run(['--origin', 'shop.example'], '').status, 2);
  assert.equal(run(['--now', 'yesterday'], '').status, 2);
  assert.equal(run([], '\n\n').status, 1);
  const help = run(['--help'], '');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--responses/);
});
