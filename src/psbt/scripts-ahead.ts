import type { ChildKeyPool } from '../keys/ckd-pool';
import { WalletDeriver } from '../wallet/derive';
import type { Wallet } from '../wallet/types';
import { type Derivation, WalletMatcher } from './ownership';

/** PSBT_IN_BIP32_DERIVATION and PSBT_OUT_BIP32_DERIVATION with a compressed key: 1 type byte + 33. */
const KEY_LENGTH = 34;
const INPUT_DERIVATION = 0x06;
const OUTPUT_DERIVATION = 0x02;
/** Deeper origins than this are not looked for (a registered account is m/48'/c'/a'/s'/chain/index). */
const MAX_DEPTH = 12;
/** The longest record looked for: key length, key, value length, fingerprint and path. */
export const MAX_DERIVATION_RECORD = 1 + KEY_LENGTH + 1 + 4 + 4 * MAX_DEPTH;
/** A scan derives at most this many scripts ahead; the review derives whatever else it needs. */
const MAX_SCRIPTS_AHEAD = 10_000;

/**
 * The BIP-32 derivation records found anywhere in `bytes`, a stretch of a PSBT still being received
 * (its map structure unknown). Anything that merely looks like one is harmless: it only names a path
 * whose scripts get derived from the registered wallet's own keys.
 */
export function derivationRecordsIn(bytes: Uint8Array): Derivation[] {
  const found: Derivation[] = [];
  for (let at = 0; at + 2 + KEY_LENGTH + 4 <= bytes.length; at++) {
    if (bytes[at] !== KEY_LENGTH) continue;
    const type = bytes[at + 1];
    const parity = bytes[at + 2];
    if ((type !== INPUT_DERIVATION && type !== OUTPUT_DERIVATION) || (parity !== 2 && parity !== 3)) continue;
    // The key (type byte and public key) follows its length byte; the value's length byte follows it.
    const valueAt = at + 1 + KEY_LENGTH;
    const valueLength = bytes[valueAt] as number;
    if (valueLength < 4 || valueLength % 4 !== 0 || valueLength > 4 + 4 * MAX_DEPTH) continue;
    if (valueAt + 1 + valueLength > bytes.length) continue;
    const value = new DataView(bytes.buffer, bytes.byteOffset + valueAt + 1, valueLength);
    let path = 'm';
    for (let step = 4; step < valueLength; step += 4) {
      const index = value.getUint32(step, true);
      path += `/${index & 0x7fffffff}${index & 0x80000000 ? "'" : ''}`;
    }
    found.push({
      masterFingerprint: bytes.slice(valueAt + 1, valueAt + 5),
      pubkey: bytes.slice(at + 2, at + 2 + 33),
      path,
    });
  }
  return found;
}

/**
 * The wallet's scripts at the paths a PSBT claims, derived while its QR parts are still arriving, so
 * the review after the last part finds most of them ready (prepareDeriver takes this deriver). Only
 * public derivations of the registered wallet's own keys are made here; nothing is decided: the
 * review still compares every script of every input and output itself.
 */
export class ScriptsAhead {
  readonly deriver: WalletDeriver;
  private readonly matcher: WalletMatcher;
  private running: Promise<void> = Promise.resolve();
  private readonly claimed = new Set<string>();
  /** Claimed paths not derived yet: derived together, so parts that come in a burst share the workers. */
  private pending: Array<{ chain: 0 | 1; index: number }> = [];

  constructor(
    readonly wallet: Wallet,
    private readonly pool: ChildKeyPool,
  ) {
    this.deriver = new WalletDeriver(wallet);
    this.matcher = new WalletMatcher(wallet, this.deriver);
  }

  /** Derives, after what was fed before, the scripts that the records in `stretches` claim. */
  feed(stretches: Uint8Array[]): void {
    const waiting = this.pending.length;
    for (const { chain, index } of stretches.flatMap((bytes) =>
      this.matcher.claims(derivationRecordsIn(bytes)),
    )) {
      const key = `${chain}/${index}`;
      if (this.claimed.has(key) || this.claimed.size >= MAX_SCRIPTS_AHEAD) continue;
      this.claimed.add(key);
      this.pending.push({ chain, index });
    }
    if (waiting > 0 || this.pending.length === 0) return;
    // After the current call has answered (the frame's progress goes out first), everything claimed
    // by then at once; a failure here only leaves those scripts to the review.
    this.running = this.running
      .then(() => new Promise((resolve) => setImmediate(resolve)))
      .then(() => {
        const paths = this.pending;
        this.pending = [];
        return this.deriver.prefetch(paths, this.pool);
      })
      .catch(() => undefined);
  }

  /** The deriver, once everything fed so far is derived. */
  async ready(): Promise<WalletDeriver> {
    await this.running;
    return this.deriver;
  }
}
