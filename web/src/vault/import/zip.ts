// A ZIP archive read as a stream (a platform's "download your data" archive can be gigabytes):
// members are visited in archive order and only the ones a reader asks for are inflated; the rest
// pass by without being kept. One module for the browser (a File's stream) and Node (a file read
// stream). Built on fflate's Unzip, with its decoders replaced by one that counts and limits.
//
// Why not fflate's decoders as they are: fflate's Unzip keeps the data of a member nobody
// start()ed in memory until the end (it waits for a late start), so skipping a 900 MB video would
// hold 900 MB. Every member is started here; unwanted ones go to a decoder that drops the bytes.
import { Unzip, UnzipInflate, type UnzipDecoder, type UnzipFile } from 'fflate';
import { SelfCrmError, type ErrorCode } from '../../runtime/errors.js';

/** Bounds that keep a hostile archive (a zip bomb, a million members) from exhausting the device. */
export interface ZipLimits {
  /** Members in the archive, read or not. */
  maxEntries: number;
  /** Inflated bytes of one member that is read. */
  maxMemberBytes: number;
  /** Inflated bytes of all members read together. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed bytes of a member, checked once it passed 1 MiB inflated. */
  maxRatio: number;
}

export const defaultZipLimits: Readonly<ZipLimits> = Object.freeze({
  maxEntries: 200_000,
  maxMemberBytes: 4 * 2 ** 30,
  maxTotalBytes: 8 * 2 ** 30,
  // Text deflates at most about 1:1000 in practice (DEFLATE's own ceiling is 1032:1); a member
  // beyond that was crafted.
  maxRatio: 1000,
});

/** What a reader does with one member's bytes; `end` is called once after the last chunk. */
export interface MemberSink {
  data(chunk: Uint8Array): void;
  end(): void;
}

export interface ZipEntry {
  name: string;
  /** The compressed and inflated sizes the member's local header declares (absent when streamed). */
  size?: number;
  originalSize?: number;
}

/** Bytes from a File/Blob, a web ReadableStream, a Node stream (async iterable) or memory. */
export type ByteSource = Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Uint8Array;

const CHUNK = 1 << 20;

/** The source's bytes in chunks, pulled one at a time (back-pressure for streams). */
export async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    for (let i = 0; i < source.length; i += CHUNK) yield source.subarray(i, i + CHUNK);
    return;
  }
  const stream = typeof Blob !== 'undefined' && source instanceof Blob ? source.stream() : source;
  if (typeof ReadableStream !== 'undefined' && stream instanceof ReadableStream) {
    const reader = stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    if (!(chunk instanceof Uint8Array)) throw new SelfCrmError('E_SCHEMA', 'a byte stream must give Uint8Array chunks');
    yield chunk;
  }
}

const fail = (code: ErrorCode, message: string, path: string) => new SelfCrmError(code, message, path);

/** Why a member name is refused, or undefined: names that climb out of a folder or are absolute. */
export function unsafeMemberName(name: string): string | undefined {
  if (name.length === 0) return 'an empty member name';
  if (name.includes('\0')) return 'a member name with a NUL character';
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) return 'an absolute member name';
  if (name.split(/[/\\]/).includes('..')) return 'a member name with a ".." step (path traversal)';
  return undefined;
}

// One decoder for every member, whatever its compression: counts compressed bytes in and either
// drops them (member not wanted) or inflates them (stored members pass through).
interface Routing {
  wanted: boolean;
  compressedIn: number;
  inner: UnzipDecoder | undefined;
}

function decoderFor(method: number, route: () => Routing) {
  return class RoutedDecoder implements UnzipDecoder {
    static compression = method;
    ondata: UnzipDecoder['ondata'] = () => undefined;
    readonly #route = route();
    constructor() {
      const r = this.#route;
      if (r.wanted) {
        r.inner = method === 8 ? new UnzipInflate() : undefined;
        if (r.inner) r.inner.ondata = (err, data, final) => this.ondata(err, data, final);
      }
    }
    push(chunk: Uint8Array, final: boolean): void {
      const r = this.#route;
      r.compressedIn += chunk.length;
      if (!r.wanted) {
        if (final) this.ondata(null, new Uint8Array(0), true);
      } else if (r.inner) {
        r.inner.push(chunk, final);
      } else {
        this.ondata(null, chunk as Uint8Array<ArrayBuffer>, final);
      }
    }
  };
}

// Methods whose members are skipped without help from fflate (bzip2, LZMA, zstd, xz, PPMd, AES):
// registering them keeps fflate from holding their bytes; asking to read one is E_UNSUPPORTED.
const OTHER_METHODS = [1, 6, 9, 12, 14, 93, 95, 98, 99];

/**
 * Streams `source` as a ZIP archive. For each member `pick` returns a sink for its inflated bytes
 * or undefined to skip it. Resolves with every member seen (in archive order).
 * @throws SelfCrmError E_PARSE (not a ZIP, truncated, corrupt deflate data), E_SCHEMA (an unsafe
 *   member name), E_RANGE (a limit of `limits` passed: path `zip:<member>`), E_UNSUPPORTED (a
 *   member to read is compressed with a method other than store/deflate), or whatever a sink throws.
 */
