import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAirlockMain } from '../../../main/api/app';
import { airlockCore } from '../../../main/api/core';
import type { ApiHandlers } from '../../../main/api/handlers';
import { auditPath } from '../../../src/audit/log';
import { airgapFile } from '../../../src/ceremony/configuration';
import { differenceSentence } from '../../../src/ceremony/differences';
import { sealPath } from '../../../src/ceremony/seal';
import { approvePsbt, MAX_FAILURES } from '../../../src/policy/approvers';
import { encodeFrames } from '../../../src/qr/encoder';
import { partitionedWallet } from '../../helpers/app';
import { CONNECTED_MACHINE, ISOLATED_MACHINE, tempDir } from '../../helpers/cli';
import { APPROVER_PASSPHRASE, enrolApprovers, writeWalletPolicy } from '../../helpers/device-setup';
import { errorCode, value } from '../../helpers/ipc-result';
import { spendOf, testWallet } from '../../helpers/multisig-psbt';
import { shareIndices } from '../../helpers/shares';

const { wallet, shares } = partitionedWallet();
const spend = (amount: bigint) => spendOf(wallet, amount);

/** A device with the treasury wallet, approvers alice and bob and a 1-of-2 approvals policy, not sealed yet. */
async function unsealedApp(online = false) {
  const dataDir = tempDir();
  const codes = enrolApprovers(dataDir, ['alice', 'bob']);
  const { handlers } = createAirlockMain({
    dataDir,
    core: airlockCore,
    appVersion: 'test',
    listInterfaces: online ? CONNECTED_MACHINE : ISOLATED_MACHINE,
  });
  await value(handlers.importWallet({ text: wallet.descriptor, name: 'treasury' }));
  writeWalletPolicy(dataDir, wallet, { approvals: { required: 1, approvers: ['alice', 'bob'] } });
  await value(handlers.selectWallet({ name: 'treasury' }));
  return { dataDir, handlers, codes };
}

/** In the acceptance opened before (and approved), enters the quorum one share at a time and accepts. */
type Quorum = [string | undefined, string | undefined];
async function finishByQuorum(handlers: ApiHandlers, [first, second]: Quorum = [shares[0], shares[2]]) {
  expect((await value(handlers.getStatus({}))).acceptance).toBe('shares');
  expect((await value(handlers.addConfigShare({ indices: shareIndices(first ?? '') }))).complete).toBe(false);
  expect((await value(handlers.addConfigShare({ indices: shareIndices(second ?? '') }))).complete).toBe(true);
  return value(handlers.acceptChanges({}));
}

/** Opens the acceptance, as the Changes screen's Accept does, and accepts by the quorum's shares alone. */
async function acceptByQuorum(handlers: ApiHandlers, quorum: Quorum = [shares[0], shares[2]]) {
  await value(handlers.startAcceptance({}));
  return finishByQuorum(handlers, quorum);
}

