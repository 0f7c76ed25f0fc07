// vCard 2.1, 3.0 (RFC 2426) and 4.0 (RFC 6350) files into an ImportBatch. ical.js parses each
// content line (names, parameters, escapes, structured and typed values) into jCard; this file adds
// what it leaves out: line numbers, vCard 2.1's bare parameters, and QUOTED-PRINTABLE and base64
// values in their CHARSET.
import ICAL from 'ical.js';

import type { ImportBatch, ImportProblem } from './batch.js';
import { decodeBase64, decodeCharset, decodeQuotedPrintable } from './text_encodings.js';
import { mapCard, type CardProperty, type FileSource } from './vcard_map.js';
import { nameEnd, vcardCards, type ContentLine } from './vcard_lines.js';

export interface CardChoice {
  /** Which card of a file holding several is the customer's own: 1-based (default 1). */
  card?: number;
}

const NAME = /^(?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+$/;
const ENCODING_WORDS = /^(QUOTED-PRINTABLE|BASE64|B|8BIT|7BIT)$/i;
const designs: Record<string, object> = { '4.0': ICAL.design.vcard, '3.0': ICAL.design.vcard3, '2.1': ICAL.design.vcard3 };

// Splits on `sep` outside double-quoted parameter values.
function splitOutsideQuotes(text: string, sep: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; ++i) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === sep && !quoted) out.push(text.slice(start, i)), (start = i + 1);
  }
  out.push(text.slice(start));
  return out;
}

type Parsed = { property: CardProperty } | { problem: ImportProblem; rejected: boolean };

/** One content line as a jCard property, its transfer encoding undone. */
function parseLine(content: ContentLine, design: object): Parsed {
  const path = `line ${content.line}`;
  const reject = (message: string, code: ImportProblem['code'] = 'E_PARSE'): Parsed => ({ problem: { code, path, message }, rejected: true });
  const end = nameEnd(content.text);
  if (end < 0) return reject('no ":" between the property name and its value');
  const [name = '', ...params] = splitOutsideQuotes(content.text.slice(0, end), ';');
  if (!NAME.test(name)) return reject(`"${name}" is not a property name (letters, digits and "-", optionally after "group.")`);
  let encoding = '';
  let charset = 'utf-8';
  const kept: string[] = [];
  for (const param of params) {
    const eq = param.indexOf('=');
    const key = (eq < 0 ? '' : param.slice(0, eq)).trim().toUpperCase();
    const value = (eq < 0 ? param : param.slice(eq + 1)).trim();
    if (eq < 0 && ENCODING_WORDS.test(value)) encoding = value.toUpperCase();
    else if (key === 'ENCODING') encoding = value.toUpperCase();
    else if (key === 'CHARSET') charset = value.replace(/^"|"$/g, '');
    else if (eq < 0) kept.push(`TYPE=${value}`); // vCard 2.1: TEL;WORK;VOICE
    else kept.push(param);
  }
  let value = content.text.slice(end + 1);
  const bare = name.replace(/^.*\./, '').toLowerCase();
  if (encoding === 'QUOTED-PRINTABLE' || encoding === 'B' || encoding === 'BASE64') {
    if (encoding !== 'QUOTED-PRINTABLE' && ['photo', 'logo', 'sound', 'key'].includes(bare)) {
      return { problem: { code: 'E_UNSUPPORTED', path, message: `${bare.toUpperCase()}: pictures, sounds and keys are not imported` }, rejected: false };
    }
    const bytes = encoding === 'QUOTED-PRINTABLE' ? decodeQuotedPrintable(value) : decodeBase64(value);
    if (!bytes) return reject(`a broken ${encoding === 'QUOTED-PRINTABLE' ? 'quoted-printable' : 'base64'} value`);
    const decoded = decodeCharset(bytes, charset);
    if ('error' in decoded) return reject(decoded.error, decoded.error.startsWith('unknown') ? 'E_UNSUPPORTED' : 'E_PARSE');
    // Back into vCard text: a decoded line break is the escape \n; ';' and ',' keep their structure.
    value = decoded.text.replace(/\\/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n');
  }
  try {
    const [pname, pparams, ptype, ...values] = ICAL.parse.property([name, ...kept].join(';') + ':' + value, design) as [string, Record<string, unknown>, string, ...unknown[]];
    return { property: { name: pname, params: pparams, type: ptype, values, path } };
  } catch (e) {
    return reject(`ical.js cannot read this line: ${(e as Error).message}`);
  }
}

/** The text of a vCard file: UTF-8 (RFC 6350 §3.1); another charset only inside encoded values. */
function fileText(bytes: Uint8Array): { text: string } | { problem: ImportProblem } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; ++i) {
      if (i < bytes.length && bytes[i] !== 10) continue;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
      } catch {
        break;
      }
      ++line;
      start = i + 1;
    }
    return { problem: { code: 'E_PARSE', path: `line ${line}`, message: 'not UTF-8: vCard text is UTF-8; other character sets belong in QUOTED-PRINTABLE values with CHARSET' } };
  }
}

/** Reads a vCard file: the customer's own card mapped, every other card reported as skipped. */
export function readVCard(bytes: Uint8Array, source: FileSource, choice: CardChoice = {}): ImportBatch {
  const batch: ImportBatch = { source: source.source, identities: [], attributes: [], rejects: [], skipped: [] };
  const decoded = fileText(bytes);
  if ('problem' in decoded) return { ...batch, rejects: [decoded.problem] };
  const { cards, rejects } = vcardCards(decoded.text);
  batch.rejects.push(...rejects);
  const wanted = choice.card ?? 1;
  if (cards.length && (wanted < 1 || wanted > cards.length)) {
    batch.rejects.push({ code: 'E_RANGE', path: '', message: `card ${wanted} was asked for; the file holds ${cards.length}` });
  }
  cards.forEach((card, i) => {
    const versionLine = card.lines.find((l) => /^VERSION:/i.test(l.text));
    const version = versionLine ? versionLine.text.slice(8).trim() : '3.0';
    const design = designs[version];
    if (!design) {
      batch.rejects.push({ code: 'E_UNSUPPORTED', path: `line ${versionLine?.line ?? card.begin}`, message: `vCard version ${version} (this reader knows 2.1, 3.0 and 4.0)` });
      return;
    }
    const props: CardProperty[] = [];
    for (const line of card.lines) {
      const parsed = parseLine(line, design);
      if ('property' in parsed) props.push(parsed.property);
      else if (i + 1 !== wanted) continue; // someone else's card: reported once, below
      else (parsed.rejected ? batch.rejects : batch.skipped).push(parsed.problem);
    }
    if (i + 1 !== wanted) {
      const name = props.find((p) => p.name === 'fn');
      batch.skipped.push({
        code: 'E_CONFLICT', path: `line ${card.begin}`,
        message: `card ${i + 1}${name ? ` ("${String(name.values[0])}")` : ''} is not imported: only the customer's own card is (card ${wanted}; choose another with the card option)`,
      });
      return;
    }
    const found = mapCard(props, source);
    batch.identities.push(...found.identities);
    batch.attributes.push(...found.attributes);
    batch.skipped.push(...found.skipped);
  });
  return batch;
}
