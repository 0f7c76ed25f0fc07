// `--format csv`: each result line becomes one row of scalar columns a spreadsheet can sort and
// filter. Nested members become dotted columns; explanations stay in the NDJSON and JSON formats.
import { Cues, Segments } from '../../index.node.js';

/** What the rows cannot tell by themselves: every segment the pack can assign. */
export interface CsvShape {
  segmentNames?: readonly string[];
  /** Intent cues counted in `feedback.intents`, each its own column (0 when absent). */
  cueNames?: readonly string[];
}

// Explanations: too deep for a cell (lists of records are left out by flattenInto too).
const skipped = new Set(['explain', 'because']);

type Row = Record<string, unknown>;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Scalars as they are, lists of scalars joined with ";", objects as dotted columns. */
export function flattenInto(out: Row, value: Record<string, unknown>, prefix: string): Row {
  for (const [key, v] of Object.entries(value)) {
    if (skipped.has(key)) continue;
    const name = `${prefix}${key}`;
    if (isObject(v)) flattenInto(out, v, `${name}.`);
    else if (Array.isArray(v)) {
      if (v.every((x) => x === null || typeof x !== 'object')) out[name] = v.join(';');
    } else out[name] = v;
  }
  return out;
}

function nameOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isObject(v) && typeof v.name === 'string') return v.name;
  return undefined;
}

/** One result (score, analyze, segment, nps, sentiment…) as a flat row. */
export function csvRow(result: Row, shape: CsvShape = {}): Row {
  const out: Row = {};
  // Who the row is about first, whatever order the engine wrote the members in.
  for (const key of ['line', 'id', 'persona']) if (key in result) out[key] = undefined;
  for (const [key, v] of Object.entries(result)) {
    if (key === 'scores' && isObject(v)) {
      flattenInto(out, v, ''); // rfm.recencyDays, clv.value, …
    } else if (key === 'feedback' && isObject(v)) {
      const { intents, ...rest } = v;
      flattenInto(out, rest, 'feedback.');
      const counts = isObject(intents) ? intents : {};
      for (const cue of shape.cueNames ?? Object.keys(counts)) out[`intents.${cue}`] = counts[cue] ?? 0;
    } else if (key === 'segments') {
      // analyze: {segments: [{name…}], plans: [{name, points}]}; segment: [names] or [{name…}]
      const list = Array.isArray(v) ? v : isObject(v) && Array.isArray(v.segments) ? v.segments : [];
      const members = new Set(list.map(nameOf));
      for (const name of shape.segmentNames ?? [...members].filter((n): n is string => n !== undefined)) out[`segment:${name}`] = members.has(name);
      if (isObject(v) && Array.isArray(v.plans)) for (const p of v.plans) if (isObject(p)) out[`plan:${String(p.name)}`] = p.points;
    } else if (key === 'plans' && isObject(v)) {
      for (const [name, points] of Object.entries(v)) out[`plan:${name}`] = points;
    } else if (key === 'persona') {
      // analyze: {persona: {name…} | null, matches}; segment: name, {name…} or null
      out.persona = (isObject(v) && 'matches' in v ? nameOf(v.persona) : nameOf(v)) ?? null;
    } else if (skipped.has(key)) {
      continue;
    } else if (isObject(v)) {
      flattenInto(out, v, `${key}.`);
    } else if (Array.isArray(v)) {
      out[key] = v.map((x) => nameOf(x) ?? (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(';');
    } else {
      out[key] = v;
    }
  }
  return out;
}

export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The columns CSV rows of analyze results always have: one per segment of the pack, one per cue. */
export function csvShape(segmentPack: string | undefined) {
  const segments = segmentPack === undefined ? Segments.default() : Segments.fromJSON(segmentPack);
  try {
    return { segmentNames: segments.names, cueNames: Object.keys(Cues) };
  } finally {
    segments.dispose();
  }
}
