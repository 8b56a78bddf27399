import { describe, expect, it } from 'vitest';
import { WalletDeriver } from '../../../src/wallet/derive';
import { importWallet, importWalletDetailed } from '../../../src/wallet/import';
import { errorCodeOf, fixture } from './support';

const importCode = (text: string, network?: 'mainnet' | 'regtest') =>
  errorCodeOf(() => importWallet({ text, network }));

const coldcardFile = fixture('coldcard/export-p2wsh-myself.txt');
const XPRV_BIP32_VECTOR_1 =
  'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi';

describe('Coldcard multisig file rules', () => {
  it('reads labels case-insensitively and a Derivation written with h', () => {
    const variant = coldcardFile
      .replace('Policy:', 'policy:')
      .replace('Format: P2WSH', 'FORMAT: p2wsh')
      .replace("m/48'/1'/0'/2'", 'm/48h/1h/0h/2h');
    expect(importWallet({ text: variant }).descriptor).toBe(importWallet({ text: coldcardFile }).descriptor);
  });

  it('reads a missing Format as P2SH and a missing Policy as N of N, as Coldcard does', () => {
    const wallet = importWallet({
      text: coldcardFile.replace('Format: P2WSH\n', '').replace('Policy: 2 of 4\n', ''),
    });
    expect(wallet).toMatchObject({ scriptType: 'p2sh', threshold: 4 });
  });

  it.each([
    [
      'a key before any Derivation line',
      coldcardFile.replace("Derivation: m/48'/1'/0'/2'\n", ''),
      'WALLET_FILE_INVALID',
    ],
    ['an unknown setting', coldcardFile.replace('Format:', 'Formt:'), 'WALLET_FILE_INVALID'],
    ['a Policy that counts other keys', coldcardFile.replace('2 of 4', '2 of 5'), 'WALLET_FILE_INVALID'],
    ['a threshold above the keys', coldcardFile.replace('2 of 4', '5 of 4'), 'THRESHOLD_INVALID'],
    ['an unknown Format', coldcardFile.replace('P2WSH', 'P2TR'), 'WALLET_FILE_INVALID'],
    ['a line without a label', `${coldcardFile}garbage\n`, 'WALLET_FILE_INVALID'],
    ['a repeated Name', `Name: a\n${coldcardFile}`, 'WALLET_FILE_INVALID'],
    [
      'a private key',
      coldcardFile.replace(/0F056943: \S+/, `0F056943: ${XPRV_BIP32_VECTOR_1}`),
      'PRIVATE_KEY_REFUSED',
    ],
    [
      'a key listed twice',
      coldcardFile.replace(/6BA6CFD0: tpub\S+/, coldcardFile.match(/0F056943: tpub\S+/)?.[0] ?? ''),
      'DUPLICATE_KEY',
    ],
    [
      'a key of the wrong depth',
      coldcardFile.replace("m/48'/1'/0'/2'", "m/48'/1'/0'"),
      'KEY_ORIGIN_MISMATCH',
    ],
  ])('refuses %s', (_name, text, code) => {
    expect(importCode(text)).toBe(code);
  });
});

describe('BIP-129 records on test networks', () => {
  // The Coldcard test wallet's first receive address, registered as a BSMS record on regtest.
  const descriptor = fixture('coldcard/desc-p2wsh-myself.txt').trim();
  const regtestFirst = new WalletDeriver(importWallet({ text: descriptor, network: 'regtest' })).address(
    0,
    0,
  );

  it('picks regtest from a bcrt1 first address and verifies it', () => {
    const record = `BSMS 1.0\n${descriptor}\n/0/*,/1/*\n${regtestFirst}\n`;
    expect(importWallet({ text: record }).network).toBe('regtest');
    expect(importWallet({ text: record.replace(regtestFirst, regtestFirst.toUpperCase()) }).network).toBe(
      'regtest',
    );
  });

  it('refuses a record whose address belongs to another network than the one asked for', () => {
    const record = `BSMS 1.0\n${descriptor}\n/0/*,/1/*\n${regtestFirst}\n`;
    expect(importCode(record, 'mainnet')).toBe('NETWORK_MISMATCH');
    expect(errorCodeOf(() => importWallet({ text: record, network: 'testnet' }))).toBe(
      'BSMS_ADDRESS_INVALID',
    );
  });

  it('refuses a record without the BSMS 1.0 header or with extra lines', () => {
    expect(importCode(`BSMS 2.0\n${descriptor}\n/0/*,/1/*\n${regtestFirst}\n`)).toBe('BSMS_INVALID');
    expect(importCode(`BSMS 1.0\n${descriptor}\n/0/*,/1/*\n${regtestFirst}\nextra\n`)).toBe('BSMS_INVALID');
  });
});

