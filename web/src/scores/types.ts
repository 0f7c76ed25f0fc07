// What scoring one profile gives (Insights.analyze(...).scores): one result per score.

/** One score: its value, the details of its kind, and how each input contributed. */
export interface ScoreResult {
  value: number | string | null;
  explain: unknown;
  [detail: string]: unknown;
}

/** `{ rfm, clv, nps, crv, influence, engagement }`, each with `value` and `explain`. */
export interface ScoreCard {
  rfm: ScoreResult;
  clv: ScoreResult;
  nps: ScoreResult;
  crv: ScoreResult;
  influence: ScoreResult;
  engagement: ScoreResult;
}
