import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitMasterSecret } from '../../src/keys/slip39';
import { decodeShare } from '../../src/keys/slip39-share';
import {
  buildRenderer,
  type OpenApp,
  openApp,
  partitionedWallet,
  qrCameraVideo,
  registerWallet,
} from '../helpers/app';
import { axeViolations } from '../helpers/axe';
import { tempDir } from '../helpers/cli';
import {
  APPROVER_PASSPHRASE,
  enrolApprovers,
  saveDeviceCosigner,
  writeWalletPolicy,
} from '../helpers/device-setup';
import { buildPsbt, EXTERNAL_SCRIPT } from '../helpers/multisig-psbt';

const { wallet, shares } = partitionedWallet();
const psbt = buildPsbt({
  wallet,
  inputs: [{ index: 0, amount: 50_000_000n }],
  outputs: [
    { script: EXTERNAL_SCRIPT, amount: 20_000_000n },
    { change: { index: 3 }, amount: 29_990_000n },
  ],
}).toBase64();
/** A share set of another key: its shares rebuild a key that is no cosigner of the wallet. */
const [foreign = []] = splitMasterSecret({
  masterSecret: new Uint8Array(16).fill(9),
  groups: [{ threshold: 2, count: 3 }],
});
const setOf = (share: string) => decodeShare(share).identifier.toString(16).padStart(4, '0');
/** The share with one word replaced by another word of the list: every word valid, the checksum not. */
function mistyped(share: string): string {
  const words = share.split(' ');
  words[5] = words[5] === 'academic' ? 'acid' : 'academic';
  return words.join(' ');
}

const field = 'textarea[name="share"]';

/** Everything the page holds as text: what it shows, every field's value and every attribute. */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll('input, textarea')].map(
      (e) => (e as HTMLInputElement).value,
    );
    const attributes = [...document.querySelectorAll('*')].flatMap((e) =>
      [...e.attributes].map((a) => a.value),
    );
    return [document.body.textContent ?? '', document.body.outerHTML, ...fields, ...attributes].join('\n');
  });
}

/** Any two consecutive words of these shares found in the text: a share held as text on the page. */
function wordRunsOnPage(text: string, secrets: readonly string[]): string[] {
  const flat = text.toLowerCase().replace(/\s+/g, ' ');
  return secrets.flatMap((share) => {
    const words = share.split(' ');
    return words
      .slice(1)
      .map((word, i) => `${words[i]} ${word}`)
      .filter((run) => flat.includes(run));
  });
}
const addShare = (page: Page) => page.getByRole('button', { name: 'Add this share' });

