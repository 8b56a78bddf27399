import { payments } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { bip32 } from '../../../src/common/ecc';
import { bitcoinNetwork } from '../../../src/common/network';
import { findAddress, groupsOfFour } from '../../../src/wallet/address-search';
import { registerWallet } from '../../../src/wallet/registry';
import type { Wallet } from '../../../src/wallet/types';
import { runCli, tempDir } from '../../helpers/cli';
import { testWallet } from '../../helpers/multisig-psbt';

/** The wallet's address built with bip32's own derivation and bitcoinjs-lib's payments, not ours. */
function referenceAddress(wallet: Wallet, chain: number, index: number): string {
  const network = bitcoinNetwork(wallet.network);
  const keys = wallet.cosigners
    .map((c) => Buffer.from(bip32.fromBase58(c.xpub, network).derive(chain).derive(index).publicKey))
    .sort(Buffer.compare);
  const redeem = payments.p2ms({ m: wallet.threshold, pubkeys: keys, network });
  return payments.p2wsh({ redeem, network }).address as string;
}

const treasury = testWallet({ name: 'treasury' });
const company = testWallet({ name: 'company-cold', threshold: 1 });

function dataDir(): string {
  const dir = tempDir('airlock-address-');
  registerWallet(dir, treasury);
  registerWallet(dir, company);
  return dir;
}

describe('address search', () => {
  it('finds receive and change addresses of the right wallet, and BIP-21 URIs in upper case', () => {
    const wallets = [treasury, company];
    expect(findAddress({ input: referenceAddress(treasury, 0, 7), wallets })).toEqual({
      wallet: 'treasury',
      branch: 'receive',
      index: 7,
      address: referenceAddress(treasury, 0, 7),
    });
    expect(findAddress({ input: referenceAddress(company, 1, 12), wallets })).toMatchObject({
      wallet: 'company-cold',
      branch: 'change',
      index: 12,
    });
    const uri = `BITCOIN:${referenceAddress(treasury, 1, 3).toUpperCase()}?amount=0.1&label=x`;
    expect(findAddress({ input: uri, wallets })).toMatchObject({
      wallet: 'treasury',
      branch: 'change',
      index: 3,
    });
  });

  it('searches exactly the range: the last index inside is found, the first outside is not', () => {
    const wallets = [treasury];
    expect(findAddress({ input: referenceAddress(treasury, 1, 49), wallets, range: 50 })?.index).toBe(49);
    expect(findAddress({ input: referenceAddress(treasury, 1, 50), wallets, range: 50 })).toBeNull();
  });

  it('shows an address in groups of four', () => {
    expect(groupsOfFour('tb1qabcdefghij')).toBe('tb1q abcd efgh ij');
  });
});

describe('airlock address verify', () => {
  it('exit 0 with {wallet, branch, index, address} when found', async () => {
    const address = referenceAddress(treasury, 0, 999);
    const result = await runCli(['--data-dir', dataDir(), '--json', 'address', 'verify', address]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ wallet: 'treasury', branch: 'receive', index: 999, address });
    const human = await runCli([
      '--data-dir',
      dataDir(),
      'address',
      'verify',
      address,
      '--wallet',
      'treasury',
    ]);
    expect(human.stdout).toContain(
      `${groupsOfFour(address)}\nbelongs to wallet treasury, receive address 999`,
    );
  });

  it('exit 3 beyond the default range of 1,000 per branch, and 0 once --range covers it', async () => {
    const dir = dataDir();
    const address = referenceAddress(treasury, 1, 1000);
    const beyond = await runCli(['--data-dir', dir, 'address', 'verify', address, '--wallet', 'treasury']);
    expect(beyond.status).toBe(3);
    expect(beyond.stderr).toContain(
      'is not among the first 1000 receive and 1000 change addresses of wallet treasury',
    );
    const wider = await runCli(['--data-dir', dir, 'address', 'verify', address, '--range', '1001']);
    expect(wider.status).toBe(0);
  });

  it('exit 2 for a malformed address and for one of another network', async () => {
    const dir = dataDir();
    const malformed = await runCli(['--data-dir', dir, 'address', 'verify', 'tb1qnotanaddress']);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain('is not a Bitcoin address');
    const mainnet = referenceAddress(testWallet({ network: 'mainnet' }), 0, 0);
    const other = await runCli(['--data-dir', dir, '--json', 'address', 'verify', mainnet]);
    expect(other.status).toBe(2);
    expect(JSON.parse(other.stdout).error.code).toBe('NETWORK_MISMATCH');
  });
});
