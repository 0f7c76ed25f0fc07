// `selfcrm export crm`: contacts for a CRM's import from the company's store, only from claims
// the customers granted for the purpose named.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { crmContacts, crmCsv, IntakeStore } from '../../company/index.node.js';
import { purposeIri } from '../../share/request.js';
import { UsageError, write } from '../io/usage.js';
import { requireStore } from './intake.js';

export const exportCrmHelp = `Usage: selfcrm export crm --store FILE --purpose IRI [--format csv|ndjson] [--now ISO] [-o FILE]

crm: one contact per customer of the intake store (selfcrm intake) who granted claims for
--purpose (a DPV IRI or dpv:Name, exact match), from those claims only, in force at --now:
  Email, First name, Last name, Phone number, Lifecycle stage, Lead score, Segments, Persona,
  Consent purpose, Consent expires, Pairwise ID
(the README says how each is computed and how they map to HubSpot's and Salesforce's imports).
--format csv (default): RFC 4180 with a header and CRLF line ends; a cell that starts with = + - @
gets a leading ' so a spreadsheet never runs it. ndjson: one object per contact, same keys.
A customer with nothing granted for the purpose is not written. Exit status 0, 1 on failure
(no store: E_NOT_FOUND), 2 on a usage error.

Options:
      --store FILE     the intake store (required)
      --purpose IRI    the purpose of this export (required)
      --format FMT     csv (default) or ndjson
      --now ISO        claims in force at this instant (default now)
  -o, --output FILE    write to FILE instead of stdout
  -h, --help           show this text
`;

export async function runExportCrm(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { store: { type: 'string' }, purpose: { type: 'string' }, format: { type: 'string' }, now: { type: 'string' }, output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    await write(process.stdout, exportCrmHelp);
    return 0;
  }
  if (positionals.length !== 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const file = requireStore(values.store);
  if (values.purpose === undefined) throw new UsageError('--purpose IRI is required: claims go out only for the purpose they were granted for');
  let purpose: string;
  try {
    purpose = purposeIri(values.purpose, '/purpose');
  } catch {
    throw new UsageError('--purpose is a DPV purpose IRI such as dpv:Marketing');
  }
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'ndjson') throw new UsageError('--format is csv or ndjson');
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new UsageError('--now must be an ISO-8601 instant');
  const store = await IntakeStore.open(file, { create: false });
  let text: string;
  let n: number;
  try {
    const contacts = crmContacts(store, { purpose, now });
    n = contacts.length;
    text = format === 'csv' ? crmCsv(contacts) : contacts.map((c) => `${JSON.stringify(c)}\n`).join('');
  } finally {
    await store.close();
  }
  if (values.output) await writeFile(values.output, text);
  else await write(process.stdout, text);
  await write(process.stderr, `${n} contacts for ${purpose}\n`);
  return 0;
}
