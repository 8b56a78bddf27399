import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createAirlockMain } from '../../../main/api/app';
import { airlockCore } from '../../../main/api/core';
import { WalletDeriver } from '../../../src/wallet/derive';
import { tempDir } from '../../helpers/cli';
import { errorCode, value } from '../../helpers/ipc-result';
import { buildPsbt, testWallet } from '../../helpers/multisig-psbt';

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

describe('the app: transfers between owner classes', () => {
  it('names the wallet paid and lists the refusal with the review, without any policy', async () => {
    const handlers = app();
    const customer = testWallet({ name: 'customer-cold' });
    const company = testWallet({ name: 'company-cold', threshold: 1 });
    await value(handlers.importWallet({ text: company.descriptor, name: 'company-cold', owner: 'company' }));
    await value(
      handlers.importWallet({ text: customer.descriptor, name: 'customer-cold', owner: 'customer' }),
    );
    const psbt = buildPsbt({
      wallet: customer,
      inputs: [{ index: 0, amount: 100_000n }],
      outputs: [{ script: new WalletDeriver(company).script(0, 2).outputScript, amount: 99_000n }],
    });
    await value(handlers.startScan({}));
    await value(handlers.loadPsbtText({ text: psbt.toBase64() }));
    const { review, violations } = await value(handlers.reviewCurrent({}));
    expect(review.outputs[0]).toMatchObject({ kind: 'transfer', wallet: 'company-cold', owner: 'company' });
    expect(violations).toEqual([
      {
        code: 'CROSS_OWNER_TRANSFER',
        message: expect.stringContaining('customer funds may not move to a company wallet (company-cold)'),
        params: { output: 0, from: 'customer', to: 'company', wallet: 'company-cold' },
      },
    ]);
  });
});
