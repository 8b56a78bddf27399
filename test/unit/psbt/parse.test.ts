import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../src/common/errors';
import { MAX_PSBT_BYTES, parsePsbt, psbtHash } from '../../../src/psbt/parse';
import bip174 from '../../fixtures/psbt/bip174-vectors.json';
import bip370 from '../../fixtures/psbt/bip370-vectors.json';

function parseError(input: Uint8Array | string): AirlockError {
  try {
    parsePsbt(input);
  } catch (error) {
    if (error instanceof AirlockError) return error;
    throw error;
  }
  throw new Error('parsePsbt accepted the input');
}

describe('parsePsbt with BIP-174 vectors', () => {
  const [spending, spendingNothing] = [
    bip174.valid.filter((v) => !v.description.includes('0 inputs')),
    bip174.valid.filter((v) => v.description.includes('0 inputs')),
  ];

  it.each(spending)('parses valid: $description', ({ base64 }) => {
    expect(parsePsbt(base64).toBase64()).toBe(base64);
  });

  it.each(spendingNothing)('says there is nothing to review in valid: $description', ({ base64 }) => {
    const error = parseError(base64);
    expect({ kind: error.kind, code: error.code }).toEqual({ kind: 'bad-input', code: 'PSBT_NO_INPUTS' });
    expect(error.message).toBe('the PSBT spends no coins: there is nothing to review');
  });

  it('reads a zero input count as such even when the next byte looks like a segwit flag (one output)', () => {
    // 0 inputs, then 1 output: "00 01" is also how a witness serialization starts, which BIP-174 forbids.
    const tx = Buffer.from(`02000000000100e1f5050000000017a914${'11'.repeat(20)}8700000000`, 'hex');
    const psbt = Buffer.concat([
      Buffer.from('70736274ff', 'hex'),
      Buffer.from([0x01, 0x00, tx.length]),
      tx,
      Buffer.from([0x00, 0x00]), // end of the global map, then the one output's empty map
    ]);
    expect(parseError(new Uint8Array(psbt)).code).toBe('PSBT_NO_INPUTS');
  });

  it.each(bip174.invalid)('rejects invalid: $description', ({ base64 }) => {
    const error = parseError(base64);
    expect(error.kind).toBe('bad-input');
    expect(error.code).toBe('PSBT_INVALID');
    // Our own sentence, never a library's message (offsets, class names, "Format Error").
    expect(error.message).toMatch(/^the PSBT is malformed: [A-Za-z0-9 ]+$/);
  });

  it('accepts the same PSBT as binary, base64 and hex, with whitespace, and hashes them alike', () => {
    const { base64 } = bip174.valid[4]!;
    const binary = new Uint8Array(Buffer.from(base64, 'base64'));
    const hex = Buffer.from(binary).toString('hex');
    const wrapped = `\n  ${base64.replace(/(.{64})/g, '$1\n')}  \n`;
    const hashes = [
      binary,
      base64,
      hex,
      wrapped,
      `${hex.toUpperCase()}\n`,
      new TextEncoder().encode(base64),
    ].map((form) => psbtHash(parsePsbt(form)));
    expect(new Set(hashes).size).toBe(1);
    expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('parsePsbt with BIP-370 (v2) vectors', () => {
  it.each(bip370.valid)('parses valid: $description', ({ base64 }) => {
    const psbt = parsePsbt(base64);
    expect(psbt.inputCount).toBe(1);
    expect(psbt.txOutputs).toHaveLength(2);
  });

  it.each(bip370.invalid)('rejects invalid: $description', ({ base64 }) => {
    expect(parseError(base64).code).toBe('PSBT_INVALID');
  });

  it.each(bip370.locktime)('computes the locktime: $description', ({ base64, locktime }) => {
    if (locktime === null) expect(parseError(base64).code).toBe('PSBT_INVALID');
    else expect(parsePsbt(base64).locktime).toBe(locktime);
  });

  it('converts the v2 fields to the v0 transaction (previous txid, index, amounts, sequence)', () => {
    const psbt = parsePsbt(bip370.valid[2]!.base64);
    const input = psbt.txInputs[0]!;
    expect(Buffer.from(input.hash).reverse().toString('hex')).toBe(
      'c85f81844094f9f0eec1e41f8d63e0a99e9f73dc725d7319871c9c4121d90a0b',
    );
    expect(input.index).toBe(0);
    expect(psbt.txOutputs.map((o) => o.value)).toEqual([800000000n, 199998859n]);
    expect(psbt.version).toBe(2);
  });
});

describe('parsePsbt limits and failures', () => {
  it('rejects a PSBT above the size limit as PSBT_TOO_LARGE', () => {
    const big = new Uint8Array(MAX_PSBT_BYTES + 1);
    big.set(new TextEncoder().encode('psbt\xff'.slice(0, 4)));
    big[4] = 0xff;
    expect(parseError(big).code).toBe('PSBT_TOO_LARGE');
    expect(parseError('A'.repeat(MAX_PSBT_BYTES * 2 + 2048)).code).toBe('PSBT_TOO_LARGE');
  });

  it('rejects a truncated PSBT', () => {
    const bytes = Buffer.from(bip174.valid[4]!.base64, 'base64');
    for (const cut of [5, 20, bytes.length - 1]) {
      expect(parseError(new Uint8Array(bytes.subarray(0, cut))).code).toBe('PSBT_INVALID');
    }
  });

  it('rejects bytes after the last output map', () => {
    const bytes = Buffer.from(bip174.valid[4]!.base64, 'base64');
    expect(parseError(new Uint8Array([...bytes, 0x00])).message).toMatch(/bytes after the last output/);
  });

  it('accepts a base64 file with a UTF-8 byte-order mark', () => {
    const { base64 } = bip174.valid[4]!;
    expect(parsePsbt(new Uint8Array(Buffer.from(`\uFEFF${base64}\n`, 'utf8'))).toBase64()).toBe(base64);
  });

  it('rejects text that is neither base64 nor hex, and empty input', () => {
    expect(parseError('not a psbt!').message).toMatch(/neither binary, base64 nor hex/);
    expect(parseError('  \n').message).toMatch(/empty/);
  });

  it('rejects two inputs spending the same outpoint as DUPLICATE_INPUT', () => {
    // BIP-174 valid vector with two inputs; make the second spend the first's outpoint.
    const psbt = parsePsbt(bip174.valid[3]!.base64);
    const first = psbt.txInputs[0]!;
    const tx = psbt.data.globalMap.unsignedTx.toBuffer();
    const hex = Buffer.from(tx).toString('hex');
    const firstOutpoint = Buffer.concat([first.hash, Buffer.from([first.index, 0, 0, 0])]).toString('hex');
    const second = psbt.txInputs[1]!;
    const secondOutpoint = Buffer.concat([second.hash, Buffer.from([second.index, 0, 0, 0])]).toString('hex');
    const dupTx = hex.replace(secondOutpoint, firstOutpoint);
    const bytes = Buffer.from(psbt.toHex().replace(hex, dupTx), 'hex');
    expect(parseError(new Uint8Array(bytes)).code).toBe('DUPLICATE_INPUT');
  });
});
