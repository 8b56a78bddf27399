import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UR, URDecoder, UREncoder } from '@ngraveio/bc-ur';
import { describe, expect, it } from 'vitest';
import { mnemonicToSeed } from '../../../src/keys/bip39';
import { accountXpub, formatKeyWithOrigin } from '../../../src/keys/hd';
import { accountDescriptorCbor, encodeAccountDescriptor } from '../../../src/qr/account';
import { readCbor, writeCbor } from '../../../src/qr/cbor';
import { keyExpressionFromHdKey } from '../../../src/qr/hdkey';
import { WalletDeriver } from '../../../src/wallet/derive';
import { importWallet, importWalletDetailed } from '../../../src/wallet/import';
import { WalletQrScan } from '../../../src/wallet/qr-import';
import { descriptorFromOutputDescriptor } from '../../../src/wallet/ur-output';
import { runCli, tempDir } from '../../helpers/cli';
import { electrumAddresses } from './electrum-reference';
import { errorCodeOf, fixture } from './support';

// Test vectors of BCR-2023-010 and BCR-2023-019 (BlockchainCommons/Research; see the fixture's source).
const vectors = JSON.parse(fixture('ur/bcr-2023-vectors.json')) as {
  outputDescriptor: {
    multisig: { name: string; descriptor: string; cbor: string };
    singleKey: { descriptor: string; cbor: string };
  };
  accountDescriptor: { mnemonic: string; descriptors: string[]; cbor: string; ur: string };
};
const { multisig, singleKey } = vectors.outputDescriptor;
const account = vectors.accountDescriptor;

