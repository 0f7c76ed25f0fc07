import { nps, ready, SelfCrmError } from 'selfcrm';

await ready();
let code = '';
try {
  nps([42]);
} catch (e) {
  code = e instanceof SelfCrmError ? e.code : 'wrong type';
}
console.log(JSON.stringify({ nps: nps([10, 10, 9, 8, 7, 3, 0]).nps, code }));
