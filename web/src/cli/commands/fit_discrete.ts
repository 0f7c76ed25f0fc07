// `selfcrm fit --model sbg|bgbb`: the customer-base models whose data are not transaction lines
// (subscription tenures, discrete opportunities). Each line is one record; a record the core
// refuses (its JSON, a field, a range) is a reject of its line, and the fit runs on the rest.
import { writeFile } from 'node:fs/promises';

import { fitBgBb, fitRetention, SelfCrmError, type LineReject, type ModelFit, type RetentionOptions } from '../../index.node.js';
import { companyWasm } from '../../runtime/company_loader.js';
import { unwrap } from '../../runtime/errors.js';
import { withBytes } from '../../runtime/heap.js';
import { gatherLines } from '../io/gather.js';
import { mergeByLine } from '../io/lines.js';
import { finishLines } from '../io/outcome.js';
import { openInput } from '../io/options.js';
import { createSink } from '../io/output.js';
import { UsageError, write } from '../io/usage.js';
import { fitReport } from './fit_report.js';

export const discreteFitHelp = `
--model sbg: subscriptions (the contractual setting: churn is observed). One subscriber, or a group
with the same tenure, per line: {"periods": 3, "churned": true, "count": 40, "customerId": "c1"}
(CSV: a header with periods,churned and optionally count, customerId). periods: the period in which
the subscriber churned (churned true), or periods completed while still active (churned false);
count defaults to 1; customerId is not used by the fit. Writes the retention report: the sBG
parameters with standard errors, the survival curve S(1…horizon) and retention rates of a new
cohort, and the discounted expected residual lifetime (DERL, in payments) of a subscriber with each
number of --renewals, with 95 % delta-method intervals.
      --horizon N      periods to project (default 12)
      --discount-rate R
                       discount rate per period for DERL (default 0.1)
      --renewals LIST  renewals for which DERL is reported, e.g. 0,1,2 (default 0,1,2,3,4)

--model bgbb: discrete opportunities (newsletters, events, annual donations). One customer per
line: {"customerId": "c1", "frequency": 2, "recency": 4, "opportunities": 6}: opportunities taken,
the last one taken (0 when none) and opportunities offered. Writes the BG/BB report: parameters
with standard errors and, per customer (customerIds in input order), P(alive) at the next
opportunity and expected transactions in the next --future opportunities, with 95 % intervals.
      --future N       opportunities to predict (default 10)

Both print the fit's diagnostics on stderr, as the transaction fit does.
`;

export const discreteFitOptions = {
  horizon: { type: 'string' },
  'discount-rate': { type: 'string' },
  renewals: { type: 'string' },
  future: { type: 'string' },
} as const;

type Model = 'sbg' | 'bgbb';
type Flags = Record<string, string | boolean | undefined>;

const notFor: Record<Model, string[]> = {
  sbg: ['profiles', 'as-of', 'base', 'holdout-from', 'future'],
  bgbb: ['profiles', 'as-of', 'base', 'holdout-from', 'horizon', 'discount-rate', 'renewals'],
};

