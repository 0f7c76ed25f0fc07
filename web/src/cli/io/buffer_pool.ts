// Buffers that go round between the main thread and the workers instead of being allocated per
// chunk. A transferred ArrayBuffer is freed only by a garbage collection of the thread that holds
// it last, and V8 lets an isolate with a small heap keep tens of megabytes of them before it
// collects: per thread, so RSS grew with every worker. Reused buffers keep memory flat.

export class BufferPool {
  readonly #free: ArrayBuffer[] = [];

  /** @param keep at most this many free buffers are held. */
  constructor(private readonly keep: number) {}

  /** A buffer of at least `size` bytes: a free one, or a new one with room to spare. */
  take(size: number): ArrayBuffer {
    for (let i = this.#free.length - 1; i >= 0; --i) {
      if (this.#free[i]!.byteLength >= size) return this.#free.splice(i, 1)[0]!;
    }
    return Buffer.allocUnsafeSlow(size + (size >> 3)).buffer as ArrayBuffer;
  }

  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength === 0) return; // detached: it was transferred meanwhile
    if (this.#free.length < this.keep) {
      this.#free.push(buffer);
      return;
    }
    // Full: keep the larger buffers, which fit more chunks.
    let smallest = 0;
    this.#free.forEach((b, i) => {
      if (b.byteLength < this.#free[smallest]!.byteLength) smallest = i;
    });
    if (this.#free[smallest]!.byteLength < buffer.byteLength) this.#free[smallest] = buffer;
  }

  /** Up to `n` free buffers, taken out of the pool (to hand to another thread). */
  takeAll(n: number): ArrayBuffer[] {
    return this.#free.splice(0, n);
  }
}
