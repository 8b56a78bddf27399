import { mkdirSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../renderer/i18n/en';
import { splitMasterSecret } from '../../src/keys/slip39';
import {
  buildRenderer,
  type OpenApp,
  openApp,
  partitionedWallet,
  registerWallet,
  SCREENSHOTS,
} from '../helpers/app';
import { tempDir } from '../helpers/cli';
import { buildPsbt, EXTERNAL_SCRIPT, testWallet } from '../helpers/multisig-psbt';

const { wallet, shares } = partitionedWallet();

function psbtFor(options: { from?: typeof wallet; changeTo?: typeof wallet } = {}): string {
  return buildPsbt({
    wallet: options.from ?? wallet,
    inputs: [{ index: 0, amount: 50_000_000n }],
    outputs: [
      { script: EXTERNAL_SCRIPT, amount: 20_000_000n },
      { change: { index: 3 }, amount: 29_990_000n, wallet: options.changeTo ?? options.from ?? wallet },
    ],
  }).toBase64();
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Registers the wallet and loads a PSBT through the screen's paste field. */
async function loadPsbt(page: Page, base64: string): Promise<void> {
  await page.getByRole('button', { name: /Start: scan/ }).click();
  await page.waitForSelector('[data-screen="scan"]');
  await page.locator('[data-screen="scan"] details summary').click();
  await page.fill('[data-screen="scan"] textarea', base64);
  await page.getByRole('button', { name: 'Load this PSBT' }).click();
  await page.waitForSelector('[data-screen="review"]');
}

async function cancel(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Cancel ceremony' }).click();
  // After the review, Cancel asks first, since it discards approvals and shares.
  const confirm = page.getByRole('button', { name: 'Yes, cancel the ceremony' });
  if (await confirm.isVisible()) await confirm.click();
  await page.waitForSelector('[data-screen="home"]');
}

describe('refusals on screen', () => {
  let rendererDir: string;
  let app: OpenApp;

  beforeAll(async () => {
    rendererDir = await buildRenderer(tempDir('airlock-renderer-'));
    app = await openApp({ rendererDir });
    await app.page.waitForSelector('[data-screen="home"]');
    await registerWallet(app.page, wallet.descriptor);
    await app.page.getByRole('button', { name: 'Home' }).click();
  });
  afterAll(async () => app?.close());

  it('shows a change-hijack output as an external payment with a red warning', async () => {
    const { page } = app;
    await loadPsbt(page, psbtFor({ changeTo: testWallet({ name: 'attacker' }) }));
    await page.waitForSelector('[data-warning-code="FOREIGN_CHANGE"]');
    const kinds = await page.$$eval('[data-output-kind]', (rows) =>
      rows.map((r) => r.getAttribute('data-output-kind')),
    );
    expect(kinds).toEqual(['external', 'external']);
    const color = await page.$eval('[data-warnings]', (el) => getComputedStyle(el).color);
    expect(color).toBe('rgb(163, 20, 30)');
    await shot(page, '11-change-hijack');
    await cancel(page);
  });

  it('says in plain words when the camera cannot be used, and the PSBT can still be pasted', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Start: scan/ }).click();
    // This Chromium has no camera device and no permission for one.
    const notice = page.locator('[data-scanner-error]');
    await notice.waitFor();
    const code = (await notice.getAttribute('data-scanner-error')) as keyof typeof en.scan.cameraErrors;
    expect(['NO_CAMERA', 'CAMERA_DENIED']).toContain(code);
    expect(await notice.textContent()).toBe(en.scan.cameraErrors[code]);
    expect(await page.getByText(en.scan.orPaste).isVisible()).toBe(true);
    await cancel(page);
  });

  it('refuses a PSBT for another network in plain words and offers no way on', async () => {
    const { page } = app;
    await loadPsbt(page, psbtFor({ from: partitionedWallet('mainnet').wallet }));
    const notice = page.locator('[data-error-code="NETWORK_MISMATCH"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('for another Bitcoin network than the wallet');
    expect(await page.getByRole('button', { name: /continue/ }).count()).toBe(0);
    await shot(page, '12-network-mismatch');
    await cancel(page);
  });

  it('refuses to sign while the quorum is missing a share, on screen and through the API', async () => {
    const { page } = app;
    await loadPsbt(page, psbtFor());
    await page.getByRole('button', { name: /continue/ }).click();
    await page.fill('textarea[name="share"]', shares[0]!);
    await page.getByRole('button', { name: 'Add this share' }).click();
    const missing = page.locator('[data-shares-missing]');
    await missing.waitFor();
    expect(await missing.textContent()).toBe(en.shares.missing(1));
    expect(await page.getByRole('button', { name: 'Sign now' }).count()).toBe(0);
    // A renderer that skipped the screen is refused by main all the same.
    const result = await page.evaluate(() =>
      (window as unknown as { airlock: { sign: (r: unknown) => Promise<unknown> } }).airlock.sign({
        format: 'base64',
      }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'QUORUM_MISSING' } });
    await cancel(page);
  });

  it('refuses to sign with a quorum of shares that is not this wallet’s key', async () => {
    const { page } = app;
    const [foreign] = splitMasterSecret({
      masterSecret: new Uint8Array(16).fill(9),
      groups: [{ threshold: 2, count: 3 }],
    });
    await loadPsbt(page, psbtFor());
    await page.getByRole('button', { name: /continue/ }).click();
    for (const share of foreign?.slice(0, 2) ?? []) {
      await page.fill('textarea[name="share"]', share);
      await page.getByRole('button', { name: 'Add this share' }).click();
    }
    await page.waitForSelector('[data-screen="signing"]');
    await page.getByRole('button', { name: 'Sign now' }).click();
    const notice = page.locator('[data-error-code="QUORUM_WRONG_KEY"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('not a cosigner of this wallet. Nothing was signed');
    expect(await page.locator('[data-screen="signing"]').count()).toBe(1);
    await shot(page, '13-wrong-quorum');
    await cancel(page);
  });
});

describe('air-gap guard on screen', () => {
  it('shows a red banner and refuses to sign while a network interface is up', async () => {
    const online = () => ({
      wlan0: [{ address: '192.168.1.20', internal: false, family: 'IPv4' } as NetworkInterfaceInfo],
    });
    const app = await openApp({
      rendererDir: await buildRenderer(tempDir('airlock-renderer-')),
      listInterfaces: online,
    });
    try {
      const { page } = app;
      const banner = page.locator('[data-airgap="connected"]');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('Signing is blocked');
      await registerWallet(page, wallet.descriptor);
      await page.getByRole('button', { name: 'Home' }).click();
      await loadPsbt(page, psbtFor());
      await page.getByRole('button', { name: /continue/ }).click();
      for (const share of [shares[1], shares[2]]) {
        await page.fill('textarea[name="share"]', share ?? '');
        await page.getByRole('button', { name: 'Add this share' }).click();
      }
      await page.getByRole('button', { name: 'Sign now' }).click();
      await page.waitForSelector('[data-error-code="AIRGAP_BLOCKED"]');
      await shot(page, '14-airgap-blocked');
    } finally {
      await app.close();
    }
  });
});
