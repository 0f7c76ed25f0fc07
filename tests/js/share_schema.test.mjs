// The documented JSON Schema of the vault document's `grants` and `ledger` agrees with what the
// code writes and reads, checked by an independent validator (Ajv, draft 2020-12).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import Ajv2020 from 'ajv/dist/2020.js';
import { claimSourceFromObjects, createKeyPair, Sharing, sharingDocumentSchema } from 'selfcrm';
import { derived, now, profile, shop } from './share_fixtures.mjs';

const at = (minutes) => new Date(now.getTime() + minutes * 60_000);
// Formats are not asserted by default in 2020-12; the schema's patterns carry the constraints.
const validate = new Ajv2020({ strict: true, validateFormats: false }).compile({ type: 'object', ...sharingDocumentSchema });

test('a real sharing document validates; malformed ones do not', async () => {
  const sharing = await Sharing.open({ keyPair: await createKeyPair(), claims: claimSourceFromObjects(profile, derived) });
  const g = await sharing.grant({ recipient: shop, claim: '/personal/name', level: 'copied', purpose: 'delivery' }, { now: at(0) });
  await sharing.grant({ recipient: shop, claim: 'persona', level: 'borrowed', purpose: 'offers', expiresAt: '2027-01-01T00:00:00Z' }, { now: at(1) });
  await sharing.share(shop, { now: at(2) });
  await sharing.revoke(g.id, { now: at(3) });
  const document = JSON.parse(JSON.stringify(sharing));
  assert.equal(validate(document), true, JSON.stringify(validate.errors));

  const bad = [
    (d) => { d.grants[0].level = 'sold'; },
    (d) => { d.grants[0].extra = 1; },
    (d) => { delete d.grants[1].revokedAt; },
    (d) => { d.grants[0].recipient.origin = 'https://shop.example/path'; },
    (d) => { d.ledger[0].type = 'delete'; },
    (d) => { d.ledger[2].packetDigest = 'short'; },
    (d) => { d.ledger[1].claims = []; },
    (d) => { d.ledger[0].at = 'yesterday'; },
  ];
  for (const [i, spoil] of bad.entries()) {
    const copy = structuredClone(document);
    spoil(copy);
    assert.equal(validate(copy), false, `mutation ${i} must fail the schema`);
    await assert.rejects(Sharing.open({ keyPair: await createKeyPair(), claims: claimSourceFromObjects({}), document: copy }), `mutation ${i} must fail Sharing.open`);
  }
});
