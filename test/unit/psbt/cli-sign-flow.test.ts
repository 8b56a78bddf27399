import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveInterfaces, machineInterfaces } from '../../../src/ceremony/interfaces';
import { parsePsbt, psbtHash } from '../../../src/psbt/parse';
import { ReviewModelSchema } from '../../../src/psbt/review-model';
import { signPsbt } from '../../../src/psbt/sign';
import { registerWallet } from '../../../src/wallet/registry';
import { runCli } from '../../helpers/cli';
import { buildPsbt, EXTERNAL_SCRIPT, seedOf, TEST_MNEMONICS, testWallet } from '../../helpers/multisig-psbt';
import { spentCoinsOf, verifyTransaction } from '../../helpers/verify-tx';
import { cliWorkspace } from './cli-fixture';

const wallet = testWallet({ scriptType: 'p2sh-p2wsh' });
const inputs = [
  { index: 1, amount: 200_000n },
  { chain: 1 as const, index: 0, amount: 30_000n },
];
const unsigned = () =>
  buildPsbt({
    wallet,
    inputs,
    outputs: [
      { script: EXTERNAL_SCRIPT, amount: 150_000n },
      { change: { index: 1 }, amount: 78_000n },
    ],
  });

describe('airlock inspect', () => {
  it('prints exactly the ReviewModel with --json', async () => {
    const ws = cliWorkspace(wallet);
    const file = ws.writePsbt(unsigned(), 'in.psbt', 'hex');
    const result = await runCli([
      '--data-dir',
      ws.dataDir,
      '--json',
      'inspect',
      file,
      '--wallet',
      wallet.name,
    ]);
    expect(result.status).toBe(0);
    const review = JSON.parse(result.stdout);
    expect(ReviewModelSchema.strict().parse(review)).toEqual(review);
    expect(Object.keys(review)).toEqual([
      'network',
      'inputs',
      'outputs',
      'fee',
      'feeRate',
      'vsize',
      'signatures',
      'warnings',
    ]);
    expect(review.fee).toBe(2_000);
    expect(review.outputs.map((o: { kind: string }) => o.kind)).toEqual(['external', 'change']);
  });

  it('prints a table for people, using the only registered wallet when none is named', async () => {
    const ws = cliWorkspace(wallet);
    const file = ws.writePsbt(unsigned(), 'in.psbt', 'binary');
    const result = await runCli(['--data-dir', ws.dataDir, 'inspect', file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Wallet treasury (testnet, 2-of-3 p2sh-p2wsh)');
    expect(result.stdout).toContain('Fee: 2000 sat');
    expect(result.stdout).toContain('Signatures: 0 of 4');
    expect(result.stdout).toMatch(/^ +1 +2\w{34} +78000 +change$/m);
  });

  it('asks for --wallet when several wallets are registered', async () => {
    const ws = cliWorkspace(wallet);
    registerWallet(ws.dataDir, testWallet({ name: 'other' }));
    const result = await runCli(['--data-dir', ws.dataDir, 'inspect', ws.writePsbt(unsigned())]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('2 wallets are registered; name one with --wallet');
  });

  it('says which wallet is missing', async () => {
    const ws = cliWorkspace(wallet);
    const result = await runCli([
      '--data-dir',
      ws.dataDir,
      'inspect',
      ws.writePsbt(unsigned()),
      '--wallet',
      'nope',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no wallet is registered as "nope"');
  });
});

describe('airlock sign, combine and finalize', () => {
  it('two cosigners, each on its own device, sign (file and standard input), combine, finalize and extract a valid transaction', async () => {
    const ws = cliWorkspace(wallet);
    const deviceB = cliWorkspace(wallet, { device: 1 });
    const input = ws.writePsbt(unsigned());
    const before = readFileSync(input);
    const base = ['--data-dir', ws.dataDir];

    const a = await runCli([
      ...base,
      'sign',
      input,
      '--wallet',
      wallet.name,
      '--mnemonic-file',
      ws.mnemonicFiles[0]!,
    ]);
    expect(a.status).toBe(0);
    expect(a.stderr).toContain('signed 2 input(s)');
    const signedA = parsePsbt(a.stdout);
    expect(signedA.data.inputs.map((i) => i.partialSig?.length)).toEqual([1, 1]);

    const outB = join(ws.dir, 'b.psbt');
    const b = await runCli(
      [
        '--data-dir',
        deviceB.dataDir,
        'sign',
        '-',
        '--wallet',
        wallet.name,
        '--mnemonic-file',
        ws.mnemonicFiles[1]!,
        '--out',
        outB,
      ],
      { stdin: readFileSync(input) },
    );
    expect(b.status).toBe(0);
    expect(b.stdout).toBe('');

    const aFile = ws.writePsbt(signedA, 'a.psbt');
    const combined = await runCli([...base, 'combine', aFile, outB]);
    expect(combined.status).toBe(0);
    const combinedFile = ws.writePsbt(parsePsbt(combined.stdout), 'combined.psbt');

    const finalized = await runCli([...base, 'finalize', combinedFile, '--extract']);
    expect(finalized.status).toBe(0);
    const spent = spentCoinsOf(parsePsbt(readFileSync(input)));
    expect(verifyTransaction(finalized.stdout.trim(), spent)).toEqual([]);

    expect(readFileSync(input)).toEqual(before);
    const events = ws.audit();
    const ceremony = (dir: ReturnType<typeof cliWorkspace>) =>
      dir
        .audit()
        .map((e) => e.event)
        .filter((e) => e !== 'config-sealed');
    // The air-gap guard checks the machine (isolated here) right before the signature.
    expect(ceremony(ws)).toEqual(['psbt-loaded', 'review-shown', 'airgap-check', 'signed']);
    expect(ceremony(deviceB)).toEqual(['psbt-loaded', 'review-shown', 'airgap-check', 'signed']);
    expect(events.at(-2)).toMatchObject({ event: 'airgap-check', outcome: 'isolated' });
    expect(events.at(-1)).toMatchObject({
      wallet: wallet.name,
      psbtHash: psbtHash(parsePsbt(before)),
      psbtOutHash: psbtHash(signedA),
      outcome: 'signed',
    });
    expect(JSON.stringify(events)).not.toContain('abandon');
  });

  it('finalize refuses a PSBT without enough signatures', async () => {
    const ws = cliWorkspace(wallet);
    const a = await runCli(ws.signArgs(ws.writePsbt(unsigned()), ws.mnemonicFiles[0]!));
    const result = await runCli([
      '--data-dir',
      ws.dataDir,
      'finalize',
      ws.writePsbt(parsePsbt(a.stdout), 'a.psbt'),
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('input 1 has 1 of the 2 signatures it needs');
  });

  it('combine refuses PSBTs of different transactions', async () => {
    const ws = cliWorkspace(wallet);
    const other = buildPsbt({
      wallet,
      inputs: [{ index: 9, amount: 1_000n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 500n }],
    });
    const result = await runCli([
      '--data-dir',
      ws.dataDir,
      '--json',
      'combine',
      ws.writePsbt(unsigned()),
      ws.writePsbt(other, 'other.psbt'),
    ]);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout).error.code).toBe('PSBT_MISMATCH');
  });

  it('refuses to write the output over the input file', async () => {
    const ws = cliWorkspace(wallet);
    const input = ws.writePsbt(unsigned());
    const result = await runCli(ws.signArgs(input, ws.mnemonicFiles[0]!, '--out', input));
    expect(result.status).toBe(2);
    expect(parsePsbt(readFileSync(input)).data.inputs[0]!.partialSig).toBeUndefined();
  });
});

/** `unshare -rn` runs a process in a network namespace of its own: only a loopback that is down. */
const NETWORK_NAMESPACE = spawnSync('unshare', ['-rn', 'true']).status === 0;
/** Whether this host has a non-loopback interface up (the real bin must then refuse without an override). */
const HOST_CONNECTED = liveInterfaces(machineInterfaces).length > 0;
if (!NETWORK_NAMESPACE)
  console.warn(
    'skipping the isolated-machine sign process test: `unshare -rn` is not available on this host',
  );
if (!HOST_CONNECTED)
  console.warn('skipping the networked-host sign process test: this host has no network interface up');

function airlockProcess(args: string[], { isolated = false } = {}) {
  const command = [process.execPath, 'bin/airlock.js', ...args];
  const [file, ...rest] = isolated ? ['unshare', '-rn', ...command] : command;
  return spawnSync(file as string, rest, { encoding: 'utf8', timeout: 60_000 });
}

describe('airlock sign as a process', () => {
  it.skipIf(!NETWORK_NAMESPACE)(
    'on an isolated machine (a network namespace of its own) signs without any override, exactly as the core does, with the derivation workers',
    () => {
      const big = testWallet();
      const ws = cliWorkspace(big, { device: 1 });
      // 100 inputs x 3 cosigners: over the pool's threshold, so workers share the derivations.
      const psbt = buildPsbt({
        wallet: big,
        inputs: Array.from({ length: 100 }, (_, index) => ({ index, amount: 10_000n })),
        outputs: [{ script: EXTERNAL_SCRIPT, amount: 990_000n }],
      });
      const file = ws.writePsbt(psbt);
      const out = join(ws.dir, 'out.psbt');
      const result = airlockProcess(ws.signArgs(file, ws.mnemonicFiles[1]!, '--out', out), {
        isolated: true,
      });
      expect(result.stderr).not.toContain('    at ');
      expect(result.status, result.stderr).toBe(0);
      const expected = signPsbt({
        psbt: parsePsbt(psbt.toBase64()),
        wallet: big,
        seed: seedOf(TEST_MNEMONICS[1]),
      });
      expect(readFileSync(out, 'utf8').trim()).toBe(expected.psbt.toBase64());
      expect(ws.audit().findLast((e) => e.event === 'airgap-check')).toMatchObject({ outcome: 'isolated' });
    },
    90_000,
  );

  it.skipIf(!HOST_CONNECTED)(
    "on this networked host checks the machine's own interfaces: refused without a sealed override, signed with one",
    async () => {
      const ws = cliWorkspace(wallet);
      const file = ws.writePsbt(unsigned());
      const out = join(ws.dir, 'out.psbt');
      const refused = airlockProcess(ws.signArgs(file, ws.mnemonicFiles[0]!, '--out', out));
      expect(refused.status, refused.stderr).toBe(3);
      expect(refused.stderr).toMatch(/signing is refused because a network interface is up \(.+\)/);
      expect(existsSync(out)).toBe(false);
      expect(ws.audit().at(-1)).toMatchObject({
        event: 'refused',
        reason: expect.stringContaining('AIRGAP_BLOCKED'),
      });
      // What an operator on a networked machine needs: the override asked for, and a quorum sealing it.
      const asked = airlockProcess(['--data-dir', ws.dataDir, 'airgap', 'request', 'test host on a network']);
      expect(asked.status, asked.stderr).toBe(0);
      expect((await runCli(ws.acceptArgs())).status).toBe(0);
      const signed = airlockProcess(ws.signArgs(file, ws.mnemonicFiles[0]!, '--out', out));
      expect(signed.status, signed.stderr).toBe(0);
      expect(ws.audit().findLast((e) => e.event === 'airgap-check')).toMatchObject({ outcome: 'overridden' });
    },
    90_000,
  );
});
