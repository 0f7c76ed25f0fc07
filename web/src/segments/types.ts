// Shapes of the segment and persona packs and of their results (see README "Segments and personas").
import type { AsOf } from '../runtime/time.js';

/** Comparison operators of the condition language. */
export type ComparisonOp =
  | 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'between' | 'in' | 'notIn'
  | 'exists' | 'missing' | 'contains' | 'startsWith' | 'endsWith';

/** History collections a history condition counts records of. */
export type HistoryCollection = 'transactions' | 'interactions' | 'surveys' | 'referrals' | 'reach';

type Scalar = string | number | boolean;

/**
 * A condition: `and`/`or`/`not`, a comparison on a dotted field path (`scores.clv.value`,
 * `attributes.preferential.channels`, `identities.kind`, `cues.…`, `segments`), or a history
 * condition ("at least / at most N records matching `where` within the last `withinDays` days").
 */
export type Condition = { label?: string } & (
  | { and: Condition[] }
  | { or: Condition[] }
  | { not: Condition }
  | { field: string; op: ComparisonOp; value?: Scalar | Scalar[] }
  | { history: HistoryCollection; where?: Condition; atLeast?: number; atMost?: number; withinDays?: number }
);

/** A point rule of a scoring plan: once when `when` holds, or per record matching `each`. */
export type ScoringRule = { points: number; cap?: number; label?: string } & (
  | { when: Condition }
  | { each: Condition & { history: HistoryCollection }; halfLifeDays?: number }
);

export interface ScoringPlanDefinition {
  name: string;
  description?: string;
  halfLifeDays?: number;
  cap?: number;
  rules: ScoringRule[];
  thresholds?: { segment: string; atLeast: number }[];
}

export interface SegmentDefinition {
  name: string;
  description?: string;
  condition: Condition;
}

export interface SegmentPackDefinition {
  version?: 1;
  description?: string;
  plans?: ScoringPlanDefinition[];
  segments?: SegmentDefinition[];
}

export type PersonaDefinition = {
  name: string;
  priority: number;
  condition: Condition;
  description?: string;
} & ({ tier: string } | { useCase: string });

export interface PersonaPackDefinition {
  version?: 1;
  description?: string;
  personas: PersonaDefinition[];
}

/** A profile as the vault serialises it, plus `scores`, `cues` and `segments`. */
export type FactsDocument = Record<string, unknown>;

/** One condition that held: its JSON Pointer in the pack and its readable form (or label). */
export interface Reason {
  at: string;
  condition: string;
}

export interface Membership {
  name: string;
  because: Reason[];
}

export interface RuleScore {
  at: string;
  rule: string;
  points: number;
  matches: number;
}

export interface PlanScore {
  name: string;
  points: number;
  rules: RuleScore[];
  /** Segments whose threshold the points reached. */
  segments: string[];
}

export interface SegmentEvaluation {
  segments: Membership[];
  plans: PlanScore[];
}

export interface PersonaMatch {
  name: string;
  tier?: string;
  useCase?: string;
  priority: number;
  description: string;
  because: Reason[];
}

export interface PersonaAssignment {
  /** The highest-priority match, or null. */
  persona: PersonaMatch | null;
  /** Every match, highest priority first. */
  matches: PersonaMatch[];
}

/** One facts document's result in an NDJSON batch (names only). */
export interface SegmentLineResult {
  line: number;
  id?: unknown;
  /** Segment names, in pack order (plan thresholds first). */
  segments: string[];
  /** Points per scoring plan. */
  plans: Record<string, number>;
  /** The highest-priority persona's name. */
  persona: string | null;
  /** Every matching persona, highest priority first. */
  personas: string[];
}

/** One facts document's result in an NDJSON batch run with `explain: true`. */
export interface ExplainedLineResult extends Omit<SegmentLineResult, 'segments' | 'persona'> {
  segments: Membership[];
  /** The highest-priority persona with its reasons (its description stays in the pack). */
  persona: Omit<PersonaMatch, 'description'> | null;
}

export interface EvaluateOptions {
  /** "Now" for history windows and decay: a Date, epoch milliseconds or an ISO-8601 string. Default: the current time. */
  asOf?: AsOf;
}
