import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePsbt } from '../../../src/psbt/parse';
import { reviewPsbt } from '../../../src/psbt/review';
import { WalletDeriver } from '../../../src/wallet/derive';
import { loadWallet, registerWallet } from '../../../src/wallet/registry';
import { runCli } from '../../helpers/cli';
import { buildPsbt, EXTERNAL_SCRIPT, TEST_MNEMONICS, testWallet } from '../../helpers/multisig-psbt';
import { cliWorkspace, sealAs } from '../psbt/cli-fixture';

const customer = { ...testWallet({ name: 'customer-cold' }), owner: 'customer' as const };
const company = { ...testWallet({ name: 'company-cold', threshold: 1 }), owner: 'company' as const };
const customer2 = {
  ...testWallet({ name: 'customer-warm', scriptType: 'p2sh-p2wsh' }),
  owner: 'customer' as const,
};
const legacy = testWallet({ name: 'old-wallet', threshold: 3 });

/** A customer-wallet PSBT paying `to` at its receive index 4 (as a coordinator would: address only). */
function paying(to: typeof company | typeof legacy, withOrigins = false) {
  const script = new WalletDeriver(to).script(0, 4).outputScript;
  return buildPsbt({
    wallet: customer,
    inputs: [{ index: 0, amount: 500_000n }],
    outputs: [
      withOrigins
        ? { change: { chain: 0, index: 4 }, wallet: to, amount: 300_000n }
        : { script, amount: 300_000n },
      { change: { index: 0 }, amount: 199_000n },
    ],
  });
}

describe('transfers between registered wallets in the review', () => {
  const registeredWallets = [customer, company, customer2, legacy];
  it.each([false, true])(
    'an output paying another registered wallet is a transfer naming it (key origins given: %s)',
    (origins) => {
      const review = reviewPsbt({ psbt: paying(company, origins), wallet: customer, registeredWallets });
      expect(review.outputs[0]).toEqual({
        address: new WalletDeriver(company).address(0, 4),
        amount: 300_000,
        kind: 'transfer',
        wallet: 'company-cold',
        owner: 'company',
      });
      expect(review.outputs[1]!.kind).toBe('change');
    },
  );

  it('is external when the wallet paid is not registered, and a wallet is never its own transfer', () => {
    expect(reviewPsbt({ psbt: paying(company), wallet: customer }).outputs[0]!.kind).toBe('external');
    const self = reviewPsbt({ psbt: paying(company), wallet: customer, registeredWallets: [customer] });
    expect(self.outputs.map((o) => o.kind)).toEqual(['external', 'change']);
  });
});

/** A device with the four wallets registered, then sealed by cosigner 0's key. */
function workspace() {
  const ws = cliWorkspace(customer, { device: null });
  for (const w of [company, customer2, legacy]) registerWallet(ws.dataDir, w);
  sealAs(ws.dataDir, TEST_MNEMONICS[0]!);
  return ws;
}

/** A policy takes effect once staged and accepted by the quorum. */
async function sealPolicy(ws: ReturnType<typeof workspace>, file: string) {
  expect((await runCli(['--data-dir', ws.dataDir, 'policy', 'stage', file])).status).toBe(0);
  const accepted = await runCli(ws.acceptArgs());
  expect(accepted.status).toBe(0);
}

