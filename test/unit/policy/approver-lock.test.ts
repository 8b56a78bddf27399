import { readFileSync, writeFileSync } from 'node:fs';
import { type Secret, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { auditPath } from '../../../src/audit/log';
import {
  enrolOrStageApprover,
  stageApproverRemoval,
  unlockOrStageApprover,
} from '../../../src/ceremony/approver-changes';
import { acceptChanges, configStatus } from '../../../src/ceremony/config-ceremony';
import { approversFile, writePolicyFile } from '../../../src/ceremony/configuration';
import { isAirlockError } from '../../../src/common/errors';
import {
  APPROVER_KDF,
  approvePsbt,
  approverAttemptsLeft,
  enrollApprover,
  MAX_FAILURES,
} from '../../../src/policy/approvers';
import { totpCode } from '../../../src/policy/totp';
import { walletId } from '../../../src/wallet/identity';
import { registerWallet } from '../../../src/wallet/registry';
import { tempDir } from '../../helpers/cli';
import { seedOf, TEST_MNEMONICS, testWallet } from '../../helpers/multisig-psbt';

const TEST_KDF = { ...APPROVER_KDF, logN: APPROVER_KDF.logN - 7 };
const hash = 'cd'.repeat(32);
const t0 = new Date('2026-11-25T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const quorum = <T>(use: (seed: Uint8Array) => T) => use(seedOf(TEST_MNEMONICS[0]));

function authenticator(uri: string) {
  const totp = URI.parse(uri) as unknown as { secret: Secret };
  return (time: Date) => totpCode(new Uint8Array(totp.secret.bytes), time);
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return isAirlockError(error) ? error.code : 'untyped';
  }
  return 'none';
}

/** A sealed device with approvers alice and bob, alice locked by five wrong passphrases (sealed in). */
function lockedAlice() {
  const dir = tempDir();
  const alice = authenticator(
    enrollApprover(dir, { name: 'alice', pin: 'alice passphrase 1', kdf: TEST_KDF }).uri,
  );
  const bob = authenticator(
    enrollApprover(dir, { name: 'bob', pin: 'bob passphrase 22', kdf: TEST_KDF }).uri,
  );
  for (let i = 0; i < MAX_FAILURES; i++)
    codeOf(() =>
      approvePsbt(dir, {
        proof: { name: 'alice', pin: 'wrong passphrase 9', code: alice(t0) },
        psbtHash: hash,
        now: t0,
      }),
    );
  acceptChanges({ dataDir: dir, withSeed: quorum, now: t0 });
  const aliceProof = (time: Date) => ({ name: 'alice', pin: 'alice passphrase 1', code: alice(time) });
  const bobProof = (time: Date) => ({ name: 'bob', pin: 'bob passphrase 22', code: bob(time) });
  return { dir, aliceProof, bobProof };
}

describe('approver lockout read from the audit log', () => {
  it('counts failures from the log, so resetting the counters in approvers.json does not unlock', () => {
    const { dir, aliceProof } = lockedAlice();
    expect(approverAttemptsLeft(dir)).toEqual({ alice: 0, bob: MAX_FAILURES });
    const store = JSON.parse(readFileSync(approversFile(dir), 'utf8'));
    // The counters of older builds, reset by hand: never read.
    store.approvers.alice = { ...store.approvers.alice, failures: 0, locked: false, lastStep: 0 };
    writeFileSync(approversFile(dir), JSON.stringify(store));
    expect(codeOf(() => approvePsbt(dir, { proof: aliceProof(at(30)), psbtHash: hash, now: at(30) }))).toBe(
      'APPROVER_LOCKED',
    );
    expect(approverAttemptsLeft(dir).alice).toBe(0);
  });

  it('refuses approvals while the log is cut below its sealed head, and audits it', () => {
    const { dir, bobProof } = lockedAlice();
    const lines = readFileSync(auditPath(dir), 'utf8').split('\n').filter(Boolean);
    const firstFailure = lines.findIndex((l) => l.includes('"approval-failed"'));
    writeFileSync(auditPath(dir), `${lines.slice(0, firstFailure).join('\n')}\n`);
    let message = '';
    try {
      approvePsbt(dir, { proof: bobProof(at(30)), psbtHash: hash, now: at(30) });
    } catch (error) {
      expect(isAirlockError(error) && error.code).toBe('SEAL_BROKEN');
      message = (error as Error).message;
    }
    expect(message).toContain('the audit log is shorter than its sealed head');
    expect(readFileSync(auditPath(dir), 'utf8').trim().split('\n').at(-1)).toContain('"event":"seal-broken"');
  });

  it('an unlock on a sealed device is staged and applies only once the quorum accepts it', () => {
    const { dir, aliceProof, bobProof } = lockedAlice();
    expect(
      codeOf(() => unlockOrStageApprover(dir, { name: 'alice', by: aliceProof(at(30)), now: at(30) })),
    ).toBe('APPROVER_SELF_UNLOCK');
    expect(unlockOrStageApprover(dir, { name: 'alice', by: bobProof(at(30)), now: at(30) })).toEqual({
      staged: true,
    });
    expect(configStatus(dir).changes).toEqual(['unlock approver alice (asked by bob)']);
    // Staged is not yet unlocked.
    expect(codeOf(() => approvePsbt(dir, { proof: aliceProof(at(60)), psbtHash: hash, now: at(60) }))).toBe(
      'APPROVER_LOCKED',
    );
    acceptChanges({ dataDir: dir, withSeed: quorum, now: at(70) });
    expect(approverAttemptsLeft(dir).alice).toBe(MAX_FAILURES);
    approvePsbt(dir, { proof: aliceProof(at(90)), psbtHash: hash, now: at(90) });
  });

  it("a name removed and enrolled again starts without the old record's failures", () => {
    const { dir } = lockedAlice();
    stageApproverRemoval(dir, 'alice');
    acceptChanges({ dataDir: dir, withSeed: quorum, now: at(20) });
    expect(enrolOrStageApprover(dir, { name: 'alice', pin: 'a new passphrase 77' }).staged).toBe(true);
    expect(approverAttemptsLeft(dir).alice).toBeUndefined();
    acceptChanges({ dataDir: dir, withSeed: quorum, now: at(40) });
    expect(approverAttemptsLeft(dir).alice).toBe(MAX_FAILURES);
  });

  it('an unlock written into approvers.json by hand is a difference from the seal', () => {
    const { dir } = lockedAlice();
    const store = JSON.parse(readFileSync(approversFile(dir), 'utf8'));
    store.approvers.alice.countsAfter = 10_000;
    writeFileSync(approversFile(dir), JSON.stringify(store));
    expect(configStatus(dir).differences).toEqual(["approver alice's record was replaced"]);
  });

  it('a success clears the failures in a row, and a code is used once even across unlocks', () => {
    const dir = tempDir();
    const alice = authenticator(
      enrollApprover(dir, { name: 'alice', pin: 'alice passphrase 1', kdf: TEST_KDF }).uri,
    );
    const wrong = { name: 'alice', pin: 'wrong passphrase 9', code: alice(t0) };
    for (let i = 0; i < MAX_FAILURES - 1; i++)
      codeOf(() => approvePsbt(dir, { proof: wrong, psbtHash: hash, now: t0 }));
    expect(approverAttemptsLeft(dir).alice).toBe(1);
    approvePsbt(dir, {
      proof: { name: 'alice', pin: 'alice passphrase 1', code: alice(t0) },
      psbtHash: hash,
      now: t0,
    });
    expect(approverAttemptsLeft(dir).alice).toBe(MAX_FAILURES);
    expect(
      codeOf(() =>
        approvePsbt(dir, {
          proof: { name: 'alice', pin: 'alice passphrase 1', code: alice(t0) },
          psbtHash: hash,
          now: at(5),
        }),
      ),
    ).toBe('APPROVAL_CODE_REPLAYED');
  });
});

describe('unlocking under a policy', () => {
  /** lockedAlice, plus a wallet whose sealed policy names alice as its only approver. */
  function lockedOnlyApprover() {
    const setup = lockedAlice();
    registerWallet(setup.dir, testWallet());
    writePolicyFile(setup.dir, walletId(testWallet()), {
      wallet: 'treasury',
      approvals: { required: 1, approvers: ['alice'] },
    });
    acceptChanges({ dataDir: setup.dir, withSeed: quorum, includeDifferences: true, now: at(10) });
    return setup;
  }

  it("needs the quorum and the asking approver's proof, not the locked approver's own approval", () => {
    const { dir, aliceProof, bobProof } = lockedOnlyApprover();
    unlockOrStageApprover(dir, { name: 'alice', by: bobProof(at(30)), now: at(30) });
    expect(configStatus(dir).approvalsNeeded).toEqual([]);
    acceptChanges({ dataDir: dir, withSeed: quorum, now: at(40) });
    approvePsbt(dir, { proof: aliceProof(at(60)), psbtHash: hash, now: at(60) });
  });

  it('a quorum accepting a cut log as found still takes the approvals the policies ask for', () => {
    const { dir, aliceProof, bobProof } = lockedOnlyApprover();
    unlockOrStageApprover(dir, { name: 'alice', by: bobProof(at(30)), now: at(30) });
    acceptChanges({ dataDir: dir, withSeed: quorum, now: at(40) });
    const lines = readFileSync(auditPath(dir), 'utf8').split('\n').filter(Boolean);
    writeFileSync(auditPath(dir), `${lines.slice(0, -1).join('\n')}\n`);
    const status = configStatus(dir);
    expect(
      codeOf(() =>
        approvePsbt(dir, { proof: aliceProof(at(60)), psbtHash: status.changesHash, now: at(60) }),
      ),
    ).toBe('SEAL_BROKEN');
    expect(
      codeOf(() => acceptChanges({ dataDir: dir, withSeed: quorum, includeDifferences: true, now: at(70) })),
    ).toBe('APPROVALS_MISSING');
    approvePsbt(dir, {
      proof: aliceProof(at(90)),
      psbtHash: status.changesHash,
      now: at(90),
      whileSealBroken: true,
    });
    acceptChanges({
      dataDir: dir,
      withSeed: quorum,
      approved: ['alice'],
      includeDifferences: true,
      now: at(95),
    });
    expect(configStatus(dir).differences).toEqual([]);
  });
});
