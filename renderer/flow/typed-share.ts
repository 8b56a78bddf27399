import { DEFAULT_IDLE_MS, IdleDeadline, type IdleTimer, systemTimer } from '../../src/keys/idle-deadline';

/** A SLIP-39 share has 20 words (128-bit key) or 33 (256-bit key). */
export const SHARE_LENGTHS = [20, 33] as const;
const MAX_WORDS = 33;

/**
 * The share an officer is typing, as SLIP-39 word indices in one buffer that is zeroed on clear,
 * on unmount and after five idle minutes (as main wipes an idle quorum). Each word is turned into
 * its index as soon as it is complete, so the page holds at most the word being typed as text.
 */
export class TypedShare {
  readonly #indices = new Uint16Array(MAX_WORDS);
  #count = 0;
  readonly #idle: IdleDeadline;

  constructor({
    onIdleClear,
    idleMs = DEFAULT_IDLE_MS,
    timers = systemTimer,
  }: {
    /** Told when the idle timeout cleared the words, so the screen empties its field too. */
    onIdleClear: () => void;
    idleMs?: number;
    timers?: IdleTimer;
  }) {
    this.#idle = new IdleDeadline(
      () => {
        this.clear();
        onIdleClear();
      },
      idleMs,
      timers,
    );
  }

  get count(): number {
    return this.#count;
  }

  get full(): boolean {
    return this.#count === MAX_WORDS;
  }

  /** Any keystroke keeps the words another idle period. */
  touch(): void {
    this.#idle.touch();
  }

  push(index: number): void {
    if (this.full) return;
    this.#indices[this.#count++] = index;
    this.touch();
  }

  /** Puts `index` in place of word `position` (from 0): correcting one word after a refusal. */
  replace(position: number, index: number): void {
    if (position < 0 || position >= this.#count) return;
    this.#indices[position] = index;
    this.touch();
  }

  removeLast(): void {
    if (this.#count === 0) return;
    this.#indices[--this.#count] = 0;
    this.touch();
  }

  /** The word index at `position`, to spell it out only while the officer asks to check the words. */
  at(position: number): number | undefined {
    return position < this.#count ? this.#indices[position] : undefined;
  }

  /**
   * The set identifier the card prints ("Set 1a2b"): the first 15 bits of the share, the first
   * word and half the second. Public, and the same on every share of a set.
   */
  setId(): string | null {
    if (this.#count < 2) return null;
    return shareSetIdOf(this.#indices);
  }

  /** A copy of the words for sending; the caller zeroes it. */
  copy(): Uint16Array<ArrayBuffer> {
    return this.#indices.slice(0, this.#count);
  }

  /** Zeroes every word and disarms the idle timeout. */
  clear(): void {
    this.#indices.fill(0);
    this.#count = 0;
    this.#idle.clear();
  }
}

/** The set identifier of a share from its first two word indices (see TypedShare.setId). */
export function shareSetIdOf(indices: ArrayLike<number>): string | null {
  const first = indices[0];
  const second = indices[1];
  if (indices.length < 2 || first === undefined || second === undefined) return null;
  return ((first << 5) | (second >> 5)).toString(16).padStart(4, '0');
}

export function isShareLength(count: number): boolean {
  return (SHARE_LENGTHS as readonly number[]).includes(count);
}

/** Word -> index of the public SLIP-39 list (lowercase; the list's words are). */
export function wordIndexOf(wordlist: readonly string[]): Map<string, number> {
  return new Map(wordlist.map((word, index) => [word, index]));
}

/**
 * Takes every complete word (followed by whitespace) off the front of `text` while it is on the
 * list: their indices, and the text left in the field (an unknown word stops it, so it stays to fix).
 */
export function absorbWords(
  text: string,
  lookup: ReadonlyMap<string, number>,
): { indices: number[]; rest: string; unknown: string | null } {
  const indices: number[] = [];
  let rest = text.replace(/^\s+/, '');
  for (let match = /^(\S+)\s+/.exec(rest); match; match = /^(\S+)\s+/.exec(rest)) {
    const index = lookup.get((match[1] ?? '').toLowerCase());
    if (index === undefined) return { indices, rest, unknown: match[1] ?? null };
    indices.push(index);
    rest = rest.slice(match[0].length);
  }
  return { indices, rest, unknown: null };
}

/** The only completion of a partly typed word, or null when there is none or several. */
export function completion(partial: string, wordlist: readonly string[]): string | null {
  const word = partial.trim().toLowerCase();
  if (word.length < 2 || /\s/.test(word)) return null;
  const matches = wordlist.filter((w) => w.startsWith(word));
  return matches.length === 1 && matches[0] !== word ? (matches[0] ?? null) : null;
}
