import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressGroups } from '../../renderer/components/format';
import { unsignedTransaction } from '../../src/psbt/review';
import {
  buildRenderer,
  type OpenApp,
  openApp,
  partitionedWallet,
  registerWallet,
  SCREENSHOTS,
} from '../helpers/app';
import { axeViolations } from '../helpers/axe';
import { tempDir } from '../helpers/cli';
import { buildPsbt, EXTERNAL_SCRIPT } from '../helpers/multisig-psbt';

const { wallet, shares } = partitionedWallet();
const EXTERNAL_ADDRESS = 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx';
const NNBSP = '\u202f';

/** 0.01 BTC in; 0.001 BTC to an outsider, 0.0081 BTC change: the fee, 0.0009 BTC, is 90% of the payment. */
const bigFee = buildPsbt({
  wallet,
  inputs: [{ index: 0, amount: 1_000_000n }],
  outputs: [
    { script: EXTERNAL_SCRIPT, amount: 100_000n },
    { change: { index: 1 }, amount: 810_000n },
  ],
});
/** 100 sats of fee on about 180 vB: below 1 sat/vB, which nodes do not relay. */
const lowRate = buildPsbt({
  wallet,
  inputs: [{ index: 0, amount: 1_000_000n }],
  outputs: [{ script: EXTERNAL_SCRIPT, amount: 999_900n }],
});
/** 20 coins of this wallet, all proven: the inputs are summed up in one line and folded. */
const manyInputs = buildPsbt({
  wallet,
  inputs: Array.from({ length: 20 }, (_, i) => ({ index: i, amount: 100_000n })),
  outputs: [{ script: EXTERNAL_SCRIPT, amount: 1_990_000n }],
});

