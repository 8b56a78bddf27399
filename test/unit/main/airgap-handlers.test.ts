import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAirlockMain } from '../../../main/api/app';
import { airlockCore } from '../../../main/api/core';
import type { ApiHandlers } from '../../../main/api/handlers';
import { auditPath } from '../../../src/audit/log';
import { acceptChanges } from '../../../src/ceremony/config-ceremony';
import { airgapFile } from '../../../src/ceremony/configuration';
import { registerWallet } from '../../../src/wallet/registry';
import { partitionedWallet } from '../../helpers/app';
import { tempDir } from '../../helpers/cli';
import { APPROVER_PASSPHRASE, enrolApprovers, writeWalletPolicy } from '../../helpers/device-setup';
import { errorCode, value } from '../../helpers/ipc-result';
import { buildPsbt, EXTERNAL_SCRIPT } from '../../helpers/multisig-psbt';
import { shareIndices } from '../../helpers/shares';

const { wallet, shares } = partitionedWallet();
const online = () => ({
  eth0: [
    {
      address: '192.0.2.2',
      netmask: '255.255.255.0',
      family: 'IPv4' as const,
      mac: '02:00:00:00:00:01',
      internal: false,
      cidr: '192.0.2.2/24',
    },
  ],
});
const psbt = buildPsbt({
  wallet,
  inputs: [{ index: 0, amount: 50_000_000n }],
  outputs: [
    { script: EXTERNAL_SCRIPT, amount: 1_000_000n },
    { change: { index: 3 }, amount: 48_990_000n },
  ],
}).toBase64();
const PIN = APPROVER_PASSPHRASE;

/**
 * A sealed device whose wallet policy asks one approval of alice or bob, opened on a networked
 * machine with `--allow-network` (the start flag).
 */
function networkedApp() {
  const dataDir = tempDir();
  const codes = enrolApprovers(dataDir, ['alice', 'bob']);
  registerWallet(dataDir, wallet);
  writeWalletPolicy(dataDir, wallet, { approvals: { required: 1, approvers: ['alice', 'bob'] } });
  const secret = airlockCore.keys.combineShares(shares.slice(0, 2).map(shareIndices));
  acceptChanges({ dataDir, withSeed: (use) => use(secret) });
  const { handlers } = createAirlockMain({
    dataDir,
    core: airlockCore,
    appVersion: 'test',
    listInterfaces: online,
    airgapOverride: 'coordinator on the same desk',
  });
  return {
    dataDir,
    handlers,
    /** The approver's code now, or of the next step (accepted too, and not a replay of this one). */
    code: (name: string, ahead = 0) => codes[name]?.(ahead) ?? '',
  };
}

async function signAs(handlers: ApiHandlers, approver: { name: string; code: string }) {
  await value(handlers.selectWallet({ name: 'treasury' }));
  await value(handlers.loadPsbtText({ text: psbt }));
  await value(handlers.reviewCurrent({}));
  await value(handlers.confirmReview({}));
  await value(handlers.approve({ name: approver.name, pin: PIN, code: approver.code }));
  await value(handlers.addShare({ indices: shareIndices(shares[0] ?? '') }));
  await value(handlers.addShare({ indices: shareIndices(shares[1] ?? '') }));
  return handlers.sign({ format: 'base64' });
}

const events = (dataDir: string) =>
  readFileSync(auditPath(dataDir), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { event: string; outcome?: string; reason?: string });

describe('the air-gap override through the app handlers', () => {
  it('the start flag only asks: nothing is signed on a networked machine until the quorum and the approvals seal it', async () => {
    const { dataDir, handlers, code } = networkedApp();
    expect((await value(handlers.getStatus({}))).airgap).toMatchObject({
      state: 'connected',
      signingAllowed: false,
    });
    expect(await errorCode(signAs(handlers, { name: 'alice', code: code('alice') }))).toBe('AIRGAP_BLOCKED');
    expect(events(dataDir).some((e) => e.event === 'signed')).toBe(false);
    const status = await value(handlers.configStatus({}));
    expect(status.changes).toEqual(['allow signing while a network is up (coordinator on the same desk)']);
    expect(status.approvalsNeeded).toEqual([
      { wallet: 'treasury', required: 1, approvers: ['alice', 'bob'] },
    ]);
    // The quorum alone is not enough: the policy asks for an approval.
    expect(
      await errorCode(
        handlers.acceptChanges({ shares: [shareIndices(shares[0] ?? ''), shareIndices(shares[2] ?? '')] }),
      ),
    ).toBe('APPROVALS_MISSING');
    expect((await value(handlers.getStatus({}))).airgap.state).toBe('connected');
    await value(
      handlers.acceptChanges({
        shares: [shareIndices(shares[0] ?? ''), shareIndices(shares[2] ?? '')],
        approvals: [{ name: 'bob', pin: PIN, code: code('bob') }],
      }),
    );
    expect((await value(handlers.getStatus({}))).airgap.state).toBe('overridden');
    expect((await value(signAs(handlers, { name: 'alice', code: code('alice', 1) }))).signedInputs).toBe(1);
    expect(events(dataDir).filter((e) => e.event === 'airgap-override')).toMatchObject([
      { outcome: 'staged', reason: 'coordinator on the same desk' },
    ]);
  });

  it('a sealed override is withdrawn in the app at once, and a later start flag does not bring it back', async () => {
    const { dataDir, handlers, code } = networkedApp();
    await value(
      handlers.acceptChanges({
        shares: [shareIndices(shares[1] ?? ''), shareIndices(shares[2] ?? '')],
        approvals: [{ name: 'bob', pin: PIN, code: code('bob') }],
      }),
    );
    const withdrawn = await value(
      handlers.overrideAirgap({ confirm: true, reason: 'coordinator moved away', withdraw: true }),
    );
    expect(withdrawn.airgap).toMatchObject({ state: 'connected', signingAllowed: false });
    expect((await value(handlers.configStatus({}))).changes).toEqual([
      'refuse signing while a network is up',
    ]);
    const restarted = createAirlockMain({
      dataDir,
      core: airlockCore,
      appVersion: 'test',
      listInterfaces: online,
      airgapOverride: 'once more',
    }).handlers;
    expect(await errorCode(signAs(restarted, { name: 'alice', code: code('alice') }))).toBe('AIRGAP_BLOCKED');
    expect(events(dataDir).some((e) => e.event === 'signed')).toBe(false);
  });

  it('air-gap settings edited on disk to allow the network are refused before any signature', async () => {
    const { dataDir, handlers, code } = networkedApp();
    writeFileSync(airgapFile(dataDir), JSON.stringify({ allowNetwork: true, reason: 'me' }));
    expect((await value(handlers.getStatus({}))).airgap.state).toBe('connected');
    const result = await signAs(handlers, { name: 'alice', code: code('alice') });
    expect(result).toMatchObject({ ok: false, error: { code: 'SEAL_BROKEN' } });
    expect(result.ok ? '' : result.error.message).toContain('the air-gap settings were edited');
    expect(events(dataDir).some((e) => e.event === 'signed')).toBe(false);
    expect(events(dataDir).some((e) => e.event === 'seal-broken')).toBe(true);
  });
});
