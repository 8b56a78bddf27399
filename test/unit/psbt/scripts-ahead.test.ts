import { afterAll, describe, expect, it } from 'vitest';
import { ChildKeyPool } from '../../../src/keys/ckd-pool';
import type { Derivation } from '../../../src/psbt/ownership';
import { parsePsbt } from '../../../src/psbt/parse';
import { prepareDeriver, reviewPsbt } from '../../../src/psbt/review';
import { derivationRecordsIn, MAX_DERIVATION_RECORD, ScriptsAhead } from '../../../src/psbt/scripts-ahead';
import { WARNING } from '../../../src/psbt/warnings';
import { createAssembler } from '../../../src/qr/assembler';
import { encodeFrames } from '../../../src/qr/encoder';
import { readUrPart } from '../../../src/qr/ur';
import { buildPsbt, EXTERNAL_SCRIPT, lookalikeWallet, testWallet } from '../../helpers/multisig-psbt';

/**
 * Scripts derived while a PSBT's QR parts arrive (ScriptsAhead) change nothing a review decides: the
 * review extends them and still compares every script, so a PSBT with a foreign input, a hijacked
 * change and a missing previous transaction reviews exactly as with every key derived afresh, and so
 * does one whose parts claimed other paths, or another wallet's.
 */
const wallet = testWallet();
const attacker = lookalikeWallet();
const pool = new ChildKeyPool({ size: 1 });
afterAll(() => pool.close());

const hostile = buildPsbt({
  wallet,
  inputs: [
    ...Array.from({ length: 60 }, (_, index) => ({ index, amount: 20_000n })),
    { index: 500, amount: 30_000n, from: attacker },
    { index: 61, amount: 25_000n, previousTx: false },
  ],
  outputs: [
    { script: EXTERNAL_SCRIPT, amount: 900_000n },
    { change: { index: 0 }, amount: 200_000n },
    { change: { index: 1 }, amount: 100_000n, wallet: attacker },
  ],
});
const bytes = new Uint8Array(hostile.toBuffer());

/** Every frame but the first pure one through the assembler, the stretches it knew fed ahead. */
function scanAllButFirst(psbtBytes: Uint8Array, ahead: ScriptsAhead): Uint8Array[] {
  const frames = encodeFrames({ bytes: psbtBytes, format: 'ur' });
  const assembler = createAssembler({ expect: 'psbt' });
  const stretches: Uint8Array[] = [];
  for (const frame of frames.slice(1, readUrPart(frames[0] as string).seqLength)) {
    expect(assembler.receive(frame).status).toBe('progress');
    const known = assembler.takeKnownStretches(MAX_DERIVATION_RECORD);
    stretches.push(...known);
    ahead.feed(known);
  }
  return stretches;
}

const recordKey = (d: Derivation) =>
  `${Buffer.from(d.masterFingerprint).toString('hex')}:${Buffer.from(d.pubkey).toString('hex')}:${d.path}`;

describe('derivationRecordsIn', () => {
  it('finds every BIP-32 derivation record bitcoinjs-lib decodes, in the bytes as they were scanned', () => {
    const expected = [...hostile.data.inputs, ...hostile.data.outputs].flatMap(
      (m) => m.bip32Derivation ?? [],
    );
    expect(expected).toHaveLength(3 * 62 + 3 * 2);
    // Fragment 0 (the start of the unsigned transaction) is held back, as the camera's last frame.
    const stretches = scanAllButFirst(bytes, new ScriptsAhead(wallet, pool));
    const found = new Set(stretches.flatMap(derivationRecordsIn).map(recordKey));
    for (const record of expected) expect(found).toContain(recordKey(record));
  });

  it('reads nothing from a record cut short', () => {
    const [record] = derivationRecordsIn(bytes);
    expect(record?.path).toMatch(/^m\/48'\/1'\/0'\/2'\/0\/\d+$/);
    const at = Buffer.from(bytes).indexOf(Buffer.from([0x22, 0x06, ...record!.pubkey]));
    expect(derivationRecordsIn(bytes.subarray(at, at + 63))).toEqual([]);
    expect(derivationRecordsIn(bytes.subarray(at, at + 64))).toHaveLength(1);
  });
});

describe('ScriptsAhead', () => {
  it('leaves the review of a foreign input, a hijacked change and a missing previous transaction as it was', async () => {
    const ahead = new ScriptsAhead(wallet, pool);
    scanAllButFirst(bytes, ahead);
    const before = pool.derivedByWorkers;
    const derivedAhead = await ahead.ready();
    const psbt = parsePsbt(bytes);
    const review = reviewPsbt({
      psbt,
      wallet,
      deriver: await prepareDeriver(psbt, wallet, pool, derivedAhead),
    });
    expect(review).toEqual(reviewPsbt({ psbt: parsePsbt(bytes), wallet }));
    expect(review.inputs.filter((i) => i.ours)).toHaveLength(61);
    expect(review.inputs[60]!.ours).toBe(false);
    expect(review.inputs[61]!.amountProven).toBe(false);
    expect(review.outputs.map((o) => o.kind)).toEqual(['external', 'change', 'external']);
    expect(review.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining([WARNING.UNKNOWN_INPUT, WARNING.FOREIGN_CHANGE, WARNING.WITNESS_UTXO_ONLY]),
    );
    expect(pool.derivedByWorkers).toBeGreaterThanOrEqual(before);
  });

  it('changes nothing when the parts scanned claimed other paths than the PSBT reviewed', async () => {
    const other = buildPsbt({
      wallet: attacker,
      inputs: Array.from({ length: 40 }, (_, index) => ({ index: index + 1000, amount: 20_000n })),
      outputs: [{ change: { index: 7 }, amount: 700_000n }],
    });
    const ahead = new ScriptsAhead(wallet, pool);
    scanAllButFirst(new Uint8Array(other.toBuffer()), ahead);
    const psbt = parsePsbt(bytes);
    const deriver = await prepareDeriver(psbt, wallet, pool, await ahead.ready());
    expect(reviewPsbt({ psbt, wallet, deriver })).toEqual(reviewPsbt({ psbt: parsePsbt(bytes), wallet }));
  });

  it('is not used for another wallet', async () => {
    const ahead = new ScriptsAhead(attacker, pool);
    scanAllButFirst(bytes, ahead);
    const psbt = parsePsbt(bytes);
    const derivedAhead = await ahead.ready();
    const deriver = await prepareDeriver(psbt, wallet, pool, derivedAhead);
    expect(deriver).not.toBe(derivedAhead);
    expect(reviewPsbt({ psbt, wallet, deriver })).toEqual(reviewPsbt({ psbt: parsePsbt(bytes), wallet }));
  });
});
