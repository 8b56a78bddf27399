import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { CryptoPSBT } from '@keystonehq/bc-ur-registry';
import { UREncoder } from '@ngraveio/bc-ur';
import { Psbt } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { createAirlockMain } from '../../../main/api/app';
import { airlockCore } from '../../../main/api/core';
import type { ApiHandlers } from '../../../main/api/handlers';
import { auditPath } from '../../../src/audit/log';
import type { InterfaceLister } from '../../../src/ceremony/interfaces';
import { reviewPsbt } from '../../../src/psbt/review';
import { createAssembler } from '../../../src/qr/assembler';
import { splitBbqr } from '../../../src/qr/bbqr';
import { decodeQrPng, partitionedWallet } from '../../helpers/app';
import { tempDir } from '../../helpers/cli';
import { errorCode, value } from '../../helpers/ipc-result';
import { buildPsbt, EXTERNAL_SCRIPT } from '../../helpers/multisig-psbt';
import { shareIndices } from '../../helpers/shares';

const offline: InterfaceLister = () => ({
  lo: [{ address: '127.0.0.1', internal: true, family: 'IPv4' } as NetworkInterfaceInfo],
});
const online: InterfaceLister = () => ({
  ...offline(),
  eth0: [{ address: '10.0.0.7', internal: false, family: 'IPv4' } as NetworkInterfaceInfo],
});

function app(listInterfaces: InterfaceLister = offline) {
  const dataDir = tempDir();
  const { handlers } = createAirlockMain({ dataDir, core: airlockCore, appVersion: 'test', listInterfaces });
  return { dataDir, handlers };
}

/** 0.5 BTC in, 0.2 BTC to an outsider, 0.2999 BTC change at /1/3: fee 10 000 sats. */
function ceremonyPsbt(wallet = partitionedWallet().wallet, changeWallet = wallet): Psbt {
  return buildPsbt({
    wallet,
    inputs: [{ index: 0, amount: 50_000_000n }],
    outputs: [
      { script: EXTERNAL_SCRIPT, amount: 20_000_000n },
      { change: { index: 3 }, amount: 29_990_000n, wallet: changeWallet },
    ],
  });
}

async function loaded(handlers: ApiHandlers, psbt: Psbt, descriptor = partitionedWallet().wallet.descriptor) {
  await value(handlers.importWallet({ text: descriptor, name: 'treasury' }));
  await value(handlers.startScan({}));
  await value(handlers.loadPsbtText({ text: psbt.toBase64() }));
}

