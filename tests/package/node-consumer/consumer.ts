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
