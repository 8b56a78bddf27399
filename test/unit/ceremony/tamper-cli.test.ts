import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { auditPath } from '../../../src/audit/log';
import { airgapFile, approversFile, policyFile, writePolicyFile } from '../../../src/ceremony/configuration';
import { sealPath } from '../../../src/ceremony/seal';
import { enrollApprover } from '../../../src/policy/approvers';
import { walletId } from '../../../src/wallet/identity';
import { registerWallet } from '../../../src/wallet/registry';
import { runCli } from '../../helpers/cli';
import {
  buildPsbt,
  EXTERNAL_SCRIPT,
  lookalikeWallet,
  OUTSIDER_MNEMONIC,
  TEST_MNEMONICS,
  testWallet,
} from '../../helpers/multisig-psbt';
import { cliWorkspace, sealAs } from '../psbt/cli-fixture';

const wallet = testWallet();
const spend = (amount = 100_000n) =>
  buildPsbt({
    wallet,
    inputs: [{ index: 0, amount: 200_000n }],
    outputs: [
      { script: EXTERNAL_SCRIPT, amount },
      { change: { index: 0 }, amount: 200_000n - amount - 1_000n },
    ],
  });

type Workspace = ReturnType<typeof cliWorkspace>;

/** The audit log's complete lines, and a writer that puts (edited) lines back in their place. */
function auditLines(ws: Workspace): { lines: string[]; write: (lines: string[]) => void } {
  const path = auditPath(ws.dataDir);
  return {
    lines: readFileSync(path, 'utf8').split('\n').filter(Boolean),
    write: (lines) => writeFileSync(path, `${lines.join('\n')}\n`),
  };
}

/** A sealed device that has signed once (so the sealed head holds a `signed` entry). */
async function signedOnce() {
  const ws = cliWorkspace(wallet, { device: null });
  registerWallet(ws.dataDir, testWallet({ name: 'reserve', threshold: 3 }));
  const { uri } = enrollApprover(ws.dataDir, { name: 'alice', pin: 'tulip anchor 482913' });
  const id = walletId(wallet);
  writePolicyFile(ws.dataDir, id, { wallet: wallet.name, maxPer24h: 150_000 });
  sealAs(ws.dataDir, TEST_MNEMONICS[0]);
  const first = await runCli(ws.signArgs(ws.writePsbt(spend()), ws.mnemonicFiles[0]!));
  expect(first.status).toBe(0);
  return { ws, id, uri };
}

async function expectRefusedBeforeSigning(ws: Workspace, code: string, says: string) {
  const before = ws.audit().length;
  const result = await runCli([
    '--json',
    ...ws.signArgs(ws.writePsbt(spend(10_000n), 'next.psbt'), ws.mnemonicFiles[0]!),
  ]);
  expect(result.status).toBe(3);
  expect(JSON.parse(result.stdout).error.code).toBe(code);
  expect(result.stderr, result.stderr).toContain(says);
  expect(result.stdout).not.toMatch(/cHNidP8/);
  const events = ws.audit().slice(Math.max(0, before - 1));
  expect(events.some((e) => e.event === 'signed' && e.seq >= before)).toBe(false);
  expect(events.at(-1)).toMatchObject({ event: 'refused', reason: expect.stringContaining(code) });
  return result;
}

