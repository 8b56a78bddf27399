import { describe, expect, it } from 'vitest';
import { absorbWords, shareSetIdOf, TypedShare, wordIndexOf } from '../../../renderer/flow/typed-share';
import { DEFAULT_IDLE_MS, type IdleTimer } from '../../../src/keys/idle-deadline';
import { splitMasterSecret } from '../../../src/keys/slip39';
import { decodeShare } from '../../../src/keys/slip39-share';
import { SLIP39_WORDLIST } from '../../../src/keys/slip39-wordlist';
import { shareIndices } from '../../helpers/shares';

const [shares = []] = splitMasterSecret({
  masterSecret: Uint8Array.from(Buffer.from('bb54aac4b89dc868ba37d9cc21b2cece', 'hex')),
  groups: [{ threshold: 2, count: 3 }],
});
const lookup = wordIndexOf(SLIP39_WORDLIST);

/** A clock the test moves by hand: the idle timeout fires only when its time is reached. */
class FakeClock implements IdleTimer {
  now = 0;
  #timers = new Map<number, { at: number; callback: () => void }>();
  #next = 0;
  set(callback: () => void, ms: number): unknown {
    this.#timers.set(++this.#next, { at: this.now + ms, callback });
    return this.#next;
  }
  clear(handle: unknown): void {
    this.#timers.delete(handle as number);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [handle, timer] of [...this.#timers]) {
      if (timer.at > this.now) continue;
      this.#timers.delete(handle);
      timer.callback();
    }
  }
}

function typeShare(typed: TypedShare, share: string): void {
  for (const index of shareIndices(share)) typed.push(index);
}

describe('typed share entry', () => {
  it('reads the set identifier the card prints from the first two word indices', () => {
    for (const share of shares) {
      const expected = decodeShare(share).identifier.toString(16).padStart(4, '0');
      expect(shareSetIdOf(shareIndices(share))).toBe(expected);
    }
    expect(shareSetIdOf(Uint16Array.of(5))).toBeNull();
  });

  it('takes complete words off the field as indices and stops at a word off the list', () => {
    const words = (shares[0] ?? '').split(' ');
    const all = Array.from(shareIndices(shares[0] ?? ''));
    expect(absorbWords(`${words.slice(0, 3).join(' ')} ${words[3]?.slice(0, 2)}`, lookup)).toEqual({
      indices: all.slice(0, 3),
      rest: words[3]?.slice(0, 2),
      unknown: null,
    });
    expect(absorbWords(`  ${words[0]?.toUpperCase()}\n${words[1]} notaword ${words[2]} `, lookup)).toEqual({
      indices: all.slice(0, 2),
      rest: `notaword ${words[2]} `,
      unknown: 'notaword',
    });
    // The last word stays in the field until a space ends it (or the share is submitted).
    expect(absorbWords(words[0] ?? '', lookup)).toEqual({ indices: [], rest: words[0], unknown: null });
  });

  it('hands out a copy of the words, and corrects one word in place', () => {
    const typed = new TypedShare({ onIdleClear: () => {} });
    const all = shareIndices(shares[1] ?? '');
    for (const index of all.subarray(0, 19)) typed.push(index);
    typed.push(7);
    typed.replace(19, all[19] ?? 0);
    const copy = typed.copy();
    expect(Array.from(copy)).toEqual(Array.from(all));
    copy.fill(0);
    expect(Array.from(typed.copy())).toEqual(Array.from(all));
    typed.removeLast();
    expect(typed.count).toBe(19);
    expect(typed.at(19)).toBeUndefined();
    typed.clear();
  });

  it('clears the typed words after five minutes without a keystroke, not before', () => {
    const clock = new FakeClock();
    let cleared = 0;
    const typed = new TypedShare({ onIdleClear: () => cleared++, timers: clock });
    typeShare(typed, shares[0] ?? '');
    const before = typed.copy();
    expect(typed.count).toBe(20);

    // A keystroke at 4 minutes keeps the words another five.
    clock.advance(4 * 60_000);
    typed.touch();
    clock.advance(4 * 60_000);
    expect(typed.count).toBe(20);
    expect(cleared).toBe(0);

    clock.advance(DEFAULT_IDLE_MS - 4 * 60_000);
    expect(cleared).toBe(1);
    expect(typed.count).toBe(0);
    expect(Array.from(typed.copy())).toEqual([]);
    expect(typed.setId()).toBeNull();
    // The buffer behind the words is zeroed, not only forgotten: a fresh word sees zeros after it.
    typed.push(1);
    expect(Array.from(typed.copy())).toEqual([1]);
    expect(before.length).toBe(20);
    expect(DEFAULT_IDLE_MS).toBe(5 * 60_000);
  });

  it('clears nothing on idle once the words were sent and cleared', () => {
    const clock = new FakeClock();
    let cleared = 0;
    const typed = new TypedShare({ onIdleClear: () => cleared++, timers: clock });
    typeShare(typed, shares[2] ?? '');
    typed.clear();
    clock.advance(DEFAULT_IDLE_MS * 2);
    expect(cleared).toBe(0);
  });
});