describe('the Changes screen handlers', () => {
  it('before the first seal lists, as data, everything the first quorum will seal, then seals it', async () => {
    const { handlers } = await unsealedApp();
    const before = await value(handlers.configStatus({}));
    expect(before.sealed).toBe(false);
    expect(before.toBeSealedItems).toEqual([
      {
        kind: 'wallet',
        wallet: 'treasury',
        network: 'testnet',
        scriptType: 'p2wsh',
        threshold: 2,
        cosigners: 3,
        withoutDeviceKey: false,
      },
      { kind: 'policy', wallet: 'treasury', policy: expect.objectContaining({ wallet: 'treasury' }) },
      { kind: 'approver-enrol', name: 'alice' },
      { kind: 'approver-enrol', name: 'bob' },
      { kind: 'airgap', settings: { allowNetwork: false, reason: null } },
    ]);
    expect(before.toBeSealedItems).toHaveLength(before.toBeSealed.length);
    const after = await acceptByQuorum(handlers);
    expect(after).toMatchObject({ sealed: true, toBeSealedItems: [], changeItems: [], differences: [] });
    expect(after.head).toMatch(/^\d+:[0-9a-f]{64}$/);
  });

  it('on a sealed device takes the approvals the sealed policy asks for before the shares, then re-seals', async () => {
    const { dataDir, handlers, codes } = await unsealedApp();
    await acceptByQuorum(handlers);
    const draft = { wallet: 'treasury', maxPerTransaction: 100_000 };
    const staged = await value(handlers.stagePolicy({ text: JSON.stringify(draft) }));
    expect(staged.changeItems).toEqual([{ kind: 'policy', wallet: 'treasury', policy: draft }]);
    expect(staged.approvalsNeeded).toEqual([
      { wallet: 'treasury', required: 1, approvers: ['alice', 'bob'] },
    ]);
    const alice = () => ({ name: 'alice', pin: APPROVER_PASSPHRASE, code: codes.alice?.() ?? '' });
    // Main holds the acceptance: nothing is taken for one not opened.
    expect((await value(handlers.getStatus({}))).acceptance).toBeNull();
    expect(await errorCode(handlers.approveChanges(alice()))).toBe('ACCEPTANCE_NOT_STARTED');
    expect(await errorCode(handlers.addConfigShare({ indices: shareIndices(shares[0] ?? '') }))).toBe(
      'ACCEPTANCE_NOT_STARTED',
    );
    expect((await value(handlers.startAcceptance({}))).acceptance).toBe('approvals');
    expect(await errorCode(handlers.addConfigShare({ indices: shareIndices(shares[0] ?? '') }))).toBe(
      'APPROVALS_MISSING',
    );
    // A refused accept ends the acceptance, as one that fails at the seal does: it starts again.
    expect(await errorCode(handlers.acceptChanges({}))).toBe('QUORUM_MISSING');
    expect((await value(handlers.getStatus({}))).acceptance).toBeNull();
    await value(handlers.startAcceptance({}));
    expect(
      await errorCode(handlers.approveChanges({ name: 'carol', pin: APPROVER_PASSPHRASE, code: '123456' })),
    ).toBe('APPROVER_NOT_IN_POLICY');
    const approved = await value(handlers.approveChanges(alice()));
    expect(approved).toMatchObject({ approved: ['alice'], required: 1, complete: true });
    expect((await value(handlers.configStatus({}))).approvedBy).toEqual(['alice']);
    const accepted = await finishByQuorum(handlers, [shares[1], shares[2]]);
    expect(accepted).toMatchObject({ sealed: true, changeItems: [], approvedBy: [] });
    expect((await value(handlers.getStatus({}))).acceptance).toBeNull();
    expect(await value(handlers.policyView({}))).toMatchObject({
      inForce: 'sealed',
      sealedPolicy: draft,
    });
    const sealedEvent = readFileSync(auditPath(dataDir), 'utf8').trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(sealedEvent)).toMatchObject({ event: 'config-sealed', approvers: ['alice'] });
  });

  it('drops approvals given for other changes: staging another change voids them', async () => {
    const { handlers, codes } = await unsealedApp();
    await acceptByQuorum(handlers);
    await value(handlers.stagePolicy({ text: JSON.stringify({ wallet: 'treasury', maxPer24h: 1 }) }));
    await value(handlers.startAcceptance({}));
    await value(
      handlers.approveChanges({ name: 'bob', pin: APPROVER_PASSPHRASE, code: codes.bob?.() ?? '' }),
    );
    expect((await value(handlers.getStatus({}))).acceptance).toBe('shares');
    await value(handlers.removeApprover({ name: 'alice' }));
    // A new change staged: main drops the acceptance, and the page goes back to the Changes screen.
    expect((await value(handlers.getStatus({}))).acceptance).toBeNull();
    expect(await value(handlers.configApprovalStatus({}))).toMatchObject({ approved: [], complete: false });
    expect(await errorCode(handlers.addConfigShare({ indices: shareIndices(shares[0] ?? '') }))).toBe(
      'ACCEPTANCE_NOT_STARTED',
    );
    await value(handlers.startAcceptance({}));
    expect(await errorCode(handlers.addConfigShare({ indices: shareIndices(shares[0] ?? '') }))).toBe(
      'APPROVALS_MISSING',
    );
  });

  it('drops the shares entered when what is to be sealed changes mid-acceptance', async () => {
    const { handlers } = await unsealedApp();
    await value(handlers.startAcceptance({}));
    await value(handlers.addConfigShare({ indices: shareIndices(shares[0] ?? '') }));
    await value(handlers.importWallet({ text: testWallet({ name: 'spare' }).descriptor, name: 'spare' }));
    expect((await value(handlers.getStatus({}))).acceptance).toBeNull();
    expect(await errorCode(handlers.acceptChanges({}))).toBe('ACCEPTANCE_NOT_STARTED');
    await value(handlers.startAcceptance({}));
    expect(
      (await value(handlers.addConfigShare({ indices: shareIndices(shares[1] ?? '') }))).sharesSeen,
    ).toBe(1);
  });

  it('opens an acceptance only when something is to be accepted and no signing ceremony is held', async () => {
    const { handlers } = await unsealedApp();
    await acceptByQuorum(handlers);
    expect(await errorCode(handlers.startAcceptance({}))).toBe('NO_CHANGES');
    await value(handlers.stagePolicy({ none: true }));
    await value(handlers.loadPsbtText({ text: spend(100_000n) }));
    expect(await errorCode(handlers.startAcceptance({}))).toBe('CEREMONY_UNDER_WAY');
    await value(handlers.cancelCeremony({}));
    expect((await value(handlers.startAcceptance({}))).acceptance).toBe('approvals');
  });

  it('seals files found changed as they are only when the acceptance was opened to include them', async () => {
    const { dataDir, handlers, codes } = await unsealedApp();
    await acceptByQuorum(handlers);
    writeWalletPolicy(dataDir, wallet, {});
    await value(handlers.startAcceptance({}));
    await value(
      handlers.approveChanges({ name: 'bob', pin: APPROVER_PASSPHRASE, code: codes.bob?.() ?? '' }),
    );
    await value(handlers.addConfigShare({ indices: shareIndices(shares[0] ?? '') }));
    await value(handlers.addConfigShare({ indices: shareIndices(shares[2] ?? '') }));
    expect(await errorCode(handlers.acceptChanges({}))).toBe('SEAL_BROKEN');
    expect((await value(handlers.configStatus({}))).differences).toHaveLength(1);

    expect((await value(handlers.startAcceptance({ includeDifferences: true }))).acceptance).toBe(
      'approvals',
    );
    // Another approver: a code is taken once.
    await value(
      handlers.approveChanges({ name: 'alice', pin: APPROVER_PASSPHRASE, code: codes.alice?.() ?? '' }),
    );
    const accepted = await finishByQuorum(handlers);
    expect(accepted).toMatchObject({ sealed: true, differences: [] });
  });

  it('takes approvals while the audit log falls short of its seal only in an acceptance opened to include it', async () => {
    const { dataDir, handlers, codes } = await unsealedApp();
    await acceptByQuorum(handlers);
    const lines = readFileSync(auditPath(dataDir), 'utf8').trim().split('\n');
    writeFileSync(auditPath(dataDir), `${lines.slice(0, -1).join('\n')}\n`);
    await value(handlers.startAcceptance({}));
    expect(
      await errorCode(
        handlers.approveChanges({ name: 'bob', pin: APPROVER_PASSPHRASE, code: codes.bob?.() ?? '' }),
      ),
    ).toBe('SEAL_BROKEN');
    await value(handlers.startAcceptance({ includeDifferences: true }));
    await value(
      handlers.approveChanges({ name: 'alice', pin: APPROVER_PASSPHRASE, code: codes.alice?.() ?? '' }),
    );
    expect(await finishByQuorum(handlers)).toMatchObject({ sealed: true, differences: [] });
  });

  it('wipes the shares entered when the acceptance is left half done', async () => {
    const { handlers } = await unsealedApp();
    await value(handlers.startAcceptance({}));
    await value(handlers.addConfigShare({ indices: shareIndices(shares[0] ?? '') }));
    await value(handlers.cancelAcceptance({}));
    expect((await value(handlers.getStatus({}))).acceptance).toBeNull();
    expect(await errorCode(handlers.acceptChanges({}))).toBe('ACCEPTANCE_NOT_STARTED');
    await value(handlers.startAcceptance({}));
    expect(
      (await value(handlers.addConfigShare({ indices: shareIndices(shares[1] ?? '') }))).sharesSeen,
    ).toBe(1);
  });

  it('stages an explicit "no policy", which the quorum seals like any other', async () => {
    const { handlers } = await unsealedApp();
    await acceptByQuorum(handlers);
    const staged = await value(handlers.stagePolicy({ none: true }));
    expect(staged.changeItems).toEqual([{ kind: 'policy', wallet: 'treasury', policy: null }]);
    expect((await value(handlers.policyView({}))).stagedPolicy).toBeNull();
  });

  it('says a wallet registered on a sealed device is staged, not in use', async () => {
    const { handlers } = await unsealedApp();
    await acceptByQuorum(handlers);
    const spare = testWallet({ name: 'spare' });
    expect(await value(handlers.importWallet({ text: spare.descriptor, name: 'spare' }))).toMatchObject({
      name: 'spare',
      staged: true,
    });
    expect((await value(handlers.getStatus({}))).wallet?.name).toBe('treasury');
  });

  it('rejecting drops the staged changes and leaves the seal as it was', async () => {
    const { handlers } = await unsealedApp();
    const sealed = await acceptByQuorum(handlers);
    await value(handlers.removeApprover({ name: 'bob' }));
    const rejected = await value(handlers.rejectChanges({}));
    expect(rejected).toMatchObject({ sealed: true, changeItems: [], head: expect.any(String) });
    expect(rejected.sealedBy).toBe(sealed.sealedBy);
  });

  it('does not take a deleted seal for a new device: the difference is named', async () => {
    const { dataDir, handlers } = await unsealedApp();
    await acceptByQuorum(handlers);
    rmSync(sealPath(dataDir));
    const view = await value(handlers.configStatus({}));
    expect(view.sealed).toBe(false);
    expect(view.differences).toEqual([{ code: 'SEAL_DELETED', params: { entry: expect.any(Number) } }]);
    expect(view.differences.map(differenceSentence)).toEqual([
      expect.stringMatching(/^the seal file was deleted \(the audit log records a seal at entry \d+\)/),
    ]);
  });
});

