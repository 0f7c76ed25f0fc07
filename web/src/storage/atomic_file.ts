// Node only: replaces a file atomically so an interrupted write (crash, kill, power loss after the
// fsyncs) leaves either the previous or the new content, never a mix. No wasm here: the crash
// test's child process uses this module alone, which keeps its start-up cheap.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `bytes` to a temporary file beside `path`, fsyncs it, renames it over `path`, and fsyncs
 * the folder so the rename itself is durable. Rejects with the file system's error.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const folder = dirname(path);
  const temp = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  const dir = await open(folder, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
