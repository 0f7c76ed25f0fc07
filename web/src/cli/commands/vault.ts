import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';

import { loadVaultFile, saveVaultFile, updateVaultFile, Vault } from '../../index.node.js';
import { lineChunks } from '../io/lines.js';
import { formatReject } from '../io/output.js';
import { UsageError, write } from '../io/usage.js';

export const vaultHelp = `Usage: selfcrm vault <action> FILE [options]

Works on a vault file (JSON, or encrypted when a passphrase is given). Every change is saved
atomically: an interrupted run leaves the previous file. One run at a time changes a file: another
waits for its lock (.FILE.lock) up to --lock-timeout seconds, then fails with E_LOCKED; a lock
left by a killed run is taken over.

Actions:
  create FILE [--id ID]          write a new, empty vault
  show FILE                      print the vault document as JSON
  journal FILE                   print the change journal, one change per line
  import FILE [--input NDJSON]   add history lines {"type": "transaction"|"interaction"|"survey"|
                                 "referral"|"reach", …} from NDJSON or stdin; bad lines go to
                                 stderr as "line N: CODE at PATH: message"
  merge FILE OTHER               merge the vault OTHER into FILE

Options:
  -i, --input FILE               import: read history from FILE instead of stdin
      --id ID                    create: the vault id (default: a random UUID)
      --passphrase-env NAME      read the passphrase from the environment variable NAME
      --lock-timeout SECONDS     how long to wait for another run's lock (default 30)
  -h, --help                     show this text

Exit status: 0 when it ran, 1 on failure (message on stderr), 2 on a usage error.
`;

export async function runVault(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        input: { type: 'string', short: 'i' },
        id: { type: 'string' },
        'passphrase-env': { type: 'string' },
        'lock-timeout': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    await write(process.stdout, vaultHelp);
    return 0;
  }
  const [action, file, other, ...extra] = positionals;
  const expected: Record<string, number> = { create: 1, show: 1, journal: 1, import: 1, merge: 2 };
  const arity = action === undefined ? undefined : expected[action];
  if (arity === undefined) throw new UsageError(action ? `unknown action "${action}"` : 'an action is needed');
  if (file === undefined || (arity === 2) !== (other !== undefined) || extra.length) {
    throw new UsageError(`"${action}" takes ${arity === 2 ? 'FILE OTHER' : 'FILE'}`);
  }
  let passphrase: string | undefined;
  if (values['passphrase-env'] !== undefined) {
    passphrase = process.env[values['passphrase-env']];
    if (!passphrase) throw new UsageError(`the environment variable ${values['passphrase-env']} is empty or unset`);
  }
  const seconds = values['lock-timeout'] === undefined ? 30 : Number(values['lock-timeout']);
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError('--lock-timeout is a number of seconds ≥ 0');
  const options = { passphrase, lockTimeoutMs: seconds * 1000 };

  if (action === 'create') {
    using v = Vault.create(values.id);
    await saveVaultFile(file, v, options);
    return 0;
  }
  if (action === 'show' || action === 'journal') {
    using v = await loadVaultFile(file, options);
    const text = action === 'show' ? `${v.toString()}\n` : v.journal().map((e) => `${e.at}  ${e.op}  ${e.target}  ${e.detail}\n`).join('');
    await write(process.stdout, text);
  } else if (action === 'import') {
    // Read the input first: the lock is then held only for the change itself.
    const input = values.input ? createReadStream(values.input) : process.stdin;
    const chunks: { bytes: Uint8Array; firstLine: number }[] = [];
    for await (const chunk of lineChunks(input)) chunks.push({ bytes: chunk.bytes.slice(), firstLine: chunk.firstLine });
    const totals = await updateVaultFile(file, async (v) => {
      const sum = { added: 0, duplicates: 0, rejected: 0 };
      for (const chunk of chunks) {
        const report = v.importHistory(chunk.bytes, { firstLine: chunk.firstLine });
        sum.added += report.added;
        sum.duplicates += report.duplicates;
        sum.rejected += report.rejected.length;
        if (report.rejected.length) await write(process.stderr, report.rejected.map(formatReject).join(''));
      }
      return sum;
    }, options);
    await write(process.stdout, `${JSON.stringify(totals)}\n`);
  } else {
    using theirs = await loadVaultFile(other as string, options);
    await updateVaultFile(file, (v) => v.merge(theirs), options);
  }
  return 0;
}
