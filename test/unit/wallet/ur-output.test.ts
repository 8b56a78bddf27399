import { UR, UREncoder } from '@ngraveio/bc-ur';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../src/common/bytes';
import { WalletDeriver } from '../../../src/wallet/derive';
import { importWallet, importWalletDetailed } from '../../../src/wallet/import';
import { descriptorFromCryptoOutput } from '../../../src/wallet/ur-output';
import { electrumAddresses } from './electrum-reference';
import { errorCodeOf, fixture } from './support';

interface Vectors {
  vectors: { source: string; name: string; cborHex: string; descriptor?: string }[];
  bluewalletBytesCborHex: string;
}
const { vectors, bluewalletBytesCborHex } = JSON.parse(fixture('ur/crypto-output-vectors.json')) as Vectors;
const [bcrVector5, seedhammerTwoOfThree, seedhammerWpkh] = vectors as [
  Vectors['vectors'][0],
  Vectors['vectors'][0],
  Vectors['vectors'][0],
];

/** A single-part UR string of the given CBOR, as a coordinator's static QR code holds it. */
const singlePartUr = (type: string, cborHex: string) =>
  new UREncoder(new UR(Buffer.from(cborHex, 'hex'), type), 10_000).nextPart();

describe('BCR-2020-010 crypto-output', () => {
  it('converts the spec’s multisig test vector to its descriptor, xpubs rebuilt byte for byte', () => {
    expect(descriptorFromCryptoOutput(fromHex(bcrVector5.cborHex))).toBe(bcrVector5.descriptor);
  });

  it('reads SeedHammer’s 2-of-3 as the same wallet BlueWallet’s setup file describes', () => {
    const fromCbor = importWallet({ text: singlePartUr('crypto-output', seedhammerTwoOfThree.cborHex) });
    const fromFile = importWallet({ text: fixture('ur/bluewallet-multisig-2of3.txt') });
    const byFingerprint = (w: typeof fromCbor) =>
      [...w.cosigners].sort((a, b) => a.fingerprint!.localeCompare(b.fingerprint!));
    expect(byFingerprint(fromCbor)).toEqual(byFingerprint(fromFile));
    expect(fromCbor).toMatchObject({ scriptType: 'p2wsh', threshold: 2, sorted: true, network: 'mainnet' });
    const [electrum] = electrumAddresses([
      {
        wallet: fromCbor,
        points: [
          [0, 0],
          [1, 0],
        ],
      },
    ]);
    const deriver = new WalletDeriver(fromCbor);
    expect([deriver.address(0, 0), deriver.address(1, 0)]).toEqual(electrum);
    expect(new WalletDeriver(fromFile).address(0, 0)).toBe(deriver.address(0, 0));
  });

  it('reads a BlueWallet file shared as ur:bytes', () => {
    const { wallet, format } = importWalletDetailed({ text: singlePartUr('bytes', bluewalletBytesCborHex) });
    expect(format).toBe('coldcard');
    expect(wallet.name).toBe('sh');
    expect(wallet.descriptor).toBe(
      importWallet({ text: fixture('ur/bluewallet-multisig-2of3.txt') }).descriptor,
    );
  });

  it('refuses a UR that is no multisig wallet, one part of an animated UR, and garbage', () => {
    expect(errorCodeOf(() => descriptorFromCryptoOutput(fromHex(seedhammerWpkh.cborHex)))).toBe(
      'DESCRIPTOR_UNSUPPORTED',
    );
    // The spec's vector has keys without origins at /1/0/* and /0/0/*: readable, but no wallet.
    expect(errorCodeOf(() => importWallet({ text: singlePartUr('crypto-output', bcrVector5.cborHex) }))).toBe(
      'DESCRIPTOR_UNSUPPORTED',
    );
    expect(errorCodeOf(() => importWallet({ text: singlePartUr('crypto-psbt', '4100') }))).toBe(
      'UR_UNSUPPORTED',
    );
    expect(
      errorCodeOf(() =>
        importWallet({ text: 'ur:crypto-output/1-3/lpadaxcsencylobemohsgmoyadhdeynteelblrcygldwvarflojhfe' }),
      ),
    ).toBe('UR_INVALID');
    expect(errorCodeOf(() => importWallet({ text: 'ur:crypto-output/notbytewords' }))).toBe('UR_INVALID');
    expect(errorCodeOf(() => descriptorFromCryptoOutput(fromHex('ff00')))).toBe('CBOR_INVALID');
  });

  // The registry's decoder grows arrays to any declared length and V8 aborts the process: checked first.
  it.each([
    ['an array declaring 2^64-1 items', '9bffffffffffffffff'],
    ['a multisig whose key array declares 2^31 items', 'd90191d90196a20101029a7fffffff'],
    ['a byte string longer than the payload', '5bffffffffffffffff'],
    ['thousands of nested tags', `${'d90191'.repeat(5000)}00`],
    ['an indefinite-length array', 'd90191d901969f01ff'],
    ['trailing bytes', `${seedhammerWpkh.cborHex}00`],
  ])('refuses %s as CBOR_INVALID without decoding it', (_name, hex) => {
    expect(errorCodeOf(() => descriptorFromCryptoOutput(fromHex(hex)))).toBe('CBOR_INVALID');
  });
});