describe('key shares: typed words checked as typed, plain refusals, the card QR, and a way back', () => {
  let app: OpenApp;
  const codes: Record<string, () => string> = {};

  beforeAll(async () => {
    const rendererDir = await buildRenderer(tempDir('airlock-renderer-'));
    // The camera shows share 2's card QR, as an officer holds it up.
    const video = await qrCameraVideo([shares[1] ?? ''], tempDir('airlock-video-'));
    app = await openApp({ rendererDir, fakeVideo: video });
    // Two approvers, one per ceremony: an authenticator code is good for one approval only.
    Object.assign(codes, enrolApprovers(app.dataDir, ['alice', 'bob']));
    // Written before the device's first seal: the first quorum ceremony seals it as the status shows it.
    writeWalletPolicy(app.dataDir, wallet, { approvals: { required: 1, approvers: ['alice', 'bob'] } });
    saveDeviceCosigner(app.dataDir, wallet);
    await app.page.waitForSelector('[data-screen="home"]');
    await registerWallet(app.page, wallet.descriptor);
    await app.page.getByRole('button', { name: 'Home' }).click();
  });
  afterAll(async () => app?.close());

  it('runs a ceremony in which every share mistake can be corrected', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Start: scan/ }).click();
    // The card is held to the camera on the wrong screen: the page refuses its words, and keeps them.
    await page
      .locator('[data-screen="scan"] [role="alert"]')
      .getByText('so they were not read')
      .waitFor({ timeout: 60_000 });
    await page.locator('[data-screen="scan"] details summary').click();
    await page.fill('[data-screen="scan"] textarea', shares[0] ?? '');
    await page.getByRole('button', { name: 'Load this PSBT' }).click();
    expect(await page.textContent('[data-screen="scan"] [role="alert"]')).toContain('Key shares step');
    expect(app.ipcTraffic.some((line) => /^(scanFrame|loadPsbtText) <- /.test(line))).toBe(false);
    await page.fill('[data-screen="scan"] textarea', psbt);
    await page.getByRole('button', { name: 'Load this PSBT' }).click();
    await page.waitForSelector('[data-screen="review"] [data-output-kind]');
    await page.getByRole('button', { name: /continue/ }).click();
    await page.waitForSelector('[data-screen="approvals"]');
    await page.fill('input[name="approver"]', 'alice');
    await page.fill('input[name="pin"]', APPROVER_PASSPHRASE);
    await page.fill('input[name="code"]', codes.alice?.() ?? '');
    await page.getByRole('button', { name: 'Approve this transaction' }).click();
    await page.waitForSelector('[data-screen="shares"]');

    // The key the shares must rebuild, from this device's record, as the card prints it.
    expect(await page.textContent('[data-expected-key]')).toContain(wallet.cosigners[0]?.fingerprint);
    expect(await page.textContent('#share-count')).toBe('Word 1 of 20');

    // A non-word is flagged as typed and cannot be submitted; the words before it left the field.
    await page.fill(field, 'academic acid notaword ');
    expect(await page.textContent('[data-unknown-words]')).toContain('notaword');
    expect(await page.inputValue(field)).toBe('notaword ');
    expect(await page.getAttribute(field, 'aria-invalid')).toBe('true');
    expect(await page.getAttribute(field, 'aria-describedby')).toBe('share-count share-problem');
    expect(await page.textContent('#share-count')).toContain('Word 3 of 20');
    expect(await page.getAttribute('[data-entered]', 'data-entered')).toBe('2');
    expect(await addShare(page).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Clear all words' }).click();
    expect(await page.inputValue(field)).toBe('');
    expect(await page.locator('[data-entered]').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('share');

    // A whole share typed or pasted: each complete word leaves the page as soon as it is complete,
    // so at most the word being typed is text anywhere on it.
    const wrong = mistyped(shares[0] ?? '');
    await page.fill(field, wrong);
    expect(await page.inputValue(field)).toBe(wrong.split(' ')[19]);
    expect(await page.textContent('#share-count')).toContain('Word 20 of 20');
    expect(wordRunsOnPage(await pageText(page), [wrong, ...shares])).toEqual([]);

    // A mistyped word of the list: main refuses in plain words and the typed words stay to correct.
    await addShare(page).click();
    const refusal = page.locator('[data-error-code="SHARE_CHECKSUM"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('a word is mistyped or missing');
    expect(await refusal.textContent()).not.toContain('malformed');
    expect(await page.getAttribute('[data-entered]', 'data-entered')).toBe('20');
    // The officer spells the words out to compare them with the card, and puts word 6 right.
    await page.getByRole('button', { name: 'Show the words entered' }).click();
    expect(await page.locator('[data-entered-words] li').count()).toBe(20);
    expect(await axeViolations(page), 'key shares with the words shown after a refusal').toEqual([]);
    await page.getByRole('button', { name: `Change word 6: ${wrong.split(' ')[5]}` }).click();
    expect(await page.textContent('#share-count')).toContain('Word 6 of 20');
    await page.fill(field, `${(shares[0] ?? '').split(' ')[5]} `);
    expect(await page.locator('[data-replacing]').count()).toBe(0);
    await addShare(page).click();
    await page.getByText('1 of 2 shares entered').waitFor();
    expect(await page.inputValue(field)).toBe('');
    expect(await page.locator('[data-entered]').count()).toBe(0);
    expect(await page.locator('[data-error-code]').count()).toBe(0);
    expect(await page.getAttribute('[data-expected-set]', 'data-expected-set')).toBe(setOf(shares[0] ?? ''));
    expect(wordRunsOnPage(await pageText(page), shares)).toEqual([]);

    // A share of another set is flagged before it is sent.
    await page.fill(field, foreign[0] ?? '');
    expect(await page.textContent('[data-other-set]')).toContain(`set ${setOf(foreign[0] ?? '')}`);
    expect(await addShare(page).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Clear all words' }).click();

    // Share 2 from its card's QR, through the camera: its words never appear on screen.
    await page.getByRole('button', { name: "Scan the card's QR code" }).click();
    await page.waitForSelector('[data-screen="signing"]', { timeout: 60_000 });
    expect(await page.content()).not.toContain(shares[1]?.split(' ').slice(0, 6).join(' '));
    expect(wordRunsOnPage(await pageText(page), shares)).toEqual([]);
    await page.getByRole('button', { name: 'Sign now' }).click();
    await page.waitForSelector('[data-screen="showQr"]');

    // What crossed the bridge: every share as a Uint16Array of indices, no share word either way.
    const shareCalls = app.ipcTraffic.filter((line) => line.startsWith('addShare <- '));
    expect(shareCalls).toHaveLength(3);
    for (const call of shareCalls)
      expect(call).toMatch(/^addShare <- \{"indices":\{"typedArray":"Uint16Array"/);
    // The public word list is the one answer that holds words; nothing else does.
    const traffic = app.ipcTraffic.filter((line) => !line.startsWith('shareWordlist -> ')).join('\n');
    expect(wordRunsOnPage(traffic, shares)).toEqual([]);
    for (const word of shares.flatMap((share) => share.split(' ')).filter((w) => w.length > 6))
      expect(traffic).not.toContain(`"${word}`);
  });

  it('leads back from shares of another key to Key shares, keeping the approvals', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /finish/ }).click();
    await page.getByRole('button', { name: 'Back to home' }).click();
    await page.getByRole('button', { name: /Start: scan/ }).click();
    await page.locator('[data-screen="scan"] details summary').click();
    await page.fill('[data-screen="scan"] textarea', psbt);
    await page.getByRole('button', { name: 'Load this PSBT' }).click();
    await page.waitForSelector('[data-screen="review"] [data-output-kind]');
    await page.getByRole('button', { name: /continue/ }).click();
    await page.fill('input[name="approver"]', 'bob');
    await page.fill('input[name="pin"]', APPROVER_PASSPHRASE);
    await page.fill('input[name="code"]', codes.bob?.() ?? '');
    await page.getByRole('button', { name: 'Approve this transaction' }).click();
    await page.waitForSelector('[data-screen="shares"]');

    // Typed words left alone for five minutes are cleared, field and words alike; not before.
    await page.clock.install();
    await page.fill(field, (shares[0] ?? '').split(' ').slice(0, 7).join(' '));
    expect(await page.getAttribute('[data-entered]', 'data-entered')).toBe('6');
    await page.clock.fastForward('04:50');
    expect(await page.getAttribute('[data-entered]', 'data-entered')).toBe('6');
    expect(await page.inputValue(field)).not.toBe('');
    await page.clock.fastForward('00:15');
    await page.locator('[data-entered]').waitFor({ state: 'detached' });
    expect(await page.inputValue(field)).toBe('');
    expect(await page.textContent('#share-count')).toBe('Word 1 of 20');

    for (const share of foreign.slice(0, 2)) {
      await page.fill(field, share);
      await addShare(page).click();
    }
    await page.waitForSelector('[data-screen="signing"]');
    await page.getByRole('button', { name: 'Sign now' }).click();
    await page.locator('[data-error-code="QUORUM_WRONG_KEY"]').waitFor();
    expect(await page.getByRole('button', { name: 'Sign now' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Back to key shares (the approvals are kept)' }).click();
    await page.waitForSelector('[data-screen="shares"]');
    for (const share of [shares[0], shares[2]]) {
      await page.fill(field, share ?? '');
      await addShare(page).click();
    }
    await page.waitForSelector('[data-screen="signing"]');
    await page.getByRole('button', { name: 'Sign now' }).click();
    await page.waitForSelector('[data-screen="showQr"]');
  });
});
