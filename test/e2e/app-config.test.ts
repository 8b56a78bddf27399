import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvePsbt, MAX_FAILURES } from '../../src/policy/approvers';
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
import { axeViolations } from '../helpers/axe';
import { tempDir } from '../helpers/cli';
import { enrolApprovers, writeWalletPolicy } from '../helpers/device-setup';
import { spendOf, testWallet } from '../helpers/multisig-psbt';

const { wallet, shares } = partitionedWallet();
const PASSPHRASES: Record<string, string> = {
  alice: 'tulip anchor 482913',
  bob: 'harbour lantern 7731',
  carol: 'meadow copper 20461',
};
const spend = (amount: bigint) => spendOf(wallet, amount);

/** The spend the coordinator's animated QR shows the Policy screen's camera. */
const SCANNED_SPEND = spend(500_000n);

/** Axe-clean, the new screen's heading focused (null: the officer is typing in it), a screenshot kept. */
async function screen(page: Page, name: string, heading: string | null): Promise<void> {
  if (heading) await page.waitForFunction((id) => document.activeElement?.id === id, heading);
  expect(await axeViolations(page), name).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function enterShares(page: Page, [first, second]: [string, string]) {
  await page.waitForSelector('[data-screen="shares"]');
  for (const share of [first, second]) {
    await page.fill('textarea[name="share"]', share);
    await page.getByRole('button', { name: 'Add this share' }).click();
    if (share === first) await page.getByText('1 of 2 shares entered').waitFor();
  }
}

async function loadPsbt(page: Page, psbt: string) {
  await page.getByRole('button', { name: 'Home', exact: true }).click();
  await page.getByRole('button', { name: /Start: scan/ }).click();
  await page.locator('[data-screen="scan"] details summary').click();
  await page.fill('[data-screen="scan"] textarea', psbt);
  await page.getByRole('button', { name: 'Load this PSBT' }).click();
  await page.waitForSelector('[data-screen="review"] [data-output-kind]');
}

describe('the sealed configuration in the app, end to end in Chromium', () => {
  let app: OpenApp;
  const codes: Record<string, () => string> = {};

  beforeAll(async () => {
    const rendererDir = await buildRenderer(tempDir('airlock-renderer-'));
    // The coordinator's animated QR of a 0.005 BTC spend, for the Policy screen's test drive.
    const video = await qrCameraVideo(
      encodeFrames({ bytes: Buffer.from(SCANNED_SPEND, 'base64'), format: 'ur', maxFragmentLength: 150 }),
      tempDir('airlock-video-'),
    );
    app = await openApp({ rendererDir, listInterfaces: () => ({}), fakeVideo: video });
  });
  afterAll(async () => app?.close());

  it('enrols approvers, drafts and test-drives a policy, seals, signs within it, refuses beyond it, and shows a tamper', async () => {
    const { page } = app;
    await page.waitForSelector('[data-screen="home"]');
    await registerWallet(page, wallet.descriptor);

    // Approvers: each enrolment shows the authenticator's QR once; the test's authenticator reads it.
    await page.getByRole('button', { name: 'Approvers', exact: true }).click();
    await screen(page, 'config-approvers', 'approvers-title');
    for (const name of ['alice', 'bob']) {
      await page.fill('input[name="approver-name"]', name);
      await page.fill('input[name="approver-passphrase"]', 'too short');
      expect(await page.getByRole('button', { name: 'Enrol', exact: true }).isDisabled()).toBe(true);
      await page.fill('input[name="approver-passphrase"]', PASSPHRASES[name] ?? '');
      await page.fill('input[name="approver-passphrase-again"]', PASSPHRASES[name] ?? '');
      await page.getByRole('button', { name: 'Enrol', exact: true }).click();
      await page.waitForSelector('[data-screen="approverSetup"]');
      if (name === 'alice') await screen(page, 'config-approver-qr', 'approver-setup-title');
      const uri = decodeQrPng(await page.locator('[data-screen="approverSetup"] svg.qr').screenshot());
      expect(uri).toMatch(/^otpauth:\/\/totp\//);
      codes[name] = () => OTPAuth.URI.parse(uri ?? '').generate();
      await page.getByRole('button', { name: 'Done: the authenticator has it' }).click();
      await page.waitForSelector(`[data-approver="${name}"]`);
      // Gone for good: the secret is nowhere on the page any more.
      expect(await page.content()).not.toContain('otpauth');
    }
    expect(await page.textContent('[data-approver-notice="enrolled"]')).toBe('bob is enrolled.');

    // Policy: in force before the first seal is none; a draft is test-driven, then staged.
    await page.getByRole('button', { name: 'Policy', exact: true }).click();
    await screen(page, 'config-policy', 'policy-title');
    expect(await page.getAttribute('[data-policy="in-force"] [data-policy-words]', 'data-policy-words')).toBe(
      'none',
    );
    await page.fill('input[name="approvalsRequired"]', '1');
    await page.fill('input[name="approvers"]', 'alice, bob');
    await page.fill('input[name="maxPerTransaction"]', '1000000');
    await page.fill('input[name="maxFee"]', '20000');
    await page.waitForSelector('[data-policy="draft"] [data-rule="max-per-transaction"]');
    expect(await page.textContent('[data-policy="draft"] [data-rule="approvals"]')).toBe(
      '1 of alice, bob must approve',
    );
    await page.fill('textarea[name="test-psbt"]', spend(2_000_000n));
    await page.getByRole('button', { name: 'Test drive', exact: true }).click();
    await page.waitForSelector('[data-verdict="refuse"] [data-violation="OVER_TX_LIMIT"]');
    await page.fill('input[name="maxFee"]', '5000');
    await page.fill('textarea[name="test-psbt"]', spend(500_000n));
    await page.getByRole('button', { name: 'Test drive', exact: true }).click();
    await page.waitForSelector('[data-verdict="refuse"] [data-violation="FEE_TOO_HIGH"]');
    expect(await page.locator('[data-violation]').count()).toBe(1);
    await page.fill('input[name="maxFee"]', '20000');
    // The same spend scanned off the coordinator's screen this time.
    await page.fill('textarea[name="test-psbt"]', '');
    await page.getByRole('button', { name: "Scan the coordinator's QR code" }).click();
    await page.waitForSelector('[data-test-drive-scanned]', { timeout: 60_000 });
    expect(await page.inputValue('textarea[name="test-psbt"]')).toBe(SCANNED_SPEND);
    await page.getByRole('button', { name: 'Test drive', exact: true }).click();
    await page.waitForSelector('[data-verdict="sign"]');
    await screen(page, 'config-policy-test-drive', null);
    await page.getByRole('button', { name: 'Stage this policy for the quorum' }).click();
    await page.waitForSelector('[data-policy-staged]');

    // Changes: nothing is sealed yet; the first seal's contents and the staged policy are shown first.
    await page.getByRole('button', { name: 'Changes', exact: true }).click();
    await page.waitForSelector('[data-screen="changes"][data-sealed="false"] [data-first-seal]');
    await screen(page, 'config-changes-first-seal', 'changes-title');
    const toBeSealed = await page.$$eval('[data-first-seal] [data-change-kind]', (items) =>
      items.map((i) => i.getAttribute('data-change-kind')),
    );
    expect(toBeSealed).toEqual(['wallet', 'policy', 'approver-enrol', 'approver-enrol', 'airgap']);
    expect(await page.textContent('[data-first-seal]')).toContain('Enrol approver alice');
    expect(await page.textContent('[aria-labelledby="staged-title"]')).toContain(
      '1 of alice, bob must approve',
    );
    await page.getByRole('button', { name: /^Seal now/ }).click();
    await enterShares(page, [shares[0] ?? '', shares[1] ?? '']);
    await page.waitForSelector('[data-screen="changes"][data-sealed="true"] [data-outcome="accepted"]');
    expect(await page.textContent('[data-seal-head]')).toMatch(/^\d+:[0-9a-f]{64}$/);
    expect(await page.locator('[data-no-changes]').count()).toBe(1);
    await screen(page, 'config-changes-sealed', 'changes-title');

    // Once sealed, a wallet registered is a staged change; rejected, it is gone.
    await page.getByRole('button', { name: 'Wallets', exact: true }).click();
    await page.fill('textarea[name="wallet"]', testWallet({ name: 'spare' }).descriptor);
    await page.fill('input[name="wallet-name"]', 'spare');
    await page.getByRole('button', { name: 'Check this wallet' }).click();
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    expect(await page.textContent('[data-wallet-staged="true"]')).toBe(
      'Wallet spare is staged: it is registered once the quorum accepts it under Changes.',
    );
    await page.getByRole('button', { name: 'Changes', exact: true }).click();
    expect(await page.textContent('[aria-labelledby="staged-title"] [data-change-kind="wallet"]')).toBe(
      'Register wallet spare: 2 of 3 multisig on testnet',
    );
    await page.getByRole('button', { name: 'Reject every staged change' }).click();
    await page.waitForSelector('[data-outcome="rejected"]');
    await page.waitForSelector('[data-no-changes]');

    // Within the policy: one approval, two shares, signed.
    await loadPsbt(page, spend(500_000n));
    expect(await page.locator('[data-violation-code]').count()).toBe(0);
    await page.getByRole('button', { name: /continue/ }).click();
    await page.waitForSelector('[data-screen="approvals"]');
    await page.fill('input[name="approver"]', 'bob');
    await page.fill('input[name="pin"]', PASSPHRASES.bob ?? '');
    await page.fill('input[name="code"]', codes.bob?.() ?? '');
    await page.getByRole('button', { name: 'Approve this transaction' }).click();
    await enterShares(page, [shares[1] ?? '', shares[2] ?? '']);
    await page.waitForSelector('[data-screen="signing"]');
    expect(await page.locator('[data-seal-notice]').count()).toBe(0);
    await page.getByRole('button', { name: 'Sign now' }).click();
    await page.waitForSelector('[data-screen="showQr"]');
    await page.getByRole('button', { name: /finish/ }).click();
    await page.waitForSelector('[data-screen="done"]');

    // Beyond it: refused on review, before any approval or share.
    await loadPsbt(page, spend(2_000_000n));
    await page.waitForSelector('[data-violation-code="OVER_TX_LIMIT"]');
    expect(await page.getByRole('button', { name: /continue/ }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Cancel ceremony' }).click();
    await page.waitForSelector('[data-screen="home"]');

    // A tamper: the policy file loosened on disk without the quorum. Home says so and will not start.
    writeWalletPolicy(app.dataDir, wallet, {});
    await page.getByRole('button', { name: 'Wallets' }).click();
    await page.getByRole('button', { name: 'Home', exact: true }).click();
    await page.waitForSelector('[data-seal-notice="broken"]');
    expect(await page.textContent('[data-seal-notice="broken"] [data-difference="POLICY_EDITED"]')).toBe(
      'The policy of wallet treasury was edited or replaced.',
    );
    await page.getByRole('button', { name: /Start: scan/ }).click();
    await page.waitForSelector('[data-screen="changes"] [data-differences]');
    expect(await page.$$eval('[data-difference]', (d) => d.map((x) => x.textContent))).toEqual([
      'The policy of wallet treasury was edited or replaced.',
    ]);
    await screen(page, 'config-changes-tamper', 'changes-title');
    // The quorum may accept the files as found, but not the staged changes as if nothing differed.
    expect(await page.getByRole('button', { name: /^Accept: the quorum/ }).count()).toBe(0);
  });

  it('shows the Changes, Approvers and Policy screens in Japanese, axe-clean, focus on each heading', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Home', exact: true }).click();
    await page.selectOption('select[name="language"]', 'ja');
    for (const [label, heading, name] of [
      ['変更', 'changes-title', 'ja-config-changes'],
      ['承認者', 'approvers-title', 'ja-config-approvers'],
      ['ポリシー', 'policy-title', 'ja-config-policy'],
    ] as const) {
      await page.getByRole('button', { name: label, exact: true }).click();
      await screen(page, name, heading);
    }
    expect(await page.textContent('[data-policy="in-force"]')).toContain(
      'alice, bob のうち 1 名の承認が必要',
    );
    await page.getByRole('button', { name: '変更', exact: true }).click();
    await page.waitForSelector('[data-differences]');
    expect(await page.textContent('[data-differences] h2')).toBe('データディレクトリが封印と異なります');
    // The difference itself in Japanese too, not the core's English sentence.
    expect(await page.$$eval('[data-difference]', (d) => d.map((x) => x.textContent))).toEqual([
      'ウォレット treasury のポリシーが編集または置き換えられました。',
    ]);
  });
});

describe('the air-gap override in the app, end to end in Chromium', () => {
  let app: OpenApp;
  let bobCode: () => string;
  let carolCode: () => string;

  beforeAll(async () => {
    const rendererDir = await buildRenderer(tempDir('airlock-renderer-'));
    const wlan0 = {
      address: '192.168.1.20',
      netmask: '255.255.255.0',
      family: 'IPv4' as const,
      mac: '3c:22:fb:00:11:22',
      internal: false,
      cidr: '192.168.1.20/24',
    };
    app = await openApp({ rendererDir, listInterfaces: () => ({ wlan0: [wlan0] }) });
    bobCode = enrolApprovers(app.dataDir, ['bob'], PASSPHRASES.bob).bob!;
    carolCode = enrolApprovers(app.dataDir, ['carol'], PASSPHRASES.carol).carol!;
    writeWalletPolicy(app.dataDir, wallet, { approvals: { required: 1, approvers: ['bob'] } });
  });
  afterAll(async () => app?.close());

  it('is staged, takes the approvals and the quorum, then holds; withdrawn in the app it stops at once', async () => {
    const { page } = app;
    await page.waitForSelector('[data-airgap="connected"]');
    await registerWallet(page, wallet.descriptor);
    await page.getByRole('button', { name: 'Changes', exact: true }).click();
    await page.getByRole('button', { name: /^Seal now/ }).click();
    await enterShares(page, [shares[0] ?? '', shares[1] ?? '']);
    await page.waitForSelector('[data-screen="changes"][data-sealed="true"]');

    await page.locator('.airgap-override summary').click();
    await page.fill('.airgap-override input', 'the docking station cannot be unplugged');
    await page.getByRole('button', { name: 'Ask for the override' }).click();
    await page.waitForSelector('[data-change-kind="airgap"]');
    expect(await page.textContent('[data-change-kind="airgap"]')).toBe(
      'Allow signing while a network is up (reason: the docking station cannot be unplugged)',
    );
    // Staged only: still blocked until the approvals and the quorum accept it.
    expect(await page.getAttribute('.banner', 'data-airgap')).toBe('connected');
    expect(await page.textContent('[data-approvals-needed="treasury"]')).toContain('1 approval(s) of bob');
    await page.getByRole('button', { name: /^Accept: the quorum/ }).click();
    await page.waitForSelector('[data-screen="approvals"]');
    // Main holds the acceptance: a page reopened mid-way shows the step main holds.
    await page.reload();
    await page.waitForSelector('[data-screen="approvals"]');
    await screen(page, 'config-accept-approvals', 'approvals-title');
    expect(await page.textContent('#approvals-title')).toBe('Approve the staged changes');
    await page.fill('input[name="approver"]', 'bob');
    await page.fill('input[name="pin"]', PASSPHRASES.bob ?? '');
    await page.fill('input[name="code"]', bobCode());
    await page.getByRole('button', { name: 'Approve these changes' }).click();
    await page.waitForSelector('[data-screen="shares"]');
    await page.reload();
    await enterShares(page, [shares[1] ?? '', shares[2] ?? '']);
    await page.waitForSelector('[data-outcome="accepted"]');
    await page.waitForSelector('.banner[data-airgap="overridden"]');
    expect(await page.getAttribute('[data-airgap-setting]', 'data-airgap-setting')).toBe('true');

    await page.getByRole('button', { name: /^Withdraw the override/ }).click();
    await page.waitForSelector('[data-withdrawal-staged]');
    await page.waitForSelector('.banner[data-airgap="connected"]');
    await screen(page, 'config-changes-airgap-withdrawn', null);
  });

  it('stages an owner class set on Wallets and an unlock asked for on Approvers, each worded on Changes', async () => {
    const { page } = app;
    // The owner class, changed on Wallets on a sealed device, is a change the quorum accepts like the others.
    await page.getByRole('button', { name: 'Wallets', exact: true }).click();
    await page.locator('[data-owner-setter="treasury"] summary').click();
    await page.selectOption('[data-owner-setter="treasury"] select', 'company');
    await page.getByRole('button', { name: 'Set the owner class' }).click();
    expect(await page.textContent('[data-owner-staged="true"]')).toBe(
      'Wallet treasury as company funds is staged: it applies once the quorum accepts it under Changes.',
    );
    await page.getByRole('button', { name: 'Changes', exact: true }).click();
    expect(await page.textContent('[data-change-kind="wallet-owner"]')).toBe(
      'Set the owner class of wallet treasury: company funds',
    );

    // An approver locked by failed attempts: another asks for the unlock, which waits for the quorum.
    const wrong = { name: 'bob', pin: 'not his passphrase 0000', code: '000000' };
    for (let i = 0; i < MAX_FAILURES; i++)
      expect(() => approvePsbt(app.dataDir, { proof: wrong, psbtHash: 'ab'.repeat(32) })).toThrow();
    await page.getByRole('button', { name: 'Approvers', exact: true }).click();
    await page.waitForSelector('[data-approver="bob"][data-locked="true"]');
    await page.selectOption('[data-approver="bob"] select[name="unlock-by"]', 'carol');
    await page.fill('[data-approver="bob"] input[name="unlock-pin"]', PASSPHRASES.carol ?? '');
    await page.fill('[data-approver="bob"] input[name="unlock-code"]', carolCode());
    await page.getByRole('button', { name: 'Ask for the unlock' }).click();
    await page.waitForSelector('[data-approver="bob"][data-staged="unlock"][data-locked="true"]');
    expect(await page.textContent('[data-approver-notice="unlockStaged"]')).toBe(
      "bob's unlock is staged: it takes effect once the quorum accepts it under Changes.",
    );
    await page.getByRole('button', { name: 'Changes', exact: true }).click();
    expect(await page.textContent('[data-change-kind="approver-unlock"]')).toBe(
      'Unlock approver bob (asked by carol)',
    );
  });
});
