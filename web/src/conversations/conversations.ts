// Company side: which conversations to have (ConversationPlan, `selfcrm rank`) and which customers
// support answers first (SupportQueue, `selfcrm export support`), from customer rows
// `{"subject", "claims": {…}}` as `selfcrm intake export` writes them. The core computes; rows
// stream in NDJSON chunks, so a population of millions never sits in memory as objects.
import { checkLines, type BatchChunkCount, type LineOptions } from '../runtime/batch.js';
import { EngineObject } from '../runtime/engine.js';
import { SelfCrmError, unwrap, unwrapLines, type LineReject } from '../runtime/errors.js';
import { withBytes } from '../runtime/heap.js';
import { companyWasm } from '../runtime/company_loader.js';
import { checkOptions } from '../runtime/options.js';
import type { RankedStreamHandle } from '../selfcrm-company.mjs';
import type { ConversationParams, PlanSummary, QueueSummary, RankedConversation, SupportEntry } from './types.js';

interface RankedOutput<S> {
  ndjson: string;
  summary: S;
}

abstract class RankedStream<S> extends EngineObject<RankedStreamHandle> {
  protected constructor(handle: RankedStreamHandle, name: string, budget: unknown, params: unknown) {
    super(handle, name);
    try {
      if (typeof budget !== 'number' || !Number.isSafeInteger(budget) || budget < 0) {
        throw new SelfCrmError('E_RANGE', 'the budget is a whole number from 0 (0: no limit)', '/budget');
      }
      if (params !== undefined && (params === null || typeof params !== 'object' || Array.isArray(params))) {
        throw new SelfCrmError('E_SCHEMA', 'the parameters are an object', '/params');
      }
      unwrap<null>(handle.start(budget, params === undefined ? '' : JSON.stringify(params)));
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  /**
   * Reads one chunk of rows (whole lines; `firstLine` numbers its first line in the whole input):
   * `results` rows read, `rejects` the bad lines (a repeated subject is E_CONFLICT).
   */
  addLines(chunk: string | Uint8Array, options?: LineOptions): BatchChunkCount {
    const handle = this.live();
    const firstLine = checkLines(chunk, checkOptions(options));
    return withBytes(chunk, (p, n) => unwrap<BatchChunkCount>(handle.addNdjson(p, n, firstLine)), companyWasm());
  }

  /** The ranked entries so far as NDJSON, best first, and the population's summary. */
  output(): RankedOutput<S> {
    return unwrapLines<RankedOutput<S>>(this.live().output());
  }
}

/**
 * The `budget` conversations worth most now (README "Conversations worth having"), each with its
 * value, channel and reason. Owns engine memory: `dispose()` or `using`.
 */
export class ConversationPlan extends RankedStream<PlanSummary> {
  /** @throws SelfCrmError E_RANGE for a budget that is not a whole number ≥ 0, or the parameter's path. */
  constructor(options: { budget?: number; params?: ConversationParams } = {}) {
    const o = checkOptions(options);
    super(new (companyWasm().ConversationPlanStream)(), 'ConversationPlan', o.budget ?? 0, o.params);
  }

  /** The picked conversations, best first. */
  conversations(): RankedConversation[] {
    return parseLines<RankedConversation>(this.output().ndjson);
  }
}

/** Customers whose shared feedback needs an answer, most urgent first (README "Support queue"). */
export class SupportQueue extends RankedStream<QueueSummary> {
  constructor(options: { budget?: number; params?: ConversationParams } = {}) {
    const o = checkOptions(options);
    super(new (companyWasm().SupportQueueStream)(), 'SupportQueue', o.budget ?? 0, o.params);
  }

  entries(): SupportEntry[] {
    return parseLines<SupportEntry>(this.output().ndjson);
  }
}

function parseLines<T>(ndjson: string): T[] {
  return ndjson.split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
}
