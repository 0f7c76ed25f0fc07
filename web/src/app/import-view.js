// The Import screen: a contact card, sign-in claims or a platform export picked with a file input,
// read on this device and applied with the same step as `selfcrm vault import --from`. A file with
// problems changes nothing; what was left out is listed with its reason.
import { byTestId, el, replace, say } from './dom.js';

// Loaded when first needed: the readers bring their parsers (ical.js…) with them.
const importers = () => import('../import.js');

const itemLine = (i) => `${i.path || 'file'}: ${i.outcome}${i.code ? ` (${i.code})` : ''}${i.item ? ` ${i.item}` : ''} — ${i.message}`;

export async function wireImport(session) {
  const { importReaders } = await importers();
  const kinds = document.getElementById('import-kind');
  replace(kinds, Object.values(importReaders).map((r) => el('option', { value: r.kind, text: r.describe })));
  kinds.addEventListener('change', () => {
    document.getElementById('import-file').accept = importReaders[kinds.value]?.accept.join(',') ?? '';
  });
  kinds.dispatchEvent(new Event('change'));
  document.getElementById('import-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = document.getElementById('import-file').files?.[0];
    const result = byTestId('import-result');
    if (!file) return say(result, 'Pick a file first.', 'error');
    say(result, `Reading ${file.name}…`);
    const { readImport } = await importers();
    let batch;
    try {
      // An address book holds other people: its reader proposes only rows that share an identity with you.
      const owner = { owner: session.vault.profileJSON().identities, decisions: session.vault.identityDecisions() };
      batch = await readImport(kinds.value, file, file.name, owner);
    } catch (e) {
      return say(result, `${e.code ?? 'Error'}: ${e.message}`, 'error');
    }
    const leftOut = batch.skipped.map((p) => ({ ...p, outcome: 'left out' }));
    if (batch.rejects.length) {
      replace(byTestId('import-items'), [...batch.rejects.map((p) => ({ ...p, outcome: 'rejected' })), ...leftOut].map((i) => el('li', { text: itemLine(i) })));
      return say(result, `${file.name} has ${batch.rejects.length} problem(s): nothing was imported. Fix the file and try again.`, 'error');
    }
    const replacing = document.getElementById('import-replace').checked;
    await session.apply(() => {
      const r = session.vault.applyImport(batch, { replace: replacing });
      replace(byTestId('import-items'), [...r.items, ...leftOut].map((i) => el('li', { 'data-outcome': i.outcome, text: itemLine(i) })));
      say(result, `Imported ${file.name}: ${r.added} added, ${r.merged} merged, ${r.replaced} replaced, ${r.unchanged} already there, ` +
        `${r.skipped} kept as you had them, ${r.rejected} rejected; ${leftOut.length} parts of the file left out (listed below).`, 'ok');
    }, result);
  });
}

/** The sources of each imported item, for the identity and attribute lists and the sources table. */
export function renderProvenance(doc) {
  const entries = doc.provenance ?? [];
  replace(byTestId('provenance').querySelector('tbody'), entries.map((p) => el('tr', {},
    el('td', { text: p.item }), el('td', { text: p.source }), el('td', { text: p.file }), el('td', { text: p.path }),
    el('td', { text: p.importedAt.replace('T', ' ').slice(0, 16) }), el('td', { text: `${p.sha256.slice(0, 12)}…`, title: p.sha256 }))));
  byTestId('provenance-count').textContent = entries.length
    ? `${entries.length} imported values, each with the file, the place in it and when.` : 'Nothing imported yet.';
}
