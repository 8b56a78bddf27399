import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { toHex } from '../../../src/common/bytes';
import { bip32 } from '../../../src/common/ecc';
import { isAirlockError } from '../../../src/common/errors';
import { accountXpub } from '../../../src/keys/hd';
import { type IdleTimer, QuorumSession } from '../../../src/keys/quorum';
import { splitMasterSecret } from '../../../src/keys/slip39';
import { signPsbt } from '../../../src/psbt/sign';
import { formatDescriptor } from '../../../src/wallet/descriptor';
import type { Wallet } from '../../../src/wallet/types';
import { buildPsbt, EXTERNAL_SCRIPT, seedOf, TEST_MNEMONICS } from '../../helpers/multisig-psbt';
import { shareIndices } from '../../helpers/shares';

const MASTER_SECRET = Uint8Array.from(Buffer.from('bb54aac4b89dc868ba37d9cc21b2cece', 'hex'));

function walletWithPartitionedKey(secret: Uint8Array): Wallet {
  const cosigners = [
    accountXpub({ seed: secret, scriptType: 'p2wsh', network: 'testnet' }),
    accountXpub({ seed: seedOf(TEST_MNEMONICS[1]!), scriptType: 'p2wsh', network: 'testnet' }),
    accountXpub({ seed: seedOf(TEST_MNEMONICS[2]!), scriptType: 'p2wsh', network: 'testnet' }),
  ];
  const base = { scriptType: 'p2wsh' as const, sorted: true, threshold: 2, cosigners };
  return { name: 'cold', network: 'testnet', ...base, descriptor: formatDescriptor(base) };
}

function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return isAirlockError(error) ? error.code : 'not-typed';
  }
  return 'no-error';
}

class ManualTimer implements IdleTimer {
  callbacks = new Map<number, () => void>();
  next = 0;
  set(callback: () => void): unknown {
    this.callbacks.set(++this.next, callback);
    return this.next;
  }
  clear(handle: unknown): void {
    this.callbacks.delete(handle as number);
  }
  fire(): void {
    for (const callback of [...this.callbacks.values()]) callback();
  }
}

const [SHARES] = splitMasterSecret({ masterSecret: MASTER_SECRET, groups: [{ threshold: 2, count: 3 }] }) as [
  string[],
];

