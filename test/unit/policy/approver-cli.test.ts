import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { approversFile } from '../../../src/ceremony/configuration';
import { runCli } from '../../helpers/cli';
import { enrolApprovers } from '../../helpers/device-setup';
import { buildPsbt, EXTERNAL_SCRIPT, TEST_MNEMONICS, testWallet } from '../../helpers/multisig-psbt';
import { cliWorkspace, sealAs } from '../psbt/cli-fixture';

const wallet = testWallet();
const psbt = buildPsbt({
  wallet,
  inputs: [{ index: 0, amount: 200_000n }],
  outputs: [
    { script: EXTERNAL_SCRIPT, amount: 100_000n },
    { change: { index: 0 }, amount: 99_000n },
  ],
});

describe('airlock approver on a sealed device', () => {
  it('stages enrolment, unlock and removal for the quorum instead of writing past the seal', async () => {
    const ws = cliWorkspace(wallet, { device: null });
    const codes = enrolApprovers(ws.dataDir, ['alice', 'bob']);
    sealAs(ws.dataDir, TEST_MNEMONICS[0]);
    const cli = (...args: string[]) => runCli(['--data-dir', ws.dataDir, ...args]);

    const pinFile = join(ws.dir, 'dave.pin');
    writeFileSync(pinFile, 'dave passphrase 1234\n');
    const enrolled = await cli('approver', 'enroll', 'dave', '--pin-file', pinFile);
    expect(enrolled.status).toBe(0);
    expect(OTPAuth.URI.parse(enrolled.stdout.trim())).toBeInstanceOf(OTPAuth.TOTP);
    expect(enrolled.stderr).toContain('counts once a quorum accepts the enrolment');
    expect(readFileSync(approversFile(ws.dataDir), 'utf8')).not.toContain('"dave"');

    const approvals = join(ws.dir, 'bob.json');
    writeFileSync(
      approvals,
      JSON.stringify({ approvals: [{ name: 'bob', pin: 'tulip anchor 482913', code: codes.bob?.() }] }),
    );
    const unlock = await cli('approver', 'unlock', 'alice', '--by', 'bob', '--approvals-file', approvals);
    expect(unlock.stdout).toContain("alice's unlock is staged");
    expect((await cli('approver', 'remove', 'bob')).status).toBe(0);
    expect((await cli('config', 'status')).stdout).toContain(
      [
        'changes since the last seal:',
        '  - enrol approver dave',
        '  - unlock approver alice (asked by bob)',
        '  - remove approver bob',
      ].join('\n'),
    );
    // Nothing was written past the seal: the device still signs under it.
    expect((await runCli(ws.signArgs(ws.writePsbt(psbt), ws.mnemonicFiles[0]!))).status).toBe(0);
    expect((await cli('config', 'accept', '--mnemonic-file', ws.mnemonicFiles[0]!)).status).toBe(0);
    const store = JSON.parse(readFileSync(approversFile(ws.dataDir), 'utf8'));
    expect(Object.keys(store.approvers).sort()).toEqual(['alice', 'dave']);
  });
});
