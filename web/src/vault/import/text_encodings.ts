// The transfer encodings vCard 2.1 and 3.0 allow inside a value, which ical.js leaves encoded:
// QUOTED-PRINTABLE (RFC 2045 §6.7, with a CHARSET parameter naming the bytes' character set) and
// base64 (ENCODING=b in 3.0, BASE64 in 2.1). Decoding is strict: a broken value is an error, never
// a guess.

/** The bytes of a quoted-printable text (soft line breaks already joined), or null if malformed. */
export function decodeQuotedPrintable(text: string): Uint8Array | null {
  const out: number[] = [];
  for (let i = 0; i < text.length; ++i) {
    const c = text.charCodeAt(i);
    if (c === 0x3d /* = */) {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null;
      out.push(parseInt(hex, 16));
      i += 2;
    } else if (c > 0x7e) {
      return null; // quoted-printable is 7-bit: a raw non-ASCII character means a mislabelled value
    } else {
      out.push(c);
    }
  }
  return Uint8Array.from(out);
}

/** The bytes of a base64 text (whitespace ignored), or null if it is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  const binary = atob(clean);
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

/** Bytes as text in `charset` (a WHATWG label: utf-8, iso-8859-1, windows-1252, shift_jis…). */
export function decodeCharset(bytes: Uint8Array, charset: string): { text: string } | { error: string } {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    return { error: `unknown character set "${charset}"` };
  }
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return { error: `the bytes are not valid ${charset}` };
  }
}
