// Node only: one writer at a time per vault file. A lock file `.NAME.lock` beside it is created
// with O_EXCL and names its holder (host, pid, a random token); the holder touches it every
// second. Another process waits (polling) until it is gone, or takes it over when it is stale: a
// holder on this host whose pid is no longer alive, or on another host (a shared folder) whose
// lock was not touched for `staleMs`. Taking the lock also removes the temporary files that a
// killed save left (`.NAME.*.tmp`): no save can be running then.
import { randomBytes } from 'node:crypto';
import { link, open, readdir, readFile, rename, unlink, utimes, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

import { SelfCrmError } from '../runtime/errors.js';

/** How long to wait for another process's lock. */
export interface LockOptions {
  /** Milliseconds to wait before failing with `E_LOCKED` (default 30,000; 0 = do not wait). */
  lockTimeoutMs?: number;
  /** A lock from another host untouched this long is stale (default 30,000 ms). */
  staleMs?: number;
  /** @internal For a reader: in a folder it may not write, go ahead without a lock. */
  readOnly?: boolean;
}

interface Holder {
  host: string;
  pid: number;
  token: string;
  since: string;
}

const HEARTBEAT_MS = 1000;
const POLL_MS = 20;

export function lockPathOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(lockPath: string): Promise<{ holder: Holder | undefined; mtimeMs: number } | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    let holder: Holder | undefined;
    try {
      holder = JSON.parse(text) as Holder;
    } catch {
      holder = undefined; // being written, or cut short by a crash: judged by its age
    }
    return { holder, mtimeMs: info.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function isStale(found: { holder: Holder | undefined; mtimeMs: number }, staleMs: number): boolean {
  const { holder } = found;
  if (holder && holder.host === hostname() && Number.isInteger(holder.pid)) return holder.pid !== process.pid && !alive(holder.pid);
  return Date.now() - found.mtimeMs > staleMs;
}

// Moves a stale lock aside and removes it, unless another process replaced it meanwhile (then
// the fresh lock is put back).
async function takeOver(lockPath: string, stale: Holder | undefined): Promise<void> {
  const aside = `${lockPath}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(lockPath, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const moved = await readHolder(aside);
  if (stale && moved?.holder && moved.holder.token !== stale.token) {
    await link(aside, lockPath).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

// The temporary files of the vault file and of its state record (`.NAME.state`, see file.ts).
async function removeStrayTemps(path: string): Promise<void> {
  const prefixes = [`.${basename(path)}.`, `..${basename(path)}.state.`];
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => prefixes.some((p) => n.startsWith(p) && /^[0-9a-f]{12}\.tmp$/.test(n.slice(p.length))))
      .map((n) => unlink(join(dirname(path), n)).catch(() => undefined)),
  );
}

/** A held lock: release it when done (also on failure). */
export interface FileLock {
  release(): Promise<void>;
}

/**
 * Takes the lock of the vault file `path`, waiting up to `lockTimeoutMs`.
 * @throws SelfCrmError `E_LOCKED` (naming the holder) when it stays held; `E_IO` when the folder refuses.
 */
export async function lockFile(path: string, options: LockOptions = {}): Promise<FileLock> {
  const timeout = options.lockTimeoutMs ?? 30_000;
  const staleMs = options.staleMs ?? 30_000;
  if (!Number.isFinite(timeout) || timeout < 0) throw new SelfCrmError('E_RANGE', 'lockTimeoutMs is a number of milliseconds ≥ 0', '/lockTimeoutMs');
  const lockPath = lockPathOf(path);
  const me: Holder = { host: hostname(), pid: process.pid, token: randomBytes(12).toString('hex'), since: new Date().toISOString() };
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      const file = await open(lockPath, 'wx', 0o600);
      try {
        await file.writeFile(JSON.stringify(me));
      } finally {
        await file.close();
      }
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new SelfCrmError('E_NOT_FOUND', `no folder ${dirname(path)} for ${path}`);
      // A reader in a folder it cannot write to (a read-only backup) has no writer to exclude.
      if (options.readOnly && ['EACCES', 'EPERM', 'EROFS'].includes(code ?? '')) return { release: async () => undefined };
      if (code !== 'EEXIST') throw new SelfCrmError('E_IO', `could not lock ${path}: ${(e as Error).message}`);
    }
    const found = await readHolder(lockPath);
    if (found && isStale(found, staleMs)) {
      await takeOver(lockPath, found.holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = found?.holder ? `process ${found.holder.pid} on ${found.holder.host} since ${found.holder.since}` : 'another process';
      throw new SelfCrmError('E_LOCKED', `${path} is in use by ${who}; try again when it has finished (lock file ${lockPath})`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS + Math.random() * POLL_MS));
  }
  await removeStrayTemps(path);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    release: async () => {
      clearInterval(heartbeat);
      const found = await readHolder(lockPath).catch(() => undefined);
      if (found?.holder?.token === me.token) await unlink(lockPath).catch(() => undefined);
    },
  };
}

/** Runs `fn` holding the lock of `path`; releases it whatever happens. */
export async function withFileLock<T>(path: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const lock = await lockFile(path, options);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}
