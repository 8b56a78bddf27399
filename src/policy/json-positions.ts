/**
 * Offsets of every value in a JSON text by path (`["limits", 0, "max"]` -> offset), so schema errors
 * can name a line and column. Assumes the text already parsed with JSON.parse.
 */
export function jsonValueOffsets(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
  };
  const readString = (): string => {
    const start = at;
    at++;
    while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const value = (path: Array<string | number>): void => {
    skipSpace();
    offsets.set(JSON.stringify(path), at);
    const char = text[at];
    if (char === '{') {
      at++;
      skipSpace();
      if (text[at] === '}') {
        at++;
        return;
      }
      for (;;) {
        skipSpace();
        const key = readString();
        skipSpace();
        at++; // ':'
        value([...path, key]);
        skipSpace();
        if (text[at++] === '}') return;
      }
    }
    if (char === '[') {
      at++;
      skipSpace();
      if (text[at] === ']') {
        at++;
        return;
      }
      for (let i = 0; ; i++) {
        value([...path, i]);
        skipSpace();
        if (text[at++] === ']') return;
      }
    }
    if (char === '"') {
      readString();
      return;
    }
    while (at < text.length && !/[\s,\]}]/.test(text[at] as string)) at++;
  };
  value([]);
  return offsets;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
