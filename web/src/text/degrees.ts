import { SelfCrmError, unwrap } from '../runtime/errors.js';
import { wasm } from '../runtime/loader.js';
import { withTexts } from '../runtime/text_heap.js';
import type { CueName } from './text.js';

/** One interaction as the six-degree classifier reads it. */
export interface InteractionInput {
  /** ISO-8601 string or seconds since the epoch; orders messages within a thread. */
  at?: string | number;
  direction: 'customer-to-business' | 'business-to-customer';
  isPublic?: boolean;
  /** People in the conversation, the customer included (default 2). */
  participants?: number;
  threadId?: string;
  replyExpected?: boolean;
  replyReceived?: boolean;
  text?: string;
}

export interface InteractionDegree {
  index: number;
  side: 'customer' | 'business';
  /** 1…6 on the side's continuum. */
  degree: number;
  compound: number;
  cues: CueName[];
}

export interface DegreeDistribution {
  /** Counts of degrees 1…6. */
  counts: number[];
  shares: number[];
  n: number;
}

export interface DegreeProfile {
  interactions: InteractionDegree[];
  customer: DegreeDistribution;
  business: DegreeDistribution;
  /** (mean customer degree − 1) / 5 in [0, 1]; null without customer-initiated interactions. */
  sociability: number | null;
}

const FIELDS = 7;

function flag(value: unknown, path: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'boolean') throw new SelfCrmError('E_SCHEMA', 'must be a boolean', path);
  return value ? 1 : 0;
}

/**
 * Places each interaction of one profile on the six degrees of social interaction and sums up
 * the profile (see the README's "Text" section for the rules).
 * @throws SelfCrmError `E_SCHEMA` or `E_RANGE` with the path of the bad field (`/2/participants`).
 */
export function classifyInteractions(interactions: readonly InteractionInput[]): DegreeProfile {
  if (!Array.isArray(interactions)) throw new SelfCrmError('E_SCHEMA', 'interactions must be an array');
  const n = interactions.length;
  const fields = new Float64Array(n * FIELDS);
  const texts: string[] = [];
  const threads = new Map<string, number>();
  interactions.forEach((r: InteractionInput, i) => {
    const at = `/${i}`;
    if (r === null || typeof r !== 'object') throw new SelfCrmError('E_SCHEMA', 'an interaction must be an object', at);
    let seconds = 0;
    if (typeof r.at === 'string') {
      const ms = Date.parse(r.at);
      if (Number.isNaN(ms)) throw new SelfCrmError('E_PARSE', 'not an ISO-8601 time', `${at}/at`);
      seconds = Math.floor(ms / 1000);
    } else if (typeof r.at === 'number') seconds = r.at;
    else if (r.at !== undefined) throw new SelfCrmError('E_SCHEMA', 'must be a string or a number', `${at}/at`);
    if (r.direction !== 'customer-to-business' && r.direction !== 'business-to-customer') {
      throw new SelfCrmError('E_SCHEMA', 'must be "customer-to-business" or "business-to-customer"', `${at}/direction`);
    }
    const participants = r.participants ?? 2;
    if (typeof participants !== 'number') throw new SelfCrmError('E_SCHEMA', 'must be a number', `${at}/participants`);
    let thread = -1;
    if (r.threadId !== undefined && r.threadId !== '') {
      if (typeof r.threadId !== 'string') throw new SelfCrmError('E_SCHEMA', 'must be a string', `${at}/threadId`);
      if (!threads.has(r.threadId)) threads.set(r.threadId, threads.size);
      thread = threads.get(r.threadId) as number;
    }
    const text = r.text ?? '';
    if (typeof text !== 'string') throw new SelfCrmError('E_SCHEMA', 'must be a string', `${at}/text`);
    fields.set(
      [
        seconds,
        r.direction === 'business-to-customer' ? 1 : 0,
        flag(r.isPublic, `${at}/isPublic`),
        participants,
        thread,
        flag(r.replyExpected, `${at}/replyExpected`),
        flag(r.replyReceived, `${at}/replyReceived`),
      ],
      i * FIELDS,
    );
    texts.push(text);
  });
  return withTexts(texts, n * FIELDS * 8, (b, out) => {
    const mod = wasm();
    mod.HEAPF64.set(fields, out / 8);
    return unwrap<DegreeProfile>(mod.textClassifyInteractions(b.bytes, b.length, b.offsets, out, n));
  });
}
