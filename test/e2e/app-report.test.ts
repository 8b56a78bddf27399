import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { address, networks, Psbt } from 'bitcoinjs-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressGroups } from '../../renderer/components/format';
import { auditPath, sha256Hex } from '../../src/audit/log';
import { prepareProofOfReserves } from '../../src/psbt/reserves-proof';
import { createAssembler } from '../../src/qr/assembler';
import {
  buildRenderer,
  decodeQrPng,
  type OpenApp,
  openApp,
  partitionedWallet,
  registerWallet,
  SCREENSHOTS,
} from '../helpers/app';
import { axeViolations } from '../helpers/axe';
import { runCli, tempDir } from '../helpers/cli';
import { buildPsbt, EXTERNAL_SCRIPT } from '../helpers/multisig-psbt';

const { wallet, shares } = partitionedWallet();
const EXTERNAL_ADDRESS = address.fromOutputScript(Buffer.from(EXTERNAL_SCRIPT), networks.testnet);
const MESSAGE = 'Customer reserves, 2026-12-02 close of business';
/** Proves 0.0125 BTC in two coins of the treasury. */
const proof = prepareProofOfReserves({
  coins: buildPsbt({
    wallet,
    inputs: [
      { index: 5, amount: 1_000_000n },
      { chain: 1, index: 9, amount: 250_000n },
    ],
    outputs: [{ script: EXTERNAL_SCRIPT, amount: 1_240_000n }],
  }),
  wallet,
  message: MESSAGE,
});
/** 0.5 BTC in; 0.2 BTC out, 0.2999 BTC change; fee 10 000 sats. */
const payment = buildPsbt({
  wallet,
  inputs: [{ index: 0, amount: 50_000_000n }],
  outputs: [
    { script: EXTERNAL_SCRIPT, amount: 20_000_000n },
    { change: { index: 3 }, amount: 29_990_000n },
  ],
});

const WORDS = {
  en: {
    start: /Start: scan/,
    load: 'Load this PSBT',
    next: /continue/,
    add: 'Add this share',
    sign: 'Sign now',
  },
  ja: {
    start: /開始/,
    load: 'この PSBT を読み込む',
    next: /次へ進む/,
    add: 'このシェアを追加',
    sign: '今すぐ署名',
  },
};

