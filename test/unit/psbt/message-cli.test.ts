import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WalletDeriver } from '../../../src/wallet/derive';
import { runCli } from '../../helpers/cli';
import { testWallet } from '../../helpers/multisig-psbt';
import { cliWorkspace } from './cli-fixture';

const wallet = testWallet({ scriptType: 'p2wsh' });
const MESSAGE = 'Deposit address of Airlock Treasury KK\nverified 2026-12-01';

describe('airlock message', () => {
  it('prepare, inspect, two cosigners sign, finalize, take the signature, verify', async () => {
    const ws = cliWorkspace(wallet);
    const address = new WalletDeriver(wallet).address(1, 3);
    const messageFile = join(ws.dir, 'message.txt');
    writeFileSync(messageFile, `${MESSAGE}\n`);
    const data = ['--data-dir', ws.dataDir];
    const prepared = await runCli([
      ...data,
      'message',
      'prepare',
      '--wallet',
      wallet.name,
      '--address',
      address,
      '--message-file',
      messageFile,
      '--out',
      join(ws.dir, 'to_sign.psbt'),
    ]);
    expect(prepared.status).toBe(0);
    expect(prepared.stderr).toContain('change address 3 of wallet treasury');
    const toSign = join(ws.dir, 'to_sign.psbt');

    const inspected = await runCli([...data, 'inspect', toSign]);
    expect(inspected.stdout).toContain(
      `Sign message "${MESSAGE}" for address ${address} of wallet treasury; nothing is paid`,
    );

    const { finished } = await ws.cosignAndFinalize(toSign, [2, 1]);
    const signature = (await runCli(['message', 'signature', finished])).stdout.trim();
    expect(signature).toMatch(/^[A-Za-z0-9+/]+=*$/);

    const verify = () =>
      runCli([
        'message',
        'verify',
        '--address',
        address,
        '--message-file',
        messageFile,
        '--signature',
        signature,
      ]);
    const verified = await verify();
    expect(verified.status).toBe(0);
    expect(verified.stdout).toBe(`valid BIP-322 signature by ${address}\n`);

    writeFileSync(messageFile, 'Deposit address of somebody else\n');
    const wrong = await verify();
    expect(wrong.status).toBe(3);
  });

  it("prepare refuses an address that is not the wallet's (exit 3)", async () => {
    const ws = cliWorkspace(wallet);
    const messageFile = join(ws.dir, 'message.txt');
    writeFileSync(messageFile, MESSAGE);
    const other = new WalletDeriver(testWallet({ threshold: 1 })).address(0, 0);
    const result = await runCli([
      '--data-dir',
      ws.dataDir,
      'message',
      'prepare',
      '--address',
      other,
      '--message-file',
      messageFile,
      '--range',
      '20',
    ]);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(
      'is not among the first 20 receive and 20 change addresses of wallet treasury',
    );
  });
});
