import { describe, expect, it } from 'vitest';
import { createAirlockMain } from '../../../main/api/app';
import { airlockCore } from '../../../main/api/core';
import { partitionedWallet } from '../../helpers/app';
import { tempDir } from '../../helpers/cli';
import { enrolApprovers, writeWalletPolicy } from '../../helpers/device-setup';
import { buildPsbt, EXTERNAL_SCRIPT } from '../../helpers/multisig-psbt';
import { shareIndices } from '../../helpers/shares';

const { wallet, shares } = partitionedWallet();
const offline = () => ({});
const psbt = buildPsbt({
  wallet,
  inputs: [{ index: 0, amount: 50_000_000n }],
  outputs: [
    { script: EXTERNAL_SCRIPT, amount: 20_000_000n },
    { change: { index: 3 }, amount: 29_990_000n },
  ],
}).toBase64();

async function ceremonyWithPolicy(policy: Parameters<typeof writeWalletPolicy>[2]) {
  const dataDir = tempDir();
  const codes = enrolApprovers(dataDir, ['alice', 'bob']);
  // Before the device's first seal: the first quorum ceremony seals the policy as the status shows it.
  writeWalletPolicy(dataDir, wallet, policy);
  const { handlers } = createAirlockMain({
    dataDir,
    core: airlockCore,
    appVersion: 'test',
    listInterfaces: offline,
  });
  await handlers.importWallet({ text: wallet.descriptor, name: 'treasury' });
  await handlers.loadPsbtText({ text: psbt });
  return { handlers, codes };
}

describe('ceremony handlers with a wallet policy', () => {
  it('needs the named approvers, each with PIN and authenticator code, before shares and signing', async () => {
    const approvals = { required: 2, approvers: ['alice', 'bob', 'carol'] };
    const { handlers, codes } = await ceremonyWithPolicy({ approvals });
    expect(await handlers.reviewCurrent({})).toMatchObject({
      ok: true,
      value: { approvalsRequired: 2, violations: [] },
    });
    // A renderer calling ahead of the officers' confirmation is refused by main.
    const stage = async () => {
      const status = await handlers.getStatus({});
      return status.ok ? status.value.stage : null;
    };
    expect(await stage()).toBe('reviewed');
    expect(
      await handlers.approve({ name: 'alice', pin: 'tulip anchor 482913', code: codes.alice?.() ?? '' }),
    ).toMatchObject({ ok: false, error: { code: 'REVIEW_NOT_CONFIRMED' } });
    expect(await handlers.confirmReview({})).toMatchObject({ ok: true, value: { stage: 'approving' } });
    expect(await handlers.addShare({ indices: shareIndices(shares[0] ?? '') })).toMatchObject({
      ok: false,
      error: { code: 'APPROVALS_MISSING' },
    });
    expect(
      await handlers.approve({ name: 'mallory', pin: 'tulip anchor 482913', code: '123456' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'APPROVER_NOT_IN_POLICY' },
    });
    expect(
      await handlers.approve({ name: 'alice', pin: 'wrong passphrase 0', code: codes.alice?.() ?? '' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_WRONG_PIN' },
    });
    expect(
      await handlers.approve({ name: 'alice', pin: 'tulip anchor 482913', code: codes.alice?.() ?? '' }),
    ).toMatchObject({
      ok: true,
      value: { approved: ['alice'], required: 2, complete: false, candidates: approvals.approvers },
    });
    expect(
      await handlers.approve({ name: 'bob', pin: 'tulip anchor 482913', code: codes.bob?.() ?? '' }),
    ).toMatchObject({
      ok: true,
      value: { approved: ['alice', 'bob'], complete: true },
    });
    expect(await stage()).toBe('approved');
    await handlers.addShare({ indices: shareIndices(shares[0] ?? '') });
    expect(await stage()).toBe('approved');
    await handlers.addShare({ indices: shareIndices(shares[1] ?? '') });
    expect(await stage()).toBe('unlocked');
    expect(await handlers.signedResult({ format: 'ur' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED' },
    });
    const signed = await handlers.sign({ format: 'ur' });
    expect(signed).toMatchObject({ ok: true, value: { signedInputs: 1 } });
    expect(await stage()).toBe('signed');
    // A page reopened gets the same signed result again, while main holds the signed ceremony.
    expect(await handlers.signedResult({ format: 'ur' })).toEqual(signed);
    const log = await handlers.auditLog({});
    expect(log.ok && log.value.entries.find((e) => e.event === 'signed')?.approvers).toEqual([
      'alice',
      'bob',
    ]);
    await handlers.finishCeremony({});
    expect(await handlers.signedResult({ format: 'ur' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED' },
    });
  });

  it('shows each policy violation on review and refuses to sign', async () => {
    const { handlers } = await ceremonyWithPolicy({ maxPerTransaction: 10_000_000 });
    const review = await handlers.reviewCurrent({});
    expect(review.ok && review.value.violations.map((v) => v.code)).toEqual(['OVER_TX_LIMIT']);
    // The screen offers no confirmation of a refused review; a renderer that confirms anyway meets the gate at Sign.
    await handlers.confirmReview({});
    await handlers.addShare({ indices: shareIndices(shares[0] ?? '') });
    await handlers.addShare({ indices: shareIndices(shares[1] ?? '') });
    expect(await handlers.sign({ format: 'ur' })).toMatchObject({
      ok: false,
      error: { code: 'OVER_TX_LIMIT' },
    });
  });
});