describe('JSON wallet exports', () => {
  const caravan = JSON.parse(fixture('caravan/bitcoin-2-of-2-P2WSH_TESTNET.json'));

  it('refuses a Caravan key without a master fingerprint, or with a path that is not one', () => {
    const noXfp = structuredClone(caravan);
    delete noXfp.extendedPublicKeys[0].xfp;
    expect(importCode(JSON.stringify(noXfp))).toBe('KEY_ORIGIN_MISSING');
    const badPath = structuredClone(caravan);
    badPath.extendedPublicKeys[1].bip32Path = 'm/48x';
    expect(importCode(JSON.stringify(badPath))).toBe('KEY_ORIGIN_MISSING');
  });

  it('accepts a key Caravan marks with path "Unknown", its origin unknown (see unknown-origin tests)', () => {
    const unknownPath = structuredClone(caravan);
    unknownPath.extendedPublicKeys[1].bip32Path = 'Unknown';
    const wallet = importWallet({ text: JSON.stringify(unknownPath) });
    expect(wallet.cosigners.map((c) => c.path === null)).toEqual([false, true]);
  });

  it('lets --network choose signet for a testnet Caravan configuration but not mainnet', () => {
    expect(importWallet({ text: JSON.stringify(caravan), network: 'signet' }).network).toBe('signet');
    expect(importCode(JSON.stringify(caravan), 'mainnet')).toBe('NETWORK_MISMATCH');
  });

  it('reads Bitcoin Core listdescriptors output when its descriptors describe one wallet', () => {
    const [receive, change] = fixture('nunchuk/nested-1of3-descriptors.txt').trim().split('\n');
    const core = { wallet_name: 'core vault', descriptors: [{ desc: receive }, { desc: change }] };
    const { wallet, format } = importWalletDetailed({ text: JSON.stringify(core) });
    expect(format).toBe('json-descriptor');
    expect(wallet.name).toBe('core-vault');
    const other = fixture('coldcard/desc-p2sh-myself.txt').trim();
    const mixed = { descriptors: [{ desc: receive }, { desc: other }] };
    expect(importCode(JSON.stringify(mixed))).toBe('WALLET_FILE_INVALID');
  });

  it('names a wallet from its descriptor when the file gives no name', () => {
    const wallet = importWallet({ text: fixture('coldcard/desc-p2sh-myself.txt') });
    expect(wallet.name).toBe(`p2sh-2of4-${wallet.descriptor.slice(-8)}`);
  });

  it('refuses JSON that is no wallet export, and text that is no wallet at all', () => {
    expect(importCode('{"hello": 1}')).toBe('WALLET_FILE_INVALID');
    expect(importCode('{"descriptor": 5')).toBe('WALLET_FILE_INVALID');
    expect(importCode('hello world')).toBe('WALLET_FILE_INVALID');
    expect(importCode('')).toBe('WALLET_FILE_INVALID');
  });
});

describe('BIP-129 records of one chain', () => {
  it('checks a record whose keys end in /1/* against the first change address', () => {
    const changeDescriptor = fixture('nunchuk/nested-1of3-descriptors.txt').trim().split('\n')[1] as string;
    const wallet = importWallet({ text: changeDescriptor });
    const deriver = new WalletDeriver(wallet);
    const record = (first: string) => `BSMS 1.0\n${changeDescriptor}\nNo path restrictions\n${first}\n`;
    expect(importWallet({ text: record(deriver.address(1, 0)) }).descriptor).toBe(wallet.descriptor);
    expect(importCode(record(deriver.address(0, 0)))).toBe('BSMS_ADDRESS_MISMATCH');
  });
});
