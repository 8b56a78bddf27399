import { mkdirSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WalletDeriver } from '../../src/wallet/derive';
import { buildRenderer, type OpenApp, openApp, partitionedWallet, SCREENSHOTS } from '../helpers/app';
import { axeViolations } from '../helpers/axe';
import { tempDir } from '../helpers/cli';
import {
  APPROVER_PASSPHRASE,
  enrolApprovers,
  saveDeviceCosigner,
  writeWalletPolicy,
} from '../helpers/device-setup';
import {
  buildPsbt,
  EXTERNAL_SCRIPT,
  OUTSIDER_MNEMONIC,
  TEST_MNEMONICS,
  testWallet,
} from '../helpers/multisig-psbt';

const { wallet } = partitionedWallet();
const psbtText = buildPsbt({
  wallet,
  inputs: [{ index: 0, amount: 50_000_000n }],
  outputs: [
    { script: EXTERNAL_SCRIPT, amount: 20_000_000n },
    { change: { index: 3 }, amount: 29_990_000n },
  ],
}).toBase64();
const online = () => ({
  lo: [{ address: '127.0.0.1', internal: true, family: 'IPv4' } as NetworkInterfaceInfo],
  eth0: [{ address: '10.0.0.7', internal: false, family: 'IPv4' } as NetworkInterfaceInfo],
});