function number(values: Flags, flag: string): number | undefined {
  const v = values[flag];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${flag} must be a number, not "${String(v)}"`);
  return n;
}

function reportOptions(model: Model, values: Flags): RetentionOptions & { future?: number } {
  for (const flag of notFor[model]) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} does not apply to --model ${model}`);
  }
  const options: RetentionOptions & { future?: number } = {};
  const set = (key: 'horizon' | 'discountRate' | 'future', flag: string) => {
    const n = number(values, flag);
    if (n !== undefined) options[key] = n;
  };
  set('horizon', 'horizon');
  set('discountRate', 'discount-rate');
  set('future', 'future');
  if (typeof values.renewals === 'string') {
    options.renewals = values.renewals.split(',').map((r) => {
      const n = Number(r);
      if (r.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--renewals must be numbers separated by commas, not "${String(values.renewals)}"`);
      return n;
    });
  }
  return options;
}

/** The records of the lines the core's JSON reader accepts, each with its line number. */
function records(bytes: Uint8Array, refused: LineReject[]): { line: number; value: unknown }[] {
  const bad = new Set(refused.map((r) => r.line));
  const out: { line: number; value: unknown }[] = [];
  const text = new TextDecoder().decode(bytes).split('\n');
  for (let i = 0; i < text.length; ++i) {
    const line = text[i] ?? '';
    if (bad.has(i + 1) || line.trim() === '') continue;
    out.push({ line: i + 1, value: JSON.parse(line) });
  }
  return out;
}

const itemPath = /^\/(?:tenures|customers)\/(\d+)(.*)$/;

/**
 * Runs `fit` on the records; a record the core refuses (its error's path points into the list)
 * becomes a reject of its line and the fit runs again on the others.
 */
function fitValid<T>(items: { line: number; value: unknown }[], rejects: LineReject[], fit: (values: unknown[]) => T): T | undefined {
  for (;;) {
    if (items.length === 0) return undefined;
    try {
      return fit(items.map((i) => i.value));
    } catch (e) {
      const at = e instanceof SelfCrmError ? itemPath.exec(e.path) : null;
      if (!at || !(e instanceof SelfCrmError)) throw e;
      const index = Number(at[1]);
      const item = items[index];
      if (!item) throw e;
      rejects.push({ line: item.line, code: e.code, path: at[2] ?? '', message: e.message });
      items.splice(index, 1);
    }
  }
}

/** A record without its customerId (the fit does not use it; the report lists the ids in order). */
function withoutId(value: unknown, ids: (string | null)[]): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !('customerId' in value)) {
    ids.push(null);
    return value;
  }
  const { customerId, ...rest } = value as Record<string, unknown>;
  ids.push(customerId === undefined || customerId === null ? null : String(customerId));
  return rest;
}

export async function runDiscreteFit(
  model: Model,
  values: Flags,
  flags: { csv: boolean; maxRejects?: number },
): Promise<number> {
  const options = reportOptions(model, values);
  const { input } = await openInput({ input: typeof values.input === 'string' ? values.input : undefined, csv: flags.csv });
  const { bytes, lines, tooLong } = await gatherLines(input);
  const company = companyWasm();
  const refused = unwrap<LineReject[]>(withBytes(bytes, (p, n) => company.jsonLineRejects(p, n, 1), company));
  const rejects: LineReject[] = [];
  const items = records(bytes, refused);
  let ids: (string | null)[] = [];
  const fit = fitValid(items, rejects, (list) => {
    ids = [];
    const stripped = list.map((v) => withoutId(v, ids));
    return model === 'sbg'
      ? fitRetention({ tenures: stripped as never }, options)
      : fitBgBb(stripped as never, { ...(options.future === undefined ? {} : { future: options.future }) });
  });
  const all = mergeByLine(mergeByLine(tooLong, refused), rejects.sort((a, b) => a.line - b.line));
  const sink = createSink({ format: 'ndjson', rejects: typeof values.rejects === 'string' ? values.rejects : undefined });
  await sink.rejects(all);
  await sink.close();
  if (fit) {
    const report = model === 'bgbb' ? { ...fit, customerIds: ids } : fit;
    const modelFit = (fit as { fit: ModelFit }).fit;
    await write(process.stderr, fitReport({ diagnostics: modelFit.diagnostics.map((d) => ({ ...d, model })) }));
    const text = `${JSON.stringify(report)}\n`;
    if (typeof values.output === 'string') await writeFile(values.output, text);
    else await write(process.stdout, text);
    await write(process.stderr, `fit: ${model} on ${modelFit.observations} ${model === 'sbg' ? 'subscribers' : 'customers'} (${modelFit.distinct} distinct)\n`);
  }
  return finishLines('fit', { lines, results: fit ? items.length : 0, rejects: all.length }, flags.maxRejects);
}
