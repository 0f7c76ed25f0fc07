// `npm start`: the main job on bundled sample data — a batch summary in the terminal, then the
// demo page served on 127.0.0.1 until Ctrl-C.
import { spawnSync } from 'node:child_process';
import { serve } from './serve.mjs';

const cli = new URL('../dist/cli/main.js', import.meta.url).pathname;
const sample = new URL('../demo/data/answers.ndjson', import.meta.url).pathname;

console.log('Batch: selfcrm nps --input demo/data/answers.ndjson');
const batch = spawnSync(process.execPath, [cli, 'nps', '--input', sample], { encoding: 'utf8' });
process.stdout.write(batch.stdout);
process.stdout.write(batch.stderr);
if (batch.status !== 0) process.exit(batch.status ?? 1);

const wanted = Number(process.env.PORT ?? 8080);
let server;
try {
  server = await serve({ port: wanted });
} catch {
  server = await serve({ port: 0 }); // the usual port is taken: any free one will do
}
const { port } = server.address();
console.log(`\nDemo: http://127.0.0.1:${port}/demo/  (Ctrl-C to stop)`);
