// What `selfcrm fit` prints on stderr about the fit itself: the comparison of repeat-purchase
// models and every diagnostic, with what it means and what to do. Never silent about a fit the
// data do not support.
import type { FitDiagnostic, RepeatModel } from '../../index.node.js';

export const repeatModels: RepeatModel[] = ['bgnbd', 'modified-bgnbd', 'pareto-nbd'];

interface ComparisonRow {
  model: string;
  logLikelihood?: number;
  aic?: number;
  diagnostics?: string[];
  holdout?: { predicted: number; actual: number; relativeError: number | null; meanAbsoluteError: number } | null;
  error?: string;
}

/** The parts of model.fit this report reads. */
export interface FitReport {
  repeatModel?: string;
  comparison?: ComparisonRow[];
  diagnostics?: FitDiagnostic[];
  holdout?: { from: string; periods: number; customers: number };
}

const fixed = (v: number | undefined, digits = 1) => (typeof v === 'number' ? v.toFixed(digits) : '-');

export function fitReport(fit: FitReport | null | undefined): string {
  if (!fit) return '';
  let out = '';
  if (fit.comparison?.length) {
    const h = fit.holdout;
    out += `fit: models compared (lower AIC fits better${h ? `; holdout from ${h.from}, ${fixed(h.periods)} periods, ${h.customers} customers` : ''}):\n`;
    for (const row of fit.comparison) {
      const chosen = row.model === fit.repeatModel ? '*' : ' ';
      if (row.logLikelihood === undefined) {
        out += `fit: ${chosen} ${row.model.padEnd(15)} not fitted: ${row.error ?? ''}\n`;
        continue;
      }
      let line = `fit: ${chosen} ${row.model.padEnd(15)} log-likelihood ${fixed(row.logLikelihood)}  AIC ${fixed(row.aic)}`;
      if (row.holdout) {
        const rel = row.holdout.relativeError;
        line += `  holdout: predicted ${fixed(row.holdout.predicted)} vs actual ${fixed(row.holdout.actual, 0)}`;
        line += `${rel === null ? '' : ` (${rel >= 0 ? '+' : ''}${(100 * rel).toFixed(1)} %)`}, MAE ${fixed(row.holdout.meanAbsoluteError, 3)}`;
      }
      if (row.diagnostics?.length) line += `  [${row.diagnostics.join(', ')}]`;
      out += `${line}\n`;
    }
  }
  for (const d of fit.diagnostics ?? []) {
    out += `fit: warning: ${d.model} ${d.code}: ${d.message}\n  what it means: ${d.meaning}\n  what to do: ${d.action}\n`;
  }
  return out;
}
