import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { airgapFile } from '../../../src/ceremony/configuration';
import { parsePsbt } from '../../../src/psbt/parse';
import { signPsbt } from '../../../src/psbt/sign';
import { CONNECTED_MACHINE, runCli } from '../../helpers/cli';
import { APPROVER_PASSPHRASE, enrolApprovers, writeWalletPolicy } from '../../helpers/device-setup';
import { buildPsbt, EXTERNAL_SCRIPT, seedOf, TEST_MNEMONICS, testWallet } from '../../helpers/multisig-psbt';
import { cliWorkspace, sealAs } from '../psbt/cli-fixture';

const wallet = testWallet();
const psbt = buildPsbt({
  wallet,
  inputs: [{ index: 0, amount: 100_000n }],
  outputs: [{ script: EXTERNAL_SCRIPT, amount: 90_000n }],
});
const connected = { listInterfaces: CONNECTED_MACHINE };

/** A sealed device on a machine with Wi-Fi up, and `sign` as its cosigner into out.psbt. */
function connectedDevice() {
  const ws = cliWorkspace(wallet);
  const input = ws.writePsbt(psbt);
  const out = join(ws.dir, 'out.psbt');
  const airlock = (...args: string[]) => runCli(['--data-dir', ws.dataDir, ...args], connected);
  const sign = () => runCli(ws.signArgs(input, ws.mnemonicFiles[0]!, '--out', out), connected);
  const accept = () => airlock('config', 'accept', '--mnemonic-file', ws.mnemonicFiles[0]!);
  return { ws, out, airlock, sign, accept };
}

async function expectRefusedOnline(device: ReturnType<typeof connectedDevice>) {
  const before = device.ws.audit().length;
  const result = await device.sign();
  expect(result.status, result.stderr).toBe(3);
  expect(result.stderr).toContain('a network interface is up (wlan0)');
  expect(result.stderr).toContain('airlock airgap request REASON');
  expect(result.stderr).toContain('airlock config accept');
  expect(result.stderr).not.toContain('    at ');
  expect(existsSync(device.out)).toBe(false);
  const events = device.ws.audit().slice(before);
  expect(events.some((e) => e.event === 'signed')).toBe(false);
  expect(events.at(-2)).toMatchObject({
    event: 'airgap-check',
    outcome: 'connected',
    details: { when: 'before-signing', interfaces: ['wlan0'] },
  });
  expect(events.at(-1)).toMatchObject({
    event: 'refused',
    outcome: 'refused',
    reason: expect.stringContaining('AIRGAP_BLOCKED'),
  });
}

