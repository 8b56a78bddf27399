import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { address as baddress } from 'bitcoinjs-lib';
import { URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { readAuditEntries } from '../../../src/audit/verify';
import { bip32 } from '../../../src/common/ecc';
import { isAirlockError } from '../../../src/common/errors';
import { bitcoinNetwork } from '../../../src/common/network';
import { mnemonicToSeed } from '../../../src/keys/bip39';
import { enrollApprover } from '../../../src/policy/approvers';
import { allowedDestinationMatcher } from '../../../src/policy/destinations';
import { evaluatePolicy } from '../../../src/policy/evaluate';
import { parsePolicy } from '../../../src/policy/load';
import type { Policy } from '../../../src/policy/schema';
import { totpCode } from '../../../src/policy/totp';
import type { ReviewModel } from '../../../src/psbt/review-model';
import { registerWallet } from '../../../src/wallet/registry';
import { runCli, tempDir } from '../../helpers/cli';
import { buildPsbt, TEST_MNEMONICS, testWallet } from '../../helpers/multisig-psbt';

function review(outputs: ReviewModel['outputs'], fee = 1_000, feeRate = 5): ReviewModel {
  return {
    network: 'mainnet',
    inputs: [],
    outputs,
    fee,
    feeRate,
    vsize: 200,
    signatures: { present: 0, required: 2 },
    warnings: [],
  };
}
const codes = (v: { code: string }[]) => v.map((x) => x.code);
const BASE: Policy = { wallet: 'cold' };
const EXTERNAL = { address: 'bc1qexternal', amount: 50_000, kind: 'external' as const };
const CHANGE = { address: 'bc1qchange', amount: 900_000, kind: 'change' as const };

describe('policy evaluation', () => {
  const ev = (policy: Partial<Policy>, r: ReviewModel, sentLast24h = 0, approvers: string[] = []) =>
    codes(evaluatePolicy({ policy: { ...BASE, ...policy }, review: r, sentLast24h, approvers }));

  it('passes when no rule is broken', () => {
    expect(
      ev(
        { maxPerTransaction: 50_000, maxPer24h: 100_000, fees: { maxFee: 1_000, maxFeeRate: 5 } },
        review([EXTERNAL, CHANGE]),
        50_000,
      ),
    ).toEqual([]);
  });
  it('checks each rule alone', () => {
    expect(ev({ maxPerTransaction: 49_999 }, review([EXTERNAL, CHANGE]))).toEqual(['OVER_TX_LIMIT']);
    expect(ev({ maxPer24h: 100_000 }, review([EXTERNAL]), 50_001)).toEqual(['OVER_DAILY_LIMIT']);
    expect(ev({ fees: { maxFee: 999 } }, review([EXTERNAL]))).toEqual(['FEE_TOO_HIGH']);
    expect(ev({ fees: { maxFeeRate: 4.9 } }, review([EXTERNAL]))).toEqual(['FEE_RATE_TOO_HIGH']);
    expect(ev({ fees: { maxFee: 5 } }, { ...review([EXTERNAL]), fee: null, feeRate: null })).toEqual([
      'FEE_UNKNOWN',
    ]);
    expect(
      ev({ allowedDestinations: [] }, review([EXTERNAL, CHANGE, { ...EXTERNAL, kind: 'allowed' }])),
    ).toEqual(['DESTINATION_NOT_ALLOWED']);
  });
  it('combines violations', () => {
    expect(
      ev(
        { maxPerTransaction: 1, fees: { maxFee: 1 }, approvals: { required: 1, approvers: ['alice'] } },
        review([EXTERNAL]),
      ),
    ).toEqual(['OVER_TX_LIMIT', 'FEE_TOO_HIGH', 'APPROVALS_MISSING']);
  });
  it('counts only named approvers, each once', () => {
    const approvals = { required: 2, approvers: ['alice', 'bob', 'carol'] };
    expect(ev({ approvals }, review([EXTERNAL]), 0, ['alice', 'bob'])).toEqual([]);
    expect(ev({ approvals }, review([EXTERNAL]), 0, ['alice', 'alice'])).toEqual(['APPROVALS_MISSING']);
    expect(ev({ approvals }, review([EXTERNAL]), 0, ['alice', 'mallory'])).toEqual([
      'UNKNOWN_APPROVER',
      'APPROVALS_MISSING',
    ]);
  });
});

describe('policy files', () => {
  it('names the line and column of a schema error', () => {
    const text = '{\n  "wallet": "cold",\n  "maxPerTransaction": -5\n}\n';
    expect(() => parsePolicy(text, 'p.json')).toThrow(/^p\.json:3:24: /);
    expect(() =>
      parsePolicy('{\n  "wallet": "cold",\n  "fees": { "maxFee": 1, "bogus": 2 }\n}', 'p.json'),
    ).toThrow(/p\.json:3:11:/);
    expect(() => parsePolicy('{\n "wallet": "cold",,\n}', 'p.json')).toThrow(/p\.json:2:\d+: not valid JSON/);
    expect(() => parsePolicy('{"wallet":"cold","approvals":{"required":3,"approvers":["a","b"]}}')).toThrow(
      /more approvals are required/,
    );
  });

  it('policy check exits 0 for a valid file and 2 for an invalid one', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ wallet: 'cold', maxPer24h: 10 }));
    writeFileSync(join(dir, 'bad.json'), '{"wallet": 5}');
    expect((await runCli(['policy', 'check', join(dir, 'ok.json')])).status).toBe(0);
    const bad = await runCli(['policy', 'check', join(dir, 'bad.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json:1:12:/);
  });
});

