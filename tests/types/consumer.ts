// A consumer's view of the package's types, compiled with `tsc --strict --noEmit` by npm test.
import { classifyNps, nps, NpsStream, ready, runtimeStats, SelfCrmError } from 'selfcrm';
import type { LineReject, NpsCategory, NpsSummary, RuntimeStats } from 'selfcrm';

await ready({ locateFile: (path: string) => `/assets/${path}` });
const category: NpsCategory = classifyNps(9);
const summary: NpsSummary = nps(new Float64Array([10, 8, 3]));
const interval: [number, number] = summary.ci95;
{
  using stream = new NpsStream();
  const rejects: LineReject[] = stream.addNdjson('{"score":1}\n', 1);
  rejects.forEach((r) => r.line + r.code.length + r.path.length);
}
try {
  nps([]);
} catch (e) {
  if (e instanceof SelfCrmError) {
    const where: string = e.path;
    const code: string = e.code;
    void where;
    void code;
  }
}
const stats: RuntimeStats = runtimeStats();
void category;
void interval;
void stats;

// Text: sentiment, intent cues, six degrees.
import { addLexiconEntries, analyzeText, analyzeTexts, classifyInteractions, clearLexiconEntries, Cues, sentimentLabels } from 'selfcrm';
import type { CueName, DegreeProfile, InteractionInput, SentimentLabel, TextAnalysis, TextBatch } from 'selfcrm';
{
  const one: TextAnalysis = analyzeText('not bad at all');
  const label: SentimentLabel = one.label;
  const cue: CueName | undefined = one.cues[0];
  const batch: TextBatch = analyzeTexts(['good', 'bad'], { details: false });
  const compound: Float64Array = batch.compound;
  const isQuestion: boolean = ((batch.cues[0] ?? 0) & Cues.question) !== 0;
  const name: SentimentLabel | undefined = sentimentLabels[batch.label[0] ?? 1];
  const held: number = addLexiconEntries({ meh: -1 });
  clearLexiconEntries();
  const records: InteractionInput[] = [{ direction: 'customer-to-business', isPublic: true, text: 'Where is it?' }];
  const profile: DegreeProfile = classifyInteractions(records);
  const sociability: number | null = profile.sociability;
  void label; void cue; void compound; void isQuestion; void name; void held; void sociability;
}
