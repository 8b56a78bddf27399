import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createAirlockMain } from '../../../main/api/app';
import { airlockCore } from '../../../main/api/core';
import { WalletDeriver } from '../../../src/wallet/derive';
import { tempDir } from '../../helpers/cli';
import { errorCode, value } from '../../helpers/ipc-result';
import { testWallet } from '../../helpers/multisig-psbt';

function app() {
  const { handlers } = createAirlockMain({
    dataDir: tempDir(),
    core: airlockCore,
    appVersion: 'test',
    listInterfaces: () => ({
      lo: [{ address: '127.0.0.1', internal: true, family: 'IPv4' } as NetworkInterfaceInfo],
    }),
  });
  return handlers;
}

describe('the app: owner class at registration and "Verify an address"', () => {
  const wallet = testWallet();
  const deriver = new WalletDeriver(wallet);

  it('registers a wallet with its owner class and finds its addresses, grouped in fours', async () => {
    const handlers = app();
    const summary = await value(
      handlers.importWallet({ text: wallet.descriptor, name: 'company-cold', owner: 'company' }),
    );
    expect(summary.owner).toBe('company');
    expect((await value(handlers.listWallets({})))[0]?.owner).toBe('company');
    const address = deriver.address(1, 17);
    const found = await value(handlers.verifyAddress({ address: `bitcoin:${address}?amount=1` }));
    expect(found).toEqual({
      found: true,
      address,
      grouped: address.match(/.{1,4}/g)!.join(' '),
      range: 1000,
      wallet: 'company-cold',
      branch: 'change',
      index: 17,
    });
    const beyond = await value(handlers.verifyAddress({ address: deriver.address(0, 30), range: 30 }));
    expect(beyond).toMatchObject({ found: false, range: 30 });
  });

  it('refuses a malformed address and an unknown owner class as bad input', async () => {
    const handlers = app();
    await value(handlers.importWallet({ text: wallet.descriptor, name: 'treasury' }));
    expect(await errorCode(handlers.verifyAddress({ address: 'tb1qnotanaddress' }))).toBe('ADDRESS_INVALID');
    expect(
      await errorCode(
        handlers.importWallet({ text: wallet.descriptor, name: 'other', owner: 'treasury' } as never),
      ),
    ).not.toBe('ok');
  });
});
