// The installed package's version, read from its package.json: found by walking up from this
// file, so it holds wherever the build puts the CLI inside the package.
import { readFile } from 'node:fs/promises';

export async function packageVersion(): Promise<string> {
  for (let dir = new URL('./', import.meta.url); ; dir = new URL('../', dir)) {
    try {
      const pkg = JSON.parse(await readFile(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'selfcrm' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no package.json here: keep walking up
    }
    if (dir.pathname === '/') return 'unknown';
  }
}
