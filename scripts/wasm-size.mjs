// What makes selfcrm.wasm big (issue #10): section sizes raw and gzip, and code bytes per function
// grouped by origin. Names need a module linked with --profiling-funcs, e.g. rerun the em++ line of
// build-wasm/wasm/CMakeFiles/selfcrm_wasm.dir/link.txt with `-o /tmp/prof/selfcrm.mjs --profiling-funcs`.
//   node scripts/wasm-size.mjs FILE.wasm [--top N] [--full] [--json]   (--full: names not shortened)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 40;
const bytes = readFileSync(file);

let pos = 0;
const u32 = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return result;
  }
};
const str = () => {
  const n = u32();
  const s = bytes.toString('utf8', pos, pos + n);
  pos += n;
  return s;
};

pos = 8;
const sections = [];
let importedFunctions = 0;
const bodies = [];
const names = new Map();
const sectionNames = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start',
  'element', 'code', 'data', 'datacount', 'tag'];
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = u32();
  const start = pos;
  const end = pos + size;
  let name = sectionNames[id] ?? `#${id}`;
  if (id === 0) name = `custom:${str()}`;
  sections.push({ name, bytes: bytes.subarray(start, end) });
  if (id === 2) {
    for (let n = u32(); n > 0; --n) {
      str();
      str();
      const kind = bytes[pos++];
      if (kind === 0) { u32(); ++importedFunctions; }
      else if (kind === 1) { pos++; const f = u32(); u32(); if (f & 1) u32(); }
      else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); }
      else if (kind === 3) { pos += 2; }
      else if (kind === 4) { pos++; u32(); }
    }
  } else if (id === 10) {
    for (let n = u32(), i = 0; i < n; ++i) {
      const s = u32();
      bodies.push({ index: importedFunctions + i, size: s });
      pos += s;
    }
  } else if (name === 'custom:name') {
    while (pos < end) {
      const sub = bytes[pos++];
      const subSize = u32();
      const subEnd = pos + subSize;
      if (sub === 1) {
        for (let n = u32(); n > 0; --n) {
          const idx = u32();
          names.set(idx, str());
        }
      }
      pos = subEnd;
    }
  }
  pos = end;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${file}: ${kb(bytes.length)} raw, ${kb(gzipSync(bytes, { level: 9 }).length)} gzip`);
for (const s of sections) {
  console.log(`  section ${s.name.padEnd(28)} ${kb(s.bytes.length).padStart(10)} raw ${kb(gzipSync(s.bytes, { level: 9 }).length).padStart(10)} gzip`);
}

/** The qualified name a demangled signature declares: template arguments and parameters dropped,
 * a leading return type skipped (emscripten's name section holds demangled names). */
function ownName(n) {
  let depth = 0;
  let out = '';
  for (let i = 0; i < n.length; ++i) {
    const c = n[i];
    if (c === '<') { ++depth; continue; }
    if (c === '>') { --depth; continue; }
    if (depth > 0) continue;
    if (c === '(' && !/(anonymous namespace$)|operator$/.test(out) && !n.startsWith('(anonymous', i)) break;
    if (c === ' ' && !/operator$|anonymous$/.test(out) && !n.startsWith('namespace', i + 1)) { out = ''; continue; }
    out += c;
  }
  return out;
}

function group(n) {
  if (!n) return '(unnamed)';
  const own = ownName(n);
  if (/^nlohmann::/.test(own)) return 'nlohmann::json (its own templates)';
  if (/^(emscripten::|_embind_|embind_|__embind)/.test(own) || /EMSCRIPTEN_BINDINGS|EmscriptenBindingInitializer/.test(n)) return 'Embind';
  if (/^std::__2::(basic_(o|i)?stringstream|basic_ostream|basic_istream|basic_ios|basic_streambuf|basic_stringbuf|ios_base|locale|ctype|num_put|num_get|codecvt|moneypunct|money_|time_put|time_get|messages|collate|numpunct|__num_|__money|__time|__codecvt)/.test(own))
    return 'libc++ iostreams/locale';
  if (/^(__cxa_|__cxxabiv1|_Unwind|__gxx_personality|std::exception|std::bad_|std::logic_error|std::runtime_error|std::out_of_range|std::invalid_argument|std::length_error|std::__2::__throw|std::terminate|__cxa)/.test(own))
    return 'libc++abi exceptions/RTTI';
  if (/^(dlmalloc|dlfree|dlrealloc|dlcalloc|dlmemalign|internal_memalign|emmalloc|malloc|free|realloc|calloc|sbrk|dispose_chunk|tmalloc|prepend_alloc|init_mparams|mallinfo|posix_memalign|aligned_alloc|try_realloc|change_mparams|internal_mallinfo|operator new|operator delete)/.test(own))
    return 'malloc, new/delete';
  if (/printf|^(fmt_|pop_arg|out|pad|getint|fmt_fp|frexp|strtod|__floatscan|__intscan|scanf|vsscanf|__shgetc|__shlim|strtox|decfloat|hexfloat|scanexp|copysignl|scalbn|scalbnl|fmodl|wcrtomb|wctomb|__towrite|__fwritex|sn_write|__lockfile|__unlockfile|fwrite|__stdio|strtof|strtold|__trunctfdf2|__extenddftf2|__multf3|__addtf3|__subtf3|__letf2|__getf2|__eqtf2|__netf2|__floatsitf|__floatunsitf|__fixtfsi|__fixunstfsi|__divtf3|__unordtf2|__lttf2|__gttf2|__ashlti3|__lshrti3|__multi3|fmt_x|fmt_o|fmt_u|atoi|strtol|strtoll|strtoul|strtoull)$/.test(own))
    return 'libc stdio, strtod, soft long double';
  if (/^selfcrm::wasm::|^selfcrm::guarded|^selfcrm::errorEnvelope/.test(own)) return 'selfcrm::wasm (bindings, envelope)';
  if (/^selfcrm::/.test(own)) {
    const [, second] = own.split('::');
    return /^[a-z]/.test(second) && own.split('::').length > 2 ? `selfcrm::${second}` : 'selfcrm:: (vault, profile JSON, core)';
  }
  if (/^std::/.test(own)) return /selfcrm::/.test(n) ? 'libc++ templates for selfcrm types (sort, containers)' : 'libc++ other';
  if (/^(__|_)/.test(own) || /^[a-z_0-9]+$/.test(own)) return 'libc / compiler-rt';
  return 'other';
}

const rows = bodies.map((b) => ({ ...b, name: names.get(b.index) ?? `f${b.index}`, group: group(names.get(b.index)) }));
const total = rows.reduce((s, r) => s + r.size, 0);
const groups = new Map();
for (const r of rows) {
  const g = groups.get(r.group) ?? { size: 0, count: 0 };
  g.size += r.size;
  g.count += 1;
  groups.set(r.group, g);
}
console.log(`\ncode: ${rows.length} functions, ${kb(total)}`);
for (const [g, v] of [...groups].sort((a, b) => b[1].size - a[1].size)) {
  console.log(`  ${kb(v.size).padStart(10)} ${((100 * v.size) / total).toFixed(1).padStart(5)}% ${String(v.count).padStart(5)} fns  ${g}`);
}
console.log(`\nlargest ${top} functions:`);
for (const r of rows.sort((a, b) => b.size - a.size).slice(0, top)) {
  console.log(`  ${String(r.size).padStart(7)}  ${(args.includes("--full") ? r.name : r.name.slice(0, 160))}`);
}
if (args.includes('--json')) {
  console.log(JSON.stringify(rows));
}