describe('a sealed device refuses to sign after tampering without the quorum', () => {
  it('signs within the sealed limit and then refuses beyond it, counting by wallet identity', async () => {
    const { ws } = await signedOnce();
    const result = await runCli([
      '--json',
      ...ws.signArgs(ws.writePsbt(spend(60_000n), 'over.psbt'), ws.mnemonicFiles[0]!),
    ]);
    expect(result.status).toBe(3);
    expect(JSON.parse(result.stdout).error.code).toBe('OVER_DAILY_LIMIT');
  });

  it('an edited policy file (limit lifted) is refused and named', async () => {
    const { ws, id } = await signedOnce();
    writePolicyFile(ws.dataDir, id, { wallet: wallet.name, maxPer24h: 10_000_000 });
    await expectRefusedBeforeSigning(
      ws,
      'SEAL_BROKEN',
      'the policy of wallet treasury was edited or replaced',
    );
    expect(ws.audit().some((e) => e.event === 'seal-broken')).toBe(true);
  });

  it('a deleted policy file is refused and named', async () => {
    const { ws, id } = await signedOnce();
    rmSync(policyFile(ws.dataDir, id));
    await expectRefusedBeforeSigning(ws, 'SEAL_BROKEN', 'the policy file of wallet treasury was deleted');
  });

  it('a wallet file replaced by a different, self-consistent wallet is refused', async () => {
    const { ws } = await signedOnce();
    const other = lookalikeWallet();
    writeFileSync(join(ws.dataDir, 'wallets', 'reserve.json'), JSON.stringify({ ...other, name: 'reserve' }));
    await expectRefusedBeforeSigning(
      ws,
      'SEAL_BROKEN',
      'the wallet file reserve.json was replaced by a different wallet',
    );
  });

  it('wallet show warns when the wallet file is not what was sealed', async () => {
    const { ws } = await signedOnce();
    const other = lookalikeWallet();
    writeFileSync(join(ws.dataDir, 'wallets', 'reserve.json'), JSON.stringify({ ...other, name: 'reserve' }));
    const shown = await runCli(['--data-dir', ws.dataDir, 'wallet', 'show', 'reserve']);
    expect(shown.stderr).toContain(
      'was replaced by a different wallet (other keys or rules); do not trust these addresses',
    );
    const fine = await runCli(['--data-dir', ws.dataDir, 'wallet', 'show', 'treasury']);
    expect(fine.stderr).toBe('');
  });

  it('a deleted wallet file is refused and named', async () => {
    const { ws } = await signedOnce();
    rmSync(join(ws.dataDir, 'wallets', 'reserve.json'));
    await expectRefusedBeforeSigning(ws, 'SEAL_BROKEN', 'the wallet file reserve.json was deleted');
  });

  it('the same wallet written under a second name is refused, and registering it so is refused with the existing name', async () => {
    const { ws } = await signedOnce();
    const again = await runCli([
      '--data-dir',
      ws.dataDir,
      'wallet',
      'import',
      wallet.descriptor,
      '--name',
      'loophole',
    ]);
    expect(again.status).toBe(3);
    expect(again.stderr).toContain('already registered as "treasury"');
    writeFileSync(
      join(ws.dataDir, 'wallets', 'loophole.json'),
      JSON.stringify({ ...wallet, name: 'loophole' }),
    );
    await expectRefusedBeforeSigning(ws, 'SEAL_BROKEN', 'registers the same wallet as');
  });

  it("an approver's record swapped for one enrolled elsewhere is refused", async () => {
    const { ws } = await signedOnce();
    const elsewhere = cliWorkspace(wallet, { device: null });
    enrollApprover(elsewhere.dataDir, { name: 'alice', pin: 'another passphrase 111111' });
    copyFileSync(approversFile(elsewhere.dataDir), approversFile(ws.dataDir));
    await expectRefusedBeforeSigning(ws, 'SEAL_BROKEN', "approver alice's record was replaced");
  });

  it('edited air-gap settings are refused', async () => {
    const { ws } = await signedOnce();
    writeFileSync(airgapFile(ws.dataDir), JSON.stringify({ allowNetwork: true, reason: 'me' }));
    await expectRefusedBeforeSigning(ws, 'SEAL_BROKEN', 'the air-gap settings were edited');
  });

  it('a deleted approvers file is refused', async () => {
    const { ws } = await signedOnce();
    rmSync(approversFile(ws.dataDir));
    await expectRefusedBeforeSigning(ws, 'SEAL_BROKEN', "approver alice's record was deleted");
  });

  it('a deleted air-gap settings file is refused', async () => {
    const { ws } = await signedOnce();
    rmSync(airgapFile(ws.dataDir));
    await expectRefusedBeforeSigning(ws, 'SEAL_BROKEN', 'the air-gap settings file was deleted');
  });

  it('a wallet file edited in place (its owner class) is refused', async () => {
    const { ws } = await signedOnce();
    const path = join(ws.dataDir, 'wallets', 'reserve.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), owner: 'company' }));
    await expectRefusedBeforeSigning(ws, 'SEAL_BROKEN', 'the wallet file reserve.json was edited');
  });

  it('the audit log cut short (the last signature removed) is refused: the rolling limit cannot be reset', async () => {
    const { ws } = await signedOnce();
    const { lines, write } = auditLines(ws);
    write(
      lines.slice(
        0,
        lines.findLastIndex((l) => l.includes('"event":"signed"')),
      ),
    );
    // The new ceremony's own entries fill the gap before the seal is checked: the entry at the head differs.
    await expectRefusedBeforeSigning(ws, 'SEAL_BROKEN', 'the audit log diverges from its sealed head');
  });

  it('an older copy of the audit log restored is refused', async () => {
    const ws = cliWorkspace(wallet);
    const older = join(ws.dir, 'older.jsonl');
    copyFileSync(auditPath(ws.dataDir), older);
    expect((await runCli(ws.signArgs(ws.writePsbt(spend()), ws.mnemonicFiles[0]!))).status).toBe(0);
    copyFileSync(older, auditPath(ws.dataDir));
    await expectRefusedBeforeSigning(ws, 'SEAL_BROKEN', 'the audit log is shorter than its sealed head');
  });

  it('a deleted audit log is refused', async () => {
    const { ws } = await signedOnce();
    rmSync(auditPath(ws.dataDir));
    await expectRefusedBeforeSigning(ws, 'SEAL_BROKEN', 'the audit log');
  });

  it("the audit log's last line edited is refused", async () => {
    const { ws } = await signedOnce();
    const { lines, write } = auditLines(ws);
    write(lines.with(-1, lines.at(-1)!.replace(/"sent":100000/, '"sent":1')));
    await expectRefusedBeforeSigning(ws, 'SEAL_BROKEN', 'the audit log diverges from its sealed head');
  });

  it('a seal file edited along with the policy it covers does not verify', async () => {
    const { ws, id } = await signedOnce();
    writePolicyFile(ws.dataDir, id, null);
    const seal = JSON.parse(readFileSync(sealPath(ws.dataDir), 'utf8'));
    seal.configuration.wallets[id].policy = null;
    writeFileSync(sealPath(ws.dataDir), JSON.stringify(seal));
    await expectRefusedBeforeSigning(ws, 'SEAL_BROKEN', 'the seal does not verify');
  });

  it('a deleted seal file is refused, and the audit log tells it from a new device', async () => {
    const { ws } = await signedOnce();
    rmSync(sealPath(ws.dataDir));
    await expectRefusedBeforeSigning(ws, 'SEAL_MISSING', 'the seal file was deleted');
  });

  it('a seal made with another key is refused', async () => {
    const { ws } = await signedOnce();
    rmSync(sealPath(ws.dataDir));
    sealAs(ws.dataDir, OUTSIDER_MNEMONIC);
    await expectRefusedBeforeSigning(ws, 'SEAL_BROKEN', 'sealed by key');
  });

  it('an unsealed device signs nothing and says how to seal', async () => {
    const ws = cliWorkspace(wallet, { device: null });
    await expectRefusedBeforeSigning(ws, 'SEAL_MISSING', 'airlock config accept');
  });

  it('the approvals of a sealed policy are required; --policy only stages a policy', async () => {
    const { ws, id, uri } = await signedOnce();
    const loose = join(ws.dir, 'loose.json');
    writeFileSync(loose, JSON.stringify({ wallet: wallet.name }));
    const strict = join(ws.dir, 'strict.json');
    writeFileSync(
      strict,
      JSON.stringify({ wallet: wallet.name, approvals: { required: 1, approvers: ['alice'] } }),
    );
    // The stricter policy is staged, accepted with the quorum, and then applies.
    const staged = await runCli(
      ws.signArgs(ws.writePsbt(spend(1_000n), 's.psbt'), ws.mnemonicFiles[0]!, '--policy', strict),
    );
    expect(staged.status).toBe(0);
    expect(staged.stderr).toContain('the policy was staged');
    const status = await runCli(['--data-dir', ws.dataDir, 'config', 'status']);
    expect(status.stdout).toContain('set the policy of wallet treasury: 1 of alice must approve');
    const accept = await runCli(ws.acceptArgs());
    expect(accept.status).toBe(0);
    const refusedResult = await runCli([
      '--json',
      ...ws.signArgs(ws.writePsbt(spend(1_000n), 't.psbt'), ws.mnemonicFiles[0]!),
    ]);
    expect(JSON.parse(refusedResult.stdout).error.code).toBe('APPROVALS_MISSING');
    const approvals = join(ws.dir, 'approvals.json');
    writeFileSync(
      approvals,
      JSON.stringify({
        approvals: [{ name: 'alice', pin: 'tulip anchor 482913', code: OTPAuth.URI.parse(uri).generate() }],
      }),
    );
    const approved = await runCli(
      ws.signArgs(ws.writePsbt(spend(1_000n), 'u.psbt'), ws.mnemonicFiles[0]!, '--approvals-file', approvals),
    );
    expect(approved.status).toBe(0);
    // Loosening it again needs alice: the quorum alone cannot accept it.
    await runCli(ws.signArgs(ws.writePsbt(spend(1_000n), 'v.psbt'), ws.mnemonicFiles[0]!, '--policy', loose));
    const alone = await runCli(ws.acceptArgs());
    expect(alone.status).toBe(3);
    expect(alone.stderr).toContain("needs 1 approval(s) of wallet treasury's approvers (alice)");
    expect(JSON.parse(readFileSync(policyFile(ws.dataDir, id), 'utf8')).policy.approvals.required).toBe(1);
  });
});

describe('refuse by default', () => {
  it('an input whose amount is only claimed by a witness UTXO is refused, naming it and the segwit fee attack', async () => {
    const ws = cliWorkspace(wallet);
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 200_000n, previousTx: false, witnessUtxo: true }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 190_000n }],
    });
    const result = await runCli(['--json', ...ws.signArgs(ws.writePsbt(psbt), ws.mnemonicFiles[0]!)]);
    expect(result.status).toBe(3);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'UNPROVEN_AMOUNT' });
    expect(result.stderr).toContain('input 1');
    expect(result.stderr).toContain('segwit fee attack');
  });

  it('is signed when the sealed policy explicitly allows unproven amounts', async () => {
    const ws = cliWorkspace(wallet, { device: null });
    writePolicyFile(ws.dataDir, walletId(wallet), { wallet: wallet.name, allowUnprovenAmounts: true });
    sealAs(ws.dataDir, TEST_MNEMONICS[0]);
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 200_000n, previousTx: false, witnessUtxo: true }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 190_000n }],
    });
    expect((await runCli(ws.signArgs(ws.writePsbt(psbt), ws.mnemonicFiles[0]!))).status).toBe(0);
  });

  it('change claiming our keys that does not derive from the wallet is refused (exit 3)', async () => {
    const ws = cliWorkspace(wallet);
    const attacker = lookalikeWallet();
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 200_000n }],
      outputs: [
        { script: EXTERNAL_SCRIPT, amount: 100_000n },
        { change: { index: 0 }, amount: 99_000n, wallet: attacker },
      ],
    });
    const result = await runCli(['--json', ...ws.signArgs(ws.writePsbt(psbt), ws.mnemonicFiles[0]!)]);
    expect(result.status).toBe(3);
    expect(JSON.parse(result.stdout).error.code).toBe('FRAUDULENT_CHANGE');
    expect(result.stderr).toContain('output 2');
  });
});