describe('the Approvers and Policy screen handlers', () => {
  it('lists approvers with what is staged for them and their attempts left', async () => {
    const { handlers } = await unsealedApp();
    await acceptByQuorum(handlers);
    await value(handlers.enrolApprover({ name: 'carol', pin: 'carol passphrase 13579' }));
    await value(handlers.removeApprover({ name: 'bob' }));
    expect(await value(handlers.listApprovers({}))).toEqual([
      { name: 'alice', enrolled: true, staged: null, attemptsLeft: 5 },
      { name: 'bob', enrolled: true, staged: 'remove', attemptsLeft: 5 },
      { name: 'carol', enrolled: false, staged: 'enrol', attemptsLeft: null },
    ]);
  });

  it('stages an unlock asked for on a sealed device, lists it, and unlocks once the quorum accepts it', async () => {
    const { dataDir, handlers, codes } = await unsealedApp();
    await acceptByQuorum(handlers);
    const wrong = { name: 'alice', pin: 'not the passphrase 000', code: '000000' };
    for (let i = 0; i < MAX_FAILURES; i++)
      expect(() => approvePsbt(dataDir, { proof: wrong, psbtHash: 'ab'.repeat(32) })).toThrow();
    expect((await value(handlers.listApprovers({})))[0]).toMatchObject({ name: 'alice', attemptsLeft: 0 });
    const by = { name: 'bob', pin: APPROVER_PASSPHRASE, code: codes.bob?.() ?? '' };
    expect(await value(handlers.unlockApprover({ name: 'alice', by }))).toEqual({
      unlocked: 'alice',
      staged: true,
    });
    // Staged, not in force: alice stays locked until the quorum accepts it.
    expect((await value(handlers.listApprovers({})))[0]).toEqual({
      name: 'alice',
      enrolled: true,
      staged: 'unlock',
      attemptsLeft: 0,
    });
    const view = await value(handlers.configStatus({}));
    expect(view.changeItems).toEqual([{ kind: 'approver-unlock', name: 'alice', by: 'bob' }]);
    expect(view.approvalsNeeded).toEqual([]);
    await acceptByQuorum(handlers, [shares[1], shares[2]]);
    expect((await value(handlers.listApprovers({})))[0]).toEqual({
      name: 'alice',
      enrolled: true,
      staged: null,
      attemptsLeft: MAX_FAILURES,
    });
  });

  it('stages a wallet owner class set on a sealed device as a change of its own kind', async () => {
    const { handlers } = await unsealedApp();
    await acceptByQuorum(handlers);
    const view = await value(handlers.setWalletOwner({ name: 'treasury', owner: 'company' }));
    expect(view.changeItems).toEqual([{ kind: 'wallet-owner', wallet: 'treasury', owner: 'company' }]);
    expect(view.approvalsNeeded).toEqual([{ wallet: 'treasury', required: 1, approvers: ['alice', 'bob'] }]);
  });

  it('test-drives a draft against a PSBT pasted on the Policy screen, leaving the signing ceremony alone', async () => {
    const { handlers } = await unsealedApp();
    const view = await value(handlers.policyView({}));
    expect(view).toMatchObject({ inForce: 'first-seal', sealedPolicy: { approvals: { required: 1 } } });
    const strict = JSON.stringify({
      wallet: 'treasury',
      maxPerTransaction: 100_000,
      fees: { maxFee: 5_000 },
    });
    const verdict = await value(handlers.testDrivePolicy({ text: strict, psbt: spend(500_000n) }));
    expect(verdict.map((v) => v.code)).toEqual(['OVER_TX_LIMIT', 'FEE_TOO_HIGH']);
    const loose = JSON.stringify({ wallet: 'treasury', maxPerTransaction: 1_000_000 });
    expect(await value(handlers.testDrivePolicy({ text: loose, psbt: spend(500_000n) }))).toEqual([]);
    expect((await value(handlers.getStatus({}))).stage).toBe('idle');
    // Scanned instead of pasted: the frames assemble apart from the ceremony's scan, and the PSBT comes back.
    await value(handlers.startTestDriveScan({}));
    const shown = spend(500_000n);
    const frames = encodeFrames({
      bytes: Buffer.from(shown, 'base64'),
      format: 'ur',
      maxFragmentLength: 120,
    });
    expect(frames.length).toBeGreaterThan(1);
    let scanned: string | undefined;
    for (const text of frames)
      scanned = (await value(handlers.scanTestDriveFrame({ text }))).psbtBase64 ?? scanned;
    expect(scanned).toBe(shown);
    expect((await value(handlers.getStatus({}))).stage).toBe('idle');
    expect(
      await errorCode(
        handlers.testDrivePolicy({ text: JSON.stringify({ wallet: 'other' }), psbt: spend(1n) }),
      ),
    ).toBe('POLICY_WRONG_WALLET');
  });
});

