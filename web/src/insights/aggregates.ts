// Mergeable aggregates (issue 21): a whole-population step split into per-shard partial summaries
// and one merge, with a result that does not depend on the split. The maths is in the core
// (core/src/aggregates); these classes own its state.
import { checkLines, type BatchChunkCount, type LineOptions } from '../runtime/batch.js';
import { checkOptions } from '../runtime/options.js';
import { EngineObject } from '../runtime/engine.js';
import { SelfCrmError, unwrap, unwrapText, type LineReject } from '../runtime/errors.js';
import { withBytes } from '../runtime/heap.js';
import { companyWasm } from '../runtime/company_loader.js';
import { asOfIso, type AsOf } from '../runtime/time.js';
import type { FitResult } from '../scores/model.js';
import type { AggregateHandle, FitAggregateHandle, LdpAggregateHandle, NpsAggregateHandle, ReportAggregateHandle } from '../selfcrm-company.mjs';
import { estimateFromRandomized, type LdpOptions, type RandomizedEstimate } from '../share/ldp.js';

/**
 * What a partial summary is tied to: parts merge only when they agree on all of it. `rulesHash`
 * and `asOf` may be left out when merging: the first part's are taken.
 */
export interface PartialIdentity {
  /** The engine (package) version; a part written by another version is refused. */
  engine: string;
  /** A digest of the rules (model, segment and persona packs) the parts were computed with. */
  rulesHash?: string;
  /** The as-of time the parts were computed at (an ISO-8601 string is kept as written). */
  asOf?: AsOf;
}

function checkIdentity(identity: PartialIdentity): void {
  for (const key of ['engine', 'rulesHash'] as const) {
    const v = identity[key];
    if (v !== undefined && typeof v !== 'string') throw new SelfCrmError('E_SCHEMA', `${key} must be a string`, `/${key}`);
  }
  if (!identity.engine) throw new SelfCrmError('E_SCHEMA', 'engine must name the engine version', '/engine');
  asOfIso(identity.asOf);
}

function checkCounts(lines: number, rejected: number): void {
  for (const n of [lines, rejected]) {
    if (!Number.isSafeInteger(n) || n < 0) throw new SelfCrmError('E_RANGE', 'line counts must be whole numbers', '/lines');
  }
}

function checkPart(part: unknown): void {
  if (typeof part !== 'string' && !(part instanceof Uint8Array)) throw new SelfCrmError('E_SCHEMA', 'a partial summary is JSON text or UTF-8 bytes', '/part');
}

/** Counting, merging, totals and the partial summary, as every aggregate does them. @internal */
export abstract class TotalsAggregate<H extends AggregateHandle, T> extends EngineObject<H> {
  /** Counts lines read, and lines refused before the engine saw them (too long), as rejects. */
  countLines(lines: number, rejected = 0): void {
    checkCounts(lines, rejected);
    this.live().countLines(lines, rejected);
  }

  /**
   * Merges one partial summary (another aggregate's `partial()`) and returns the totals so far.
   * Refuses (E_SCHEMA, E_VERSION, E_CONFLICT with the member's path) a part of another format,
   * version, engine or rules, and then changes nothing.
   */
  merge(part: string | Uint8Array): T {
    const handle = this.live();
    checkPart(part);
    return withBytes(part, (pointer, bytes) => unwrap<T>(handle.merge(pointer, bytes)), companyWasm());
  }

  /** Lines and rejects counted (countLines and merged parts) and what was tallied. */
  totals(): T {
    return unwrap<T>(this.live().totals());
  }

  /** The partial summary as one line of JSON text (no newline). */
  partial(): string {
    return unwrapText(this.live().partial());
  }
}

/** An aggregate with totals that reads NDJSON lines itself. @internal */
export abstract class LineAggregate<H extends AggregateHandle & { addNdjson(text: number, bytes: number, firstLine: number): string }, T> extends TotalsAggregate<H, T> {
  /** What the totals say was tallied (answers, reports): `results` is what one chunk adds to it. */
  protected abstract tallied(totals: T): number;

  /** Counts every valid line of `chunk` (whole lines): the batch shape, `results` the lines counted. */
  addLines(chunk: string | Uint8Array, options?: LineOptions): BatchChunkCount {
    const handle = this.live();
    const firstLine = checkLines(chunk, checkOptions(options));
    const before = this.tallied(this.totals());
    const rejects = withBytes(chunk, (pointer, bytes) => unwrap<LineReject[]>(handle.addNdjson(pointer, bytes, firstLine)), companyWasm());
    return { results: this.tallied(this.totals()) - before, rejects };
  }
}

/** Lines read, lines that gave no profile (the report's `rejected`), profiles counted. */
export interface ReportTotals {
  lines: number;
  rejected: number;
  profiles: number;
}

/**
 * The population report as a mergeable aggregate: feed it analysed profiles (the NDJSON lines of
 * `Insights`/`selfcrm analyze`), or merge partial summaries; `report()` is then byte-identical
 * however the profiles were split. Owns engine memory: call `dispose()` or use `using`.
 */