describe('airlock audit verify --expect-head', () => {
  it('accepts the head printed after signing and refuses a log rolled back before it', async () => {
    const ws = cliWorkspace(wallet);
    const older = join(ws.dir, 'older.jsonl');
    copyFileSync(auditPath(ws.dataDir), older);
    const signed = await runCli(ws.signArgs(ws.writePsbt(spend()), ws.mnemonicFiles[0]!));
    const head = /audit head: (\d+:[0-9a-f]{64})/.exec(signed.stderr)![1]!;
    const ok = await runCli(['--data-dir', ws.dataDir, 'audit', 'verify', '--expect-head', head]);
    expect(ok.status).toBe(0);
    copyFileSync(older, auditPath(ws.dataDir));
    rmSync(sealPath(ws.dataDir));
    const rolledBack = await runCli(['--data-dir', ws.dataDir, 'audit', 'verify', '--expect-head', head]);
    expect(rolledBack.status).toBe(3);
    expect(rolledBack.stderr).toContain('shorter than its expected head');
  });
});

describe('airlock audit verify names the first altered line and what is wrong there', () => {
  const ALTERATIONS: Array<[string, (lines: string[]) => string[], string]> = [
    [
      'a line edited to something that is not JSON',
      (l) => l.with(1, l[1]!.slice(0, 30)),
      'at line 2: the line is not valid JSON',
    ],
    [
      'a line replaced by JSON without the entry fields',
      (l) => l.with(1, '{"event":"signed"}'),
      'at line 2: the entry does not have the audit entry fields',
    ],
    [
      'a line removed',
      (l) => l.toSpliced(1, 1),
      'at line 2: sequence number 2 where 1 was expected (an entry was removed, inserted or moved)',
    ],
    [
      'the line before edited',
      (l) => l.with(1, l[1]!.replace('"time":"', '"time":"1')),
      'at line 3: the hash of the previous entry does not match (the previous entry was changed, or this one moved)',
    ],
  ];
  for (const [what, alter, says] of ALTERATIONS) {
    it(`after ${what}`, async () => {
      const { ws } = await signedOnce();
      const { lines, write } = auditLines(ws);
      expect(lines.length).toBeGreaterThanOrEqual(3);
      write(alter(lines));
      const result = await runCli(['--data-dir', ws.dataDir, 'audit', 'verify']);
      expect(result.status).toBe(3);
      expect(result.stderr).toContain(`the audit log fails verification ${says}`);
    });
  }
});

