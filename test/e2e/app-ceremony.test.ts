import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Psbt } from 'bitcoinjs-lib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssembler } from '../../src/qr/assembler';
import { encodeFrames } from '../../src/qr/encoder';
import {
  buildRenderer,
  decodeQrPng,
  type OpenApp,
  openApp,
  partitionedWallet,
  qrCameraVideo,
  registerWallet,
  SCREENSHOTS,
} from '../helpers/app';
import { tempDir } from '../helpers/cli';
import { APPROVER_PASSPHRASE, enrolApprovers, writeWalletPolicy } from '../helpers/device-setup';
import { buildPsbt, EXTERNAL_SCRIPT, TEST_MNEMONICS } from '../helpers/multisig-psbt';
import { spentCoinsOf, verifyTransaction } from '../helpers/verify-tx';

const { wallet, shares } = partitionedWallet();
/** 0.5 BTC in; 0.2 BTC to an outsider, 0.2999 BTC change at /1/3; fee 10 000 sats. */
const unsigned = buildPsbt({
  wallet,
  inputs: [{ index: 0, amount: 50_000_000n }],
  outputs: [
    { script: EXTERNAL_SCRIPT, amount: 20_000_000n },
    { change: { index: 3 }, amount: 29_990_000n },
  ],
});

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Electrum (Debian) as cosigner B: adds its signature and finalizes. */
function electrumSign(psbtBase64: string): { complete: boolean; tx: string | null } {
  const request = {
    op: 'sign',
    network: wallet.network,
    xtype: 'p2wsh',
    threshold: wallet.threshold,
    cosigners: wallet.cosigners,
    mnemonic: TEST_MNEMONICS[1],
    psbt: psbtBase64,
    indexes: [
      [0, 0],
      [1, 3],
    ],
  };
  const out = execFileSync('/usr/bin/python3', ['test/interop/electrum_cosigner.py'], {
    input: JSON.stringify(request),
    encoding: 'utf8',
  });
  return JSON.parse(out) as { complete: boolean; tx: string | null };
}

