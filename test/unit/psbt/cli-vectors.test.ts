import { describe, expect, it } from 'vitest';
import bip174 from '../../fixtures/psbt/bip174-vectors.json';
import bip370 from '../../fixtures/psbt/bip370-vectors.json';
import { runCli } from '../../helpers/cli';
import { testWallet } from '../../helpers/multisig-psbt';
import { cliWorkspace } from './cli-fixture';

/** Every published invalid PSBT is bad input through the CLI: exit 2, one line, no stack trace. */
const wallet = testWallet();
const ws = cliWorkspace(wallet);
const invalid = [
  ...bip174.invalid.map((v) => ({ ...v, source: 'BIP-174' })),
  ...bip370.invalid.map((v) => ({ ...v, source: 'BIP-370' })),
];

describe('published invalid PSBTs through the CLI', () => {
  it.each(invalid)('$source: $description', async ({ base64 }) => {
    const result = await runCli(['--data-dir', ws.dataDir, '--json', 'inspect', '-'], { stdin: base64 });
    expect(result.status).toBe(2);
    expect(['PSBT_INVALID', 'DUPLICATE_INPUT']).toContain(JSON.parse(result.stdout).error.code);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('    at ');
  });

  // Valid PSBTs parse; two are then judged against the (testnet) wallet, as a signer must.
  const judged: Record<string, { status: number; code: string }> = {
    'PSBT with `PSBT_GLOBAL_XPUB`.': { status: 3, code: 'NETWORK_MISMATCH' }, // its xpubs are mainnet keys
    // Valid as PSBTs, but spending nothing: there is nothing to review or sign.
    'PSBT with global unsigned tx that has 0 inputs and 0 outputs': { status: 2, code: 'PSBT_NO_INPUTS' },
    'PSBT with 0 inputs': { status: 2, code: 'PSBT_NO_INPUTS' },
  };

  it.each(bip174.valid)('BIP-174 valid: $description is inspected', async ({ description, base64 }) => {
    const result = await runCli(['--data-dir', ws.dataDir, '--json', 'inspect', '-'], { stdin: base64 });
    const expected = judged[description];
    if (expected) {
      expect({ status: result.status, code: JSON.parse(result.stdout).error.code }).toEqual(expected);
    } else {
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout).network).toBe('testnet');
    }
  });

  it.each(bip370.valid)(
    'BIP-370 valid: $description is inspected as its v0 equivalent',
    async ({ base64 }) => {
      const result = await runCli(['--data-dir', ws.dataDir, '--json', 'inspect', '-'], { stdin: base64 });
      expect(result.status).toBe(0);
      const review = JSON.parse(result.stdout);
      expect(review.inputs).toHaveLength(1);
      expect(review.outputs.map((o: { amount: number }) => o.amount)).toEqual([800000000, 199998859]);
    },
  );

  const noInputs = bip174.valid.filter((v) => v.description.includes('0 inputs'));
  it.each(noInputs)(
    'BIP-174 valid: $description is refused by sign as nothing to review',
    async ({ base64 }) => {
      const result = await runCli(ws.signArgs('-', ws.mnemonicFiles[0]!), { stdin: base64 });
      expect(result.status).toBe(2);
      expect(result.stderr).toBe('airlock: the PSBT spends no coins: there is nothing to review\n');
      expect(result.stdout).toBe('');
    },
  );

  it.each(bip174.signerFails)('BIP-174 signer check: $description is never signed', async ({ base64 }) => {
    const result = await runCli(['--json', ...ws.signArgs('-', ws.mnemonicFiles[0]!)], { stdin: base64 });
    expect(result.status).toBe(4);
    expect(JSON.parse(result.stdout).error.code).toBe('NOTHING_TO_SIGN');
  });
});