describe('customer and company funds apart (airlock sign)', () => {
  it('inspect --json gives the transfer its wallet and owner; the text says so', async () => {
    const ws = workspace();
    const file = ws.writePsbt(paying(company));
    const json = JSON.parse(
      (await runCli(['--data-dir', ws.dataDir, '--json', 'inspect', file, '--wallet', 'customer-cold']))
        .stdout,
    );
    expect(json.outputs[0]).toMatchObject({ kind: 'transfer', wallet: 'company-cold', owner: 'company' });
    const text = (await runCli(['--data-dir', ws.dataDir, 'inspect', file, '--wallet', 'customer-cold']))
      .stdout;
    expect(text).toContain('transfer to registered wallet company-cold (company)');
  });

  it('refuses customer funds moving to a company wallet without a policy, in plain words (exit 3)', async () => {
    const ws = workspace();
    const result = await runCli(ws.signArgs(ws.writePsbt(paying(company)), ws.mnemonicFiles[0]!));
    expect(result.status).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('customer funds may not move to a company wallet (company-cold)');
    expect(ws.audit().at(-1)).toMatchObject({
      event: 'refused',
      reason: expect.stringContaining('CROSS_OWNER_TRANSFER'),
    });
  });

  it('refuses a transfer to a wallet with no owner class; signs one to a wallet of the same class', async () => {
    const ws = workspace();
    const unassigned = await runCli(
      ws.signArgs(ws.writePsbt(paying(legacy), 'legacy.psbt'), ws.mnemonicFiles[0]!),
    );
    expect(unassigned.status).toBe(3);
    expect(unassigned.stderr).toContain('wallet old-wallet, which has no owner class');
    const same = await runCli(
      ws.signArgs(ws.writePsbt(paying(customer2), 'same.psbt'), ws.mnemonicFiles[0]!),
    );
    expect(same.stderr).toContain('signed 1 input(s)');
    expect(same.status).toBe(0);
  });

  it('signs the cross-class transfer when the policy names the wallet under crossOwnerTransfers', async () => {
    const ws = workspace();
    const policyFile = join(ws.dir, 'policy.json');
    const file = ws.writePsbt(paying(company));
    writeFileSync(
      policyFile,
      JSON.stringify({ wallet: 'customer-cold', crossOwnerTransfers: { to: ['customer-warm'] } }),
    );
    await sealPolicy(ws, policyFile);
    const other = await runCli(ws.signArgs(file, ws.mnemonicFiles[0]!));
    expect(other.status).toBe(3);
    writeFileSync(
      policyFile,
      JSON.stringify({ wallet: 'customer-cold', crossOwnerTransfers: { to: ['company-cold'] } }),
    );
    await sealPolicy(ws, policyFile);
    const allowed = await runCli(ws.signArgs(file, ws.mnemonicFiles[0]!));
    expect(allowed.stderr).toContain('signed 1 input(s)');
    expect(allowed.status).toBe(0);
  });
});

