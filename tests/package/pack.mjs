// Packs the package as `npm publish` would and installs the tarball into a copy of a consumer
// folder, so tests see exactly what a user of the published package gets.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

/** Copies tests/package/<name> to a temp folder and installs the packed tarball there. */
export function installConsumer(name) {
  const work = mkdtempSync(join(tmpdir(), `selfcrm-${name}-`));
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' })
    .trim().split('\n').pop();
  const app = join(work, name);
  cpSync(join(root, 'tests/package', name), app, { recursive: true });
  // The one strict consumer of the types, checked here against the installed package.
  cpSync(join(root, 'tests/types/consumer.ts'), join(app, 'consumer.ts'));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', '--silent', join(work, tarball)], { cwd: app });
  return { app, root };
}
