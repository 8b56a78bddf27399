import { Bytes, CryptoPSBT } from '@keystonehq/bc-ur-registry';
import { UR, UREncoder } from '@ngraveio/bc-ur';
import { describe, expect, it } from 'vitest';
import { splitBbqr } from '../../../src/qr/bbqr';
import { importWallet } from '../../../src/wallet/import';
import { WalletQrScan, type WalletScanUpdate } from '../../../src/wallet/qr-import';
import { errorCodeOf, fixture } from './support';

/**
 * A wallet registration scanned off a coordinator's screen: Coldcard's BBQr text file, an animated
 * ur:crypto-output (Keystone, SeedHammer), BlueWallet's ur:bytes, or one plain code. The scanned text
 * must register exactly the wallet the file itself registers.
 */
interface Vectors {
  vectors: { name: string; cborHex: string }[];
  bluewalletBytesCborHex: string;
}
const { vectors, bluewalletBytesCborHex } = JSON.parse(fixture('ur/crypto-output-vectors.json')) as Vectors;
const seedhammerTwoOfThree = vectors[1] as Vectors['vectors'][0];

/** Every part of an animated UR with small fragments (pure parts first, then fountain parts). */
function urParts(type: string, cbor: Buffer, count: number): string[] {
  const encoder = new UREncoder(new UR(cbor, type), 60);
  return Array.from({ length: count }, () => encoder.nextPart());
}

function scanAll(frames: string[]): WalletScanUpdate {
  const scan = new WalletQrScan();
  let last: WalletScanUpdate | undefined;
  for (const frame of frames) {
    last = scan.receive(frame);
    if (last.status === 'complete' || last.status === 'failed') return last;
  }
  if (!last) throw new Error('no frames');
  return last;
}

describe('scanning a wallet export', () => {
  it('reads a Coldcard multisig file sent as animated BBQr text (type U), in any order, and registers the same wallet', () => {
    const file = fixture('coldcard/export-p2wsh-myself.txt');
    const { parts } = splitBbqr(new TextEncoder().encode(file), 'U', { minSplit: 3, maxVersion: 12 });
    expect(parts.length).toBeGreaterThanOrEqual(3);
    const result = scanAll([...parts].reverse());
    expect(result.status).toBe('complete');
    expect(result.format).toBe('bbqr');
    expect(result.walletText).toBe(file);
    expect(importWallet({ text: result.walletText! })).toEqual(importWallet({ text: file }));
  });

  it('reads an animated ur:crypto-output as its descriptor', () => {
    const cbor = Buffer.from(seedhammerTwoOfThree.cborHex, 'hex');
    const parts = urParts('crypto-output', cbor, 40);
    const scan = new WalletQrScan();
    const first = scan.receive(parts[0]!);
    expect(first.status).toBe('progress');
    expect(first.walletText).toBeUndefined();
    const result = scanAll(parts);
    expect(result.status).toBe('complete');
    const single = new UREncoder(new UR(cbor, 'crypto-output'), 10_000).nextPart();
    expect(importWallet({ text: result.walletText! })).toEqual(importWallet({ text: single }));
  });

  it("reads BlueWallet's animated ur:bytes as the multisig file it carries", () => {
    const parts = urParts('bytes', Buffer.from(bluewalletBytesCborHex, 'hex'), 80);
    const result = scanAll(parts);
    expect(result.status).toBe('complete');
    expect(importWallet({ text: result.walletText! }).descriptor).toBe(
      importWallet({ text: fixture('ur/bluewallet-multisig-2of3.txt') }).descriptor,
    );
  });

  it('takes a single code with a descriptor as the text itself', () => {
    const descriptor = fixture('coldcard/desc-p2wsh-myself.txt').trim();
    const result = new WalletQrScan().receive(descriptor);
    expect(result).toMatchObject({
      status: 'complete',
      partsSeen: 1,
      partsNeeded: 1,
      walletText: descriptor,
    });
  });

  it('refuses a PSBT scanned where a wallet is expected, and starts over for the next code', () => {
    const psbt = new CryptoPSBT(Buffer.from('70736274ff01000a0200000000000000000000', 'hex'));
    const scan = new WalletQrScan();
    const refused = scan.receive(new UREncoder(psbt.toUR(), 10_000).nextPart());
    expect(refused).toMatchObject({ status: 'failed', code: 'WALLET_QR_UNSUPPORTED' });
    expect(refused.message).toContain('crypto-psbt');
    expect(refused.walletText).toBeUndefined();
    const descriptor = fixture('coldcard/desc-p2wsh-myself.txt').trim();
    expect(scan.receive(descriptor).walletText).toBe(descriptor);
  });

  it('refuses ur:bytes that are not UTF-8 text, and a frame of another session', () => {
    const binary = new Bytes(Buffer.from([0xff, 0xfe, 0x00, 0x80]));
    expect(new WalletQrScan().receive(new UREncoder(binary.toUR(), 10_000).nextPart())).toMatchObject({
      status: 'failed',
      code: 'WALLET_QR_INVALID',
    });
    const file = fixture('coldcard/export-p2wsh-myself.txt');
    const { parts } = splitBbqr(new TextEncoder().encode(file), 'U', { minSplit: 3, maxVersion: 12 });
    const other = splitBbqr(new TextEncoder().encode(`${file}\n`), 'U', { minSplit: 4, maxVersion: 12 });
    const scan = new WalletQrScan();
    expect(scan.receive(parts[0]!).status).toBe('progress');
    const foreign = scan.receive(other.parts[1]!);
    expect(foreign.status).toBe('rejected');
    expect(foreign.walletText).toBeUndefined();
  });

  it('still leaves every wallet rule to the importer: a scanned non-wallet text fails there', () => {
    const result = new WalletQrScan().receive('hello, this is not a wallet');
    expect(result.status).toBe('complete');
    expect(errorCodeOf(() => importWallet({ text: result.walletText! }))).toBe('WALLET_FILE_INVALID');
  });
});