async function shot(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('first setup, wallet registration review, approvals and the air-gap override', () => {
  let app: OpenApp;
  const codes: Record<string, () => string> = {};

  beforeAll(async () => {
    const rendererDir = await buildRenderer(tempDir('airlock-renderer-'));
    app = await openApp({ rendererDir, listInterfaces: online });
    saveDeviceCosigner(app.dataDir, wallet);
    Object.assign(codes, enrolApprovers(app.dataDir, ['alice', 'bob']));
    // Written before the device's first seal: the first quorum ceremony seals it as the status shows it.
    writeWalletPolicy(app.dataDir, wallet, { approvals: { required: 2, approvers: ['alice', 'bob'] } });
    await app.page.reload();
    await app.page.waitForSelector('[data-screen="home"]');
  });
  afterAll(async () => app?.close());

  it('guides the first setup in order, and the override is neither prominent nor the first Tab stop', async () => {
    const { page } = app;
    const steps = await page.$$eval('[data-setup-guide] li', (items) =>
      items.map((li) => [li.textContent, li.getAttribute('data-setup-done')]),
    );
    expect(steps.map(([text]) => text?.split(' ').slice(0, 3).join(' '))).toEqual([
      "Create this device's",
      'Give the coordinator',
      'Register the wallet',
      'Enrol the approvers',
    ]);
    expect(steps.map(([, done]) => done)).toEqual(['true', 'false', 'false', 'false']);
    await page.locator('.airgap-override summary').click();
    await shot(page, 'home-first-setup');
    await page.locator('.airgap-override summary').click();

    expect(await page.textContent('[data-airgap="connected"]')).toContain('Switch off every network link');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.closest('.airgap-override') === null);
    expect(first).toBe(true);
    // The override comes after the page's content and is a plain, folded control.
    const order = await page.evaluate(() => {
      const main = document.querySelector('main') as Element;
      const override = document.querySelector('.airgap-override') as Element;
      return main.compareDocumentPosition(override) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    expect(
      await page.locator('.airgap-override button.danger, .airgap-override button.primary').count(),
    ).toBe(0);
  });

  it('reviews a wallet before registering it, shows errors at the form and confirms success', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Wallets' }).click();
    await page.fill('textarea[name="wallet"]', 'wsh(sortedmulti(2,not a key))');
    await page.getByRole('button', { name: 'Check this wallet' }).click();
    const formError = page.locator('#wallet-form-error [data-error-code]');
    await formError.waitFor();
    expect(await axeViolations(page), 'wallets with a refusal').toEqual([]);
    expect(await page.getAttribute('textarea[name="wallet"]', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('textarea[name="wallet"]', 'aria-describedby')).toBe('wallet-form-error');

    await page.fill('textarea[name="wallet"]', wallet.descriptor);
    await page.fill('input[name="wallet-name"]', 'treasury');
    await page.getByRole('button', { name: 'Check this wallet' }).click();
    await page.waitForSelector('[data-wallet-preview]');
    expect(await formError.count()).toBe(0);
    expect(await page.textContent('[data-preview="threshold"]')).toBe('2 of 3');
    expect(await page.textContent('[data-preview="scriptType"]')).toBe('p2wsh');
    expect(await page.textContent('[data-preview="network"]')).toBe('testnet');
    const deriver = new WalletDeriver(wallet);
    expect(await page.getAttribute('[data-preview="receive"] [data-address]', 'data-address')).toBe(
      deriver.address(0, 0),
    );
    expect(await page.getAttribute('[data-preview="change"] [data-address]', 'data-address')).toBe(
      deriver.address(1, 0),
    );
    const cosigners = await page.$$eval('[data-preview-cosigner]', (rows) =>
      rows.map((r) => [r.getAttribute('data-preview-cosigner'), r.getAttribute('data-this-device')]),
    );
    expect(cosigners).toEqual(wallet.cosigners.map((c, i) => [c.fingerprint, String(i === 0)]));
    await shot(page, 'wallet-review');
    // Nothing is registered until the officer confirms.
    expect(await page.locator('[data-wallet="treasury"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    expect(await page.textContent('[data-wallet-registered]')).toBe(
      'Wallet treasury is registered and in use.',
    );

    // Another wallet under the same name: the refusal sits at the form, in the app's words, without CLI flags.
    const other = testWallet({ mnemonics: [OUTSIDER_MNEMONIC, TEST_MNEMONICS[1], TEST_MNEMONICS[2]] });
    await page.fill('textarea[name="wallet"]', other.descriptor);
    await page.fill('input[name="wallet-name"]', 'treasury');
    await page.getByRole('button', { name: 'Check this wallet' }).click();
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const clash = page.locator('#wallet-form-error [data-error-code="WALLET_NAME_TAKEN"]');
    await clash.waitFor();
    expect(await clash.textContent()).toContain('Type another name in the Name field');
    expect(await clash.textContent()).not.toContain('--');
    await page.fill('textarea[name="wallet"]', '');

    await page.getByRole('button', { name: 'Home' }).click();
    await page.waitForSelector('[data-screen="home"] [data-wallet="treasury"]');
    expect(await page.locator('[data-setup-guide]').count()).toBe(0);
  });

  it('shows attempts left, warns before the last, clears the old error on success and returns focus to the name', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Start: scan/ }).click();
    await page.locator('[data-screen="scan"] details summary').click();
    await page.fill('[data-screen="scan"] textarea', psbtText);
    await page.getByRole('button', { name: 'Load this PSBT' }).click();
    await page.waitForSelector('[data-screen="review"] [data-output-kind]');
    await page.getByRole('button', { name: /continue/ }).click();
    await page.waitForSelector('[data-screen="approvals"]');

    const attempt = async (pin: string) => {
      await page.fill('input[name="approver"]', 'alice');
      await page.fill('input[name="pin"]', pin);
      await page.fill('input[name="code"]', codes.alice?.() ?? '');
      await page.getByRole('button', { name: 'Approve this transaction' }).click();
    };
    await attempt('wrong passphrase 000000');
    await page.locator('[data-error-code="APPROVAL_WRONG_PIN"]').waitFor();
    await page.waitForSelector('[data-attempts-left="4"]');
    expect(await page.textContent('#approver-attempts')).toBe(
      'alice has 4 attempts left before being locked.',
    );
    for (const left of ['3', '2', '1']) {
      await attempt('wrong passphrase 000000');
      await page.waitForSelector(`[data-attempts-left="${left}"]`);
    }
    expect(await page.textContent('#approver-attempts')).toContain('Last attempt for alice');
    await shot(page, 'approvals');
    expect(await page.getAttribute('input[name="approver"]', 'aria-describedby')).toBe('approver-attempts');

    await attempt(APPROVER_PASSPHRASE);
    await page.waitForSelector('[data-approved-now="alice"]');
    expect(await page.locator('[data-error-code]').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('approver');
    expect(await page.textContent('[data-approvals]')).toBe('1 of 2 approvals given');
  });

  it('shows the approvals and the wallet review in Japanese', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Cancel ceremony' }).click();
    await page.getByRole('button', { name: 'Yes, cancel the ceremony' }).click();
    await page.selectOption('select[name="language"]', 'ja');
    await page.getByRole('button', { name: 'ウォレット', exact: true }).click();
    await page.fill('textarea[name="wallet"]', wallet.descriptor);
    await page.getByRole('button', { name: 'このウォレットを確認' }).click();
    await page.waitForSelector('[data-wallet-preview]');
    expect(await page.textContent('[data-preview="threshold"]')).toBe('3 中 2');
    await shot(page, 'ja-wallet-review');
    await page.getByRole('button', { name: 'ホーム', exact: true }).click();
    await page.getByRole('button', { name: /開始/ }).click();
    await page.locator('[data-screen="scan"] details summary').click();
    await page.fill('[data-screen="scan"] textarea', psbtText);
    await page.getByRole('button', { name: 'この PSBT を読み込む' }).click();
    await page.waitForSelector('[data-screen="review"] [data-output-kind]');
    await page.getByRole('button', { name: /次へ進む/ }).click();
    await page.waitForSelector('[data-screen="approvals"]');
    await page.fill('input[name="approver"]', 'bob');
    await page.fill('input[name="pin"]', 'wrong passphrase 000000');
    await page.fill('input[name="code"]', codes.bob?.() ?? '');
    await page.getByRole('button', { name: 'この取引を承認する' }).click();
    await page.waitForSelector('[data-attempts-left="4"]');
    expect(await page.textContent('[data-error-code="APPROVAL_WRONG_PIN"]')).toContain(
      'PIN が正しくありません',
    );
    await shot(page, 'ja-approvals');
  });
});
