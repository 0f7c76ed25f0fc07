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

// Segments and personas
import { chooseK, featureRows, kmeans, Personas, Segments, silhouette } from 'selfcrm';
import type {
  Condition, KChoice, KMeansResult, PersonaAssignment, PersonaPackDefinition, SegmentEvaluation, SegmentPackDefinition,
} from 'selfcrm';
{
  const promoter: Condition = { field: 'scores.nps.category', op: 'eq', value: 'promoter' };
  const referred: Condition = { history: 'referrals', where: { field: 'converted', op: 'eq', value: true }, atLeast: 1, withinDays: 365 };
  const pack: SegmentPackDefinition = {
    plans: [{ name: 'p', halfLifeDays: 30, rules: [{ each: { history: 'surveys' }, points: 5 }, { when: promoter, points: 1 }], thresholds: [{ segment: 'warm', atLeast: 5 }] }],
    segments: [{ name: 'evangelist', condition: { and: [promoter, referred] } }],
  };
  using segments = Segments.fromJSON(pack);
  const evaluation: SegmentEvaluation = segments.evaluate({ id: 'x' }, { asOf: new Date() });
  const personaPack: PersonaPackDefinition = { personas: [{ name: 'fan', useCase: 'reward', priority: 1, condition: promoter }] };
  using personas = Personas.fromJSON(personaPack);
  using defaults = Personas.default();
  const assignment: PersonaAssignment = personas.assign({ id: 'x' }, { asOf: '2024-06-01' });
  const name: string | undefined = assignment.persona?.name ?? defaults.assign({}).persona?.tier;
  const result: KMeansResult = kmeans(new Float64Array([0, 0, 1, 1]), { k: 2, dimensions: 2, seed: 1 });
  const labels: Int32Array = result.assignments;
  const centroids: Float64Array = result.centroids;
  const choice: KChoice = chooseK([[0], [1], [5]], { kMin: 2, kMax: 3 });
  const score: number = silhouette([[0], [1], [5]], labels, { k: 2 });
  const features: Float64Array = featureRows([{ scores: { clv: { value: 1 } } }], ['scores.clv.value'], { missing: 0 });
  void features;
  void evaluation;
  void name;
  void centroids;
  void choice;
  void score;
}
