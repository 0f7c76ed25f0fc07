// Unary-encoded (RAPPOR-style) randomized response: one bit per category, so the estimate's
// variance does not grow with the number of categories (personas, segments). Same options, terms
// and estimate shapes as the direct encoding in ldp.ts.
import { SelfCrmError, unwrap } from '../runtime/errors.js';
import { withBytes, withDoubles } from '../runtime/heap.js';
import { wasm } from '../runtime/loader.js';
import { checkOptions, cryptoUniform, describe, privacyTerms, type FrequencyEstimate, type LdpOptions, type PrivacyTerms, type RandomizedEstimate, type RandomizedNpsEstimate, type RawFrequencies } from './ldp.js';

export interface UnaryAnswer {
  /** What is sent to the company: one 0/1 flag per category, in the order of `categories`. */
  bits: number[];
  terms: PrivacyTerms;
}

/**
 * Randomizes answers into unary reports. `uniforms` (k per answer, row by row) supplies the draws
 * for tests and simulations; by default they come from crypto.getRandomValues.
 * @throws SelfCrmError E_RANGE at `/answers/i` for an answer not in `categories`.
 */
export function unaryResponses(answers: readonly string[], options: Omit<LdpOptions, 'encoding'> & { uniforms?: ArrayLike<number> }): UnaryAnswer[] {
  const { categories, epsilon } = checkOptions({ ...options, encoding: 'unary' });
  if (!Array.isArray(answers)) throw new SelfCrmError('E_SCHEMA', 'answers must be an array of strings', '/answers');
  const k = categories.length;
  const truths = answers.map((a, i) => {
    const index = categories.indexOf(a as string);
    if (index < 0) throw new SelfCrmError('E_RANGE', 'not one of the categories', `/answers/${i}`);
    return index;
  });
  const given = options.uniforms;
  if (given !== undefined && given.length !== answers.length * k) throw new SelfCrmError('E_SCHEMA', 'k uniform draws per answer', '/uniforms');
  const uniforms = Array.from({ length: answers.length * k }, (_, i) => (given ? Number(given[i]) : cryptoUniform()));
  const terms = privacyTerms({ categories, epsilon, encoding: 'unary' });
  const n = truths.length;
  const bits = withDoubles([...truths, ...uniforms], (pointer) =>
    unwrap<number[]>(wasm().ldpUnaryRandomize(pointer, pointer + n * 8, n, k, epsilon)),
  );
  return truths.map((_, i) => ({ bits: bits.slice(i * k, i * k + k), terms }));
}

/** Randomizes one answer into a unary report with cryptographic draws. */
export function unaryResponse(answer: string, options: Omit<LdpOptions, 'encoding'>): UnaryAnswer {
  return unaryResponses([answer], options)[0] as UnaryAnswer;
}

const npsCategories = ['detractor', 'passive', 'promoter'];

/**
 * The company's estimate from unary reports (each an array of k flags, 0/1 or booleans).
 * @throws E_RANGE at `/reports/i/j` for a flag that is not 0/1, E_SCHEMA at `/reports/i` for a
 *   report of the wrong length, E_EMPTY with no reports.
 */
export function estimateFromUnary(reports: readonly (ArrayLike<number | boolean>)[], options: Omit<LdpOptions, 'encoding'>): RandomizedEstimate {
  const { categories, epsilon } = checkOptions({ ...options, encoding: 'unary' });
  if (!Array.isArray(reports)) throw new SelfCrmError('E_SCHEMA', 'reports must be an array of flag arrays', '/reports');
  const k = categories.length;
  const n = reports.length;
  const bytes = new Uint8Array(n * k);
  reports.forEach((r, i) => {
    if (r == null || typeof r !== 'object' || r.length !== k) throw new SelfCrmError('E_SCHEMA', `a report has ${k} flags`, `/reports/${i}`);
    for (let j = 0; j < k; ++j) {
      const v = r[j];
      if (v !== 0 && v !== 1 && v !== true && v !== false) throw new SelfCrmError('E_RANGE', 'a flag is 0 or 1', `/reports/${i}/${j}`);
      bytes[i * k + j] = v === 1 || v === true ? 1 : 0;
    }
  });
  const raw = withBytes(bytes, (pointer) => unwrap<RawFrequencies>(wasm().ldpUnaryEstimate(pointer, n, k, epsilon)));
  const frequencies: Record<string, FrequencyEstimate> = {};
  categories.forEach((c, i) => {
    frequencies[c] = raw.categories[i] as FrequencyEstimate;
  });
  const out: RandomizedEstimate = { n: raw.n, terms: describe(raw.mechanism), frequencies };
  if (k === 3 && npsCategories.every((c) => categories.includes(c))) {
    // The engine expects columns in detractor, passive, promoter order.
    const order = npsCategories.map((c) => categories.indexOf(c));
    const ordered = new Uint8Array(n * 3);
    for (let i = 0; i < n; ++i) for (let j = 0; j < 3; ++j) ordered[i * 3 + j] = bytes[i * 3 + (order[j] as number)] as number;
    const nps = withBytes(ordered, (pointer) => unwrap<RandomizedNpsEstimate>(wasm().ldpUnaryEstimateNps(pointer, n, epsilon)));
    out.nps = { nps: nps.nps, standardError: nps.standardError, ci95: nps.ci95 };
  }
  return out;
}
