// Claim names arrive from other people's packets: a name must read the same to everyone who sees it
// and must never address an object's prototype when a result is built or copied.

// `__proto__`, `constructor`, `toString`, `hasOwnProperty`, … : names an object already answers to.
const prototypeNames = new Set(Object.getOwnPropertyNames(Object.prototype));
// Control, format (zero-width space/joiners, bidi overrides, BOM), surrogate (a lone half),
// private-use and unassigned code points, and line/paragraph separators: invisible or unreadable.
const unprintable = /[\p{C}\p{Zl}\p{Zp}]/u;

/** Why `name` is not an acceptable claim name, or null when it is: non-empty, at most `maxLength`, NFC, printable, not a prototype name. */
export function claimNameProblem(name: unknown, maxLength = 256): string | null {
  if (typeof name !== 'string') return 'a claim name must be a string';
  if (name === '') return 'a claim name must not be empty';
  if (name.length > maxLength) return `a claim name has at most ${maxLength} characters`;
  if (unprintable.test(name)) return 'a claim name must be printable (no control, zero-width or lone surrogate characters)';
  if (name.normalize('NFC') !== name) return 'a claim name must be in Unicode NFC';
  if (prototypeNames.has(name)) return `"${name}" is an object-prototype name`;
  return null;
}

/** An object with no prototype: any key, `__proto__` included, is only ever an own property. */
export function nullPrototypeRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) out[key] = value;
  return out;
}
