import { UsageError, write } from '../io/usage.js';
import { exportCrmHelp, runExportCrm } from './export_crm.js';
import { exportSupportHelp, runExportSupport } from './export_support.js';

/** `selfcrm export <target>`: what the company's other systems import. */
const targets: Record<string, { summary: string; help: string; run: (argv: string[]) => Promise<number> }> = {
  crm: { summary: 'contacts for a CRM import, from the claims granted for a purpose (intake store)', help: exportCrmHelp, run: runExportCrm },
  support: { summary: 'the support queue: customers whose feedback needs an answer, most urgent first', help: exportSupportHelp, run: runExportSupport },
};

export const exportHelp = `Usage: selfcrm export <target> [options]

Targets:
${Object.entries(targets).map(([name, t]) => `  ${name.padEnd(10)} ${t.summary}`).join('\n')}

Run "selfcrm export <target> --help" for a target's options.

${Object.values(targets).map((t) => t.help).join('\n')}`;

export async function runExport(argv: string[]): Promise<number> {
  const [target, ...rest] = argv;
  if (target === '--help' || target === '-h') {
    await write(process.stdout, exportHelp);
    return 0;
  }
  const t = target === undefined ? undefined : targets[target];
  if (!t) {
    throw new UsageError(target === undefined || target.startsWith('-') ? `name a target first: ${Object.keys(targets).join(' or ')}` : `unknown target "${target}"`);
  }
  return t.run(rest);
}
