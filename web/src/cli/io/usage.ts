/** A mistake in how the command was called: exit code 2 with the usage text. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Writes text or bytes to a stream and waits until it is flushed (large outputs before exit). */
export function write(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

const writeFailures = new WeakMap<NodeJS.WritableStream, Error>();

/** Remembers a stream's write error for writeChunk() and closeStream() to raise. */
export function noteWriteFailure(stream: NodeJS.WritableStream, error: Error): void {
  if (!writeFailures.has(stream)) writeFailures.set(stream, error);
}

/** The error a stream's writes ran into, if any. */
export function writeFailure(stream: NodeJS.WritableStream): Error | undefined {
  return writeFailures.get(stream);
}

/**
 * Writes a chunk of results waiting only for room in the stream's buffer, not for the bytes to be
 * flushed: the next chunk is computed while this one is written (waiting cost a tenth of a
 * `--jobs 1` run). `written` runs once the bytes are out, so their buffer can be reused. A write
 * that failed fails the next call, and the stream's close.
 */
export function writeChunk(stream: NodeJS.WritableStream, data: string | Uint8Array, written?: () => void): Promise<void> {
  const failed = writeFailures.get(stream);
  if (failed) return Promise.reject(failed);
  const room = stream.write(data, (err) => {
    if (err) noteWriteFailure(stream, err);
    else written?.();
  });
  if (room) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (e: Error) => {
      stream.off('drain', onDrain);
      reject(e);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}