describe('the air-gap override through the app', () => {
  it('is staged, takes effect once the quorum and approvals accept it, and a staged withdrawal holds at once', async () => {
    const { dataDir, handlers, codes } = await unsealedApp(true);
    await acceptByQuorum(handlers);
    expect((await value(handlers.getStatus({}))).airgap.state).toBe('connected');
    const staged = await value(
      handlers.overrideAirgap({ confirm: true, reason: 'no way to unplug the docking station' }),
    );
    expect(staged.airgap).toMatchObject({ state: 'connected', signingAllowed: false });
    expect((await value(handlers.configStatus({}))).changeItems).toEqual([
      { kind: 'airgap', settings: { allowNetwork: true, reason: 'no way to unplug the docking station' } },
    ]);
    await value(handlers.startAcceptance({}));
    expect(await errorCode(handlers.addConfigShare({ indices: shareIndices(shares[0] ?? '') }))).toBe(
      'APPROVALS_MISSING',
    );
    await value(
      handlers.approveChanges({ name: 'bob', pin: APPROVER_PASSPHRASE, code: codes.bob?.() ?? '' }),
    );
    const accepted = await finishByQuorum(handlers);
    expect(accepted.airgap).toEqual({ allowNetwork: true, reason: 'no way to unplug the docking station' });
    expect((await value(handlers.getStatus({}))).airgap).toMatchObject({ state: 'overridden' });

    expect(await errorCode(handlers.overrideAirgap({ confirm: true }))).toBe('BAD_REQUEST');
    const withdrawn = await value(handlers.overrideAirgap({ confirm: true, withdraw: true }));
    expect(withdrawn.airgap).toMatchObject({ state: 'connected', signingAllowed: false });
    await value(handlers.startAcceptance({}));
    await value(
      handlers.approveChanges({ name: 'alice', pin: APPROVER_PASSPHRASE, code: codes.alice?.() ?? '' }),
    );
    await finishByQuorum(handlers);
    expect(JSON.parse(readFileSync(airgapFile(dataDir), 'utf8'))).toEqual({
      allowNetwork: false,
      reason: null,
    });
    const events = readFileSync(auditPath(dataDir), 'utf8');
    expect(events).toContain('"event":"airgap-override"');
    expect(events).toContain('"event":"airgap-override-withdrawn"');
  });
});
