import { BIP32Factory } from 'bip32';
import { networks, payments } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { createAirlockMain } from '../../../main/api/app';
import { airlockCore } from '../../../main/api/core';
import { partitionedWallet } from '../../helpers/app';
import { tempDir } from '../../helpers/cli';
import { saveDeviceCosigner } from '../../helpers/device-setup';
import { value } from '../../helpers/ipc-result';

const { wallet } = partitionedWallet();

/** The wallet's address at chain/index straight from bitcoinjs-lib: sorted keys, 2-of-3 P2WSH. */
function referenceAddress(chain: number, index: number): string {
  const bip32 = BIP32Factory(ecc);
  const pubkeys = wallet.cosigners
    .map((c) => bip32.fromBase58(c.xpub, networks.testnet).derive(chain).derive(index).publicKey)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return payments.p2wsh({
    redeem: payments.p2ms({ m: 2, pubkeys, network: networks.testnet }),
    network: networks.testnet,
  }).address as string;
}

describe('wallet registration preview', () => {
  it('shows what would be registered, this device marked, and registers nothing', async () => {
    const dataDir = tempDir();
    saveDeviceCosigner(dataDir, wallet, 1);
    const { handlers } = createAirlockMain({ dataDir, core: airlockCore, appVersion: 'test' });
    const preview = await value(handlers.previewWallet({ text: wallet.descriptor, name: 'treasury' }));
    expect(preview).toMatchObject({
      name: 'treasury',
      network: 'testnet',
      scriptType: 'p2wsh',
      threshold: 2,
    });
    expect(preview.cosigners.map((c) => [c.fingerprint, c.path, c.thisDevice])).toEqual(
      wallet.cosigners.map((c, i) => [c.fingerprint, c.path, i === 1]),
    );
    expect(preview.firstReceiveAddress).toBe(referenceAddress(0, 0));
    expect(preview.firstChangeAddress).toBe(referenceAddress(1, 0));
    expect(await value(handlers.listWallets({}))).toEqual([]);
  });
});
