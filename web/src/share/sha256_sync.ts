// SHA-256 (FIPS 180-4) without WebCrypto, for the places that must hash synchronously (the
// ledger's merge entry, written inside Vault.merge) or piece by piece (WebCrypto has no streaming
// digest; an imported archive is hashed as it streams). Everything else hashes
// with WebCrypto; the tests check both give the same digests.
import { base64url, utf8 } from './encoding.js';

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/**
 * SHA-256 fed piece by piece, so a file read as a stream (a 1 GB export archive) is hashed in
 * bounded memory: `update` any number of times, then `digest` once.
 */
export class Sha256 {
  readonly #h = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  readonly #w = new Int32Array(64);
  readonly #block = new Uint8Array(64);
  #filled = 0;
  #length = 0;

  update(bytes: Uint8Array): this {
    this.#length += bytes.length;
    let i = 0;
    if (this.#filled > 0) {
      const take = Math.min(64 - this.#filled, bytes.length);
      this.#block.set(bytes.subarray(0, take), this.#filled);
      this.#filled += take;
      i = take;
      if (this.#filled < 64) return this;
      this.#blocks(this.#block, 0, 64);
      this.#filled = 0;
    }
    const whole = i + Math.floor((bytes.length - i) / 64) * 64;
    this.#blocks(bytes, i, whole);
    this.#block.set(bytes.subarray(whole));
    this.#filled = bytes.length - whole;
    return this;
  }

  digest(): Uint8Array {
    const bitLength = this.#length * 8;
    const tail = new Uint8Array(this.#filled < 56 ? 64 - this.#filled : 128 - this.#filled);
    tail[0] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(bitLength / 2 ** 32));
    view.setUint32(tail.length - 4, bitLength >>> 0);
    this.update(tail);
    const out = new Uint8Array(32);
    const outView = new DataView(out.buffer);
    for (let i = 0; i < 8; ++i) outView.setUint32(i * 4, (this.#h[i] as number) >>> 0);
    return out;
  }

  // The compression function over every 64-byte block in bytes[from, to): locals and 32-bit
  // integer arithmetic only, so it runs at native-like speed (an imported archive is gigabytes).
  #blocks(bytes: Uint8Array, from: number, to: number): void {
    const h = this.#h;
    const w = this.#w;
    let h0 = h[0] as number, h1 = h[1] as number, h2 = h[2] as number, h3 = h[3] as number;
    let h4 = h[4] as number, h5 = h[5] as number, h6 = h[6] as number, h7 = h[7] as number;
    for (let p = from; p < to; p += 64) {
      for (let t = 0; t < 16; ++t) {
        const q = p + t * 4;
        w[t] = ((bytes[q] as number) << 24) | ((bytes[q + 1] as number) << 16) | ((bytes[q + 2] as number) << 8) | (bytes[q + 3] as number);
      }
      for (let t = 16; t < 64; ++t) {
        const x = w[t - 15] as number;
        const y = w[t - 2] as number;
        const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w[t] = ((w[t - 16] as number) + s0 + (w[t - 7] as number) + s1) | 0;
      }
      let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, hh = h7;
      for (let t = 0; t < 64; ++t) {
        const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        const ch = (e & f) ^ (~e & g);
        const t1 = (hh + s1 + ch + (K[t] as number) + (w[t] as number)) | 0;
        const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        const maj = (a & b) ^ (a & c) ^ (b & c);
        const t2 = (s0 + maj) | 0;
        hh = g;
        g = f;
        f = e;
        e = (d + t1) | 0;
        d = c;
        c = b;
        b = a;
        a = (t1 + t2) | 0;
      }
      h0 = (h0 + a) | 0;
      h1 = (h1 + b) | 0;
      h2 = (h2 + c) | 0;
      h3 = (h3 + d) | 0;
      h4 = (h4 + e) | 0;
      h5 = (h5 + f) | 0;
      h6 = (h6 + g) | 0;
      h7 = (h7 + hh) | 0;
    }
    h[0] = h0, h[1] = h1, h[2] = h2, h[3] = h3, h[4] = h4, h[5] = h5, h[6] = h6, h[7] = h7;
  }
}

/** A SHA-256 fed piece by piece. */
export interface StreamingSha256 {
  update(bytes: Uint8Array): unknown;
  digest(): Uint8Array;
}

let makeStreaming: () => StreamingSha256 = () => new Sha256();

/** Node's entry hands in node:crypto's hash (several times faster than this one in JS). */
export function setStreamingSha256(make: () => StreamingSha256): void {
  makeStreaming = make;
}

/** A new streaming SHA-256: node:crypto's in Node, `Sha256` elsewhere. */
export function streamingSha256(): StreamingSha256 {
  return makeStreaming();
}

/** SHA-256 of `bytes`. */
export function sha256Bytes(bytes: Uint8Array): Uint8Array {
  return new Sha256().update(bytes).digest();
}

/** SHA-256 of the UTF-8 bytes of `text`, base64url-encoded (as encoding.ts's `sha256`). */
export function sha256Sync(text: string): string {
  return base64url(sha256Bytes(utf8(text)));
}
