import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Transaction } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { parsePsbt } from '../../../src/psbt/parse';
import { runCli } from '../../helpers/cli';
import { buildPsbt, EXTERNAL_SCRIPT, testWallet } from '../../helpers/multisig-psbt';
import { verifyTransaction } from '../../helpers/verify-tx';
import { cliWorkspace } from './cli-fixture';

const wallet = testWallet({ scriptType: 'p2wsh' });
const MESSAGE = 'Reserves of the customer cold wallet — 2026-12-01';

function workspace() {
  const ws = cliWorkspace(wallet);
  const coins = buildPsbt({
    wallet,
    inputs: [
      { index: 2, amount: 1_000_000n },
      { chain: 1, index: 9, amount: 250_000n },
    ],
    outputs: [{ script: EXTERNAL_SCRIPT, amount: 1_240_000n }],
  });
  const messageFile = join(ws.dir, 'message.txt');
  writeFileSync(messageFile, `${MESSAGE}\n`);
  return { ...ws, coinsFile: ws.writePsbt(coins, 'coins.psbt'), messageFile };
}

const data = (ws: { dataDir: string }, ...args: string[]) => runCli(['--data-dir', ws.dataDir, ...args]);

/** `airlock reserves prepare` of the workspace's coins: the CLI's output and the proof written to a file. */
async function prepareProof(ws: ReturnType<typeof workspace>) {
  const prepared = await data(
    ws,
    'reserves',
    'prepare',
    '--wallet',
    wallet.name,
    '--message-file',
    ws.messageFile,
    ws.coinsFile,
  );
  expect(prepared.status, prepared.stderr).toBe(0);
  return { prepared, proofFile: ws.writePsbt(parsePsbt(prepared.stdout), 'proof.psbt') };
}

describe('airlock reserves', () => {
  it('prepare, inspect, two cosigners sign, finalize, verify: the total is proven', async () => {
    const ws = workspace();
    const { prepared, proofFile } = await prepareProof(ws);

    const inspected = await data(ws, 'inspect', proofFile, '--wallet', wallet.name);
    expect(inspected.stdout).toContain(
      `Proof of reserves — message "${MESSAGE}"; proves 0.01250000 BTC in 2 coin(s) of wallet treasury; this transaction can never be confirmed`,
    );
    const json = JSON.parse((await data(ws, '--json', 'inspect', proofFile)).stdout);
    expect(json.purpose).toEqual({ kind: 'proof-of-reserves', message: MESSAGE, total: 1_250_000, coins: 2 });

    const { combined, finished, results } = await ws.cosignAndFinalize(proofFile, [0, 1]);
    for (const result of results) expect(result.stderr).toContain('signed 2 input(s)');
    const signedEntry = ws.audit().find((e) => e.event === 'signed');
    expect(signedEntry?.summary).toMatchObject({
      sent: 0,
      purpose: { kind: 'proof-of-reserves', total: 1_250_000 },
    });

    const verified = await runCli(['reserves', 'verify', finished, '--message-file', ws.messageFile]);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain('Proves 0.01250000 BTC in 2 coin(s)');
    const verifiedJson = JSON.parse((await runCli(['--json', 'reserves', 'verify', finished])).stdout);
    expect(verifiedJson).toMatchObject({ valid: true, message: MESSAGE, total: 1_250_000 });

    const txHex = (await runCli(['finalize', combined, '--extract'])).stdout.trim();
    const tx = Transaction.fromHex(txHex);
    expect(tx.ins).toHaveLength(3);
    const proof = parsePsbt(prepared.stdout);
    const coins = proof.data.inputs.map((input, i) =>
      i === 0
        ? { script: Uint8Array.of(0x51), value: 0n }
        : Transaction.fromBuffer(input.nonWitnessUtxo!).outs[proof.txInputs[i]!.index]!,
    );
    expect(verifyTransaction(txHex, coins)).toEqual([]);
  });

  it('verify refuses (exit 3) an unfinished proof and a proof of another message', async () => {
    const ws = workspace();
    const { prepared, proofFile } = await prepareProof(ws);
    const unfinished = await runCli(['reserves', 'verify', proofFile]);
    expect(unfinished.status).toBe(2);
    expect(unfinished.stderr).toContain('input 1 of the proof is not finalized');

    const forged = parsePsbt(prepared.stdout);
    forged.data.inputs[0]!.porCommitment = 'Reserves of somebody else';
    const forgedFile = ws.writePsbt(forged, 'forged.psbt');
    for (const args of [
      ['reserves', 'verify', forgedFile],
      ['--data-dir', ws.dataDir, 'inspect', forgedFile],
    ]) {
      const result = await runCli(args);
      expect(result.status).toBe(3);
      expect(result.stderr).toContain('not a proof: input 0 does not spend the commitment of its message');
    }
    const signRefused = await runCli(ws.signArgs(forgedFile, ws.mnemonicFiles[0]!));
    expect(signRefused.status).toBe(3);
    expect(signRefused.stdout).toBe('');
  });

  it('prepare refuses coins of another wallet (exit 3)', async () => {
    const ws = workspace();
    const other = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 5000n, from: testWallet({ threshold: 1 }) }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 4000n }],
    });
    const result = await data(
      ws,
      'reserves',
      'prepare',
      '--wallet',
      wallet.name,
      '--message-file',
      ws.messageFile,
      ws.writePsbt(other, 'other.psbt'),
    );
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('input 0 is not a coin of wallet treasury');
  });
});

describe('airlock audit report after a proof and a transfer', () => {
  it('lists the proof of reserves signed (message, total), sends nothing for it, and ends with the audit head', async () => {
    const ws = workspace();
    const { proofFile } = await prepareProof(ws);
    expect((await runCli(ws.signArgs(proofFile, ws.mnemonicFiles[0]!))).status).toBe(0);
    const report = JSON.parse((await data(ws, '--json', 'audit', 'report')).stdout);
    expect(report.rows).toEqual([
      expect.objectContaining({
        wallet: 'treasury',
        count: 1,
        sent: 0,
        destinations: [],
        proofs: [{ message: MESSAGE, total: 1_250_000 }],
      }),
    ]);
    const entries = ws.audit();
    expect(report.head).toEqual({ seq: entries.at(-1)!.seq, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const text = (await data(ws, 'audit', 'report')).stdout;
    expect(text).toContain(`proof of reserves "${MESSAGE}"  0.01250000 BTC`);
    expect(text).toContain(`audit head: ${entries.at(-1)!.seq}:${report.head.hash}`);
  });
});
