// Runs in its own process (node --test isolates files), so the first ready() here is the one that
// loads, and its options are the ones honoured.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { nps, ready, SelfCrmError } from 'selfcrm';

test('a bad wasmBinary rejects with E_LOAD and a later call can still load', async () => {
  await assert.rejects(ready({ wasmBinary: new Uint8Array([0, 97, 115, 109, 9, 9]) }),
    (e) => e instanceof SelfCrmError && e.code === 'E_LOAD');
  await ready();
  assert.equal(nps([0]).nps, -100);
});
