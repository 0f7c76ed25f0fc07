// Local differential privacy for aggregates: the customer's device answers a categorical question
// (NPS category, persona…) through k-ary randomized response; the company estimates population
// shares from the reports. The engine does the arithmetic; randomness comes from
// crypto.getRandomValues here, so the engine stays deterministic.
import { SelfCrmError, unwrap } from '../runtime/errors.js';
import { withDoubles } from '../runtime/heap.js';
import { wasm } from '../runtime/loader.js';
import { fillRandom } from './encoding.js';

/** The mechanism at a given ε, with what it means for the customer. */
export interface PrivacyTerms {
  encoding: 'direct' | 'unary';
  categories: number;
  epsilon: number;
  /** Probability the true answer is reported (direct) or flagged (unary). */
  pTruth: number;
  /** The same for each particular other answer. */
  pOther: number;
  /** e^ε: how much likelier any report is under one true answer than under another, at most. */
  ratio: number;
  /** A plain-language statement of the guarantee, to show the customer before they answer. */
  explanation: string;
}

export interface RandomizedAnswer {
  /** What is sent to the company in place of the true answer. */
  report: string;
  terms: PrivacyTerms;
}

export interface LdpOptions {
  /** The possible answers, in a fixed order shared by customers and the company. */
  categories: readonly string[];
  /** The privacy level ε > 0 (≤ 30), chosen by the company: smaller is more private. */
  epsilon: number;
  /**
   * `direct` (default): k-ary randomized response, one category per report. `unary`: one bit per
   * category (optimized unary encoding, see ldp_unary.ts), better for many categories.
   */
  encoding?: 'direct' | 'unary';
}

export interface FrequencyEstimate {
  reported: number;
  /** Unbiased estimate of the population share; can fall slightly outside [0, 1]. */
  estimate: number;
  standardError: number;
  /** 95% interval, clipped to [0, 1]. */
  ci95: [number, number];
}

export interface RandomizedNpsEstimate {
  nps: number;
  standardError: number;
  /** 95% interval, clipped to [−100, 100]. */
  ci95: [number, number];
}

export interface RandomizedEstimate {
  n: number;
  terms: PrivacyTerms;
  frequencies: Record<string, FrequencyEstimate>;
  /** Present when the categories are exactly detractor, passive and promoter. */
  nps?: RandomizedNpsEstimate;
}

/** @internal */
export interface RawMechanism { encoding: 'direct' | 'unary'; k: number; epsilon: number; pTruth: number; pOther: number; ratio: number }
/** @internal */
export interface RawFrequencies { mechanism: RawMechanism; n: number; categories: FrequencyEstimate[] }

/** @internal */
export function checkOptions(options: LdpOptions): { categories: string[]; epsilon: number; encoding: 'direct' | 'unary' } {
  if (typeof options !== 'object' || options === null) throw new SelfCrmError('E_SCHEMA', 'options must be an object', '');
  const { categories, epsilon } = options;
  if (!Array.isArray(categories)) throw new SelfCrmError('E_SCHEMA', 'categories must be an array of strings', '/categories');
  const seen = new Set<string>();
  categories.forEach((c, i) => {
    if (typeof c !== 'string' || c === '') throw new SelfCrmError('E_SCHEMA', 'a category must be a non-empty string', `/categories/${i}`);
    if (seen.has(c)) throw new SelfCrmError('E_CONFLICT', 'categories must be distinct', `/categories/${i}`);
    seen.add(c);
  });
  if (typeof epsilon !== 'number') throw new SelfCrmError('E_SCHEMA', 'epsilon must be a number', '/epsilon');
  const encoding = options.encoding ?? 'direct';
  if (encoding !== 'direct' && encoding !== 'unary') throw new SelfCrmError('E_SCHEMA', 'encoding is direct or unary', '/encoding');
  return { categories: [...categories], epsilon, encoding };
}

function percent(p: number): string {
  return `${(100 * p).toFixed(p > 0.999 || p < 0.001 ? 3 : 1)}%`;
}

/** @internal */
export function describe(raw: RawMechanism): PrivacyTerms {
  const others = raw.k - 1;
  const explanation = raw.encoding === 'unary'
    ? `Your device sends one yes/no flag for each of the ${raw.k} possible answers, each flipped at random on your device: ` +
      `the flag of your true answer says "yes" only ${percent(raw.pTruth)} of the time, and each other flag says "yes" ` +
      `${percent(raw.pOther)} of the time. The company cannot tell your real answer from what it received: any report is at most ` +
      `${raw.ratio.toFixed(2)} times likelier from one true answer than from another (privacy level ε = ${raw.epsilon}). ` +
      `It can only estimate how common each answer is across many customers.`
    :
    `Your device sends your true answer only ${percent(raw.pTruth)} of the time; otherwise it sends one of the ` +
    `${others} other answer${others === 1 ? '' : 's'} (${percent(raw.pOther)} each), picked at random on your device. ` +
    `The company cannot tell whether what it received is your real answer: any answer it receives is at most ` +
    `${raw.ratio.toFixed(2)} times likelier from one true answer than from another (privacy level ε = ${raw.epsilon}). ` +
    `It can only estimate how common each answer is across many customers.`;
  return { encoding: raw.encoding, categories: raw.k, epsilon: raw.epsilon, pTruth: raw.pTruth, pOther: raw.pOther, ratio: raw.ratio, explanation };
}

