// A static file server for the demo and the browser tests: loopback only, files under the
// served roots (the repository, or given folders) only, correct MIME types for ES modules and wasm.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ndjson': 'application/x-ndjson',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Serves `root` on `host`:`port` (0 picks a free port); resolves to the listening server.
 * `mounts` maps URL prefixes to other folders (`{ '/samples/': dir }`); `handle(req, res, url)`
 * may answer a request itself (an API route) by returning true.
 */
export function serve({ root = repoRoot, port = 0, host = '127.0.0.1', mounts = {}, handle, headers = {} } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (handle && (await handle(req, res, url))) return;
      const mount = Object.keys(mounts).find((prefix) => url.pathname.startsWith(prefix));
      const base = mount ? mounts[mount] : root;
      const rest = mount ? url.pathname.slice(mount.length - 1) : url.pathname;
      let path = normalize(join(base, decodeURIComponent(rest)));
      if (!path.startsWith(normalize(base + sep)) && path !== normalize(base)) throw new Error('outside');
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      await stat(path);
      res.writeHead(200, {
        'content-type': types[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        ...headers,
      });
      createReadStream(path).pipe(res);
    } catch {
      if (res.headersSent) return res.end();
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
