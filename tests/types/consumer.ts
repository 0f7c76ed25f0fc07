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

// Scores
import { customerSummaries, fitModel, Model, rfmSummary } from 'selfcrm';
import type { CustomerSummaries, CustomerSummary, FitResult, ModelDocument, Predictions, RfmSummary } from 'selfcrm';
{
  const fitted: FitResult = fitModel('{"customerId":"a","at":"2024-01-01","amount":1}\n', { asOf: new Date() });
  const doc: ModelDocument = fitted.model;
  using model = Model.fromJSON(doc);
  const customers: CustomerSummary[] = [{ frequency: 1, recency: 2, age: 3, monetary: 4 }];
  const predictions: Predictions = model.predict(customers, { t: 52 });
  const clv: Float64Array = predictions.clv;
  const columns: CustomerSummaries = customerSummaries('', { asOf: '2024-01-01', model });
  const again: Predictions = model.predict(columns, { t: 4 });
  void again;
  const rfm: RfmSummary = rfmSummary('', { asOf: '2024-01-01', monetary: 'total' });
  const ids: string[] = rfm.customerIds;
  const fresh: ModelDocument = Model.default().toJSON();
  void clv;
  void ids;
  void fresh;
}