/** A screenshot of the screen for the docs, after axe-core found nothing wrong with it. */
async function shot(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function loadPsbt(page: Page, base64: string): Promise<void> {
  await page.getByRole('button', { name: /Start: scan/ }).click();
  await page.waitForSelector('[data-screen="scan"]');
  await page.locator('[data-screen="scan"] details summary').click();
  expect(await axeViolations(page), 'scan').toEqual([]);
  await page.fill('[data-screen="scan"] textarea', base64);
  await page.getByRole('button', { name: 'Load this PSBT' }).click();
  await page.waitForSelector('[data-screen="review"] [data-output-kind]');
}

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r = 0, g = 0, bl = 0] = (css.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((c) => {
      const v = c / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

/** The id of the heading or error that holds the keyboard focus. */
const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('data-error-code'));

async function cancelCeremony(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Cancel ceremony' }).click();
  const confirm = page.getByRole('button', { name: 'Yes, cancel the ceremony' });
  if (await confirm.isVisible()) await confirm.click();
  await page.waitForSelector('[data-screen="home"]');
}

async function enterShare(page: Page, share: string): Promise<void> {
  await page.fill('textarea[name="share"]', share);
  await page.getByRole('button', { name: 'Add this share' }).click();
}

describe('a review officers can check digit by digit', () => {
  let app: OpenApp;

  beforeAll(async () => {
    const rendererDir = await buildRenderer(tempDir('airlock-renderer-'));
    app = await openApp({ rendererDir });
    await app.page.waitForSelector('[data-screen="home"]');
    await registerWallet(app.page, wallet.descriptor);
    await app.page.getByRole('button', { name: 'Home' }).click();
  });
  afterAll(async () => app?.close());

  it('shows wallet, network, txid and PSBT hash, numbered outputs, addresses in fours and a fee warning in percent', async () => {
    const { page } = app;
    await loadPsbt(page, bigFee.toBase64());
    expect(await focused(page)).toBe('review-title');
    // axe-core does look: an image without a text alternative is found, then removed again.
    await page.evaluate(() => document.querySelector('main')?.append(document.createElement('img')));
    expect((await axeViolations(page)).map((v) => v.id)).toContain('image-alt');
    await page.evaluate(() => document.querySelector('main > img')?.remove());
    await shot(page, 'review-fee-warning');

    expect(await page.textContent('[data-announce]')).toBe('Step 2 of 7: Review');
    // The focus ring against the page: WCAG 2.2 asks at least 3:1.
    await page.getByRole('button', { name: /continue/ }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return [
        style.outlineColor,
        style.outlineStyle,
        getComputedStyle(document.body.parentElement as Element).backgroundColor,
      ];
    });
    expect(ring[1]).toBe('solid');
    expect(contrast(ring[0] ?? '', ring[2] ?? '')).toBeGreaterThanOrEqual(3);

    expect(await page.textContent('[data-identity="wallet"]')).toBe('treasury');
    expect(await page.textContent('[data-identity="network"]')).toBe('testnet');
    const txid = unsignedTransaction(bigFee).getId();
    expect(await page.textContent('[data-identity="txid"]')).toBe(`${txid.slice(0, 8)}…${txid.slice(-8)}`);
    expect(await page.getAttribute('[data-identity="txid"]', 'title')).toBe(txid);
    expect(await page.getAttribute('[data-identity="psbtHash"]', 'title')).toMatch(/^[0-9a-f]{64}$/);

    const rows = await page.$$eval('[data-output-number]', (trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-output-number'),
        tr.querySelector('th')?.textContent,
        [...tr.querySelectorAll('.address .group')].map((g) => g.textContent),
      ]),
    );
    expect(rows[0]).toEqual(['1', '1', addressGroups(EXTERNAL_ADDRESS)]);
    const changeGroups = (rows[1]?.[2] ?? []) as string[];
    expect(rows[1]?.[0]).toBe('2');
    expect(changeGroups.slice(0, -1).every((g) => g.length === 4)).toBe(true);
    expect(changeGroups.length).toBeGreaterThan(10);

    // Red means danger only: the ordinary payment's row and badge are neutral, the warning is red.
    const colours = await page.evaluate(() => {
      const bg = (selector: string) =>
        getComputedStyle(document.querySelector(selector) as Element).backgroundColor;
      return {
        row: bg('[data-output-number="1"]'),
        badge: bg('[data-output-number="1"] .badge'),
        warning: bg('[data-warnings]'),
      };
    });
    expect(colours.row).toBe('rgba(0, 0, 0, 0)');
    expect(colours.badge).toBe('rgb(236, 236, 236)');
    expect(colours.warning).toBe('rgb(253, 232, 232)');

    expect(await page.getAttribute('[data-fee-percent]', 'data-fee-percent')).toBe('90');
    expect(await page.textContent('[data-total="fee"]')).toBe(
      `0.00${NNBSP}090${NNBSP}000 BTC (90% of the amount sent)`,
    );
    expect(await page.textContent('[data-warning-code="HIGH_FEE"]')).toContain('is 90% of the amount sent');
    await cancelCeremony(page);
  });

  it('warns about a fee rate that will not relay, numbering the input from 1', async () => {
    const { page } = app;
    await loadPsbt(page, lowRate.toBase64());
    expect(await page.textContent('[data-warning-code="LOW_FEE_RATE"]')).toMatch(/below 1 sat\/vB/);
    expect(await page.textContent('[data-input-number="1"] th')).toBe('1');
    await cancelCeremony(page);
  });

  it('sums up 20 inputs in one line with their table folded', async () => {
    const { page } = app;
    await loadPsbt(page, manyInputs.toBase64());
    expect(await page.textContent('[data-inputs-summary]')).toBe(
      `20 inputs, all this wallet's, all amounts proven; total 0.02${NNBSP}000${NNBSP}000 BTC`,
    );
    // The rows are built only once the officer opens the table (by keyboard here).
    expect(await page.locator('[data-input-number]').count()).toBe(0);
    await page.getByText('Show all 20 inputs').focus();
    await page.keyboard.press('Enter');
    // React builds them after the toggle: wait for the last row rather than look at once.
    await page.locator('[data-input-number="20"]').waitFor({ state: 'visible' });
    expect(await page.locator('[data-input-number]').count()).toBe(20);
    await shot(page, 'review-many-inputs');
    await cancelCeremony(page);
  });

  it('switches between BTC and sats, and the choice stays for the next screens and the next start', async () => {
    const { page } = app;
    await page.getByRole('radio', { name: 'sats' }).check();
    await loadPsbt(page, bigFee.toBase64());
    expect(await page.textContent('[data-total="fee"] .amount')).toBe('90,000 sats');
    expect(await page.getAttribute('[data-total="fee"] .amount', 'title')).toBe(
      `0.00${NNBSP}090${NNBSP}000 BTC`,
    );
    await cancelCeremony(page);
    await page.reload();
    await page.waitForSelector('[data-screen="home"]');
    expect(await page.getByRole('radio', { name: 'sats' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'BTC' }).check();
  });

  it('asks before Cancel throws away shares; Sign repeats every payment and never takes focus; Done shows the QR again and what is left', async () => {
    const { page } = app;
    await loadPsbt(page, bigFee.toBase64());
    await page.getByRole('button', { name: /continue/ }).click();
    await page.waitForSelector('[data-screen="shares"]');
    expect(await focused(page)).toBe('shares-title');
    await enterShare(page, shares[0] ?? '');
    await page.getByText('1 of 2 shares entered').waitFor();
    await shot(page, 'key-shares');

    await page.getByRole('button', { name: 'Cancel ceremony' }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain(
      'The approvals given and the key shares entered are discarded',
    );
    await shot(page, 'cancel-confirmation');
    await page.getByRole('button', { name: 'No, continue' }).click();
    expect(await dialog.count()).toBe(0);
    expect(await page.locator('[data-screen="shares"]').count()).toBe(1);
    await page.getByText('1 of 2 shares entered').waitFor();

    await enterShare(page, shares[2] ?? '');
    await page.waitForSelector('[data-screen="signing"]');
    expect(await focused(page)).toBe('signing-title');
    const signing = await page.$$eval('[data-screen="signing"] [data-output-number]', (trs) =>
      trs.map((tr) => [
        tr.querySelector('[data-address]')?.getAttribute('data-address'),
        tr.querySelector('[data-sats]')?.getAttribute('data-sats'),
        tr.getAttribute('data-output-kind'),
      ]),
    );
    expect(signing[0]).toEqual([EXTERNAL_ADDRESS, '100000', 'external']);
    expect(signing[1]?.slice(1)).toEqual(['810000', 'change']);
    expect(
      await page.getAttribute('[data-screen="signing"] [data-total="fee"] [data-sats]', 'data-sats'),
    ).toBe('90000');
    // An Enter pressed now lands on the heading, not on Sign.
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-screen="signing"]').count()).toBe(1);
    await shot(page, 'signing-last-look');

    await page.getByRole('button', { name: 'Sign now' }).click();
    await page.waitForSelector('[data-screen="showQr"]');
    await shot(page, 'show-qr');
    await page.getByRole('button', { name: /finish/ }).click();
    await page.waitForSelector('[data-screen="done"]');
    expect(await focused(page)).toBe('done-title');
    expect(await page.getAttribute('[data-signatures-left]', 'data-signatures-left')).toBe('1');
    expect(await page.textContent('[data-signatures-left]')).toContain(
      '1 more signature from the other cosigners',
    );
    await shot(page, 'done-left');
    await page.getByRole('button', { name: 'Show the signed QR again' }).click();
    await page.waitForSelector('[data-screen="showQr"] .qr-animator svg');
    // Main holds the signed ceremony: a page reopened shows the signed QR again.
    const frame = await page.innerHTML('[data-screen="showQr"] .qr-animator svg');
    await page.reload();
    await page.waitForSelector('[data-screen="showQr"] .qr-animator svg');
    expect(await page.innerHTML('[data-screen="showQr"] .qr-animator svg')).toBe(frame);
    await page.getByRole('button', { name: /finish/ }).click();
    await page.getByRole('button', { name: 'Back to home' }).click();
    await page.waitForSelector('[data-screen="home"]');
    expect(await focused(page)).toBe('home-title');
    await shot(page, 'home');
    for (const [menu, name] of [
      ['Wallets', 'wallets'],
      ['Shares', 'shares-new-key'],
      ['Audit log', 'audit'],
    ] as const) {
      await page.getByRole('button', { name: menu, exact: true }).click();
      await page.waitForSelector(`h1:focus`);
      await shot(page, name);
    }
  });

  it('runs in Japanese, remembered after a restart, with every screen axe-clean and numbers per locale', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Home', exact: true }).click();
    await page.selectOption('select[name="language"]', 'ja');
    await page.waitForSelector('h1:text("署名手続き")');
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await page.reload();
    await page.waitForSelector('[data-screen="home"] h1:text("署名手続き")');
    await shot(page, 'ja-home');
    for (const [menu, name] of [
      ['ウォレット', 'ja-wallets'],
      ['シェア', 'ja-shares'],
      ['監査ログ', 'ja-audit'],
    ] as const) {
      await page.getByRole('button', { name: menu, exact: true }).click();
      await page.waitForSelector('h1:focus');
      await shot(page, name);
    }
    await page.getByRole('button', { name: 'ホーム', exact: true }).click();
    await page.getByRole('button', { name: /開始/ }).click();
    await page.waitForSelector('[data-screen="scan"]');
    await page.locator('[data-screen="scan"] details summary').click();
    await shot(page, 'ja-scan');
    await page.fill('[data-screen="scan"] textarea', bigFee.toBase64());
    await page.getByRole('button', { name: 'この PSBT を読み込む' }).click();
    await page.waitForSelector('[data-screen="review"] [data-output-kind]');
    expect(await page.textContent('[data-total="fee"]')).toBe(
      `0.00${NNBSP}090${NNBSP}000 BTC (送金額の 90%)`,
    );
    expect(await page.textContent('[data-warning-code="HIGH_FEE"]')).toContain('手数料が異常に高額です。');
    // The detail too is Japanese, worded from the warning's parameters in the chosen unit.
    const highFee = (await page.textContent('[data-warning-code="HIGH_FEE"]')) ?? '';
    expect(highFee).toContain(`手数料 0.00${NNBSP}090${NNBSP}000 BTC`);
    expect(highFee).toContain('送金額の 90% です。');
    expect(highFee).not.toMatch(/amount sent|unusually/);
    await shot(page, 'ja-review');
    await page.getByRole('button', { name: /次へ進む/ }).click();
    await page.waitForSelector('[data-screen="shares"]');
    expect(await page.textContent('#share-count')).toBe('20 語中 1 語目');
    // The share words stay English, as the card prints them.
    await page.fill('textarea[name="share"]', shares[0] ?? '');
    await page.getByRole('button', { name: 'このシェアを追加' }).click();
    await page.getByText('2 個中 1 個のシェアを入力済み').waitFor();
    await shot(page, 'ja-key-shares');
    await page.getByRole('button', { name: '手続きを中止' }).click();
    await shot(page, 'ja-cancel-confirmation');
    await page.getByRole('button', { name: 'いいえ、続けます' }).click();
    await page.fill('textarea[name="share"]', shares[1] ?? '');
    await page.getByRole('button', { name: 'このシェアを追加' }).click();
    await page.waitForSelector('[data-screen="signing"]');
    await shot(page, 'ja-signing');
    await page.getByRole('button', { name: '今すぐ署名' }).click();
    await page.waitForSelector('[data-screen="showQr"]');
    await shot(page, 'ja-show-qr');
    await page.getByRole('button', { name: /終了/ }).click();
    await page.waitForSelector('[data-screen="done"]');
    expect(await page.textContent('[data-signatures-left]')).toContain('あと 1 個の署名');
    await shot(page, 'ja-done');
    await page.getByRole('button', { name: 'ホームに戻る' }).click();
    await page.getByRole('button', { name: '監査ログ', exact: true }).click();
    await page.waitForSelector('[data-audit-verified="true"]');
    await page.getByRole('button', { name: 'ホーム', exact: true }).click();
    await page.selectOption('select[name="language"]', 'en');
  });
});