describe('airlock sign on a machine with a network up', () => {
  it('is refused (exit 3) without a sealed override, says why and how to ask, and writes nothing', async () => {
    const device = connectedDevice();
    await expectRefusedOnline(device);
    const json = await runCli(
      ['--json', ...device.ws.signArgs(device.ws.writePsbt(psbt, 'again.psbt'), device.ws.mnemonicFiles[0]!)],
      connected,
    );
    expect(json.status).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'AIRGAP_BLOCKED' } });
  });

  it('an override asked for is staged and audited, and signing stays refused until a quorum accepts it', async () => {
    const device = connectedDevice();
    const requested = await device.airlock('airgap', 'request', 'coordinator test on the office network');
    expect(requested.status, requested.stderr).toBe(0);
    expect(requested.stdout).toContain('connected (wlan0 192.168.1.20): signing is refused');
    expect(requested.stdout).toContain('sealed setting: refuse signing while a network is up');
    expect(requested.stdout).toContain('staged: an override, not in force until a quorum accepts it');
    expect(device.ws.audit().at(-1)).toMatchObject({
      event: 'airgap-override',
      reason: 'coordinator test on the office network',
      outcome: 'staged',
      details: { source: 'cli', interfaces: ['wlan0'] },
    });
    const status = await device.airlock('config', 'status');
    expect(status.stdout).toContain(
      'changes since the last seal:\n  - allow signing while a network is up (coordinator test on the office network)',
    );
    await expectRefusedOnline(device);

    expect((await device.accept()).status).toBe(0);
    const shown = await device.airlock('--json', 'airgap', 'status');
    expect(JSON.parse(shown.stdout)).toEqual({
      state: 'overridden',
      interfaces: [{ name: 'wlan0', address: '192.168.1.20' }],
      signingAllowed: true,
      sealed: { allowNetwork: true, reason: 'coordinator test on the office network' },
      staged: null,
    });
    const signed = await device.sign();
    expect(signed.status, signed.stderr).toBe(0);
    const expected = signPsbt({ psbt: parsePsbt(psbt.toBase64()), wallet, seed: seedOf(TEST_MNEMONICS[0]) });
    expect(readFileSync(device.out, 'utf8').trim()).toBe(expected.psbt.toBase64());
    const [check, entry] = device.ws.audit().slice(-2);
    expect(check).toMatchObject({ event: 'airgap-check', outcome: 'overridden' });
    expect(entry).toMatchObject({ event: 'signed', outcome: 'signed' });
  });

  it('a withdrawal refuses again at once, before any quorum, and is staged to be sealed', async () => {
    const device = connectedDevice();
    await device.airlock('airgap', 'request', 'coordinator test');
    expect((await device.accept()).status).toBe(0);
    expect((await device.sign()).status).toBe(0);
    const withdrawn = await device.airlock('airgap', 'withdraw', 'test done');
    expect(withdrawn.status).toBe(0);
    expect(withdrawn.stdout).toContain('signing is refused');
    expect(withdrawn.stdout).toContain("staged: the override's withdrawal, in force already");
    expect(device.ws.audit().at(-1)).toMatchObject({
      event: 'airgap-override-withdrawn',
      reason: 'test done',
      outcome: 'staged',
      details: { source: 'cli' },
    });
    rmSync(device.out);
    await expectRefusedOnline(device);
    // Asking again does not undo a withdrawal the quorum has not sealed yet.
    expect((await device.airlock('airgap', 'request', 'once more')).status).toBe(0);
    expect(device.ws.audit().at(-1)).toMatchObject({
      event: 'airgap-override',
      outcome: 'withdrawal-pending',
    });
    await expectRefusedOnline(device);
    expect((await device.accept()).status).toBe(0);
    expect(JSON.parse(readFileSync(airgapFile(device.ws.dataDir), 'utf8'))).toEqual({
      allowNetwork: false,
      reason: null,
    });
    await expectRefusedOnline(device);
  });

  it("accepting the override needs the approvals the wallets' sealed policies ask for", async () => {
    const ws = cliWorkspace(wallet, { device: null });
    const codes = enrolApprovers(ws.dataDir, ['alice']);
    writeWalletPolicy(ws.dataDir, wallet, { approvals: { required: 1, approvers: ['alice'] } });
    sealAs(ws.dataDir, TEST_MNEMONICS[0]);
    const airlock = (...args: string[]) => runCli(['--data-dir', ws.dataDir, ...args], connected);
    expect((await airlock('airgap', 'request', 'coordinator test')).status).toBe(0);
    const accept = ['config', 'accept', '--mnemonic-file', ws.mnemonicFiles[0]!];
    const alone = await airlock(...accept);
    expect(alone.status).toBe(3);
    expect(alone.stdout).toContain('accepting needs 1 approval(s) of alice');
    expect(JSON.parse((await airlock('--json', 'airgap', 'status')).stdout)).toMatchObject({
      state: 'connected',
      staged: 'request',
    });
    const approvals = join(ws.dir, 'alice.json');
    writeFileSync(
      approvals,
      JSON.stringify({ approvals: [{ name: 'alice', pin: APPROVER_PASSPHRASE, code: codes.alice?.() }] }),
    );
    expect((await airlock(...accept, '--approvals-file', approvals)).status).toBe(0);
    expect(JSON.parse((await airlock('--json', 'airgap', 'status')).stdout)).toMatchObject({
      state: 'overridden',
      staged: null,
    });
  });

  it('a request withdrawn before the quorum saw it is dropped', async () => {
    const device = connectedDevice();
    await device.airlock('airgap', 'request', 'coordinator test');
    const withdrawn = await device.airlock('airgap', 'withdraw');
    expect(withdrawn.stdout).not.toContain('staged:');
    expect(device.ws.audit().at(-1)).toMatchObject({
      event: 'airgap-override-withdrawn',
      outcome: 'request-dropped',
    });
    expect((await device.airlock('config', 'status')).stdout).toContain('no changes since the last seal');
  });

  it('air-gap settings written without the quorum are a seal difference, not an override', async () => {
    const device = connectedDevice();
    writeFileSync(airgapFile(device.ws.dataDir), JSON.stringify({ allowNetwork: true, reason: 'me' }));
    expect(JSON.parse((await device.airlock('--json', 'airgap', 'status')).stdout).state).toBe('connected');
    const result = await device.sign();
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('the air-gap settings were edited');
    expect(existsSync(device.out)).toBe(false);
    expect(device.ws.audit().at(-1)).toMatchObject({
      event: 'refused',
      reason: expect.stringContaining('SEAL_BROKEN'),
    });
  });

  it('names each interface once, with its addresses', async () => {
    const ws = cliWorkspace(wallet);
    const ethernet = CONNECTED_MACHINE().wlan0![0]!;
    const dualStack = {
      listInterfaces: () => ({
        eth0: [
          { ...ethernet, address: '192.0.2.2' },
          { ...ethernet, family: 'IPv6' as const, address: 'fe80::1', scopeid: 2 },
        ],
      }),
    };
    const status = await runCli(['--data-dir', ws.dataDir, 'airgap', 'status'], dualStack);
    expect(status.stdout).toContain('connected (eth0 192.0.2.2 fe80::1): signing is refused');
    const signed = await runCli(ws.signArgs(ws.writePsbt(psbt), ws.mnemonicFiles[0]!), dualStack);
    expect(signed.status).toBe(3);
    expect(signed.stderr).toContain('a network interface is up (eth0) and no override is sealed');
  });

  it('asks for a reason of 3 to 200 characters and knows its subcommands (exit 2)', async () => {
    const device = connectedDevice();
    expect((await device.airlock('airgap', 'request')).status).toBe(2);
    expect((await device.airlock('airgap', 'request', ' ok ')).stderr).toContain('3 to 200 characters');
    expect((await device.airlock('airgap', 'request', 'x'.repeat(201))).status).toBe(2);
    expect((await device.airlock('airgap', 'request', 'two', 'words')).status).toBe(2);
    expect((await device.airlock('airgap', 'open')).status).toBe(2);
    expect((await device.airlock('airgap', 'status', '--force')).status).toBe(2);
    expect((await device.airlock('config', 'status')).stdout).toContain('no changes since the last seal');
  });
});

describe('airlock airgap on an isolated machine', () => {
  it('says signing is allowed, and documents itself in its help and the top-level help', async () => {
    const ws = cliWorkspace(wallet);
    const status = await runCli(['--data-dir', ws.dataDir, 'airgap', 'status']);
    expect(status.stdout).toBe(
      'isolated: no network interface is up; signing is allowed\nsealed setting: refuse signing while a network is up\n',
    );
    const help = await runCli(['airgap', '--help']);
    expect(help.stdout).toMatch(/airlock airgap request REASON/);
    expect(help.stdout).toMatch(/airlock airgap withdraw/);
    expect((await runCli(['--help'])).stdout).toMatch(/^ {2}airgap +the air-gap guard/m);
    expect((await runCli(['sign', '--help'])).stdout).toContain(
      'Refused (exit 3) while a network interface is up',
    );
  });
});