describe('owner class in the sealed configuration', () => {
  it('wallet owner stages the change; transfers follow the sealed class until the quorum accepts it', async () => {
    const ws = workspace();
    const file = ws.writePsbt(paying(legacy), 'legacy.psbt');
    const staged = await runCli(['--data-dir', ws.dataDir, 'wallet', 'owner', 'old-wallet', 'customer']);
    expect(staged.status).toBe(0);
    expect(staged.stderr).toContain('once a quorum accepts it');
    expect(loadWallet(ws.dataDir, 'old-wallet').owner).toBeUndefined();
    const status = await runCli(['--data-dir', ws.dataDir, 'config', 'status']);
    expect(status.stdout).toContain('set the owner class of wallet old-wallet to customer');
    expect(ws.audit().at(-1)).toMatchObject({
      event: 'wallet-owner',
      wallet: 'old-wallet',
      outcome: 'staged',
      details: { owner: 'customer', previous: null },
    });
    const before = await runCli(ws.signArgs(file, ws.mnemonicFiles[0]!));
    expect(before.status).toBe(3);
    expect(before.stderr).toContain('wallet old-wallet, which has no owner class');
    const accepted = await runCli(ws.acceptArgs());
    expect(accepted.status).toBe(0);
    expect(loadWallet(ws.dataDir, 'old-wallet').owner).toBe('customer');
    const after = await runCli(ws.signArgs(file, ws.mnemonicFiles[0]!));
    expect(after.stderr).toContain('signed 1 input(s)');
    expect(after.status).toBe(0);
  });

  it("a wallet's owner class edited in its file without the quorum is refused before any signature", async () => {
    const ws = workspace();
    const path = join(ws.dataDir, 'wallets', 'company-cold.json');
    writeFileSync(path, JSON.stringify({ ...loadWallet(ws.dataDir, 'company-cold'), owner: 'customer' }));
    // The gate judges by the sealed class (company), not by the edited file.
    const transfer = await runCli([
      '--json',
      ...ws.signArgs(ws.writePsbt(paying(company)), ws.mnemonicFiles[0]!),
    ]);
    expect(JSON.parse(transfer.stdout).error.code).toBe('CROSS_OWNER_TRANSFER');
    // Any other signature finds the file differing from the seal.
    const result = await runCli([
      '--json',
      ...ws.signArgs(ws.writePsbt(paying(customer2), 'same.psbt'), ws.mnemonicFiles[0]!),
    ]);
    expect(result.status).toBe(3);
    expect(JSON.parse(result.stdout).error.code).toBe('SEAL_BROKEN');
    expect(result.stderr).toContain('the wallet file company-cold.json was edited');
    expect(ws.audit().some((e) => e.event === 'signed')).toBe(false);
  });

  it('the owner given at registration on a sealed device is part of the staged wallet the quorum accepts', async () => {
    const ws = workspace();
    const spare = testWallet({ name: 'company-spare', scriptType: 'p2sh-p2wsh', threshold: 3 });
    const imported = await runCli([
      '--data-dir',
      ws.dataDir,
      'wallet',
      'import',
      spare.descriptor,
      '--name',
      'company-spare',
      '--owner',
      'company',
    ]);
    expect(imported.status).toBe(0);
    const status = await runCli(['--data-dir', ws.dataDir, 'config', 'status']);
    expect(status.stdout).toContain(
      'register wallet company-spare (testnet, 3-of-3 p2sh-p2wsh, company funds)',
    );
    await runCli(ws.acceptArgs());
    expect(loadWallet(ws.dataDir, 'company-spare').owner).toBe('company');
  });

  it('refuses an owner class other than customer or company (exit 2)', async () => {
    const ws = workspace();
    const bad = await runCli(['--data-dir', ws.dataDir, 'wallet', 'owner', 'old-wallet', 'treasury']);
    expect(bad.status).toBe(2);
    expect((await runCli(['--data-dir', ws.dataDir, 'config', 'status'])).stdout).toContain(
      'no changes since the last seal',
    );
  });
});

describe('owner class at registration', () => {
  it('wallet import --owner stores it; a wallet file without one stays readable as unassigned', async () => {
    const ws = cliWorkspace(legacy, { device: null });
    expect(loadWallet(ws.dataDir, 'old-wallet').owner).toBeUndefined();
    const shown = await runCli(['--data-dir', ws.dataDir, 'wallet', 'show', 'old-wallet']);
    expect(shown.stdout).toContain('Owner:      not assigned');
    const imported = await runCli([
      '--data-dir',
      ws.dataDir,
      '--json',
      'wallet',
      'import',
      company.descriptor,
      '--name',
      'company-cold',
      '--owner',
      'company',
    ]);
    expect(imported.status).toBe(0);
    expect(loadWallet(ws.dataDir, 'company-cold').owner).toBe('company');
    const bad = await runCli([
      '--data-dir',
      ws.dataDir,
      'wallet',
      'import',
      customer.descriptor,
      '--owner',
      'treasury',
    ]);
    expect(bad.status).toBe(2);
    expect(TEST_MNEMONICS).toHaveLength(3);
  });
});

it('EXTERNAL_SCRIPT stays external beside transfers', () => {
  const psbt = buildPsbt({
    wallet: customer,
    inputs: [{ index: 1, amount: 10_000n }],
    outputs: [{ script: EXTERNAL_SCRIPT, amount: 9000n }],
  });
  expect(
    reviewPsbt({ psbt: parsePsbt(psbt.toBase64()), wallet: customer, registeredWallets: [company] })
      .outputs[0]!.kind,
  ).toBe('external');
});
