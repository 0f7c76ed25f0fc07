// An app that installed the package from its tarball and uses it with no configuration at all.
import { createWorker, nps, ready } from 'selfcrm';

await ready();
const answers = [10, 10, 9, 8, 7, 3, 0];
const out = document.getElementById('nps');
out.textContent = String(nps(answers).nps);
const worker = await createWorker();
document.getElementById('nps-worker').textContent = String((await worker.nps(answers)).nps);
worker.terminate();
out.dataset.done = 'yes';
