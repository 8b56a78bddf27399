import { describe, expect, it } from 'vitest';
import { WalletDeriver } from '../../../src/wallet/derive';
import { importWallet, importWalletDetailed } from '../../../src/wallet/import';
import type { Wallet } from '../../../src/wallet/types';
import { electrumAddresses, type Point } from './electrum-reference';
import { errorCodeOf, fixture } from './support';

// Real export files fetched from public repositories; sources in test/fixtures/wallet/README.md.

const importErrorCode = (text: string) => errorCodeOf(() => importWallet({ text }));

const address = (wallet: Wallet, chain: 0 | 1, index: number) =>
  new WalletDeriver(wallet).address(chain, index);

describe('Caravan wallet configurations and Coldcard files (caravan-bitcoin/caravan)', () => {
  const expected = JSON.parse(fixture('caravan/expected-addresses.json')) as {
    wallets: { file: string; network: string; scriptType: string; receive0: string; change0: string }[];
  };

  it.each(expected.wallets)('$file derives the addresses Caravan publishes', (entry) => {
    const { wallet, format } = importWalletDetailed({ text: fixture(`caravan/${entry.file}`) });
    expect(format).toBe(entry.file.endsWith('.json') ? 'caravan' : 'coldcard');
    expect(wallet.network).toBe(entry.network);
    expect(wallet.scriptType).toBe(entry.scriptType);
    expect(wallet.threshold).toBe(2);
    expect(address(wallet, 0, 0)).toBe(entry.receive0);
    expect(address(wallet, 1, 0)).toBe(entry.change0);
  });
});

