import { readFile, rename, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { isEncryptedVault, loadVaultFile, saveVaultFile, SelfCrmError, updateVaultFile, Vault, type LineReject } from '../../index.node.js';
import { lineChunks, mergeByLine } from '../io/lines.js';
import { exitStatusHelp, failure, finishLines, maxRejectsHelp, parseMaxRejects } from '../io/outcome.js';
import { formatReject } from '../io/output.js';
import { openInput } from '../io/options.js';
import { UsageError, write } from '../io/usage.js';
import { importFromHelp, importFromOptionsHelp, runVaultImportFrom } from './vault_import_from.js';

export const vaultHelp = `Usage: selfcrm vault <action> FILE [options]

Works on a vault file (JSON, or encrypted when a passphrase is given). Every change is saved
atomically: an interrupted run leaves the previous file. One run at a time changes a file: another
waits for its lock (.FILE.lock) up to --lock-timeout seconds, then fails with E_LOCKED; a lock
left by a killed run is taken over. A vault stays as protected as it was: an encrypted one is
saved encrypted; a plain one refuses a passphrase unless --encrypt asks to encrypt it.

Actions:
  create FILE [--id ID]          write a new, empty vault; refused when FILE exists (--force
                                 replaces it and keeps the old file as FILE.<time>.bak)
  show FILE                      print the vault document as JSON
  journal FILE                   print the change journal, one change per line
  import FILE [--input NDJSON]   add history lines {"type": "transaction"|"interaction"|"survey"|
                                 "referral"|"reach", …} from NDJSON or stdin; bad lines go to
                                 stderr as "line N: CODE at PATH: message"
${importFromHelp}
  merge FILE OTHER               merge the vault OTHER into FILE

Options:
  -i, --input FILE               import: read history from FILE instead of stdin
      --id ID                    create: the vault id (default: a random UUID)
      --passphrase-env NAME      read the passphrase from the environment variable NAME
      --lock-timeout SECONDS     how long to wait for another run's lock (default 30)
      --encrypt                  import, merge: encrypt a plain FILE with that passphrase
      --force                    create: replace an existing FILE, keeping a backup
${importFromOptionsHelp}
${maxRejectsHelp}
  -h, --help                     show this text

Import: ${exitStatusHelp}
Other actions: 0 when done, 1 on failure (message on stderr), 2 on a usage error.
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
        encrypt: { type: 'boolean' },
        force: { type: 'boolean' },
        'max-rejects': { type: 'string' },
        from: { type: 'string' },
        card: { type: 'string' },
        replace: { type: 'boolean' },
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
  const arity = action === undefined ? undefined : action === 'import' && values.from !== undefined ? 2 : expected[action];
  if (arity === undefined) throw new UsageError(action ? `unknown action "${action}"` : 'an action is needed');
  if (file === undefined || (arity === 2) !== (other !== undefined) || extra.length) {
    throw new UsageError(`"${action}" takes ${arity === 2 ? (action === 'import' ? 'VAULT SOURCE' : 'FILE OTHER') : 'FILE'}`);
  }
  let passphrase: string | undefined;
  if (values['passphrase-env'] !== undefined) {
    passphrase = process.env[values['passphrase-env']];
    if (!passphrase) throw new UsageError(`the environment variable ${values['passphrase-env']} is empty or unset`);
  }
  const seconds = values['lock-timeout'] === undefined ? 30 : Number(values['lock-timeout']);
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError('--lock-timeout is a number of seconds ≥ 0');
  const options = { passphrase, lockTimeoutMs: seconds * 1000 };

  if (values.encrypt && !passphrase) throw new UsageError('--encrypt needs --passphrase-env');
  if (values.encrypt && action !== 'import' && action !== 'merge') throw new UsageError('--encrypt is for import and merge');
  if (values.force && action !== 'create') throw new UsageError('--force is for create');
  if (values.from !== undefined && action !== 'import') throw new UsageError('--from is for import');
  if ((values.card !== undefined || values.replace) && values.from === undefined) throw new UsageError('--card and --replace are for import --from');
  if (values.from !== undefined && values.input !== undefined) throw new UsageError('import --from reads SOURCE, not --input');
  const maxRejects = parseMaxRejects(values['max-rejects']);
  if (maxRejects !== undefined && action !== 'import') throw new UsageError('--max-rejects is for import');

  if (action === 'create') {
    using v = Vault.create(values.id);
    if (await exists(file)) {
      if (!values.force) {
        throw new SelfCrmError('E_CONFLICT', `${file} exists: a vault is never replaced by an empty one (--force replaces it and keeps a backup)`);
      }
      const backup = `${file}.${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
      await rename(file, backup);
      await write(process.stderr, `selfcrm vault: the previous ${file} is kept as ${backup}\n`);
    }
    await saveVaultFile(file, v, options);
    return 0;
  }
  if (action === 'show' || action === 'journal') {
    using v = await loadVaultFile(file, options);
    const text = action === 'show' ? `${v.toString()}\n` : v.journal().map((e) => `${e.at}  ${e.op}  ${e.target}  ${e.detail}\n`).join('');
    await write(process.stdout, text);
    return 0;
  }
  // A command changes a vault's protection only when asked: a passphrase given for a plain file
  // is refused by the loader (E_INTEGRITY), unless --encrypt asks to encrypt it after the change.
  const encrypting = values.encrypt === true && !(await isEncryptedFile(file));
  const saveOptions = encrypting ? { ...options, passphrase: undefined } : options;
  const encryptAfter = async () => {
    if (!encrypting) return;
    using v = await loadVaultFile(file, saveOptions);
    await saveVaultFile(file, v, options);
  };
  if (action === 'import' && values.from !== undefined) {
    return runVaultImportFrom({
      vault: file, source: other as string, kind: values.from, card: values.card, replace: values.replace === true,
      maxRejects, load: saveOptions, after: encryptAfter,
    });
  }
  if (action === 'import') {
    // Read the input first: the lock is then held only for the change itself.
    const { input } = await openInput({ input: values.input, csv: false });
    const chunks: { bytes: Uint8Array; firstLine: number; tooLong: LineReject[] }[] = [];
    let lines = 0;
    for await (const chunk of lineChunks(input)) {
      chunks.push({ bytes: chunk.bytes.slice(), firstLine: chunk.firstLine, tooLong: chunk.tooLong });
      lines += chunk.lines;
    }
    const totals = { added: 0, duplicates: 0, rejected: 0 };
    let saved = false;
    const counts = () => ({ lines, results: totals.added + totals.duplicates, rejects: totals.rejected });
    try {
      await updateVaultFile(file, async (v) => {
        for (const chunk of chunks) {
          const report = v.importHistory(chunk.bytes, { firstLine: chunk.firstLine });
          const rejects = mergeByLine(chunk.tooLong, report.rejected);
          totals.added += report.added;
          totals.duplicates += report.duplicates;
          totals.rejected += rejects.length;
          if (rejects.length) await write(process.stderr, rejects.map(formatReject).join(''));
        }
        // All or nothing: a run that failed (or changed nothing) leaves the file as it was.
        if (totals.added === 0 || failure(counts(), maxRejects) !== '') throw new NothingToSave();
        saved = true;
      }, saveOptions);
    } catch (e) {
      if (!(e instanceof NothingToSave)) throw e;
    }
    if (saved) await encryptAfter();
    await write(process.stdout, `${JSON.stringify(totals)}\n`);
    return finishLines('vault import', counts(), maxRejects);
  }
  using theirs = await loadVaultFile(other as string, options);
  await updateVaultFile(file, (v) => v.merge(theirs), saveOptions);
  await encryptAfter();
  return 0;
}

/** Thrown inside an update to leave the file untouched. */
class NothingToSave extends Error {}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/** Whether FILE holds an encrypted vault (false when it cannot be read: loading says why). */
async function isEncryptedFile(file: string): Promise<boolean> {
  try {
    return isEncryptedVault(new Uint8Array(await readFile(file)));
  } catch {
    return false;
  }
}
