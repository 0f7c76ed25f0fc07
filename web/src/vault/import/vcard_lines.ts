// The line layer of a vCard file (RFC 6350 §3.2, vCard 2.1 §2.1.3): physical lines unfolded into
// content lines, each remembering the line it started on (provenance and errors name it), grouped
// into BEGIN:VCARD … END:VCARD cards. ical.js parses the content of each line; this layer exists
// because it reports neither line numbers nor 2.1's quoted-printable soft line breaks.
import type { ImportProblem } from './batch.js';

export interface ContentLine {
  /** 1-based physical line the content line starts on. */
  line: number;
  text: string;
}

export interface CardLines {
  /** The BEGIN:VCARD line. */
  begin: number;
  /** The content lines between BEGIN and END. */
  lines: ContentLine[];
}

/** Where the property's name and parameters end: the first ':' outside a quoted parameter value. */
export function nameEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

// A 2.1 quoted-printable value continues on the next line after a trailing '=' (soft break).
function softBreak(text: string): boolean {
  const end = nameEnd(text);
  return end > 0 && text.endsWith('=') && /;\s*(ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(;|$)/i.test(text.slice(0, end));
}

// A 2.1 base64 value may run on over unindented lines until a blank line (vCard 2.1 §2.1.3).
function base64Run(text: string, next: string): boolean {
  const end = nameEnd(text);
  return end > 0 && /;\s*(ENCODING\s*=\s*)?BASE64\s*(;|$)/i.test(text.slice(0, end)) && /^[A-Za-z0-9+/=]+$/.test(next);
}

function unfold(text: string): ContentLine[] {
  const physical = text.split(/\r\n|\n|\r/);
  const out: ContentLine[] = [];
  let current: ContentLine | undefined;
  physical.forEach((raw, i) => {
    if (current && (raw.startsWith(' ') || raw.startsWith('\t'))) {
      current.text = softBreak(current.text) ? current.text.slice(0, -1) + raw.slice(1) : current.text + raw.slice(1);
    } else if (current && softBreak(current.text)) {
      current.text = current.text.slice(0, -1) + raw;
    } else if (current && base64Run(current.text, raw)) {
      current.text += raw;
    } else if (raw.trim() === '') {
      current = undefined;
    } else {
      current = { line: i + 1, text: raw };
      out.push(current);
    }
  });
  return out;
}

const fail = (line: number, message: string, code: ImportProblem['code'] = 'E_PARSE'): ImportProblem => ({ code, path: `line ${line}`, message });

/** The cards of a vCard file, and what in it is not a card's content line. */
export function vcardCards(text: string): { cards: CardLines[]; rejects: ImportProblem[] } {
  const cards: CardLines[] = [];
  const rejects: ImportProblem[] = [];
  let open: CardLines | undefined;
  for (const content of unfold(text.startsWith('\uFEFF') ? text.slice(1) : text)) {
    const upper = content.text.trim().toUpperCase();
    if (upper === 'BEGIN:VCARD') {
      if (open) rejects.push(fail(content.line, `BEGIN:VCARD inside the card begun at line ${open.begin} (a card never nests)`));
      open = { begin: content.line, lines: [] };
    } else if (upper === 'END:VCARD') {
      if (!open) rejects.push(fail(content.line, 'END:VCARD without a BEGIN:VCARD'));
      else cards.push(open);
      open = undefined;
    } else if (!open) {
      rejects.push(fail(content.line, 'content outside BEGIN:VCARD … END:VCARD'));
    } else {
      open.lines.push(content);
    }
  }
  if (open) rejects.push(fail(open.begin, 'the card begun here has no END:VCARD (the file is cut short?)'));
  if (cards.length === 0 && rejects.length === 0) rejects.push({ code: 'E_EMPTY', path: 'line 1', message: 'no BEGIN:VCARD: not a vCard file' });
  return { cards, rejects };
}