describe('BIP-129 BSMS records (BIP-129 test vectors, via sparrowwallet/sparrow)', () => {
  it.each([
    ['multisig-1.bsms', 'bc1qfagqa83vrv9phj0886rlx6d68zzd7gejtr0ns8xxfeckve27397q6vq47w', 0, 0],
    ['multisig-2.bsms', 'bc1qrgc6p3kylfztu06ysl752gwwuekhvtfh9vr7zg43jvu60mutamcsv948ej', 0, 0],
    // BIP-129's EXTENDED-mode vector: multi() keeps the keys in the listed order.
    ['multisig-3.bsms', '3GzMtFXahiu4TpGNGFc4bHMvAcvz5vVQrT', 0, 0],
    ['multisig-4.bsms', 'bc1qrgc6p3kylfztu06ysl752gwwuekhvtfh9vr7zg43jvu60mutamcsv948ej', 0, 0],
    ['multisig-6.bsms', 'bc1qrgc6p3kylfztu06ysl752gwwuekhvtfh9vr7zg43jvu60mutamcsv948ej', 0, 0],
    ['multisig-8.bsms', 'bc1qrgc6p3kylfztu06ysl752gwwuekhvtfh9vr7zg43jvu60mutamcsv948ej', 0, 0],
    ['multisig-10.bsms', '3MmNkJ3e67jDGNwGL7yQ886T192Bbb81zP', 0, 0],
    ['multisig-12.bsms', 'bc1qr47z3tyaep62u4v3tjwj3gre5aqje242g0aarp0gurnltwpswa0svqrv9y', 1, 3],
    ['multisig-16.bsms', 'bc1qrgc6p3kylfztu06ysl752gwwuekhvtfh9vr7zg43jvu60mutamcsv948ej', 0, 0],
  ] as const)('%s imports and derives its first address %s', (file, first, chain, index) => {
    const { wallet, format } = importWalletDetailed({ text: fixture(`sparrow/bsms/${file}`) });
    expect(format).toBe('bsms');
    expect(wallet.network).toBe('mainnet');
    expect(address(wallet, chain, index)).toBe(first);
  });

  it('keeps multi() key order: the BIP-129 P2SH-P2WSH vector is not sortedmulti', () => {
    const wallet = importWallet({ text: fixture('sparrow/bsms/multisig-3.bsms') });
    expect(wallet.sorted).toBe(false);
    expect(wallet.descriptor).toMatch(/^sh\(wsh\(multi\(2,/);
  });

  it.each([
    ['multisig-5.bsms', 'BSMS_UNSUPPORTED'],
    ['multisig-7.bsms', 'BSMS_UNSUPPORTED'],
    ['multisig-9.bsms', 'BSMS_ADDRESS_MISMATCH'],
    ['multisig-11.bsms', 'DESCRIPTOR_UNSUPPORTED'],
    ['multisig-13.bsms', 'DESCRIPTOR_UNSUPPORTED'],
    ['multisig-14.bsms', 'BSMS_ADDRESS_MISSING'],
    ['multisig-15.bsms', 'BSMS_ADDRESS_MISMATCH'],
    ['multisig-17.bsms', 'BSMS_ADDRESS_INVALID'],
    ['multisig-threshold-zero.bsms', 'THRESHOLD_INVALID'],
    ['multisig-address-mismatch.bsms', 'BSMS_ADDRESS_MISMATCH'],
  ])('refuses %s with %s', (file, code) => {
    expect(importErrorCode(fixture(`sparrow/bsms/${file}`))).toBe(code);
  });
});

describe('Sparrow, Specter and Caravan exports checked against Electrum', () => {
  const points: Point[] = [
    [0, 0],
    [0, 1],
    [1, 0],
    [0, 1000],
  ];
  const accepted = [
    { file: 'coldcard/export-p2wsh-myself.txt', format: 'coldcard', scriptType: 'p2wsh', n: 4 },
    { file: 'coldcard/export-p2sh-p2wsh-myself.txt', format: 'coldcard', scriptType: 'p2sh-p2wsh', n: 4 },
    { file: 'coldcard/export-p2wsh-p2sh-myself.txt', format: 'coldcard', scriptType: 'p2sh-p2wsh', n: 4 },
    { file: 'coldcard/export-p2sh-myself.txt', format: 'coldcard', scriptType: 'p2sh', n: 4 },
    { file: 'coldcard/desc-p2wsh-myself.txt', format: 'descriptor', scriptType: 'p2wsh', n: 4 },
    { file: 'coldcard/desc-p2sh-p2wsh-myself.txt', format: 'descriptor', scriptType: 'p2sh-p2wsh', n: 4 },
    { file: 'coldcard/desc-p2sh-myself.txt', format: 'descriptor', scriptType: 'p2sh', n: 4 },
    { file: 'sparrow/cc-multisig-export-1.txt', format: 'coldcard', scriptType: 'p2wsh', n: 4 },
    { file: 'sparrow/cc-multisig-export-2.txt', format: 'coldcard', scriptType: 'p2sh-p2wsh', n: 4 },
    { file: 'sparrow/cc-multisig-export-multideriv.txt', format: 'coldcard', scriptType: 'p2wsh', n: 3 },
    { file: 'sparrow/caravan-multisig-export-1.json', format: 'caravan', scriptType: 'p2wsh', n: 3 },
    { file: 'sparrow/specter-multisig-wallet.json', format: 'json-descriptor', scriptType: 'p2wsh', n: 4 },
    { file: 'sparrow/specter-diy-export.txt', format: 'specter-diy', scriptType: 'p2wsh', n: 3 },
    { file: 'nunchuk/nested-1of3-descriptors.txt', format: 'descriptor', scriptType: 'p2sh-p2wsh', n: 3 },
  ] as const;
  const imported = accepted.map((entry) => ({
    entry,
    ...importWalletDetailed({ text: fixture(entry.file) }),
  }));
  const reference = electrumAddresses(imported.map(({ wallet }) => ({ wallet, points })));

  it.each(imported.map((item, i) => ({ ...item, file: item.entry.file, electrum: reference[i] })))(
    '$file imports and its addresses equal Electrum’s',
    ({ entry, wallet, format, electrum }) => {
      expect(format).toBe(entry.format);
      expect(wallet.scriptType).toBe(entry.scriptType);
      expect(wallet.cosigners).toHaveLength(entry.n);
      expect(points.map(([chain, index]) => address(wallet, chain, index))).toEqual(electrum);
    },
  );

  it('reads the same wallet from a Coldcard export file and from its descriptor', () => {
    for (const type of ['p2wsh', 'p2sh-p2wsh', 'p2sh']) {
      const fromFile = importWallet({ text: fixture(`coldcard/export-${type}-myself.txt`) });
      const fromDescriptor = importWallet({ text: fixture(`coldcard/desc-${type}-myself.txt`) });
      expect(fromDescriptor.descriptor).toBe(fromFile.descriptor);
    }
  });

  it('takes the name a file gives, made safe for a file name', () => {
    expect(importWallet({ text: fixture('coldcard/export-p2wsh-myself.txt') }).name).toBe('CC-2-of-4');
    expect(importWallet({ text: fixture('sparrow/caravan-multisig-export-1.json') }).name).toBe(
      'Test-Wallet',
    );
    expect(importWallet({ text: fixture('sparrow/specter-diy-export.txt') }).name).toBe('Sparrow-Multisig');
  });

  it.each([
    ['sparrow/caravan-multisig-export-2.json', 'THRESHOLD_INVALID'],
    ['sparrow/caravan-multisig-export-3.json', 'WALLET_FILE_INVALID'],
    ['sparrow/descriptor-receive.txt', 'DESCRIPTOR_UNSUPPORTED'],
  ])('refuses %s with %s', (file, code) => {
    expect(importErrorCode(fixture(file))).toBe(code);
  });
});
