// Where JSON text stops being JSON (RFC 8259), for an error message that names the line and
// column: JSON.parse in Node 20 and some browsers says what is wrong but not where.

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The offset of the first character that is not valid JSON, or -1 when the text is valid. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) ++i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    ++i;
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) return void ++i;
      if (c < 0x20) fail();
      if (c === 0x5c) {
        ++i;
        const e = text[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          ++i;
        } else {
          fail();
        }
      } else {
        ++i;
      }
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      ++i;
      space();
      if (text[i] === '}') return void ++i;
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        ++i;
        value();
        space();
        if (text[i] === ',') ++i;
        else if (text[i] === '}') return void ++i;
        else fail();
      }
    }
    if (c === '[') {
      ++i;
      space();
      if (text[i] === ']') return void ++i;
      for (;;) {
        value();
        space();
        if (text[i] === ',') ++i;
        else if (text[i] === ']') return void ++i;
        else fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  try {
    value();
    space();
    return i < text.length ? i : -1;
  } catch (at) {
    return Math.min(at as number, text.length);
  }
}

/** "line L column C" of a character offset (both 1-based). */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    ++line;
    start = i + 1;
  }
  return `line ${line} column ${offset - start + 1}`;
}
