import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { address } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { createAirlockMain } from '../../../main/api/app';
import { airlockCore } from '../../../main/api/core';
import { bitcoinNetwork } from '../../../src/common/network';
import { partitionedWallet } from '../../helpers/app';
import { runCli, tempDir } from '../../helpers/cli';
import { value } from '../../helpers/ipc-result';
import { buildPsbt, EXTERNAL_SCRIPT } from '../../helpers/multisig-psbt';
import { shareIndices } from '../../helpers/shares';

const { wallet, shares } = partitionedWallet();
const spend = (amount: bigint, changeIndex: number) =>
  buildPsbt({
    wallet,
    inputs: [{ index: changeIndex, amount: 10_000_000n }],
    outputs: [
      { script: EXTERNAL_SCRIPT, amount },
      { change: { index: changeIndex }, amount: 10_000_000n - amount - 2_000n },
    ],
  }).toBase64();

describe('the daily report over one data directory signed in by the app and the CLI', () => {
  it('reads both kinds of signed entries alike: addresses and amounts, never "(no address) NaN BTC"', async () => {
    const dataDir = tempDir();
    const { handlers } = createAirlockMain({
      dataDir,
      core: airlockCore,
      appVersion: 'test',
      listInterfaces: () => ({}),
    });
    await value(handlers.importWallet({ text: wallet.descriptor, name: 'treasury' }));
    await value(handlers.loadPsbtText({ text: spend(1_000_000n, 1) }));
    await value(handlers.reviewCurrent({}));
    await value(handlers.confirmReview({}));
    await value(handlers.addShare({ indices: shareIndices(shares[0] ?? '') }));
    await value(handlers.addShare({ indices: shareIndices(shares[1] ?? '') }));
    await value(handlers.sign({ format: 'base64' }));

    const dir = tempDir();
    const psbtFile = join(dir, 'cli.psbt');
    writeFileSync(psbtFile, spend(250_000n, 2));
    const shareFiles = [0, 2].map((i) => {
      const file = join(dir, `share-${i}.txt`);
      writeFileSync(file, shares[i] ?? '');
      return file;
    });
    const cli = await runCli([
      '--data-dir',
      dataDir,
      'sign',
      psbtFile,
      '--wallet',
      'treasury',
      ...shareFiles.flatMap((f) => ['--share-file', f]),
    ]);
    expect(cli.status, cli.stderr).toBe(0);

    const external = address.fromOutputScript(EXTERNAL_SCRIPT, bitcoinNetwork(wallet.network));
    const json = await runCli(['--data-dir', dataDir, '--json', 'audit', 'report']);
    const { rows } = JSON.parse(json.stdout) as {
      rows: Array<{ wallet: string; count: number; sent: number; fees: number; destinations: unknown[] }>;
    };
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ wallet: 'treasury', count: 2, sent: 1_250_000, fees: 4_000 });
    expect(rows[0]?.destinations).toEqual([
      { address: external, amount: 1_000_000 },
      { address: external, amount: 250_000 },
    ]);
    const text = await runCli(['--data-dir', dataDir, 'audit', 'report']);
    expect(text.stdout).toContain(`${external}  0.01000000 BTC`);
    expect(text.stdout).toContain(`${external}  0.00250000 BTC`);
    expect(text.stdout).not.toMatch(/no address|NaN|not recorded/);
  });
});
