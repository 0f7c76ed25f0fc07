import { checkLines, type BatchChunkResult, type LineOptions } from '../runtime/batch.js';
import { companyWasm } from '../runtime/company_loader.js';
import { checkOptions } from '../runtime/options.js';
import { SelfCrmError, unwrap, unwrapLines } from '../runtime/errors.js';
import { withBytes, withDoubles } from '../runtime/heap.js';
import { wasm } from '../runtime/loader.js';

/** The Net Promoter category of one answer. */
export type NpsCategory = 'promoter' | 'passive' | 'detractor';

/** A population's Net Promoter Score with its sampling uncertainty. */
export interface NpsSummary {
  /** NPS on the −100…100 scale: % promoters − % detractors. */
  nps: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Number of answers counted. */
  n: number;
  /** Wald standard error, in NPS points: 100·√((p₊ + p₋ − (p₊ − p₋)²) / n). */
  standardError: number;
  /** 95% interval nps ± 1.96·SE, clipped to [−100, 100]; zero width when all answers agree. */
  ci95: [number, number];
}

/**
 * Classifies one 0–10 answer: 9–10 promoter, 7–8 passive, 0–6 detractor.
 * @throws SelfCrmError `E_RANGE` unless `score` is an integer from 0 to 10.
 */
export function classifyNps(score: number): NpsCategory {
  if (typeof score !== 'number') {
    throw new SelfCrmError('E_SCHEMA', 'an NPS answer must be a number');
  }
  return unwrap<NpsCategory>(wasm().npsClassify(score));
}

function toDoubles(answers: ArrayLike<number> | Iterable<number>): ArrayLike<number> {
  if (ArrayBuffer.isView(answers) && !(answers instanceof DataView)) {
    if (typeof (answers as unknown as ArrayLike<unknown>)[0] === 'bigint') {
      throw new SelfCrmError('E_SCHEMA', 'answers must be numbers, not BigInts');
    }
    return answers as unknown as ArrayLike<number>;
  }
  const list = Array.isArray(answers)
    ? (answers as unknown[])
    : answers != null && typeof (answers as Iterable<unknown>)[Symbol.iterator] === 'function'
      ? Array.from(answers as Iterable<unknown>)
      : undefined;
  if (!list) throw new SelfCrmError('E_SCHEMA', 'answers must be an array or a typed array of numbers');
  for (let i = 0; i < list.length; ++i) {
    if (typeof list[i] !== 'number') {
      throw new SelfCrmError('E_SCHEMA', 'an NPS answer must be a number', `/${i}`);
    }
  }
  return list as number[];
}

/**
 * Net Promoter Score of many 0–10 answers, in one call into the engine.
 * @throws SelfCrmError `E_RANGE` with the path of the first bad answer (`/3`), `E_EMPTY` for no
 *   answers, `E_SCHEMA` when an answer is not a number.
 */
export function nps(answers: ArrayLike<number> | Iterable<number>): NpsSummary {
  const values = toDoubles(answers);
  return withDoubles(values, (pointer, count) => unwrap<NpsSummary>(wasm().npsSummary(pointer, count)));
}

/** One customer's figures for populationAdvocacy(): their latest answer (null when none) and referrals. */
export interface AdvocacyInput {
  latestScore: number | null;
  referrals: number;
  convertedReferrals: number;
}

/** Intended against actual recommendation over a population (the core's populationAdvocacy). */
export interface PopulationAdvocacy {
  /** Over the customers who answered; null when nobody did. */
  nps: NpsSummary | null;
  promoters: number;
  promotersWhoReferred: number;
  /** promotersWhoReferred / promoters (0 when none). */
  promoterReferralShare: number;
  referrals: number;
  converted: number;
  /** converted / referrals (0 when none). */
  referralConversion: number;
  /** Customers who referred someone without being promoters. */
  silentAdvocates: number;
}

/**
 * NPS with advocacy figures for a population, in one call into the company module (Node loads it
 * on first use; a page calls `await readyCompany()`).
 * @throws SelfCrmError `E_RANGE` with the path of the first bad customer (`/3/referrals`, `/0/converted`).
 */
export function populationAdvocacy(customers: readonly AdvocacyInput[]): PopulationAdvocacy {
  const rows = new Float64Array(customers.length * 3);
  customers.forEach((c, i) => {
    rows[3 * i] = c.latestScore ?? Number.NaN;
    rows[3 * i + 1] = c.referrals;
    rows[3 * i + 2] = c.convertedReferrals;
  });
  const mod = companyWasm();
  return withDoubles(rows, (pointer) => unwrap<PopulationAdvocacy>(mod.npsAdvocacy(pointer, customers.length)), mod);
}

/**
 * Classifies every `{"id", "score"}` line of an NDJSON chunk in one call: one
 * `{"category","id","score"}` line out per valid line, bad lines as rejects. `firstLine` numbers
 * the chunk's first line within the whole input.
 */
export function classifyNpsLines(chunk: string | Uint8Array, options?: LineOptions): BatchChunkResult {
  const firstLine = checkLines(chunk, checkOptions(options));
  return withBytes(chunk, (pointer, bytes) =>
    unwrapLines<BatchChunkResult>(wasm().npsClassifyNdjson(pointer, bytes, firstLine)),
  );
}
