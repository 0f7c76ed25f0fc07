import { readFile, rename, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { decodeVault, isEncryptedVault, loadVaultFile, saveVaultFile, SelfCrmError, Vault } from '../../index.node.js';
import { lineChunks } from '../io/lines.js';
import { exitStatusHelp, failure, finishLines, maxRejectsHelp, parseMaxRejects } from '../io/outcome.js';
import { formatReject } from '../io/output.js';
import { openInput } from '../io/options.js';
import { UsageError, write } from '../io/usage.js';

export const vaultHelp = `Usage: selfcrm vault <action> FILE [options]

Works on a vault file (JSON, or encrypted when a passphrase is given). Every change is saved
atomically: an interrupted run leaves the previous file. A vault stays as protected as it was:
an encrypted one is saved encrypted, a plain one plain unless --encrypt asks otherwise.

Actions:
  create FILE [--id ID]          write a new, empty vault; refused when FILE exists (--force
                                 replaces it and keeps the old file as FILE.<time>.bak)
  show FILE                      print the vault document as JSON
  journal FILE                   print the change journal, one change per line
  import FILE [--input NDJSON]   add history lines {"type": "transaction"|"interaction"|"survey"|
                                 "referral"|"reach", …} from NDJSON or stdin; bad lines go to
                                 stderr as "line N: CODE at PATH: message". Nothing is saved
                                 when no line was added or more than --max-rejects were rejected.
  merge FILE OTHER               merge OTHER, another copy of the same vault (same id), into
                                 FILE; two different vaults are refused (E_CONFLICT)

Options:
  -i, --input FILE               import: read history from FILE instead of stdin
      --id ID                    create: the vault id (default: a random UUID)
      --passphrase-env NAME      read the passphrase from the environment variable NAME
      --encrypt                  import, merge: encrypt a plain FILE with that passphrase
      --force                    create: replace an existing FILE, keeping a backup
${maxRejectsHelp}
  -h, --help                     show this text

Import: ${exitStatusHelp}
Other actions: 0 when done, 1 on failure (message on stderr), 2 on a usage error.
`;

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/** The vault in FILE and whether the file was encrypted (so a save keeps it that way). */
async function loadWithProtection(file: string, passphrase: string | undefined): Promise<{ vault: Vault; encrypted: boolean }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    return { vault: await loadVaultFile(file, { passphrase }), encrypted: false }; // throws the file's error
  }
  return { vault: await decodeVault(bytes, { passphrase }), encrypted: isEncryptedVault(bytes) };
}

export async function runVault(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        input: { type: 'string', short: 'i' },
        id: { type: 'string' },
        'passphrase-env': { type: 'string' },
        encrypt: { type: 'boolean' },
        force: { type: 'boolean' },
        'max-rejects': { type: 'string' },
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
  if (values.encrypt && !passphrase) throw new UsageError('--encrypt needs --passphrase-env');
  if (values.encrypt && action !== 'import' && action !== 'merge') throw new UsageError('--encrypt is for import and merge');
  if (values.force && action !== 'create') throw new UsageError('--force is for create');
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
    await saveVaultFile(file, v, { passphrase });
    return 0;
  }
  const loaded = await loadWithProtection(file, passphrase);
  using v = loaded.vault;
  // A command changes a vault's protection only when asked: a plain file is saved plain.
  const save = async () => {
    if (!loaded.encrypted && passphrase && !values.encrypt) {
      await write(process.stderr, `selfcrm vault: ${file} is not encrypted and stays so (--encrypt encrypts it with the passphrase)\n`);
    }
    await saveVaultFile(file, v, { passphrase: loaded.encrypted || values.encrypt ? passphrase : undefined });
  };
  if (action === 'show') {
    await write(process.stdout, `${v.toString()}\n`);
  } else if (action === 'journal') {
    await write(process.stdout, v.journal().map((e) => `${e.at}  ${e.op}  ${e.target}  ${e.detail}\n`).join(''));
  } else if (action === 'import') {
    const { input } = await openInput({ input: values.input, csv: false, format: 'ndjson', jobs: 1, help: false });
    let added = 0;
    let duplicates = 0;
    let rejected = 0;
    let lines = 0;
    for await (const chunk of lineChunks(input)) {
      const report = v.importHistory(chunk.bytes, chunk.firstLine);
      added += report.added;
      duplicates += report.duplicates;
      rejected += report.rejected.length;
      lines += chunk.lines;
      if (report.rejected.length) await write(process.stderr, report.rejected.map(formatReject).join(''));
    }
    const counts = { lines, results: added + duplicates, rejects: rejected };
    // All or nothing: a run that failed leaves the file as it was.
    const saved = added > 0 && failure(counts, maxRejects) === '';
    if (saved) await save();
    await write(process.stdout, `${JSON.stringify({ added, duplicates, rejected, saved })}\n`);
    return finishLines('vault import', counts, maxRejects);
  } else {
    using theirs = await loadVaultFile(other as string, { passphrase });
    v.merge(theirs);
    await save();
  }
  return 0;
}