describe('allowed destinations', () => {
  // BIP-84's published first receive and change addresses of "abandon … about".
  const root = bip32.fromSeed(mnemonicToSeed({ mnemonic: TEST_MNEMONICS[0]! }));
  const account = root.derivePath("m/84'/0'/0'").neutered().toBase58();
  const script = (a: string) => new Uint8Array(baddress.toOutputScript(a, bitcoinNetwork('mainnet')));

  it('matches a wpkh hot-wallet descriptor on both chains within its range, nothing else', () => {
    const allowed = allowedDestinationMatcher(
      [{ descriptor: `wpkh([73c5da0a/84h/0h/0h]${account}/<0;1>/*)`, range: 5 }],
      'mainnet',
    );
    expect(allowed(script('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu'), null)).toBe(true);
    expect(allowed(script('bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g'), null)).toBe(true);
    expect(allowed(script('bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el'), null)).toBe(true);
    expect(allowed(script('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'), null)).toBe(false);
  });

  it('matches listed addresses and multisig descriptors, and refuses addresses of another network', () => {
    const cold = testWallet({ network: 'mainnet' });
    const allowed = allowedDestinationMatcher(
      [{ address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' }, { descriptor: cold.descriptor, range: 3 }],
      'mainnet',
    );
    expect(allowed(script('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'), null)).toBe(true);
    expect(
      allowed(
        buildPsbt({ wallet: cold, inputs: [], outputs: [{ change: { chain: 0, index: 2 }, amount: 1n }] })
          .txOutputs[0]!.script,
        null,
      ),
    ).toBe(true);
    let error: unknown;
    try {
      allowedDestinationMatcher([{ address: 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx' }], 'mainnet');
    } catch (e) {
      error = e;
    }
    expect(isAirlockError(error) && error.code).toBe('POLICY_INVALID');
  });
});

describe('a CLI ceremony with a policy', () => {
  it('signs an allowed, approved transfer; refuses an over-limit one; the report sums what was signed', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const wallet = testWallet({ name: 'cold', network: 'mainnet' });
    registerWallet(dataDir, wallet);
    const hot = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
    const policy = {
      wallet: 'cold',
      allowedDestinations: [{ address: hot }],
      maxPerTransaction: 300_000,
      maxPer24h: 400_000,
      approvals: { required: 2, approvers: ['alice', 'bob'] },
    };
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
    const apps = ['alice', 'bob'].map((name, i) => {
      const pin = `${name} passphrase ${i + 1}`;
      writeFileSync(join(dir, `${name}.pin`), pin);
      const uri = URI.parse(enrollApprover(dataDir, { name, pin }).uri) as unknown as {
        secret: { bytes: Uint8Array };
      };
      return { name, pin, code: () => totpCode(new Uint8Array(uri.secret.bytes), new Date()) };
    });
    writeFileSync(join(dir, 'key.txt'), TEST_MNEMONICS[0]!);
    // The policy takes effect only once staged and sealed by the quorum (here the device's first seal).
    expect((await runCli(['--data-dir', dataDir, 'policy', 'stage', join(dir, 'policy.json')])).status).toBe(
      0,
    );
    const sealed = await runCli([
      '--data-dir',
      dataDir,
      'config',
      'accept',
      '--mnemonic-file',
      join(dir, 'key.txt'),
    ]);
    expect(sealed.status).toBe(0);
    expect(sealed.stdout).toContain('2 of alice, bob must approve');
    const transfer = (amount: bigint, file: string) => {
      const psbt = buildPsbt({
        wallet,
        inputs: [{ index: 0, amount: 1_000_000n }],
        outputs: [
          { script: script(hot), amount },
          { change: { index: 0 }, amount: 990_000n - amount },
        ],
      });
      writeFileSync(join(dir, file), psbt.toBase64());
      return join(dir, file);
    };
    function script(a: string) {
      return new Uint8Array(baddress.toOutputScript(a, bitcoinNetwork('mainnet')));
    }
    const sign = async (file: string, approvers: typeof apps) => {
      writeFileSync(
        join(dir, 'approvals.json'),
        JSON.stringify({ approvals: approvers.map(({ name, pin, code }) => ({ name, pin, code: code() })) }),
      );
      return runCli([
        '--data-dir',
        dataDir,
        'sign',
        file,
        '--wallet',
        'cold',
        '--mnemonic-file',
        join(dir, 'key.txt'),
        ...approvers.flatMap((a) => ['--approver', a.name]),
        '--approvals-file',
        join(dir, 'approvals.json'),
      ]);
    };

    const allowed = await sign(transfer(250_000n, 'a.psbt'), apps);
    expect(allowed.status).toBe(0);
    const inspected = await runCli([
      '--data-dir',
      dataDir,
      '--json',
      'inspect',
      join(dir, 'a.psbt'),
      '--wallet',
      'cold',
    ]);
    expect(JSON.parse(inspected.stdout).outputs[0].kind).toBe('external');

    // No approver: both codes of this time step were used above, and each code counts once.
    const overLimit = await sign(transfer(200_000n, 'b.psbt'), []);
    expect(overLimit.status).toBe(3);
    expect(overLimit.stderr).toMatch(/exceeds the limit/);
    expect(overLimit.stderr).toMatch(/2 approvals are required; 0 given/);
    const events = readAuditEntries(dataDir).map((e) => e.event);
    expect(events.filter((e) => e === 'signed')).toHaveLength(1);
    expect(events.at(-1)).toBe('refused');

    const report = JSON.parse((await runCli(['--data-dir', dataDir, '--json', 'audit', 'report'])).stdout);
    expect(report.rows).toEqual([
      expect.objectContaining({
        wallet: 'cold',
        count: 1,
        sent: 250_000,
        destinations: [{ address: hot, amount: 250_000 }],
      }),
    ]);
    expect(report.head.seq).toBe(readAuditEntries(dataDir).at(-1)?.seq);
    expect((await runCli(['--data-dir', dataDir, 'audit', 'verify'])).status).toBe(0);
  });
});