export class ReportAggregate extends TotalsAggregate<ReportAggregateHandle, ReportTotals> {
  constructor(identity: PartialIdentity) {
    checkIdentity(identity);
    super(new (companyWasm().ReportAggregate)(identity.engine, identity.rulesHash ?? '', asOfIso(identity.asOf)), 'ReportAggregate');
  }

  /**
   * Adds the analysed profiles of `chunk` (whole lines), in the batch shape: `results` the profiles
   * it added. Its input is the engine's own output (`analyze`), so a line that is not one is an
   * error (E_SCHEMA at `line:N`), never a reject: `rejects` is always empty.
   */
  addLines(chunk: string | Uint8Array, options?: LineOptions): BatchChunkCount {
    const handle = this.live();
    const firstLine = checkLines(chunk, checkOptions(options));
    const before = this.totals().profiles;
    withBytes(chunk, (pointer, bytes) => unwrap<number>(handle.addLines(pointer, bytes, firstLine)), companyWasm());
    return { results: this.totals().profiles - before, rejects: [] };
  }

  /** The report as JSON text. @throws SelfCrmError E_EMPTY when no profile was counted. */
  report(): string {
    return unwrapText(this.live().report());
  }
}

export interface NpsTotals {
  lines: number;
  rejected: number;
  answers: number;
}

/** `selfcrm nps`'s tally as a mergeable aggregate: the three category counts. */
export class NpsAggregate extends LineAggregate<NpsAggregateHandle, NpsTotals> {
  constructor(identity: Pick<PartialIdentity, 'engine'>) {
    checkIdentity(identity);
    super(new (companyWasm().NpsAggregate)(identity.engine), 'NpsAggregate');
  }

  protected tallied(totals: NpsTotals): number {
    return totals.answers;
  }

  /** `{nps,…,ci95,rejected}` as JSON text. @throws SelfCrmError E_EMPTY when nothing was counted. */
  summary(): string {
    return unwrapText(this.live().summary());
  }
}

export interface FitTotals {
  lines: number;
  linesUsed: number;
  rejected: number;
  customers: number;
}

/**
 * `fitModel` as a mergeable aggregate: per part of the transactions (every customer's lines in one
 * part: partition by customerId), a partial summary of what the fit reads; the model fitted from
 * the merged parts is byte-identical to the model fitted from all the lines at once.
 * `identity.asOf` is required unless merging; `base` is a model document whose settings are kept.
 * `merge` also refuses a customer already counted (E_CONFLICT).
 */
export class FitAggregate extends TotalsAggregate<FitAggregateHandle, FitTotals> {
  constructor(identity: PartialIdentity, base?: string) {
    checkIdentity(identity);
    if (base !== undefined && typeof base !== 'string') throw new SelfCrmError('E_SCHEMA', 'base must be a model document (JSON text)', '/base');
    unwrap<boolean>(companyWasm().fitAggregateBase(base ?? ''));
    super(new (companyWasm().FitAggregate)(identity.engine, identity.rulesHash ?? '', asOfIso(identity.asOf), base ?? ''), 'FitAggregate');
  }

  /** Summarises transaction lines (one call per part); returns the bad lines. */
  addTransactions(lines: string | Uint8Array): LineReject[] {
    const handle = this.live();
    checkPart(lines);
    return withBytes(lines, (pointer, bytes) => unwrap<LineReject[]>(handle.addTransactions(pointer, bytes)), companyWasm());
  }

  /** The model fitted from everything counted. @throws SelfCrmError E_EMPTY when no customer was. */
  fit(options?: { model?: string }): FitResult {
    const model = options?.model ?? '';
    if (typeof model !== 'string') throw new SelfCrmError('E_SCHEMA', 'model must be a string', '/model');
    return unwrap<FitResult>(this.live().fit(model));
  }
}

export interface LdpTotals {
  lines: number;
  rejected: number;
  reports: number;
  counts: Record<string, number>;
}

/**
 * `estimateFromRandomized` as a mergeable aggregate: count `{"report": CATEGORY}` lines per part,
 * merge the counts, estimate once; the estimate is the one-run estimate exactly (counts add).
 * `identity.rulesHash` should name the mechanism (categories, ε); parts of another are refused.
 */
export class LdpAggregate extends LineAggregate<LdpAggregateHandle, LdpTotals> {
  readonly #options: LdpOptions;

  constructor(identity: PartialIdentity, options: LdpOptions) {
    checkIdentity(identity);
    const categories = JSON.stringify(options?.categories);
    unwrap<number>(companyWasm().ldpAggregateCategories(categories ?? 'null'));
    super(new (companyWasm().LdpAggregate)(identity.engine, identity.rulesHash ?? '', categories), 'LdpAggregate');
    this.#options = options;
  }

  protected tallied(totals: LdpTotals): number {
    return totals.reports;
  }

  /** The estimate from every report counted. @throws SelfCrmError E_EMPTY when there is none. */
  estimate(): RandomizedEstimate {
    return estimateFromRandomized(this.totals().counts, this.#options);
  }
}