async function shot(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Home to Done through the screens, the PSBT pasted, two of the three shares entered. */
async function signInApp(page: Page, base64: string, words: (typeof WORDS)['en']): Promise<void> {
  await page.getByRole('button', { name: words.start }).click();
  await page.waitForSelector('[data-screen="scan"]');
  await page.locator('[data-screen="scan"] details summary').click();
  await page.fill('[data-screen="scan"] textarea', base64);
  await page.getByRole('button', { name: words.load }).click();
  await page.waitForSelector(
    '[data-screen="review"] [data-output-kind], [data-screen="review"] [data-purpose]',
  );
  await page.getByRole('button', { name: words.next }).click();
  for (const share of [shares[0], shares[2]]) {
    await page.fill('textarea[name="share"]', share ?? '');
    await page.getByRole('button', { name: words.add }).click();
  }
  await page.waitForSelector('[data-screen="signing"]');
  await page.getByRole('button', { name: words.sign }).click();
  await page.waitForSelector('[data-screen="showQr"]');
  await page.locator('[data-screen="showQr"] .actions button.primary').click();
  await page.waitForSelector('[data-screen="done"]');
}

/** Reads an animated QR off the screen, frame by frame, into an independent assembler. */
async function readQr(page: Page, selector: string): Promise<Uint8Array> {
  const assembler = createAssembler();
  for (let i = 0; i < 300; i++) {
    const text = decodeQrPng(await page.locator(`${selector} .qr-animator svg`).screenshot());
    if (!text) continue;
    const progress = assembler.receive(text);
    if (progress.status === 'complete' && progress.payload) return progress.payload.bytes;
  }
  throw new Error('the QR on screen never completed');
}

/** The page the print surface opened: in a browser context other than the app's. */
async function printedPage(browser: Browser, app: Page): Promise<Page> {
  for (let i = 0; i < 400; i++) {
    const [page] = browser
      .contexts()
      .filter((c) => c !== app.context())
      .flatMap((c) => c.pages());
    if (page && (await page.locator('[data-report-head]').count()) > 0) return page;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no report was opened for printing');
}

describe('the reconciliation report and the proof Done screen, end to end in Chromium', () => {
  let app: OpenApp;

  beforeAll(async () => {
    const rendererDir = await buildRenderer(tempDir('airlock-renderer-'));
    app = await openApp({ rendererDir, listInterfaces: () => ({}) });
    await registerWallet(app.page, wallet.descriptor, 'treasury', 'customer');
    await app.page.getByRole('button', { name: 'Home' }).click();
  }, 120_000);
  afterAll(async () => app?.close());

  it('signs a proof of reserves: Done says what it proved, shows the signed proof as QR and saves it as a file', async () => {
    const { page } = app;
    await signInApp(page, proof.toBase64(), WORDS.en);
    await page.waitForSelector('h1:text("Proof of reserves signed")');
    const said = await page.textContent('[data-done-purpose="proof-of-reserves"]');
    expect(said).toContain(`Message: “${MESSAGE}”`);
    expect(said).toContain('Proves 0.01\u202f250\u202f000 BTC in 2 coin(s) of wallet treasury.');
    expect(await page.getAttribute('[data-proof-total]', 'data-proof-total')).toBe('1250000');
    expect(await page.textContent('[data-signatures-left]')).toContain('finalise the proof and check it');
    await shot(page, 'done-proof-of-reserves');

    const signed = Psbt.fromBuffer(Buffer.from(await readQr(page, '[data-done-export]')));
    // Our signature on both coins; nothing asked of, or added to, the commitment input.
    expect(signed.data.inputs.map((i) => i.partialSig?.length ?? 0)).toEqual([0, 1, 1]);
    expect(signed.txInputs[0]?.hash).toEqual(proof.txInputs[0]?.hash);

    await page.getByRole('button', { name: 'Save as a file' }).click();
    const directory = (await page.getAttribute('[data-saved]', 'data-saved')) ?? '';
    expect(directory.startsWith(join(app.dataDir, 'exports'))).toBe(true);
    expect(readFileSync(join(directory, 'signed.psbt'), 'utf8')).toBe(signed.toBase64());
    await page.getByRole('button', { name: 'Back to home' }).click();
  }, 180_000);

  it('signs a payment in Japanese, then shows, prints, exports and QR-exports the day’s report, axe-clean in both languages', async () => {
    const { page, browser, dataDir } = app;
    await page.selectOption('select[name="language"]', 'ja');
    await signInApp(page, payment.toBase64(), WORDS.ja);
    await page.waitForSelector('[data-audit-head]');
    await shot(page, 'ja-done-payment');
    await page.getByRole('button', { name: 'ホームに戻る' }).click();
    await page.getByRole('button', { name: '監査ログ', exact: true }).click();
    await page.waitForSelector('[data-report-head]');
    expect(await page.textContent('#report-title')).toBe('日次照合レポート');
    await shot(page, 'ja-audit-report');
    await page.getByRole('button', { name: 'ホーム', exact: true }).click();
    await page.selectOption('select[name="language"]', 'en');
    await page.getByRole('button', { name: 'Audit log', exact: true }).click();
    await page.waitForSelector('[data-report-head]');
    await shot(page, 'audit-report');

    // The day's row against the log file itself: both signatures, summed.
    const lines = readFileSync(auditPath(dataDir), 'utf8').trim().split('\n');
    const signedEntries = lines.map((l) => JSON.parse(l)).filter((e) => e.event === 'signed');
    expect(signedEntries).toHaveLength(2);
    const day = signedEntries[0].time.slice(0, 10);
    const row = page.locator(
      `[data-report-owner="customer"] [data-report-wallet="treasury"] [data-report-day="${day}"]`,
    );
    expect(await row.locator('[data-report-count]').getAttribute('data-report-count')).toBe('2');
    const sent = signedEntries.reduce((n, e) => n + e.summary.sent, 0);
    expect(sent).toBe(20_000_000);
    expect(await row.locator('[data-report-sent]').getAttribute('data-report-sent')).toBe(String(sent));
    expect(await row.locator('[data-report-fees]').getAttribute('data-report-fees')).toBe(
      String(signedEntries.reduce((n, e) => n + (e.summary.fee ?? 0), 0)),
    );
    expect(await row.locator('[data-report="destinations"] .address').textContent()).toBe(
      addressGroups(EXTERNAL_ADDRESS).join(''),
    );
    expect(await row.locator('[data-report="destinations"] .address .group').count()).toBe(
      addressGroups(EXTERNAL_ADDRESS).length,
    );
    expect(await row.locator('[data-proof-total]').getAttribute('data-proof-total')).toBe('1250000');
    expect(await row.locator('[data-report="proofs"]').textContent()).toContain(MESSAGE);
    const head = `${JSON.parse(lines.at(-1) ?? '{}').seq}:${sha256Hex(lines.at(-1) ?? '')}`;
    expect(await page.getAttribute('[data-report-head]', 'data-report-head')).toBe(head);
    expect(await page.textContent('.report code.head')).toBe(head);

    // Printed on the isolated surface, as a one-page PDF holding the report and its head.
    await page.getByRole('button', { name: 'Print the report' }).click();
    const printed = await printedPage(browser, page);
    expect(await printed.textContent('code.head')).toBe(head);
    expect(await printed.textContent('h2')).toBe('Daily reconciliation');
    expect(await printed.locator('button').count()).toBe(0);
    const pdf = await printed.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, 'reconciliation-report.pdf'), pdf);
    await printed.close();
    await page.waitForSelector('[data-report-printed="printed"]');
    // The log says which head the paper shows, and the screen moves on to the head after it.
    const afterPrint = readFileSync(auditPath(dataDir), 'utf8').trim().split('\n');
    expect(JSON.parse(afterPrint.at(-1) ?? '{}')).toMatchObject({
      event: 'report-printed',
      details: { head },
    });
    const headAfterPrint = `${JSON.parse(afterPrint.at(-1) ?? '{}').seq}:${sha256Hex(afterPrint.at(-1) ?? '')}`;
    await page.waitForSelector(`[data-report-head="${headAfterPrint}"]`);

    // The file is what `airlock audit report --json` prints for this data directory.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export the report as a file' }).click(),
    ]);
    const file = readFileSync((await download.path()) ?? '', 'utf8');
    const cli = await runCli(['--data-dir', dataDir, '--json', 'audit', 'report']);
    expect(cli.status).toBe(0);
    expect(file).toBe(cli.stdout);
    const [seq, hash] = headAfterPrint.split(':');
    expect(JSON.parse(file).head).toEqual({ seq: Number(seq), hash });

    // The QR export carries the same document, head included.
    await page.getByRole('button', { name: 'Show the report as QR' }).click();
    expect(new TextDecoder().decode(await readQr(page, '[data-report-qr]'))).toBe(file);
    await shot(page, 'audit-report-qr');
  }, 240_000);

  it('says on Home and on the Audit screen which line of an altered log is wrong and why, in both languages', async () => {
    const { page, dataDir } = app;
    const lines = readFileSync(auditPath(dataDir), 'utf8').trim().split('\n');
    // Line 3 edited: line 4 no longer chains to it.
    lines[2] = (lines[2] ?? '').replace('"time":"', '"time":"1');
    writeFileSync(auditPath(dataDir), `${lines.join('\n')}\n`);
    const notice = '[data-seal-notice="broken"] [data-difference="AUDIT_LOG_ALTERED"]';
    const alert = '[data-audit-verified="false"][data-audit-problem="AUDIT_CHAIN_BROKEN"]';
    const reason = {
      en: 'the hash of the previous entry does not match (the previous entry was changed, or this one moved)',
      ja: '直前のエントリのハッシュが一致しません(直前のエントリが変更されたか、この行が移動されています)',
    };

    await page.getByRole('button', { name: 'Home', exact: true }).click();
    await page.waitForSelector(notice);
    expect(await page.textContent(notice)).toBe(
      `The audit log was altered at line 4, inside its sealed part: ${reason.en}.`,
    );
    await page.getByRole('button', { name: 'Audit log', exact: true }).click();
    await page.waitForSelector(alert);
    expect(await page.textContent(alert)).toBe(`The audit log has been altered at line 4: ${reason.en}.`);

    await page.getByRole('button', { name: 'Home', exact: true }).click();
    await page.selectOption('select[name="language"]', 'ja');
    await page.waitForSelector(notice);
    expect(await page.textContent(notice)).toBe(
      `監査ログの 4 行目が改変されています(封印済みの部分):${reason.ja}。`,
    );
    await page.getByRole('button', { name: '監査ログ', exact: true }).click();
    await page.waitForSelector(alert);
    expect(await page.textContent(alert)).toBe(`監査ログの 4 行目が改ざんされています:${reason.ja}。`);
    await shot(page, 'ja-audit-altered');
  }, 120_000);
});