/** The mechanism's probabilities and its explanation for the customer. @throws E_RANGE at `/epsilon` or `/k`. */
export function privacyTerms(options: LdpOptions): PrivacyTerms {
  const { categories, epsilon, encoding } = checkOptions(options);
  const mod = wasm();
  return describe(unwrap<RawMechanism>((encoding === 'unary' ? mod.ldpUnaryMechanism : mod.ldpMechanism)(categories.length, epsilon)));
}

/** A uniform double in [0, 1) from 53 random bits of crypto.getRandomValues. */
export function cryptoUniform(): number {
  const words = fillRandom(new Uint32Array(2));
  const high = (words[0] as number) >>> 5; // 27 bits
  const low = (words[1] as number) >>> 6; // 26 bits
  return (high * 67108864 + low) / 9007199254740992;
}

/**
 * Randomizes the customer's answers (usually one) before they leave the device.
 * `uniforms` supplies the draws (for tests and simulations); by default each comes from
 * crypto.getRandomValues. @throws E_RANGE with path `/answers/i` for an answer not in `categories`.
 */
export function randomizedResponses(answers: readonly string[], options: LdpOptions & { uniforms?: ArrayLike<number> }): RandomizedAnswer[] {
  const { categories, epsilon, encoding } = checkOptions(options);
  if (encoding !== 'direct') throw new SelfCrmError('E_SCHEMA', 'unary reports are bits: use unaryResponses or estimateFromUnary', '/encoding');
  if (!Array.isArray(answers)) throw new SelfCrmError('E_SCHEMA', 'answers must be an array of strings', '/answers');
  const truths = answers.map((a, i) => {
    const index = categories.indexOf(a as string);
    if (index < 0) throw new SelfCrmError('E_RANGE', 'not one of the categories', `/answers/${i}`);
    return index;
  });
  const given = options.uniforms;
  if (given !== undefined && given.length !== answers.length) throw new SelfCrmError('E_SCHEMA', 'one uniform draw per answer', '/uniforms');
  const uniforms = Array.from({ length: answers.length }, (_, i) => (given ? Number(given[i]) : cryptoUniform()));
  const both = [...truths, ...uniforms];
  const terms = privacyTerms({ categories, epsilon });
  const reports = withDoubles(both, (pointer, count) =>
    unwrap<number[]>(wasm().ldpRandomize(pointer, pointer + (count / 2) * 8, count / 2, categories.length, epsilon)),
  );
  return reports.map((r) => ({ report: categories[r] as string, terms }));
}

/** Randomizes one answer with a cryptographic draw. */
export function randomizedResponse(answer: string, options: LdpOptions): RandomizedAnswer {
  return randomizedResponses([answer], options)[0] as RandomizedAnswer;
}

const npsCategories = ['detractor', 'passive', 'promoter'];

/**
 * The company's estimate of the population's answer shares (and NPS, for NPS categories) from
 * randomized reports: a list of reports, or report counts by category.
 * @throws E_RANGE at `/reports/i` for an unknown report, E_EMPTY with no reports.
 */
export function estimateFromRandomized(reports: readonly string[] | Record<string, number>, options: LdpOptions): RandomizedEstimate {
  const { categories, epsilon, encoding } = checkOptions(options);
  if (encoding !== 'direct') throw new SelfCrmError('E_SCHEMA', 'unary reports are bits: use unaryResponses or estimateFromUnary', '/encoding');
  const counts = new Array<number>(categories.length).fill(0);
  if (Array.isArray(reports)) {
    const index = new Map(categories.map((c, i) => [c, i]));
    reports.forEach((r, i) => {
      const j = index.get(r as string);
      if (j === undefined) throw new SelfCrmError('E_RANGE', 'not one of the categories', `/reports/${i}`);
      counts[j] = (counts[j] as number) + 1;
    });
  } else if (typeof reports === 'object' && reports !== null) {
    for (const [name, count] of Object.entries(reports)) {
      const j = categories.indexOf(name);
      if (j < 0) throw new SelfCrmError('E_RANGE', 'not one of the categories', `/reports/${name}`);
      if (typeof count !== 'number') throw new SelfCrmError('E_SCHEMA', 'a count must be a number', `/reports/${name}`);
      if (!Number.isSafeInteger(count) || count < 0) throw new SelfCrmError('E_RANGE', 'a count must be a non-negative integer', `/reports/${name}`);
      counts[j] = count;
    }
  } else {
    throw new SelfCrmError('E_SCHEMA', 'reports must be an array of categories or counts by category', '/reports');
  }
  const raw = withDoubles(counts, (pointer, k) => unwrap<RawFrequencies>(wasm().ldpEstimate(pointer, k, epsilon)));
  const frequencies: Record<string, FrequencyEstimate> = {};
  categories.forEach((c, i) => {
    frequencies[c] = raw.categories[i] as FrequencyEstimate;
  });
  const out: RandomizedEstimate = { n: raw.n, terms: describe(raw.mechanism), frequencies };
  if (categories.length === 3 && npsCategories.every((c) => categories.includes(c))) {
    const ordered = npsCategories.map((c) => counts[categories.indexOf(c)] as number);
    const nps = withDoubles(ordered, (pointer) => unwrap<RandomizedNpsEstimate>(wasm().ldpEstimateNps(pointer, epsilon)));
    out.nps = { nps: nps.nps, standardError: nps.standardError, ci95: nps.ci95 };
  }
  return out;
}