export async function readZip(
  source: ByteSource,
  pick: (entry: ZipEntry) => MemberSink | undefined,
  limits: Partial<ZipLimits> = {},
): Promise<ZipEntry[]> {
  const bounds = { ...defaultZipLimits, ...limits };
  const entries: ZipEntry[] = [];
  let failure: unknown;
  let current: Routing = { wanted: false, compressedIn: 0, inner: undefined };
  let open: { entry: ZipEntry; done: boolean } | undefined;
  let totalOut = 0;

  const unzip = new Unzip((file: UnzipFile) => {
    if (failure) return;
    const entry: ZipEntry = { name: file.name };
    if (file.size !== undefined) entry.size = file.size;
    if (file.originalSize !== undefined) entry.originalSize = file.originalSize;
    const where = `zip:${file.name}`;
    try {
      if (entries.length >= bounds.maxEntries) {
        throw fail('E_RANGE', `more than ${bounds.maxEntries} members in the archive`, where);
      }
      const unsafe = unsafeMemberName(file.name);
      if (unsafe) throw fail('E_SCHEMA', unsafe, where);
      entries.push(entry);
      const sink = file.name.endsWith('/') ? undefined : pick(entry);
      const known = file.compression === 0 || file.compression === 8 || OTHER_METHODS.includes(file.compression);
      if (sink && file.compression !== 0 && file.compression !== 8) {
        throw fail('E_UNSUPPORTED', `compression method ${file.compression}: only stored and deflated members can be read`, where);
      }
      if (!known) {
        throw fail('E_UNSUPPORTED', `unknown compression method ${file.compression}`, where);
      }
      const route: Routing = { wanted: !!sink, compressedIn: 0, inner: undefined };
      current = route;
      const state = { entry, done: false };
      open = state;
      let out = 0;
      file.ondata = (err, data, final) => {
        if (failure || state.done) return;
        try {
          if (err) throw fail('E_PARSE', `corrupt compressed data: ${err.message}`, where);
          if (sink) {
            out += data.length;
            totalOut += data.length;
            if (out > bounds.maxMemberBytes) throw fail('E_RANGE', `the member inflates past ${bounds.maxMemberBytes} bytes`, where);
            if (totalOut > bounds.maxTotalBytes) throw fail('E_RANGE', `the members read inflate past ${bounds.maxTotalBytes} bytes`, where);
            if (entry.originalSize !== undefined && out > entry.originalSize) {
              throw fail('E_RANGE', `the member inflates past the ${entry.originalSize} bytes its header declares`, where);
            }
            if (out > 2 ** 20 && out > bounds.maxRatio * Math.max(route.compressedIn, 1)) {
              throw fail('E_RANGE', `the member inflates more than ${bounds.maxRatio}:1 (a zip bomb?)`, where);
            }
            if (data.length) sink.data(data);
          }
          if (final) {
            state.done = true;
            if (sink && entry.originalSize !== undefined && out !== entry.originalSize) {
              throw fail('E_PARSE', `the member holds ${out} bytes, its header declares ${entry.originalSize}`, where);
            }
            sink?.end();
          }
        } catch (e) {
          failure ??= e;
        }
      };
      file.start();
    } catch (e) {
      failure ??= e;
    }
  });
  for (const method of [0, 8, ...OTHER_METHODS]) unzip.register(decoderFor(method, () => current));

  let first = true;
  // The last bytes seen: a whole archive ends with its end-of-central-directory record (22 bytes
  // plus a comment of up to 65,535), which a truncated download lacks.
  let tail: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunksOf(source)) {
    tail = lastBytes(tail, chunk, END_RECORD_SPAN);
    if (first && chunk.length > 0) {
      first = false;
      if (!isZipStart(chunk)) throw fail('E_PARSE', 'not a ZIP archive (it does not start with a ZIP member or an empty archive record)', 'zip:');
    }
    try {
      unzip.push(chunk, false);
    } catch (e) {
      failure ??= fail('E_PARSE', `not a readable ZIP archive: ${(e as Error).message}`, open ? `zip:${open.entry.name}` : 'zip:');
    }
    if (failure) throw failure;
  }
  if (first) throw fail('E_PARSE', 'an empty file is not a ZIP archive', 'zip:');
  try {
    unzip.push(new Uint8Array(0), true);
  } catch (e) {
    failure ??= fail('E_PARSE', `the archive is truncated: ${(e as Error).message}`, open ? `zip:${open.entry.name}` : 'zip:');
  }
  if (failure) throw failure;
  if (open && !open.done) throw fail('E_PARSE', 'the archive ends inside this member (truncated download?)', `zip:${open.entry.name}`);
  if (!hasEndRecord(tail)) throw fail('E_PARSE', 'the archive has no end-of-central-directory record (truncated download?)', 'zip:');
  return entries;
}

const END_RECORD_SPAN = 22 + 65_535;

function lastBytes(tail: Uint8Array, chunk: Uint8Array, span: number): Uint8Array {
  if (chunk.length >= span) return chunk.slice(chunk.length - span);
  const keep = Math.min(tail.length, span - chunk.length);
  const out = new Uint8Array(keep + chunk.length);
  out.set(tail.subarray(tail.length - keep));
  out.set(chunk, keep);
  return out;
}

function hasEndRecord(tail: Uint8Array): boolean {
  for (let i = tail.length - 22; i >= 0; --i) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 5 && tail[i + 3] === 6) return true;
  }
  return false;
}

/** True when the bytes begin like a ZIP archive: a local file header or an empty archive's end record. */
export function isZipStart(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}
