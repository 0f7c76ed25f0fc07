// The CRM export's lifecycle stage and lead score, and the store report's counts, as the core
// computes them behind `selfcrm/company` (imported alone: it loads the company module itself).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countSharedClaims, crmContact, SelfCrmError } from 'selfcrm/company';

const contact = (claims) => crmContact('s', Object.entries(claims).map(([claim, value]) => ({ claim, value, expiresAt: null })), 'p');
const rated = (claims) => {
  const c = contact(claims);
  return [c['Lifecycle stage'], c['Lead score']];
};

test('lifecycle stage and lead score follow the documented rules', () => {
  assert.deepEqual(rated({ 'segment:evangelist': true, 'band:clv': 'low' }), ['Evangelist', '0']);
  assert.deepEqual(rated({ 'rfm:segment': 'champions', 'band:engagement': 'high' }), ['Customer', '100']);
  assert.deepEqual(rated({ 'band:clv': 'high', 'band:engagement': 'medium', 'band:influence': 'medium' }), ['Customer', '67']);
  assert.deepEqual(rated({ 'segment:evangelist': 'true', 'band:influence': ['medium', 'high'] }), ['Lead', '50']);
  // Values that are not bands are left out; none left: no score.
  assert.deepEqual(rated({ 'band:engagement': 5, 'band:influence': [] }), ['Lead', '']);
  assert.deepEqual(rated({ 'band:clv': 'constructor', 'band:engagement': 'toString' }), ['Customer', '']);
});

test('the report counts: sizes largest first, ties in JavaScript string order, NPS from categories', () => {
  const rows = [
    { subject: 'a', claims: { persona: '\u{1F600}', 'segment:vip': true, 'nps:category': 'promoter' } },
    { subject: 'b', claims: { persona: '\uE000', 'segment:vip': true, 'segment:new': true, 'nps:category': 'detractor' } },
    { subject: 'c', claims: { persona: 'b', 'segment:new': false, 'nps:category': 'hasOwnProperty' } },
  ];
  const counts = countSharedClaims(rows.map((r) => `${JSON.stringify(r)}\n`).join(''), [3, 1, 0]);
  assert.equal(counts.customers, 3);
  assert.equal(counts.claims, 10);
  assert.deepEqual(Object.entries(counts.personas), [['b', 1], ['\u{1F600}', 1], ['\uE000', 1]]);
  assert.deepEqual(Object.keys(counts.personas), Object.keys(counts.personas).slice().sort());
  assert.deepEqual(counts.segments, { vip: 2, new: 1 });
  assert.deepEqual(counts.npsCategories, { detractor: 1, promoter: 1 });
  assert.equal(counts.nps?.nps, 0);
  assert.deepEqual(counts.grantShares, [0.75, 0.25, 0]);
  assert.equal(countSharedClaims('', []).nps, null);
});

test('a row that is not {"subject", "claims"} is refused with its line and path', () => {
  assert.throws(() => countSharedClaims('{"subject":"a","claims":{}}\n{"subject":"b","claims":[]}\n', []), (e) => {
    assert.ok(e instanceof SelfCrmError);
    assert.equal(e.code, 'E_SCHEMA');
    assert.equal(e.path, '/claims');
    assert.match(e.message, /^line 2: /);
    return true;
  });
  assert.throws(() => countSharedClaims('', [1.5]), { code: 'E_SCHEMA', path: '/grants/0' });
});