describe('QuorumSession', () => {
  it('reports progress share by share and completes at the threshold', () => {
    const session = new QuorumSession();
    expect(session.progress()).toMatchObject({ sharesEntered: 0, complete: false });
    expect(session.addShare(shareIndices(SHARES[2]!))).toMatchObject({
      sharesEntered: 1,
      sharesMissing: 1,
      complete: false,
    });
    expect(session.addShare(shareIndices(SHARES[0]!))).toMatchObject({
      sharesEntered: 2,
      sharesMissing: 0,
      complete: true,
    });
    session.verifyAgainstWallet(walletWithPartitionedKey(MASTER_SECRET));
    expect(session.withSeed((seed) => toHex(seed))).toBe(toHex(MASTER_SECRET));
  });

  it('rejects a share from another set, a repeated share and a mistyped one', () => {
    const [other] = splitMasterSecret({
      masterSecret: MASTER_SECRET,
      groups: [{ threshold: 2, count: 3 }],
    }) as [string[]];
    const session = new QuorumSession();
    session.addShare(shareIndices(SHARES[0]!));
    expect(errorCode(() => session.addShare(shareIndices(other[1]!)))).toBe('SHARE_OTHER_SET');
    expect(errorCode(() => session.addShare(shareIndices(SHARES[0]!)))).toBe('SHARE_DUPLICATE');
    const words = SHARES[1]!.split(' ');
    words[7] = words[7] === 'academic' ? 'acid' : 'academic';
    expect(errorCode(() => session.addShare(shareIndices(words.join(' '))))).toBe('SHARE_CHECKSUM');
    expect(session.progress()).toMatchObject({ sharesEntered: 1, complete: false });
  });

  it('refuses to lend the seed before the quorum is met', () => {
    const session = new QuorumSession();
    session.addShare(shareIndices(SHARES[1]!));
    expect(errorCode(() => session.withSeed(() => 0))).toBe('QUORUM_INCOMPLETE');
  });

  it('accepts the key registered in the wallet and refuses a wrong quorum', () => {
    const session = new QuorumSession();
    session.addShare(shareIndices(SHARES[0]!));
    session.addShare(shareIndices(SHARES[1]!));
    expect(session.verifyAgainstWallet(walletWithPartitionedKey(MASTER_SECRET))).toEqual({ cosigner: 0 });
    const otherSecret = new Uint8Array(16).fill(9);
    expect(errorCode(() => session.verifyAgainstWallet(walletWithPartitionedKey(otherSecret)))).toBe(
      'QUORUM_WRONG_KEY',
    );
  });

  it('lends the seed only after the rebuilt key was checked against the wallet', () => {
    const session = new QuorumSession();
    session.addShare(shareIndices(SHARES[0]!));
    session.addShare(shareIndices(SHARES[1]!));
    expect(errorCode(() => session.withSeed(() => 0))).toBe('QUORUM_NOT_VERIFIED');
    expect(
      errorCode(() => session.verifyAgainstWallet(walletWithPartitionedKey(new Uint8Array(16).fill(3)))),
    ).toBe('QUORUM_WRONG_KEY');
    expect(errorCode(() => session.withSeed(() => 0))).toBe('QUORUM_NOT_VERIFIED');
    session.verifyAgainstWallet(walletWithPartitionedKey(MASTER_SECRET));
    expect(session.withSeed((seed) => seed.length)).toBe(16);
    // One verified quorum, one use: the next signature needs the shares again.
    expect(errorCode(() => session.withSeed(() => 0))).toBe('QUORUM_INCOMPLETE');
  });

  it('signs with the rebuilt key, then every secret buffer is zeroed', () => {
    const wallet = walletWithPartitionedKey(MASTER_SECRET);
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 100_000n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 90_000n }],
    });
    const session = new QuorumSession();
    session.addShare(shareIndices(SHARES[0]!));
    session.addShare(shareIndices(SHARES[2]!));
    session.verifyAgainstWallet(wallet);
    const result = session.withSeed((seed) => signPsbt({ psbt, wallet, seed }));
    expect(result.signedInputs).toEqual([0]);
    const buffers = session.secretBuffersForTest();
    expect(buffers.length).toBeGreaterThanOrEqual(3);
    for (const buffer of buffers) expect(buffer.every((b) => b === 0)).toBe(true);
    expect(session.progress().sharesEntered).toBe(0);
  });

  it('wipes the shares on cancel, on error inside the signature, and after the idle timeout', () => {
    const cancelled = new QuorumSession();
    cancelled.addShare(shareIndices(SHARES[0]!));
    cancelled.cancel();
    expect(cancelled.secretBuffersForTest().every((b) => b.every((x) => x === 0))).toBe(true);

    const failing = new QuorumSession();
    failing.addShare(shareIndices(SHARES[0]!));
    failing.addShare(shareIndices(SHARES[1]!));
    failing.verifyAgainstWallet(walletWithPartitionedKey(MASTER_SECRET));
    expect(() =>
      failing.withSeed(() => {
        throw new Error('signing failed');
      }),
    ).toThrow('signing failed');
    expect(failing.secretBuffersForTest().every((b) => b.every((x) => x === 0))).toBe(true);

    const timer = new ManualTimer();
    const idle = new QuorumSession({ timers: timer, idleMs: 1000 });
    idle.addShare(shareIndices(SHARES[0]!));
    timer.fire();
    expect(idle.progress().sharesEntered).toBe(0);
    expect(idle.secretBuffersForTest().every((b) => b.every((x) => x === 0))).toBe(true);
  });

  it('tells its owner of an idle wipe (to audit it and change the status) only when shares were wiped', () => {
    const timer = new ManualTimer();
    let told = 0;
    const session = new QuorumSession({ timers: timer, onIdleWipe: () => told++ });
    session.addShare(shareIndices(SHARES[0]!));
    session.addShare(shareIndices(SHARES[1]!));
    expect(session.progress().complete).toBe(true);
    timer.fire();
    expect(told).toBe(1);
    expect(session.progress()).toMatchObject({ sharesEntered: 0, complete: false });
    // Nothing held, nothing to report: a cancelled session's deadline is disarmed.
    session.addShare(shareIndices(SHARES[2]!));
    session.cancel();
    timer.fire();
    expect(told).toBe(1);
  });

  it('leaves no seed behind when deriving the master node throws', () => {
    const session = new QuorumSession();
    session.addShare(shareIndices(SHARES[0]!));
    session.addShare(shareIndices(SHARES[1]!));
    const wallet = walletWithPartitionedKey(MASTER_SECRET);
    const fromSeed = vi.spyOn(bip32, 'fromSeed').mockImplementation(() => {
      throw new Error('derivation failed');
    });
    try {
      expect(() => session.verifyAgainstWallet(wallet)).toThrow('derivation failed');
      expect(() => accountXpub({ seed: MASTER_SECRET, scriptType: 'p2wsh', network: 'testnet' })).toThrow(
        'derivation failed',
      );
    } finally {
      fromSeed.mockRestore();
    }
    const buffers = session.secretBuffersForTest();
    expect(buffers).toHaveLength(3); // two shares (kept for another try) and the rebuilt seed
    expect(buffers[2]!.every((b) => b === 0)).toBe(true);
  });

  it('never serialises share content', () => {
    const session = new QuorumSession();
    session.addShare(shareIndices(SHARES[0]!));
    const json = JSON.stringify(session);
    for (const word of SHARES[0]!.split(' ').slice(4, 10)) expect(json).not.toContain(word);
    expect(JSON.parse(json)).toMatchObject({ sharesEntered: 1 });
  });

  it('shows no share bytes or passphrase when inspected or logged', () => {
    const session = new QuorumSession({ passphrase: 'hunter2-custody' });
    session.addShare(shareIndices(SHARES[0]!));
    const shown = inspect(session, { depth: 10, showHidden: true });
    expect(shown).not.toContain('hunter2-custody');
    expect(shown).not.toContain('Uint8Array');
    for (const word of SHARES[0]!.split(' ').slice(4, 10)) expect(shown).not.toContain(word);
  });
});