describe('signing ceremony end to end in Chromium with the fake camera', () => {
  let rendererDir: string;
  let app: OpenApp;
  const approverCodes: Record<string, () => string> = {};

  beforeAll(async () => {
    rendererDir = await buildRenderer(tempDir('airlock-renderer-'));
    const video = await qrCameraVideo(
      encodeFrames({ bytes: unsigned.toBuffer(), format: 'ur', maxFragmentLength: 150 }),
      tempDir('airlock-video-'),
    );
    app = await openApp({ rendererDir, fakeVideo: video });
    // The treasury's policy: two of three named approvers, each with PIN and authenticator code.
    Object.assign(approverCodes, enrolApprovers(app.dataDir, ['alice', 'bob']));
    // Written before the device's first seal: the first quorum ceremony seals it as the status shows it.
    writeWalletPolicy(app.dataDir, partitionedWallet().wallet, {
      approvals: { required: 2, approvers: ['alice', 'bob', 'carol'] },
    });
  });
  afterAll(async () => app?.close());

  it('registers a 2-of-3 wallet, scans, reviews, takes 2 approvals and 2 of 3 shares, signs; Electrum completes it', async () => {
    const { page } = app;
    await page.waitForSelector('[data-screen="home"]');
    await shot(page, '01-home');
    await registerWallet(page, wallet.descriptor);
    await shot(page, '02-wallets');

    await page.getByRole('button', { name: 'Home' }).click();
    await page.getByRole('button', { name: /Start: scan/ }).click();
    await page.waitForSelector('[data-screen="scan"]');
    await page.waitForSelector('[data-scan-format="ur"]', { timeout: 30_000 });
    await shot(page, '03-scan');

    await page.waitForSelector('[data-screen="review"] [data-output-kind]', { timeout: 60_000 });
    await shot(page, '04-review');
    const outputs = await page.$$eval('[data-output-kind]', (rows) =>
      rows.map((r) => [
        r.getAttribute('data-output-kind'),
        r.querySelector('[data-sats]')?.getAttribute('data-sats'),
      ]),
    );
    expect(outputs).toEqual([
      ['external', '20000000'],
      ['change', '29990000'],
    ]);
    expect(await page.getAttribute('[data-total="fee"] [data-sats]', 'data-sats')).toBe('10000');
    expect(await page.getAttribute('[data-total="change"] [data-sats]', 'data-sats')).toBe('29990000');
    expect(await page.textContent('[data-total="fee"] .amount')).toBe('0.00\u202f010\u202f000 BTC');
    expect(await page.getAttribute('[data-total="fee"] [data-sats]', 'title')).toBe('10,000 sats');

    // The screen is main's stage: the review shown but not confirmed, and main refuses an approval ahead of it.
    const stageInMain = () =>
      page.evaluate(async () => {
        const api = (window as unknown as { airlock: { getStatus: (r: unknown) => Promise<unknown> } })
          .airlock;
        return ((await api.getStatus({})) as { value?: { stage?: string } }).value?.stage;
      });
    expect(await stageInMain()).toBe('reviewed');
    const ahead = await page.evaluate(
      ([pin, code]) =>
        (window as unknown as { airlock: { approve: (r: unknown) => Promise<unknown> } }).airlock.approve({
          name: 'alice',
          pin,
          code,
        }),
      [APPROVER_PASSPHRASE, approverCodes.alice?.() ?? ''] as const,
    );
    expect(ahead).toMatchObject({ ok: false, error: { code: 'REVIEW_NOT_CONFIRMED' } });
    await page.getByRole('button', { name: /continue/ }).click();
    await page.waitForSelector('[data-screen="approvals"]');
    expect(await stageInMain()).toBe('approving');
    for (const name of ['alice', 'bob']) {
      await page.fill('input[name="approver"]', name);
      await page.fill('input[name="pin"]', APPROVER_PASSPHRASE);
      await page.fill('input[name="code"]', approverCodes[name]?.() ?? '');
      if (name === 'bob') await shot(page, '05-approvals');
      await page.getByRole('button', { name: 'Approve this transaction' }).click();
      if (name === 'alice') await page.waitForSelector('[data-approvals="1/2"]');
    }
    await page.waitForSelector('[data-screen="shares"]');
    await page.fill('textarea[name="share"]', shares[0] ?? '');
    await page.getByRole('button', { name: 'Add this share' }).click();
    await page.getByText('1 of 2 shares entered').waitFor();
    expect(await page.inputValue('textarea[name="share"]')).toBe('');
    await shot(page, '06-key-shares');
    // The second share by keyboard: a long word typed in part, Tab completes it (4-letter prefixes are unique).
    const words = (shares[2] ?? '').split(' ');
    const at = words.findIndex((w) => w.length >= 5);
    const before = words.slice(0, at);
    await page.fill('textarea[name="share"]', [...before, words[at]?.slice(0, 4)].join(' '));
    expect(await page.inputValue('textarea[name="share"]')).toBe(words[at]?.slice(0, 4));
    await page.press('textarea[name="share"]', 'Tab');
    // The completed word left the field at once, as every complete word does.
    expect(await page.inputValue('textarea[name="share"]')).toBe('');
    expect(await page.getAttribute('[data-entered]', 'data-entered')).toBe(String(at + 1));
    await page.fill('textarea[name="share"]', words.slice(at + 1).join(' '));
    await page.getByRole('button', { name: 'Add this share' }).click();
    await page.waitForSelector('[data-screen="signing"]');
    await shot(page, '07-signing');
    await page.getByRole('button', { name: 'Sign now' }).click();
    await page.waitForSelector('[data-screen="showQr"]');
    await page.selectOption('select[name="speed"]', '2');
    await shot(page, '08-show-qr');

    // Read the animated QR back off the screen, frame by frame, into an independent assembler.
    const assembler = createAssembler();
    let signedBytes: Uint8Array | undefined;
    for (let i = 0; i < 200 && !signedBytes; i++) {
      const text = decodeQrPng(await page.locator('.qr-animator svg').screenshot());
      if (!text) continue;
      const progress = assembler.receive(text);
      if (progress.status === 'complete') signedBytes = progress.payload?.bytes;
    }
    expect(signedBytes).toBeDefined();
    const signed = Psbt.fromBuffer(Buffer.from(signedBytes ?? new Uint8Array()));
    expect(signed.data.inputs[0]?.partialSig).toHaveLength(1);

    // Signatures only, offered beside the full PSBT with each one's frame count, read back the same way.
    await page.getByText('Known to accept it: Electrum and coordinators built on bitcoinjs-lib').waitFor();
    await page.getByRole('radio', { name: /^Signatures only \(1 frame\)$/ }).check();
    await page.waitForSelector('.qr-animator[data-frame-count="1"]');
    const onlyOurs = createAssembler().receive(
      decodeQrPng(await page.locator('.qr-animator svg').screenshot()) ?? '',
    );
    expect(onlyOurs.status).toBe('complete');
    const returned = Psbt.fromBuffer(Buffer.from(onlyOurs.payload?.bytes ?? new Uint8Array()));
    expect(returned.data.inputs[0]?.nonWitnessUtxo).toBeUndefined();
    expect(unsigned.clone().combine(returned).toBase64()).toBe(signed.toBase64());

    await page.getByRole('button', { name: /finish/ }).click();
    await page.waitForSelector('[data-screen="done"]');
    expect(await stageInMain()).toBe('signed');
    await shot(page, '09-done');

    const electrum = electrumSign(signed.toBase64());
    expect(electrum.complete).toBe(true);
    expect(verifyTransaction(electrum.tx ?? '', spentCoinsOf(unsigned))).toEqual([]);

    await page.getByRole('button', { name: 'Back to home' }).click();
    await page.waitForSelector('[data-screen="home"]');
    // Leaving Done, main dropped the signed ceremony.
    expect(await stageInMain()).toBe('idle');
    await page.getByRole('button', { name: 'Audit log' }).click();
    await page.waitForSelector('[data-audit-verified="true"]');
    expect(await page.locator('[data-event="signed"]').count()).toBe(1);
    expect(await page.locator('[data-event="review-confirmed"]').count()).toBe(1);
    await shot(page, '10-audit');
  });
});
