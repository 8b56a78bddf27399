import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { join } from 'node:path';
import { CryptoAccount, type CryptoHDKey } from '@keystonehq/bc-ur-registry';
import { URDecoder } from '@ngraveio/bc-ur';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InterfaceLister } from '../../src/ceremony/interfaces';
import { wipe } from '../../src/common/bytes';
import { bip32 } from '../../src/common/ecc';
import { bitcoinNetwork } from '../../src/common/network';
import { accountXpub, formatKeyWithOrigin } from '../../src/keys/hd';
import { combineShares } from '../../src/keys/slip39';
import { type CborValue, readCbor } from '../../src/qr/cbor';
import { keyExpressionFromHdKey } from '../../src/qr/hdkey';
import { buildRenderer, decodeQrPng, type OpenApp, openApp, SCREENSHOTS } from '../helpers/app';
import { runCli, tempDir } from '../helpers/cli';

const offline: InterfaceLister = () => ({
  lo: [{ address: '127.0.0.1', internal: true, family: 'IPv4' } as NetworkInterfaceInfo],
});

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The card the print surface opened: a page in a browser context other than the app's. */
async function cardPage(browser: Browser, app: Page): Promise<Page> {
  for (let i = 0; i < 400; i++) {
    const [page] = browser
      .contexts()
      .filter((c) => c !== app.context())
      .flatMap((c) => c.pages());
    if (page && (await page.locator('ol li').count()) > 0) return page;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no share card was opened for printing');
}

/** Any two consecutive words of a share, whatever separates them in markup. */
function shareRuns(share: string): RegExp[] {
  const words = share.split(' ');
  return words.slice(1).map((word, i) => new RegExp(`\\b${words[i]}(\\W|<[^>]*>){1,12}${word}\\b`));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('Shares screen end to end in Chromium: a new 2-of-3 key, cards printed apart from the app', () => {
  let app: OpenApp;

  beforeAll(async () => {
    const rendererDir = await buildRenderer(tempDir('airlock-renderer-'));
    app = await openApp({ rendererDir, listInterfaces: offline });
  });
  afterAll(async () => app?.close());

  it('creates the key, prints three cards the app page never shows, and exports the xpub QR the shares rebuild', async () => {
    const { page, browser } = app;
    await page.waitForSelector('[data-screen="home"]');
    await page.getByRole('button', { name: 'Shares', exact: true }).click();
    await page.waitForSelector('[data-screen="createShares"] form');
    await page.selectOption('select[name="share-count"]', '3');
    await page.selectOption('select[name="share-threshold"]', '2');
    await page.selectOption('select[name="network"]', 'testnet');
    await page.getByLabel('128 bits (20-word shares)').check();
    await page.fill('textarea[name="dice"]', '16253 44261 35');
    expect(await page.getAttribute('[data-dice-needed]', 'data-dice-needed')).toBe('50');
    await page.getByText('12 of 50 rolls').waitFor();
    await shot(page, 'shares-plan');
    await page.getByRole('button', { name: 'Create key' }).click();

    const fingerprint = (await page
      .locator('[data-key-fingerprint]')
      .getAttribute('data-key-fingerprint')) as string;
    expect(fingerprint).toMatch(/^[0-9a-f]{8}$/);
    const shownXpub = ((await page.textContent('[data-xpub="p2wsh"]')) ?? '').trim();
    expect(shownXpub).toMatch(/^tpub/);
    await expect.poll(() => page.isEnabled('button:has-text("Finish")')).toBe(false);

    const shares: string[] = [];
    for (const n of [1, 2, 3]) {
      await page.getByRole('button', { name: `Print card for share ${n}` }).click();
      const card = await cardPage(browser, page);
      const words = await card.$$eval('ol li', (items) => items.map((li) => li.textContent ?? ''));
      expect(words).toHaveLength(20);
      expect(await card.textContent('.meta')).toContain(`Share ${n} of 3, 2 needed`);
      expect(await card.textContent('.meta')).toContain(`key fingerprint ${fingerprint}`);
      // The printed QR holds the same words, read back off the rendered card.
      expect(decodeQrPng(await card.locator('.qr svg').screenshot())).toBe(words.join(' '));
      shares.push(words.join(' '));
      await card.close();
      await page.waitForSelector(`[data-share="${n}"][data-printed="true"]`);
    }
    expect(new Set(shares).size).toBe(3);
    await shot(page, 'shares');

    // The app's page never held a share: not in its DOM, not in its storage.
    const appHtml = await page.content();
    const storage = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]));
    for (const share of shares)
      for (const run of shareRuns(share)) {
        expect(appHtml).not.toMatch(run);
        expect(storage).not.toMatch(run);
      }

    await page.getByRole('button', { name: 'Finish: every card is printed' }).click();
    await page.waitForSelector('[data-key-ended="finished"]');
    await page.getByRole('button', { name: "Show this cosigner's key under Wallets" }).click();
    await page.waitForSelector(`[data-cosigner="${fingerprint}"][data-finished="true"]`);
    await page.getByRole('button', { name: 'Show P2WSH key QR' }).click();
    const qr = page.locator('[data-cosigner-qr="p2wsh"] svg');
    await qr.waitFor();
    await shot(page, 'wallets-cosigner-key');

    const ur = decodeQrPng(await qr.screenshot()) ?? '';
    expect(ur).toMatch(/^UR:CRYPTO-ACCOUNT\//);
    const account = CryptoAccount.fromCBOR(URDecoder.decode(ur.toLowerCase()).cbor);
    expect(account.getMasterFingerprint().toString('hex')).toBe(fingerprint);
    const key = account.getOutputDescriptors()[0]?.getCryptoKey() as CryptoHDKey;
    const shownNode = bip32.fromBase58(shownXpub, bitcoinNetwork('testnet'));
    expect(key.getKey().equals(Buffer.from(shownNode.publicKey))).toBe(true);
    expect(key.getChainCode().equals(Buffer.from(shownNode.chainCode))).toBe(true);
    const textForm = ((await page.textContent('[data-cosigner-text]')) ?? '').trim();

    // The newer QR form of the same key, chosen on the screen: ur:account-descriptor (BCR-2023-019).
    await page.selectOption('[data-key-qr-format]', 'ur-account-descriptor');
    await page.waitForSelector('[data-cosigner-qr="p2wsh"] svg[aria-label*="ur:account-descriptor"]');
    const descriptorUr = decodeQrPng(await page.locator('[data-cosigner-qr="p2wsh"] svg').screenshot()) ?? '';
    expect(descriptorUr).toMatch(/^UR:ACCOUNT-DESCRIPTOR\//);
    const accountDescriptor = readCbor(
      new Uint8Array(URDecoder.decode(descriptorUr.toLowerCase()).cbor),
    ) as Map<number, unknown>;
    const [output] = accountDescriptor.get(2) as { value: Map<number, CborValue[]> }[];
    expect(keyExpressionFromHdKey(output!.value.get(2)![0]!, 'key')).toBe(textForm);

    // Strong check: two of the printed cards rebuild a key whose P2WSH account key is the one shown,
    // by the core and by the CLI an officer would use.
    const seed = combineShares({ mnemonics: [shares[0] ?? '', shares[2] ?? ''] });
    const rebuilt = accountXpub({ seed, scriptType: 'p2wsh', network: 'testnet' });
    wipe(seed);
    expect(rebuilt).toEqual({ fingerprint, path: "m/48'/1'/0'/2'", xpub: shownXpub });
    expect(textForm).toBe(formatKeyWithOrigin(rebuilt));
    const dir = tempDir();
    const files = [shares[1], shares[2]].map((share, i) => {
      const file = join(dir, `share-${i}.txt`);
      writeFileSync(file, `${share}\n`);
      return file;
    });
    const cli = await runCli([
      'xpub',
      'export',
      ...files.flatMap((f) => ['--share-file', f]),
      '--script',
      'p2wsh',
      '--network',
      'testnet',
    ]);
    expect(cli.stdout.trim()).toBe(textForm);

    // And the data directory holds no share.
    for (const file of filesUnder(app.dataDir)) {
      const text = readFileSync(file, 'utf8');
      for (const share of shares) for (const run of shareRuns(share)) expect(text).not.toMatch(run);
    }
  });
});