describe('main-side API handlers', () => {
  it('rejects malformed requests before touching any state', async () => {
    const { handlers } = app();
    const before = await value(handlers.getStatus({}));
    for (const [call, request] of [
      [handlers.importWallet, { text: 42 }],
      [handlers.scanFrame, 'ur:crypto-psbt/1-2/x'],
      [handlers.approve, { name: 'alice', pin: 'abcd', code: '123456' }],
      [handlers.addShare, { words: 'only three words' }],
      [handlers.addShare, { indices: Array(20).fill('academic') }],
      [handlers.sign, { format: 'ur', secret: 'x' }],
      [handlers.getStatus, { inject: true }],
      [handlers.scanWalletFrame, { text: '' }],
      [handlers.scanWalletFrame, { text: 'x'.repeat(8001) }],
    ] as const) {
      const result = await (call as (raw: unknown) => Promise<{ ok: boolean; error?: { code: string } }>)(
        request,
      );
      expect(result).toMatchObject({ ok: false, error: { kind: 'bad-input', code: 'BAD_REQUEST' } });
    }
    expect(await value(handlers.getStatus({}))).toEqual(before);
  });

  it('scans a wallet export apart from the ceremony and hands its text back to the import form', async () => {
    const { handlers, dataDir } = app();
    const { wallet } = partitionedWallet();
    await value(handlers.startWalletScan({}));
    const { parts } = splitBbqr(new TextEncoder().encode(wallet.descriptor), 'U', {
      minSplit: 2,
      maxVersion: 10,
    });
    const first = await value(handlers.scanWalletFrame({ text: parts[0]! }));
    expect(first).toMatchObject({
      status: 'progress',
      format: 'bbqr',
      partsSeen: 1,
      partsNeeded: parts.length,
    });
    expect(first.walletText).toBeUndefined();
    let last = first;
    for (const part of parts.slice(1)) last = await value(handlers.scanWalletFrame({ text: part }));
    expect(last).toMatchObject({ status: 'complete', walletText: wallet.descriptor });
    // Scanning registers nothing by itself: the operator registers what the form shows.
    expect(await value(handlers.listWallets({}))).toEqual([]);
    expect(existsSync(auditPath(dataDir)) ? readFileSync(auditPath(dataDir), 'utf8') : '').not.toContain(
      'wallet-registered',
    );
    const refused = await value(handlers.scanWalletFrame({ text: 'ur:crypto-psbt/hdcxdwdw' }));
    expect(refused.status).toBe('rejected');
    expect(refused.walletText).toBeUndefined();
  });

  it('enforces the order of the ceremony in main, whatever the renderer asks', async () => {
    const { handlers } = app();
    expect(await errorCode(handlers.startScan({}))).toBe('NO_WALLET');
    await value(handlers.importWallet({ text: partitionedWallet().wallet.descriptor, name: 'treasury' }));
    expect(await errorCode(handlers.reviewCurrent({}))).toBe('NO_PSBT');
    await value(handlers.loadPsbtText({ text: ceremonyPsbt().toBase64() }));
    const { shares } = partitionedWallet();
    const early = shareIndices(shares[0] ?? '');
    expect(await errorCode(handlers.addShare({ indices: early }))).toBe('REVIEW_NOT_SHOWN');
    expect(
      early.every((i) => i === 0),
      'a refused share is zeroed too',
    ).toBe(true);
    expect(await errorCode(handlers.sign({ format: 'base64' }))).toBe('REVIEW_NOT_SHOWN');
    expect(await errorCode(handlers.confirmReview({}))).toBe('REVIEW_NOT_SHOWN');
    expect((await value(handlers.getStatus({}))).stage).toBe('loaded');
    await value(handlers.reviewCurrent({}));
    expect((await value(handlers.getStatus({}))).stage).toBe('reviewed');
    // The review shown but not confirmed: shares and the signature are refused.
    expect(await errorCode(handlers.addShare({ indices: shareIndices(shares[0] ?? '') }))).toBe(
      'REVIEW_NOT_CONFIRMED',
    );
    expect(await errorCode(handlers.sign({ format: 'base64' }))).toBe('REVIEW_NOT_CONFIRMED');
    expect(await errorCode(handlers.finishCeremony({}))).toBe('NOT_SIGNED');
    expect((await value(handlers.confirmReview({}))).stage).toBe('approved');
    expect(await errorCode(handlers.sign({ format: 'base64' }))).toBe('QUORUM_MISSING');
  });

  it('records the confirmation once, and finishing a signed ceremony leaves main idle', async () => {
    const { dataDir, handlers } = app();
    const { shares } = partitionedWallet();
    await loaded(handlers, ceremonyPsbt());
    const { psbtHash } = await value(handlers.reviewCurrent({}));
    await value(handlers.confirmReview({}));
    await value(handlers.confirmReview({}));
    const confirmed = readFileSync(auditPath(dataDir), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; psbtHash?: string })
      .filter((e) => e.event === 'review-confirmed');
    expect(confirmed).toEqual([expect.objectContaining({ psbtHash, wallet: 'treasury' })]);
    await value(handlers.addShare({ indices: shareIndices(shares[0] ?? '') }));
    await value(handlers.addShare({ indices: shareIndices(shares[1] ?? '') }));
    expect((await value(handlers.getStatus({}))).stage).toBe('unlocked');
    await value(handlers.sign({ format: 'base64' }));
    expect((await value(handlers.getStatus({}))).stage).toBe('signed');
    expect((await value(handlers.finishCeremony({}))).stage).toBe('idle');
    expect(await errorCode(handlers.encodeSigned({ format: 'base64' }))).toBe('NOT_SIGNED');
    // A new PSBT's review is not confirmed by the last one's confirmation.
    await value(handlers.loadPsbtText({ text: ceremonyPsbt().toBase64() }));
    await value(handlers.reviewCurrent({}));
    expect((await value(handlers.getStatus({}))).stage).toBe('reviewed');
  });

  it('refuses a wrong quorum; the refusal wipes it and the stage goes back to where the shares are entered', async () => {
    const { handlers } = app();
    await loaded(handlers, ceremonyPsbt());
    await value(handlers.reviewCurrent({}));
    await value(handlers.confirmReview({}));
    const { splitMasterSecret } = await import('../../../src/keys/slip39');
    const [foreign] = splitMasterSecret({
      masterSecret: new Uint8Array(16).fill(7),
      groups: [{ threshold: 2, count: 3 }],
    });
    await value(handlers.addShare({ indices: shareIndices(foreign?.[0] ?? '') }));
    await value(handlers.addShare({ indices: shareIndices(foreign?.[1] ?? '') }));
    expect((await value(handlers.getStatus({}))).stage).toBe('unlocked');
    expect(await errorCode(handlers.sign({ format: 'base64' }))).toBe('QUORUM_WRONG_KEY');
    expect((await value(handlers.getStatus({}))).stage).toBe('approved');
    const { shares } = partitionedWallet();
    await value(handlers.addShare({ indices: shareIndices(shares[0] ?? '') }));
    await value(handlers.addShare({ indices: shareIndices(shares[1] ?? '') }));
    expect((await value(handlers.sign({ format: 'base64' }))).signedInputs).toBe(1);
  });

  it('assembles an animated UR PSBT, reviews it in main and signs with 2 of 3 shares', async () => {
    const { dataDir, handlers } = app();
    const { wallet, shares } = partitionedWallet();
    const psbt = ceremonyPsbt(wallet);
    await value(handlers.importWallet({ text: wallet.descriptor, name: 'treasury' }));
    await value(handlers.startScan({}));
    const encoder = new UREncoder(new CryptoPSBT(Buffer.from(psbt.toBuffer())).toUR(), 120);
    let progress = await value(handlers.scanFrame({ text: encoder.nextPart() }));
    for (let i = 0; progress.status !== 'complete' && i < 100; i++) {
      progress = await value(handlers.scanFrame({ text: encoder.nextPart().toUpperCase() }));
    }
    expect(progress).toMatchObject({ status: 'complete', format: 'ur' });

    const { review, psbtHash } = await value(handlers.reviewCurrent({}));
    await value(handlers.confirmReview({}));
    expect(review.outputs.map((o) => [o.kind, o.amount])).toEqual([
      ['external', 20_000_000],
      ['change', 29_990_000],
    ]);
    expect(review.fee).toBe(10_000);
    expect(review.signatures).toEqual({ present: 0, required: 2 });

    const first = shareIndices(shares[0] ?? '');
    expect(await value(handlers.addShare({ indices: first }))).toEqual({
      sharesSeen: 1,
      sharesNeeded: 2,
      complete: false,
    });
    // The indices main received are zeroed once the call is done: the share lives on only as decoded.
    expect(first.every((i) => i === 0)).toBe(true);
    const malformed = shareIndices(shares[1] ?? '').slice(0, 19);
    expect(await errorCode(handlers.addShare({ indices: malformed }))).toBe('BAD_REQUEST');
    expect(malformed.every((i) => i === 0)).toBe(true);
    expect((await value(handlers.addShare({ indices: shareIndices(shares[2] ?? '') }))).complete).toBe(true);
    const signed = await value(handlers.sign({ format: 'base64' }));
    expect(signed.signedInputs).toBe(1);
    const readBack = createAssembler();
    const last = signed.frames.map((f) => readBack.receive(f)).at(-1);
    expect(Buffer.from(last?.payload?.bytes ?? []).toString('base64')).toBe(signed.psbtBase64);
    const after = reviewPsbt({ psbt: Psbt.fromBase64(signed.psbtBase64), wallet });
    expect(after.signatures.present).toBe(1);
    expect(after.outputs).toEqual(review.outputs);

    const ur = await value(handlers.encodeSigned({ format: 'ur', density: 'low' }));
    expect(ur.frames.length).toBeGreaterThan(2);
    expect(ur.frames[0]).toMatch(/^ur:crypto-psbt\/1-\d+\//i);

    // Signatures only: our one new signature, which the coordinator's combiner merges into its PSBT.
    const back = await value(handlers.encodeSigned({ format: 'base64', contents: 'signatures' }));
    const returned = Psbt.fromBuffer(
      Buffer.from(createAssembler().receive(back.frames[0] ?? '').payload?.bytes ?? []),
    );
    expect(returned.data.inputs.map((input) => Object.keys(input))).toEqual([['partialSig']]);
    expect(psbt.clone().combine(returned).toBase64()).toBe(signed.psbtBase64);
    const savedSignatures = await value(
      handlers.saveSignedFrames({ format: 'base64', contents: 'signatures' }),
    );
    expect(readFileSync(savedSignatures.files.at(-1) ?? '', 'utf8')).toBe(returned.toBase64());

    const saved = await value(handlers.saveSignedFrames({ format: 'bbqr', density: 'high' }));
    const bbqr = await value(handlers.encodeSigned({ format: 'bbqr', density: 'high' }));
    expect(saved.files).toHaveLength(bbqr.frames.length + 1);
    expect(decodeQrPng(readFileSync(saved.files[0] ?? ''))).toBe(bbqr.frames[0]);
    expect(readFileSync(saved.files.at(-1) ?? '', 'utf8')).toBe(signed.psbtBase64);

    // The quorum is spent: a second signature needs the shares again.
    expect(await errorCode(handlers.sign({ format: 'base64' }))).toBe('QUORUM_MISSING');

    const audit = readFileSync(auditPath(dataDir), 'utf8');
    for (const share of shares)
      for (const word of share.split(' ').slice(0, 4)) {
        expect(audit).not.toMatch(new RegExp(`\\b${word} ${share.split(' ')[1]}\\b`));
      }
    const events = audit
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; psbtHash?: string });
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining([
        'start',
        'wallet-registered',
        'psbt-loaded',
        'review-shown',
        'quorum-reached',
        'signed',
      ]),
    );
    expect(events.find((e) => e.event === 'signed')?.psbtHash).toBe(psbtHash);
    const view = await value(handlers.auditLog({}));
    expect(view.verified).toBe(true);
    expect(view.entries[0]?.event).toBe('refused');
  });

  it('blocks signing while a network interface is up, and signs after an audited override', async () => {
    const { dataDir, handlers } = app(online);
    const { shares } = partitionedWallet();
    await loaded(handlers, ceremonyPsbt());
    expect((await value(handlers.getStatus({}))).airgap).toMatchObject({
      state: 'connected',
      signingAllowed: false,
    });
    await value(handlers.reviewCurrent({}));
    await value(handlers.confirmReview({}));
    await value(handlers.addShare({ indices: shareIndices(shares[0] ?? '') }));
    await value(handlers.addShare({ indices: shareIndices(shares[1] ?? '') }));
    expect(await errorCode(handlers.sign({ format: 'base64' }))).toBe('AIRGAP_BLOCKED');

    // The operator's override is only staged: the quorum (here with no approvals in the policy) accepts it.
    const status = await value(handlers.overrideAirgap({ confirm: true, reason: 'bench test' }));
    expect(status.airgap.state).toBe('connected');
    expect((await value(handlers.configStatus({}))).changes).toEqual([
      'allow signing while a network is up (bench test)',
    ]);
    await value(
      handlers.acceptChanges({ shares: [shareIndices(shares[0] ?? ''), shareIndices(shares[1] ?? '')] }),
    );
    expect((await value(handlers.getStatus({}))).airgap.state).toBe('overridden');
    await value(handlers.addShare({ indices: shareIndices(shares[0] ?? '') }));
    await value(handlers.addShare({ indices: shareIndices(shares[1] ?? '') }));
    expect((await value(handlers.sign({ format: 'base64' }))).signedInputs).toBe(1);
    const events = readFileSync(auditPath(dataDir), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.filter((e) => e.event === 'airgap-override')).toMatchObject([{ outcome: 'staged' }]);
    expect(events.filter((e) => e.event === 'config-sealed')).toHaveLength(2);
    expect(events.find((e) => e.event === 'refused')).toMatchObject({
      reason: expect.stringContaining('AIRGAP_BLOCKED'),
    });
  });

  it('shows a change-hijack output as an external payment with a warning', async () => {
    const { handlers } = app();
    const { testWallet } = await import('../../helpers/multisig-psbt');
    const foreign = testWallet({ name: 'foreign' });
    await loaded(handlers, ceremonyPsbt(partitionedWallet().wallet, foreign));
    const { review } = await value(handlers.reviewCurrent({}));
    expect(review.outputs.map((o) => o.kind)).toEqual(['external', 'external']);
    expect(review.warnings.map((w) => w.code)).toContain('FOREIGN_CHANGE');
  });

  it('refuses a PSBT for another network and says so', async () => {
    const { handlers } = app();
    const mainnet = partitionedWallet('mainnet').wallet;
    await loaded(handlers, ceremonyPsbt(mainnet));
    const result = await handlers.reviewCurrent({});
    expect(result).toMatchObject({ ok: false, error: { kind: 'refused', code: 'NETWORK_MISMATCH' } });
  });

  it('cancel drops the PSBT and the shares entered', async () => {
    const { handlers } = app();
    const { shares } = partitionedWallet();
    await loaded(handlers, ceremonyPsbt());
    await value(handlers.reviewCurrent({}));
    await value(handlers.confirmReview({}));
    await value(handlers.addShare({ indices: shareIndices(shares[0] ?? '') }));
    expect((await value(handlers.cancelCeremony({}))).stage).toBe('idle');
    expect(await errorCode(handlers.addShare({ indices: shareIndices(shares[1] ?? '') }))).toBe('NO_PSBT');
  });

  it('shows a tampered audit log as altered, naming the line and what is wrong there, and still lists what it can read', async () => {
    const { dataDir, handlers } = app();
    await value(handlers.importWallet({ text: partitionedWallet().wallet.descriptor, name: 'treasury' }));
    const lines = readFileSync(auditPath(dataDir), 'utf8').split('\n');
    lines[1] = (lines[1] ?? '').replace('"airgap-check"', '"airgap-chek"');
    writeFileSync(auditPath(dataDir), lines.join('\n'));
    const view = await value(handlers.auditLog({}));
    expect(view.verified).toBe(false);
    // Line 2 was edited, so line 3 no longer chains to it.
    expect(view.broken).toEqual({ line: 3, problem: { code: 'AUDIT_CHAIN_BROKEN', params: {} } });
    expect(view.entries.map((e) => e.event)).toContain('wallet-registered');
  });
});
