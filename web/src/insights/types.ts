// What Insights computes for one profile, apart from the engine that computes it.
import type { ScoreCard } from '../scores/types.js';
import type { PersonaAssignment, SegmentEvaluation } from '../segments/types.js';
import type { DegreeProfile } from '../text/degrees.js';

/** What the customer's own words say: tone, its trend, intents and the six degrees. */
export interface Feedback {
  sentiment: {
    /** Customer-written texts analysed. */
    texts: number;
    /** Mean compound score in [−1, 1]. */
    mean: number;
    /** Least-squares change of the compound score per 30 days (negative: getting worse). */
    trend: number;
  };
  /** Cue name → number of customer texts showing it (question, complaint, praise, …). */
  intents: Record<string, number>;
  /** How far along the six degrees the customer is, 0…1; null without customer messages. */
  sociability: number | null;
  degrees: DegreeProfile;
}

/** Everything computed for one profile, each part with its explanation. */
export interface ProfileInsights {
  id: string;
  scores: ScoreCard;
  feedback: Feedback;
  segments: SegmentEvaluation;
  persona: PersonaAssignment;
}
