import { afterAll, describe, expect, it } from 'vitest';
import { ChildKeyPool } from '../../../src/keys/ckd-pool';
import { parsePsbt } from '../../../src/psbt/parse';
import { analysePsbt, prepareDeriver, reviewPsbt } from '../../../src/psbt/review';
import { signPsbt } from '../../../src/psbt/sign';
import { WARNING } from '../../../src/psbt/warnings';
import {
  buildPsbt,
  EXTERNAL_SCRIPT,
  lookalikeWallet,
  seedOf,
  TEST_MNEMONICS,
  testWallet,
} from '../../helpers/multisig-psbt';

/**
 * Scripts derived ahead on worker threads (prepareDeriver) change nothing a review decides: a large
 * PSBT with a foreign input and a hijacked change output reviews and signs exactly as it does when
 * every key is derived on the calling thread.
 */
const wallet = testWallet();
const attacker = lookalikeWallet();
const pool = new ChildKeyPool({ size: 1 });
afterAll(() => pool.close());

const base64 = buildPsbt({
  wallet,
  inputs: [
    ...Array.from({ length: 99 }, (_, index) => ({ index, amount: 20_000n })),
    { index: 500, amount: 30_000n, from: attacker },
  ],
  outputs: [
    { script: EXTERNAL_SCRIPT, amount: 1_000_000n },
    { change: { index: 0 }, amount: 500_000n },
    { change: { index: 1 }, amount: 400_000n, wallet: attacker },
  ],
}).toBase64();

describe('prepareDeriver', () => {
  it('derives a large PSBT’s claimed scripts on the workers and reviews exactly as without them', async () => {
    const psbt = parsePsbt(base64);
    const before = pool.derivedByWorkers;
    const deriver = await prepareDeriver(psbt, wallet, pool);
    expect(pool.derivedByWorkers - before).toBeGreaterThan(100);

    const prepared = reviewPsbt({ psbt, wallet, deriver });
    expect(prepared).toEqual(reviewPsbt({ psbt: parsePsbt(base64), wallet }));
    // The attacker's input and change claim our paths but re-derive to other scripts.
    expect(prepared.inputs.filter((i) => i.ours)).toHaveLength(99);
    expect(prepared.inputs[99]!.ours).toBe(false);
    expect(prepared.outputs.map((o) => o.kind)).toEqual(['external', 'change', 'external']);
    expect(prepared.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining([WARNING.UNKNOWN_INPUT, WARNING.FOREIGN_CHANGE]),
    );
  });

  it('signs the same bytes as a signer that derives every key itself', async () => {
    const seed = seedOf(TEST_MNEMONICS[0]);
    const psbt = parsePsbt(base64);
    const deriver = await prepareDeriver(psbt, wallet, pool);
    const withPool = signPsbt({ psbt, wallet, seed, deriver });
    const alone = signPsbt({ psbt: parsePsbt(base64), wallet, seed });
    expect(withPool.signedInputs).toHaveLength(99);
    expect(withPool.psbt.toBase64()).toBe(alone.psbt.toBase64());
  });

  it('refuses a deriver made for another wallet', async () => {
    const psbt = parsePsbt(base64);
    const deriver = await prepareDeriver(psbt, attacker, pool);
    expect(() => analysePsbt({ psbt, wallet, deriver })).toThrow(/another wallet/);
  });
});
