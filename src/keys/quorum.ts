import { wipe } from '../common/bytes';
import { badInput, refused } from '../common/errors';
import type { Wallet } from '../wallet/types';
import { derivePath, fingerprintHex, masterNode, wipeNode } from './hd';
import { DEFAULT_IDLE_MS, IdleDeadline, type IdleTimer, systemTimer } from './idle-deadline';
import { assertSameSet, combineDecodedShares } from './slip39';
import { decodeShareIndices, type Slip39Share } from './slip39-share';

/** What the ceremony screen and the CLI may show: counts only, never share content. */
export interface QuorumProgress {
  sharesEntered: number;
  /** Shares still to enter before the key can be rebuilt (0 when complete). */
  sharesMissing: number;
  groupsNeeded: number;
  /** Member threshold of each group seen so far, keyed by group number (1-based). */
  groups: Array<{ group: number; entered: number; needed: number }>;
  complete: boolean;
}

export { DEFAULT_IDLE_MS, type IdleTimer } from './idle-deadline';

/**
 * Collects SLIP-39 shares one at a time during a ceremony. The key exists only inside `withSeed`,
 * for one signature; shares are wiped after it, on cancel, on error and after an idle timeout.
 */
export class QuorumSession {
  #shares: Slip39Share[] = [];
  readonly #idle: IdleDeadline;
  readonly #passphrase: string;
  readonly #onIdleWipe: (() => void) | undefined;
  /** Set by verifyAgainstWallet, cleared by any change of shares: no signature from an unchecked key. */
  #verified = false;
  /** Every secret buffer this session created, so tests can prove they were zeroed. */
  readonly #secrets: Uint8Array[] = [];

