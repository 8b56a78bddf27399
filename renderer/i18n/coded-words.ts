/** Words for each code of a typed finding, from its parameters. */
export type CodedWords<T extends { code: string; params: object }> = {
  [C in T['code']]: (params: Extract<T, { code: C }>['params']) => string;
};

/** A typed finding in words, by its code. */
export function codedWords<T extends { code: string; params: object }>(
  words: CodedWords<T>,
  item: T,
): string {
  const word = words[item.code as T['code']] as (params: T['params']) => string;
  return word(item.params);
}
