// Everything the package exports, shared by the browser and the Node entry points.
export { SelfCrmError, type LineReject } from './errors.js';
export { ready, runtimeStats, type LoadOptions, type RuntimeStats } from './loader.js';
export { classifyNps, nps, NpsStream, type NpsCategory, type NpsSummary } from './nps.js';
// Text: sentiment, intent cues, six degrees of social interaction.
export {
  addLexiconEntries,
  analyzeText,
  analyzeTexts,
  clearLexiconEntries,
  Cues,
  sentimentLabels,
  type CueName,
  type SentimentDriver,
  type SentimentLabel,
  type SentimentRule,
  type TextAnalysis,
  type TextBatch,
} from './text.js';
export {
  classifyInteractions,
  type DegreeDistribution,
  type DegreeProfile,
  type InteractionDegree,
  type InteractionInput,
} from './degrees.js';