  constructor({
    passphrase = '',
    idleMs = DEFAULT_IDLE_MS,
    timers = systemTimer,
    onIdleWipe,
  }: {
    passphrase?: string;
    idleMs?: number;
    timers?: IdleTimer;
    /** Told when the idle timeout wiped entered shares (the app audits it and its status changes). */
    onIdleWipe?: () => void;
  } = {}) {
    this.#passphrase = passphrase;
    this.#onIdleWipe = onIdleWipe;
    this.#idle = new IdleDeadline(
      () => {
        const held = this.#shares.length > 0;
        this.cancel();
        if (held) this.#onIdleWipe?.();
      },
      idleMs,
      timers,
    );
  }

  /**
   * Adds one share as its SLIP-39 word indices (typed or scanned; the caller wipes them); rejects a
   * foreign, repeated or mistyped share.
   */
  addShare(indices: Uint16Array): QuorumProgress {
    this.touch();
    this.#verified = false;
    const share = decodeShareIndices(indices);
    this.#secrets.push(share.value);
    const first = this.#shares[0];
    if (first) {
      try {
        assertSameSet([first, share]);
      } catch (error) {
        wipe(share.value);
        throw error;
      }
      const sameGroup = this.#shares.filter((s) => s.groupIndex === share.groupIndex);
      if (sameGroup.some((s) => s.memberIndex === share.memberIndex)) {
        wipe(share.value);
        throw badInput(
          'SHARE_DUPLICATE',
          `share ${share.memberIndex + 1} of group ${share.groupIndex + 1} was already entered`,
        );
      }
      if (sameGroup.some((s) => s.memberThreshold !== share.memberThreshold)) {
        wipe(share.value);
        throw badInput(
          'SHARE_OTHER_SET',
          'this share disagrees with the others on how many shares are needed',
        );
      }
      if (
        sameGroup.length >= share.memberThreshold ||
        (sameGroup.length === 0 && this.completeGroups() >= first.groupThreshold)
      ) {
        wipe(share.value);
        throw badInput('SHARE_NOT_NEEDED', 'enough shares were already entered for this group');
      }
    }
    this.#shares.push(share);
    return this.progress();
  }

  private completeGroups(): number {
    return this.groupCounts().filter((g) => g.entered >= g.needed).length;
  }

  private groupCounts(): Array<{ group: number; entered: number; needed: number }> {
    const byGroup = new Map<number, { entered: number; needed: number }>();
    for (const s of this.#shares) {
      const g = byGroup.get(s.groupIndex) ?? { entered: 0, needed: s.memberThreshold };
      g.entered += 1;
      byGroup.set(s.groupIndex, g);
    }
    return [...byGroup].sort(([a], [b]) => a - b).map(([group, g]) => ({ group: group + 1, ...g }));
  }

  progress(): QuorumProgress {
    const first = this.#shares[0];
    const groups = this.groupCounts();
    if (!first) return { sharesEntered: 0, sharesMissing: 1, groupsNeeded: 1, groups, complete: false };
    const complete = groups.filter((g) => g.entered >= g.needed);
    const partial = groups.filter((g) => g.entered < g.needed).map((g) => g.needed - g.entered);
    const groupsMissing = Math.max(0, first.groupThreshold - complete.length);
    // Missing shares: finish the fullest partial groups first; an unseen group needs at least one share.
    partial.sort((a, b) => a - b);
    let sharesMissing = 0;
    for (let i = 0; i < groupsMissing; i++) sharesMissing += partial[i] ?? 1;
    return {
      sharesEntered: this.#shares.length,
      sharesMissing,
      groupsNeeded: first.groupThreshold,
      groups,
      complete: groupsMissing === 0,
    };
  }

  /**
   * Lends the rebuilt seed (the SLIP-39 master secret, used as the BIP-32 seed) to `use`, then wipes
   * it and every share: one quorum, one use. The key must first pass verifyAgainstWallet.
   */
  withSeed<T>(use: (seed: Uint8Array) => T): T {
    if (!this.progress().complete) {
      throw refused(
        'QUORUM_INCOMPLETE',
        `${this.progress().sharesMissing} more share(s) are needed before signing`,
      );
    }
    if (!this.#verified) {
      throw refused('QUORUM_NOT_VERIFIED', "the rebuilt key was not checked against the wallet's cosigners");
    }
    let seed: Uint8Array | undefined;
    try {
      seed = combineDecodedShares(this.#shares, this.#passphrase);
      this.#secrets.push(seed);
      return use(seed);
    } finally {
      wipe(seed);
      this.cancel();
    }
  }

  /** Checks, without consuming the quorum, that the rebuilt key is one of the wallet's registered cosigners. */
  verifyAgainstWallet(wallet: Wallet): { cosigner: number } {
    if (!this.progress().complete) throw refused('QUORUM_INCOMPLETE', 'the quorum is not complete yet');
    const seed = combineDecodedShares(this.#shares, this.#passphrase);
    this.#secrets.push(seed);
    let root: ReturnType<typeof masterNode> | undefined;
    try {
      // Inside the try: a derivation that throws must still leave no seed behind.
      root = masterNode(seed, wallet.network);
      const fingerprint = fingerprintHex(root);
      for (const [index, cosigner] of wallet.cosigners.entries()) {
        if (cosigner.fingerprint !== fingerprint || cosigner.path === null) continue;
        const account = derivePath(root, cosigner.path);
        const matches = account.neutered().toBase58() === cosigner.xpub;
        wipeNode(account);
        if (matches) {
          this.#verified = true;
          return { cosigner: index };
        }
      }
      throw refused(
        'QUORUM_WRONG_KEY',
        `the key rebuilt from these shares is not a cosigner of wallet ${wallet.name}`,
      );
    } finally {
      wipeNode(root);
      wipe(seed);
    }
  }

  /** Forgets and zeroes every share. Safe to call more than once. */
  cancel(): void {
    this.#verified = false;
    for (const s of this.#shares) wipe(s.value);
    this.#shares = [];
    this.#idle.clear();
  }

  private touch(): void {
    this.#idle.touch();
  }

  /** For tests: every secret buffer the session held. */
  secretBuffersForTest(): readonly Uint8Array[] {
    return this.#secrets;
  }

  toJSON(): QuorumProgress {
    return this.progress();
  }
}
