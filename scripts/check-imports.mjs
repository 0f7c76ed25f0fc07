// `web/src` imports one way: each folder is a layer that may import only the layers it is declared
// to build on (and what those build on), never one above it, and no file may reach itself through
// its imports. Type-only imports count: a circle of types is still a circle for the reader.
// Usage: node scripts/check-imports.mjs [SRC_DIR]   (exit 1 and one line per problem on failure)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const src = process.argv[2] ?? new URL('../web/src', import.meta.url).pathname;

/** Layer → the layers directly below it that it builds on. */
const buildsOn = {
  runtime: [], // loader, heap, errors, engine base, time
  share: ['runtime'], // grants, SD-JWT packets, ledger, verification, local DP: no profile knowledge
  scores: ['runtime'],
  segments: ['runtime'],
  text: ['runtime'],
  vault: ['share'],
  insights: ['vault', 'scores', 'segments', 'text'], // the only layer that takes a whole Vault
  storage: ['vault'],
  worker: ['insights', 'share'],
  company: ['share', 'storage'], // the company-side entry: verification and intake (Node: its store uses storage's file lock), no engine
  conversations: ['runtime'], // company side: the conversation plan and the support queue over customer rows
  '.': ['worker', 'storage', 'company', 'conversations'], // the package entry points
  app: ['.'], // the customer's vault app
  'cli/io': ['.'],
  'cli/jobs': ['cli/io'],
  'cli/commands': ['cli/jobs'],
  cli: ['cli/commands'],
};
// Files that belong to a layer other than their folder's.
const layerOfFile = { 'selfcrm.d.mts': 'runtime', 'selfcrm-company.d.mts': 'runtime' }; // the Emscripten glues' types

function layerOf(file) {
  if (layerOfFile[file]) return layerOfFile[file];
  const parts = file.split('/').slice(0, -1);
  for (let n = parts.length; n > 0; --n) {
    const name = parts.slice(0, n).join('/');
    if (name in buildsOn) return name;
  }
  return parts.length === 0 ? '.' : undefined;
}

function below(layer, seen = new Set()) {
  for (const next of buildsOn[layer] ?? []) {
    if (!seen.has(next)) {
      seen.add(next);
      below(next, seen);
    }
  }
  return seen;
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|d\.mts)$/.test(name) ? [path] : [];
  });
}

// Static imports, re-exports, side-effect imports and import() of relative paths.
const importPattern = /(?:^|[\s;])(?:import|export)\b(?!\.)[^'";()]*?(?:from\s*)?['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sourceOf(spec) {
  if (spec.endsWith('.mjs')) return `${spec.slice(0, -4)}.d.mts`;
  if (spec.endsWith('.js')) return `${spec.slice(0, -3)}.ts`;
  return spec;
}

const problems = [];
const graph = new Map();
const all = files(src).map((f) => relative(src, f));
const known = new Set(all);
for (const layer of Object.keys(buildsOn)) {
  if (below(layer).has(layer)) problems.push(`layer ${layer} builds on itself: the layer table has a circle`);
}

for (const file of all) {
  const text = readFileSync(join(src, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  const layer = layerOf(file);
  if (layer === undefined) problems.push(`${file}: its folder is not a layer in scripts/check-imports.mjs`);
  const targets = [];
  for (const m of text.matchAll(importPattern)) {
    const spec = m[1] ?? m[2];
    const target = normalize(join(dirname(file), sourceOf(spec)));
    if (!known.has(target)) {
      problems.push(`${file}: imports ${spec}, which is not a file of web/src`);
      continue;
    }
    targets.push(target);
    const to = layerOf(target);
    if (layer !== undefined && to !== layer && !below(layer).has(to)) {
      problems.push(`${file} (${layer}) imports ${target} (${to}): ${to} is not below ${layer}`);
    }
  }
  graph.set(file, targets);
}

// Tarjan's strongly connected components: any component of more than one file is a circle.
let index = 0;
const state = new Map();
const stack = [];
function visit(file) {
  const s = { index, low: index, onStack: true };
  ++index;
  state.set(file, s);
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    const t = state.get(next);
    if (!t) {
      visit(next);
      s.low = Math.min(s.low, state.get(next).low);
    } else if (t.onStack) s.low = Math.min(s.low, t.index);
  }
  if (s.low === s.index) {
    const component = [];
    let f;
    do {
      f = stack.pop();
      state.get(f).onStack = false;
      component.push(f);
    } while (f !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) {
      problems.push(`import circle: ${component.sort().join(' → ')}`);
    }
  }
}
for (const file of all) if (!state.has(file)) visit(file);

for (const p of problems) console.log(p);
console.log(`imports: ${all.length} files, ${[...graph.values()].reduce((n, t) => n + t.length, 0)} imports, ${problems.length} problems`);
process.exitCode = problems.length === 0 ? 0 : 1;
