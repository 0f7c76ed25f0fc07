// Fitting from shared profiles gives the same model as fitting from the equivalent transaction
// export, and rejects point at the profile line and the record inside it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';

import { fitModel, fitModelFromProfiles, ready } from 'selfcrm';

const data = (f) => readFileSync(new URL(`../../demo/data/${f}`, import.meta.url), 'utf8');
const asOf = '2026-11-01T00:00:00Z';

before(() => ready());

test('profiles and their transaction export fit the same model', () => {
  const fromProfiles = fitModelFromProfiles(data('profiles.ndjson'), { asOf });
  const fromTransactions = fitModel(data('transactions.ndjson'), { asOf });
  assert.deepEqual(fromProfiles.model, fromTransactions.model);
  assert.equal(fromProfiles.profiles, 300);
  assert.equal(fromProfiles.customers, fromTransactions.customers);
  assert.deepEqual(fromProfiles.rejects, []);
});

test('rejects name the profile line and the purchase inside it', () => {
  const good = data('profiles.ndjson').split('\n').slice(0, 3);
  const bad = JSON.stringify({ id: 'x', history: { transactions: [{ at: '2026-01-01', amount: 5 }, { at: 'nope', amount: 1 }] } });
  const r = fitModelFromProfiles([...good, 'not json', bad, '{"id": 4}'].join('\n'), { asOf });
  assert.deepEqual(r.rejects.map((x) => [x.line, x.code, x.path]), [[4, 'E_PARSE', ''], [5, 'E_RANGE', '/history/transactions/1/at'], [6, 'E_SCHEMA', '/id']]);
  const cli = spawnSync(process.execPath, [new URL('../../dist/cli/main.js', import.meta.url).pathname, 'fit', '--profiles', '--as-of', asOf],
    { input: data('profiles.ndjson'), encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(JSON.parse(cli.stdout), fitModel(data('transactions.ndjson'), { asOf }).model);
});

test('profiles fit each repeat model as their transaction export does, in the API and the CLI', () => {
  for (const model of ['modified-bgnbd', 'pareto-nbd']) {
    const fromProfiles = fitModelFromProfiles(data('profiles.ndjson'), { asOf, model, compare: false });
    const fromTransactions = fitModel(data('transactions.ndjson'), { asOf, model, compare: false });
    assert.equal(fromProfiles.model.repeatModel, model);
    assert.deepEqual(fromProfiles.model, fromTransactions.model);
  }
  const cli = spawnSync(process.execPath, [new URL('../../dist/cli/main.js', import.meta.url).pathname, 'fit', '--profiles',
    '--model', 'pareto-nbd', '--holdout-from', '2026-08-01', '--as-of', asOf], { input: data('profiles.ndjson'), encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(JSON.parse(cli.stdout),
    fitModel(data('transactions.ndjson'), { asOf, model: 'pareto-nbd', holdoutFrom: '2026-08-01' }).model);
  assert.match(cli.stderr, /holdout from 2026-08-01/);
  assert.match(cli.stderr, /300 lines = 300 results \+ 0 rejects/);
});
