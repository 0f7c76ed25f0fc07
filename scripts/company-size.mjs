// The size of `selfcrm/company` as a browser downloads it: every module its entry imports, gzip.
//   node scripts/company-size.mjs [--bundle]   (--bundle: also one minified bundle by rolldown)
// Also the guard of the entry's promise: nothing it imports loads the wasm or a Node built-in.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
export const entry = join(root, 'dist/company/index.js');

/**
 * The entry's static import closure (relative imports; anything else is returned as a bare name),
 * and the modules it holds: dist/ paths, including those bundled into chunks (scripts/bundle-dist.mjs),
 * which rolldown heads with a `// dist/…` line.
 */
export function closure(file = entry) {
  const files = new Set();
  const bare = new Set();
  const modules = new Set();
  const visit = (path) => {
    if (files.has(path)) return;
    files.add(path);
    const text = readFileSync(path, 'utf8');
    modules.add(relative(join(root, 'dist'), path));
    for (const m of text.matchAll(/^\/\/ dist\/(\S+\.js)$/gm)) modules.add(m[1]);
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2];
      if (spec.startsWith('.')) visit(join(dirname(path), spec));
      else bare.add(spec);
    }
  };
  visit(file);
  return { files: [...files], bare: [...bare], modules: [...modules] };
}

/** gzip bytes of the closure as one stream (what a bundler would serve before minifying). */
export function gzipSize(files) {
  return gzipSync(Buffer.concat(files.map((f) => readFileSync(f))), { level: 9 }).length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, bare } = closure();
  console.log(`selfcrm/company: ${files.length} modules, ${bare.length ? `bare imports ${bare.join(', ')}` : 'no bare imports'}`);
  for (const f of files) console.log(`  ${relative(root, f)}`);
  console.log(`gzip, unminified, comments kept: ${(gzipSize(files) / 1024).toFixed(1)} KB`);
  if (process.argv.includes('--bundle')) {
    const { rolldown } = await import('rolldown');
    const bundle = await rolldown({ input: entry, logLevel: 'silent' });
    const { output } = await bundle.generate({ format: 'esm', minify: true });
    const code = output.map((o) => o.code ?? '').join('');
    console.log(`gzip, one minified bundle (rolldown): ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1)} KB (${(code.length / 1024).toFixed(1)} KB raw)`);
  }
}
