// Rewrites the JS that tsc put in dist/ so that an entry point loads a few files, not one per
// module: Node and browsers pay for every file of an import graph (68 files made `import('selfcrm')`
// take 51 ms in Node). Every dist path keeps its file and its exports, so deep imports still work,
// but most files become re-exports from shared chunks (dist/chunks/): one copy of each module, hence
// one `SelfCrmError` class and one loaded wasm module, whichever path reaches them.
// Usage: node scripts/bundle-dist.mjs   (right after tsc, before other files join dist/: build.sh dist)
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
if (existsSync(join(dist, 'chunks'))) throw new Error('bundle-dist: dist/ is bundled already; run it once, right after tsc');
const modules = readdirSync(dist, { recursive: true }).filter((f) => f.endsWith('.js')).map((f) => join(dist, f));
const nameOf = (file) => relative(dist, file).replace(/\.js$/, '');

// `new URL('./…', import.meta.url)` finds a file (the wasm, a worker) relative to the module's own
// path, which changes when the module moves into a chunk: such paths are rewritten for the chunk.
const urlPattern = /new URL\(\s*(['"])(\.\.?\/[^'"]*)\1(\s*,\s*import\.meta\.url\s*\))/g;
const located = new Map(modules.map((f) => [f, [...readFileSync(f, 'utf8').matchAll(urlPattern)].map((m) => resolve(dirname(f), m[2]))]));
const workers = new Set([...located.values()].flat().filter((f) => located.has(f)));
const marker = '@selfcrm-dist/';
const relocate = {
  transform(code, id) {
    if (!located.get(id)?.length) return null;
    return code.replace(urlPattern, (_, q, path, rest) => `new URL(${q}${marker}${relative(dist, resolve(dirname(id), path))}${path.endsWith('/') ? '/' : ''}${q}${rest}`);
  },
  renderChunk(code, chunk) {
    if (!code.includes(marker)) return null;
    const from = dirname(join(dist, chunk.fileName));
    return code.replaceAll(new RegExp(`${marker}([^'"]*)`, 'g'), (_, path) => {
      const rel = relative(from, join(dist, path)) + (path.endsWith('/') ? '/' : '');
      return rel.startsWith('.') ? rel : `./${rel}`;
    });
  },
};

// The package's entry points. Browser ones (exports outside the "node" condition) must never load a
// chunk of Node-only code.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const entries = new Map(); // file → 'browser' | 'node'
const collect = (target, condition) => {
  if (typeof target === 'string') {
    if (target.endsWith('.js')) entries.set(join(root, target), condition === 'node' ? 'node' : 'browser');
  } else for (const [c, t] of Object.entries(target)) if (c !== 'types') collect(t, condition ?? (c === 'node' ? c : undefined));
};
for (const [subpath, target] of Object.entries(pkg.exports)) if (!subpath.includes('*')) collect(target);
for (const bin of Object.values(pkg.bin)) entries.set(join(root, bin), 'node');

/**
 * Module → chunk name: the browser entries that load it (a worker's code counts as its starter's),
 * or if none, the Node entries. Chunks then hold only what all of their loaders need, except that
 * Node entries also load browser chunks.
 */
const chunkOf = new Map();
const chunking = {
  name: 'selfcrm-chunks',
  ...relocate,
  buildEnd() {
    const reach = (file, seen = new Set()) => {
      if (seen.has(file)) return seen;
      seen.add(file);
      const started = (located.get(file) ?? []).filter((f) => workers.has(f));
      for (const next of [...(this.getModuleInfo(file)?.importedIds ?? []), ...started]) reach(next, seen);
      return seen;
    };
    const users = new Map();
    for (const [entry, kind] of entries) {
      for (const file of reach(entry)) {
        if (!users.has(file)) users.set(file, { browser: [], node: [] });
        users.get(file)[kind].push(nameOf(entry).replace(/\W+/g, '_'));
      }
    }
    for (const [file, u] of users) {
      // Running an entry or worker means running its top-level code: never as a chunk's side effect.
      if (entries.has(file) || workers.has(file)) continue;
      chunkOf.set(file, (u.browser.length ? u.browser : u.node).sort().join('+'));
    }
  },
};

const bundle = await rolldown({
  input: Object.fromEntries(modules.map((f) => [nameOf(f), f])),
  // The Emscripten glues stay next to their .wasm files; packages and built-ins are the user's.
  external: (id) => !/^[./]/.test(id) || /[\\/]selfcrm(-company)?\.mjs$/.test(id),
  platform: 'neutral',
  preserveEntrySignatures: 'allow-extension',
  plugins: [chunking],
  logLevel: 'warn',
});
const { output } = await bundle.generate({
  format: 'esm',
  entryFileNames: '[name].js',
  chunkFileNames: 'chunks/[name]-[hash].js',
  codeSplitting: { includeDependenciesRecursively: false, groups: [{ debugName: 'by entries', name: (id) => chunkOf.get(id) ?? null }] },
});
// The build reads its inputs lazily: only now may tsc's files give way.
for (const f of modules) rmSync(f);
for (const chunk of output) {
  mkdirSync(dirname(join(dist, chunk.fileName)), { recursive: true });
  writeFileSync(join(dist, chunk.fileName), chunk.type === 'chunk' ? chunk.code : chunk.source);
}
const chunks = output.filter((o) => o.type === 'chunk' && !o.isEntry);
console.log(`bundle-dist: ${modules.length} modules, ${chunks.length} chunks: ${chunks.map((c) => `${c.name} (${c.moduleIds.length})`).join(', ')}`);