describe('the CLI default data directory', () => {
  it("is the app's Electron userData: appData joined with the productName of package.json", async () => {
    const { electronUserData, APP_NAME } = await import('../../../src/cli/context');
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { productName?: string };
    expect(pkg.productName).toBe(APP_NAME);
    expect(electronUserData({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux')).toBe('/x/cfg/Airlock');
    expect(electronUserData({}, 'darwin')).toMatch(/Library\/Application Support\/Airlock$/);
  });
});

describe('airlock audit verify against the sealed head', () => {
  it('refuses a log cut short, deleted or restored from an older copy, whose chain alone is intact', async () => {
    const ws = cliWorkspace(wallet);
    const older = join(ws.dir, 'older.jsonl');
    copyFileSync(auditPath(ws.dataDir), older);
    expect((await runCli(ws.signArgs(ws.writePsbt(spend()), ws.mnemonicFiles[0]!))).status).toBe(0);
    const verify = () => runCli(['--data-dir', ws.dataDir, '--json', 'audit', 'verify']);
    expect((await verify()).status).toBe(0);
    copyFileSync(older, auditPath(ws.dataDir));
    const restored = await verify();
    expect(restored.status).toBe(3);
    expect(JSON.parse(restored.stdout).error).toMatchObject({
      code: 'AUDIT_BELOW_SEALED_HEAD',
      message: expect.stringContaining('shorter than its sealed head'),
    });
    rmSync(auditPath(ws.dataDir));
    expect((await verify()).status).toBe(3);
    const report = await runCli(['--data-dir', ws.dataDir, 'audit', 'report']);
    expect(report.status).toBe(3);
    expect(report.stderr).toContain('the audit log was deleted');
  });
});
