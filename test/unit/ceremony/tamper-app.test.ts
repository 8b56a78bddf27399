import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAirlockMain } from '../../../main/api/app';
import { airlockCore } from '../../../main/api/core';
import { auditPath } from '../../../src/audit/log';
import { approversFile, writePolicyFile } from '../../../src/ceremony/configuration';
import { sealPath } from '../../../src/ceremony/seal';
import { enrollApprover } from '../../../src/policy/approvers';
import { walletId } from '../../../src/wallet/identity';
import { partitionedWallet } from '../../helpers/app';
import { tempDir } from '../../helpers/cli';
import { errorCode, value } from '../../helpers/ipc-result';
import { shareIndices } from '../../helpers/shares';
import { ceremony, expectRefused, offline, sealedApp, spend } from './app-fixture';

const { wallet, shares } = partitionedWallet();

describe('the app refuses to sign after tampering without the quorum', () => {
  it('a policy file edited after the seal', async () => {
    const { dataDir, handlers } = await sealedApp();
    writePolicyFile(dataDir, walletId(wallet), null);
    expect((await value(handlers.configStatus({}))).differences).toEqual([
      { code: 'POLICY_EDITED', params: { wallet: 'treasury' } },
    ]);
    await expectRefused(handlers, dataDir, 'SEAL_BROKEN', /policy of wallet treasury was edited/);
  });

  it('the same wallet under a second name: registering is refused, writing it is refused at signing', async () => {
    const { dataDir, handlers } = await sealedApp();
    expect(await errorCode(handlers.importWallet({ text: wallet.descriptor, name: 'loophole' }))).toBe(
      'WALLET_ALREADY_REGISTERED',
    );
    writeFileSync(join(dataDir, 'wallets', 'loophole.json'), JSON.stringify({ ...wallet, name: 'loophole' }));
    await expectRefused(handlers, dataDir, 'SEAL_BROKEN', /registers the same wallet as/);
  });

  it("an approver's record swapped", async () => {
    const { dataDir, handlers } = await sealedApp();
    const elsewhere = tempDir();
    enrollApprover(elsewhere, { name: 'alice', pin: 'another passphrase 111111' });
    copyFileSync(approversFile(elsewhere), approversFile(dataDir));
    await expectRefused(handlers, dataDir, 'SEAL_BROKEN', /approver alice's record was replaced/);
  });

  it('the audit log deleted, or the seal deleted', async () => {
    const { dataDir, handlers } = await sealedApp();
    rmSync(sealPath(dataDir));
    await expectRefused(handlers, dataDir, 'SEAL_MISSING', /the seal file was deleted/);
    const other = await sealedApp();
    rmSync(auditPath(other.dataDir));
    const result = await ceremony(other.handlers);
    expect(result).toMatchObject({ ok: false, error: { code: 'SEAL_BROKEN' } });
  });

  it('the rolling limit holds across ceremonies and is counted from the sealed log', async () => {
    const { dataDir, handlers } = await sealedApp();
    await expectRefused(handlers, dataDir, 'OVER_DAILY_LIMIT', /exceeds the limit/, 2_500_000n);
  });

  it('a staged wallet cannot sign until the quorum accepts it', async () => {
    const { handlers } = await sealedApp();
    const { testWallet } = await import('../../helpers/multisig-psbt');
    await value(handlers.importWallet({ text: testWallet({ name: 'spare' }).descriptor, name: 'spare' }));
    expect((await value(handlers.configStatus({}))).changes).toEqual([
      'register wallet spare (testnet, 2-of-3 p2wsh)',
    ]);
    expect(await errorCode(handlers.selectWallet({ name: 'spare' }))).toBe('WALLET_NOT_FOUND');
    await value(
      handlers.acceptChanges({ shares: [shareIndices(shares[0] ?? ''), shareIndices(shares[2] ?? '')] }),
    );
    await value(handlers.selectWallet({ name: 'spare' }));
    expect((await value(handlers.configStatus({}))).changes).toEqual([]);
  });
});

describe('policy through the app: view, test drive, stage', () => {
  it('test-drives a draft against the scanned PSBT, stages it, and it applies only once accepted', async () => {
    const { handlers } = await sealedApp();
    expect(await value(handlers.policyView({}))).toMatchObject({
      wallet: 'treasury',
      sealedInWords: 'at most 3000000 sat per 24 hours',
      staged: null,
    });
    await value(handlers.loadPsbtText({ text: spend(500_000n) }));
    await value(handlers.reviewCurrent({}));
    const draft = JSON.stringify({ wallet: 'treasury', maxPerTransaction: 100_000 });
    expect((await value(handlers.testDrivePolicy({ text: draft }))).map((v) => v.code)).toEqual([
      'OVER_TX_LIMIT',
    ]);
    expect((await value(handlers.configStatus({}))).changes).toEqual([]);
    expect((await value(handlers.stagePolicy({ text: draft }))).changes).toEqual([
      'set the policy of wallet treasury: at most 100000 sat per transaction',
    ]);
    expect((await value(handlers.policyView({}))).stagedInWords).toBe('at most 100000 sat per transaction');
    // Still the sealed policy until the quorum accepts: this 0.005 BTC spend passes.
    await value(handlers.confirmReview({}));
    await value(handlers.addShare({ indices: shareIndices(shares[0] ?? '') }));
    await value(handlers.addShare({ indices: shareIndices(shares[1] ?? '') }));
    expect((await value(handlers.sign({ format: 'base64' }))).signedInputs).toBe(1);
    await value(
      handlers.acceptChanges({ shares: [shareIndices(shares[1] ?? ''), shareIndices(shares[2] ?? '')] }),
    );
    expect(await errorCode(ceremony(handlers, 500_000n))).toBe('OVER_TX_LIMIT');
  });
});

describe('approvers through the app', () => {
  it('on a sealed device an enrolment is staged (the URI shown once) and counts only once accepted', async () => {
    const { dataDir, handlers } = await sealedApp();
    const { uri } = await value(handlers.enrolApprover({ name: 'bob', pin: 'bob passphrase 246810' }));
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(readFileSync(approversFile(dataDir), 'utf8')).not.toContain('"bob"');
    expect((await value(handlers.removeApprover({ name: 'alice' }))).changes).toEqual([
      'enrol approver bob',
      'remove approver alice',
    ]);
    await value(
      handlers.acceptChanges({ shares: [shareIndices(shares[0] ?? ''), shareIndices(shares[2] ?? '')] }),
    );
    const store = JSON.parse(readFileSync(approversFile(dataDir), 'utf8'));
    expect(Object.keys(store.approvers)).toEqual(['bob']);
    expect((await ceremony(handlers)).ok).toBe(true);
  });
});

describe('the quorum idle wipe', () => {
  it('ends the unlocked stage and is audited', async () => {
    const dataDir = tempDir();
    // The session's real idle timeout, on a clock the test advances.
    let pending: (() => void) | null = null;
    const timers = {
      set: (callback: () => void) => {
        pending = callback;
        return 1;
      },
      clear: () => {
        pending = null;
      },
    };
    const core = {
      ...airlockCore,
      keys: {
        ...airlockCore.keys,
        createQuorum: (options?: { onIdleWipe?: () => void }) =>
          airlockCore.keys.createQuorum({ ...options, timers }),
      },
    };
    const { handlers } = createAirlockMain({ dataDir, core, appVersion: 'test', listInterfaces: offline });
    await value(handlers.importWallet({ text: wallet.descriptor, name: 'treasury' }));
    await value(handlers.loadPsbtText({ text: spend(1_000n) }));
    await value(handlers.reviewCurrent({}));
    await value(handlers.confirmReview({}));
    await value(handlers.addShare({ indices: shareIndices(shares[0] ?? '') }));
    await value(handlers.addShare({ indices: shareIndices(shares[1] ?? '') }));
    expect((await value(handlers.getStatus({}))).stage).toBe('unlocked');
    (pending as (() => void) | null)?.();
    // Back to where the shares are entered: the review stays confirmed (no approvals are asked here).
    expect((await value(handlers.getStatus({}))).stage).toBe('approved');
    const wiped = readFileSync(auditPath(dataDir), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; reason?: string; wallet?: string })
      .filter((entry) => entry.event === 'quorum-wiped');
    expect(wiped).toEqual([expect.objectContaining({ reason: 'idle', wallet: 'treasury' })]);
    expect(await errorCode(handlers.sign({ format: 'base64' }))).toBe('QUORUM_MISSING');
  });
});

describe('owner class through the app', () => {
  it('a change of owner class is staged, listed, and applies once the quorum accepts it', async () => {
    const { dataDir, handlers } = await sealedApp();
    const staged = await value(handlers.setWalletOwner({ name: 'treasury', owner: 'company' }));
    expect(staged.changes).toEqual(['set the owner class of wallet treasury to company']);
    expect((await value(handlers.listWallets({})))[0]?.owner).toBeUndefined();
    expect(await errorCode(handlers.setWalletOwner({ name: 'nowhere', owner: 'company' }))).toBe(
      'WALLET_NOT_FOUND',
    );
    await value(
      handlers.acceptChanges({ shares: [shareIndices(shares[0] ?? ''), shareIndices(shares[2] ?? '')] }),
    );
    expect((await value(handlers.listWallets({})))[0]?.owner).toBe('company');
    expect((await value(handlers.configStatus({}))).differences).toEqual([]);
    expect(readFileSync(auditPath(dataDir), 'utf8')).toContain('set the owner class of wallet treasury');
    expect((await ceremony(handlers)).ok).toBe(true);
  });
});
