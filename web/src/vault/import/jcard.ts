// jCard (RFC 7095) files into an ImportBatch: one card `["vcard", [properties]]` or a list of
// them. Each property is checked against RFC 7095 §3.3 and reported by its JSON path.
import type { ImportBatch, ImportProblem } from './batch.js';
import { mapCard, type CardProperty, type FileSource } from './vcard_map.js';
import type { CardChoice } from './vcard.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readCard(card: unknown, path: string, problems: ImportProblem[]): CardProperty[] | undefined {
  if (!Array.isArray(card) || card[0] !== 'vcard' || !Array.isArray(card[1])) {
    problems.push({ code: 'E_SCHEMA', path, message: 'a jCard is ["vcard", [properties…]]' });
    return undefined;
  }
  const props: CardProperty[] = [];
  (card[1] as unknown[]).forEach((p, i) => {
    const at = `${path}[1][${i}]`;
    if (!Array.isArray(p) || p.length < 4 || typeof p[0] !== 'string' || !isObject(p[1]) || typeof p[2] !== 'string') {
      problems.push({ code: 'E_SCHEMA', path: at, message: 'a property is [name, {parameters}, "value type", value, …]' });
      return;
    }
    if (!/^[a-z0-9-]+$/.test(p[0])) {
      problems.push({ code: 'E_SCHEMA', path: `${at}[0]`, message: `"${p[0]}" is not a property name in lowercase (RFC 7095 §3.3)` });
      return;
    }
    props.push({ name: p[0], params: p[1], type: p[2], values: p.slice(3), path: at });
  });
  const version = props.find((p) => p.name === 'version');
  if (version && version.values[0] !== '4.0') {
    problems.push({ code: 'E_UNSUPPORTED', path: version.path, message: 'jCard is vCard 4.0 (RFC 7095 §3.3.1.1)' });
    return undefined;
  }
  return props;
}

/** Reads a jCard file: the customer's own card mapped, every other card reported as skipped. */
export function readJCard(bytes: Uint8Array, source: FileSource, choice: CardChoice = {}): ImportBatch {
  const batch: ImportBatch = { source: source.source, identities: [], attributes: [], rejects: [], skipped: [] };
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    const message = e instanceof SyntaxError ? e.message : 'not UTF-8 text';
    return { ...batch, rejects: [{ code: 'E_PARSE', path: '$', message: `not JSON: ${message}` }] };
  }
  const several = Array.isArray(document) && Array.isArray(document[0]);
  const cards = several ? (document as unknown[]) : [document];
  const wanted = choice.card ?? 1;
  if (wanted < 1 || wanted > cards.length) {
    batch.rejects.push({ code: 'E_RANGE', path: '$', message: `card ${wanted} was asked for; the file holds ${cards.length}` });
    return batch;
  }
  cards.forEach((card, i) => {
    const path = several ? `$[${i}]` : '$';
    if (i + 1 !== wanted) {
      const fn = Array.isArray(card) && Array.isArray(card[1]) ? (card[1] as unknown[]).find((p) => Array.isArray(p) && p[0] === 'fn') : undefined;
      batch.skipped.push({
        code: 'E_CONFLICT', path,
        message: `card ${i + 1}${Array.isArray(fn) ? ` ("${String(fn[3])}")` : ''} is not imported: only the customer's own card is (card ${wanted}; choose another with the card option)`,
      });
      return;
    }
    const props = readCard(card, path, batch.rejects);
    if (!props) return;
    const found = mapCard(props, source);
    batch.identities.push(...found.identities);
    batch.attributes.push(...found.attributes);
    batch.skipped.push(...found.skipped);
  });
  return batch;
}