/** The BCR documents write hardened steps as 48'; Airlock writes them as 48h. */
const hardenedAsH = (text: string) => text.replace(/(\d)'/g, '$1h');

const singlePartUr = (type: string, cbor: Uint8Array | string) =>
  new UREncoder(
    new UR(Buffer.from(cbor instanceof Uint8Array ? cbor : Buffer.from(cbor, 'hex')), type),
    10_000,
  ).nextPart();

describe('CBOR as the BCR vectors write it (dCBOR)', () => {
  it.each([
    ['BCR-2023-010 2-of-3', multisig.cbor],
    ['BCR-2023-010 single key', singleKey.cbor],
    ['BCR-2023-019 account', account.cbor],
  ])('reads and rewrites the %s vector byte for byte', (_, hex) => {
    expect(Buffer.from(writeCbor(readCbor(Buffer.from(hex, 'hex')))).toString('hex')).toBe(hex);
  });
});

describe('BCR-2023-010 ur:output-descriptor', () => {
  it('reads the spec’s 2-of-3 vector as the descriptor it encodes, keys rebuilt byte for byte', () => {
    const { descriptor, name } = descriptorFromOutputDescriptor(Buffer.from(multisig.cbor, 'hex'));
    expect(descriptor).toBe(hardenedAsH(multisig.descriptor));
    expect(name).toBe(multisig.name);
  });

  it('registers the vector’s wallet (tagged or not) with its name and Electrum’s first addresses', () => {
    const untagged = Buffer.from(multisig.cbor, 'hex').subarray(3); // drops tag 40308 (d9 9d74)
    const fromText = importWallet({ text: multisig.descriptor });
    for (const cbor of [multisig.cbor, untagged]) {
      const { wallet, format } = importWalletDetailed({ text: singlePartUr('output-descriptor', cbor) });
      expect(format).toBe('ur-output-descriptor');
      expect(wallet).toMatchObject({
        name: 'Satoshi-s-Stash',
        network: 'mainnet',
        scriptType: 'p2wsh',
        threshold: 2,
      });
      expect(wallet.cosigners.map((c) => c.fingerprint)).toEqual(['dc567276', 'f245ae38', 'c5d87297']);
      expect(wallet.descriptor).toBe(fromText.descriptor);
      const [electrum] = electrumAddresses([
        {
          wallet,
          points: [
            [0, 0],
            [1, 0],
          ],
        },
      ]);
      const deriver = new WalletDeriver(wallet);
      expect([deriver.address(0, 0), deriver.address(1, 0)]).toEqual(electrum);
    }
  });

  it('reads an animated ur:output-descriptor scanned frame by frame', () => {
    const encoder = new UREncoder(new UR(Buffer.from(multisig.cbor, 'hex'), 'output-descriptor'), 60);
    const scan = new WalletQrScan();
    let update = scan.receive(encoder.nextPart());
    for (let i = 0; i < 40 && update.status !== 'complete'; i++) update = scan.receive(encoder.nextPart());
    expect(update.status).toBe('complete');
    expect(importWallet({ text: update.walletText! }).descriptor).toBe(
      importWallet({ text: multisig.descriptor }).descriptor,
    );
  });

  it('refuses the single-key vector: a wallet needs extended keys', () => {
    expect(errorCodeOf(() => importWallet({ text: singlePartUr('output-descriptor', singleKey.cbor) }))).toBe(
      'DESCRIPTOR_INVALID',
    );
  });
});

describe('BCR-2023-019 ur:account-descriptor for this cosigner', () => {
  const seed = mnemonicToSeed({ mnemonic: account.mnemonic });
  const keys = (['p2sh-p2wsh', 'p2wsh'] as const).map((scriptType) => ({
    ...accountXpub({ seed, scriptType, network: 'mainnet' }),
    scriptType,
  }));
  // The vector's output descriptors, each starting with tag 40308 (d99d74); the multisig ones are 5th and 6th.
  const entries = account.cbor.slice(account.cbor.indexOf('d99d74')).split(/(?=d99d74a2)/);

  it('derives the keys the vector lists for the multisig cosigner', () => {
    expect(keys.map(formatKeyWithOrigin)).toEqual([
      hardenedAsH(/cosigner\((.*)\)\)\)$/.exec(account.descriptors[4]!)![1]!),
      hardenedAsH(/cosigner\((.*)\)\)$/.exec(account.descriptors[5]!)![1]!),
    ]);
  });

  it('encodes them byte for byte as the vector does', () => {
    expect(entries).toHaveLength(7);
    const expected = `a2011a37b5eed40282${entries[4]}${entries[5]}`;
    expect(Buffer.from(accountDescriptorCbor({ keys, network: 'mainnet' })).toString('hex')).toBe(expected);
  });

  it('writes a UR whose keys read back as the key text export (testnet, with coin info)', () => {
    const testnetKeys = (['p2wsh'] as const).map((scriptType) => ({
      ...accountXpub({ seed, scriptType, network: 'testnet' }),
      scriptType,
    }));
    const ur = encodeAccountDescriptor({ keys: testnetKeys, network: 'testnet' });
    expect(ur).toMatch(/^UR:ACCOUNT-DESCRIPTOR\//);
    const decoded = readCbor(new Uint8Array(URDecoder.decode(ur.toLowerCase()).cbor)) as Map<number, unknown>;
    expect(decoded.get(1)).toBe(0x37b5eed4);
    const [output] = decoded.get(2) as { tag: number; value: Map<number, unknown> }[];
    expect(output!.tag).toBe(40308);
    expect(output!.value.get(1)).toBe('wsh(cosigner(@0))');
    const [hdKey] = output!.value.get(2) as Parameters<typeof keyExpressionFromHdKey>[0][];
    expect(keyExpressionFromHdKey(hdKey!, 'the key')).toBe(formatKeyWithOrigin(testnetKeys[0]!));
  });

  it('is offered by xpub export --format ur-account-descriptor beside ur (crypto-account)', async () => {
    const file = join(tempDir(), 'mnemonic.txt');
    writeFileSync(file, account.mnemonic);
    const args = ['xpub', 'export', '--mnemonic-file', file, '--script', 'p2wsh'];
    const result = await runCli([...args, '--format', 'ur-account-descriptor']);
    expect(result.status).toBe(0);
    const cbor = URDecoder.decode(result.stdout.trim().toLowerCase()).cbor;
    expect(Buffer.from(cbor).toString('hex')).toBe(`a2011a37b5eed40281${entries[5]}`);
    expect((await runCli([...args, '--format', 'ur'])).stdout).toMatch(/^UR:CRYPTO-ACCOUNT\//);
  });
});
