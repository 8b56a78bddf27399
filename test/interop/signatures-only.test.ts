import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Psbt } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { extractTransaction, finalizePsbt } from '../../src/psbt/finalize';
import { parsePsbt } from '../../src/psbt/parse';
import { signaturesOnly } from '../../src/psbt/return';
import { signPsbt } from '../../src/psbt/sign';
import type { Chain, ScriptType, Wallet } from '../../src/wallet/types';
import { runCli, tempDir } from '../helpers/cli';
import { electrumCombine, electrumSign } from '../helpers/electrum';
import { buildPsbt, EXTERNAL_SCRIPT, seedOf, TEST_MNEMONICS, testWallet } from '../helpers/multisig-psbt';
import { spentCoinsOf, verifyTransaction } from '../helpers/verify-tx';
import { sealAs } from '../unit/psbt/cli-fixture';

const [AIRLOCK, ELECTRUM_FIRST, ELECTRUM_LAST] = TEST_MNEMONICS;
const INDEXES: Array<[Chain, number]> = [
  [1, 3],
  [0, 9],
];

function spend(scriptType: ScriptType): { wallet: Wallet; psbt: Psbt } {
  const wallet = testWallet({ scriptType });
  const psbt = buildPsbt({
    wallet,
    inputs: [
      { index: 1, amount: 250_000n },
      { chain: 1, index: 3, amount: 60_000n },
      { index: 9, amount: 40_000n },
    ],
    outputs: [
      { script: EXTERNAL_SCRIPT, amount: 300_000n },
      { change: { index: 0 }, amount: 47_000n },
    ],
  });
  return { wallet, psbt };
}

/** Airlock signs a copy of `received`: the full return and the signatures-only return. */
function airlockSigns(wallet: Wallet, received: Psbt) {
  const signed = signPsbt({ psbt: received.clone(), wallet, seed: seedOf(AIRLOCK) }).psbt;
  return { full: signed, signatures: signaturesOnly({ signed, received }) };
}

/** Every record of a PSBT as `map:key=value` hex strings, in any order. */
function records(psbt: Psbt): string[] {
  const bytes = psbt.toBuffer();
  const reparsed = parsePsbt(bytes);
  const lines: string[] = [];
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  reparsed.data.inputs.forEach((input, i) => {
    for (const s of input.partialSig ?? []) lines.push(`in${i}:sig:${hex(s.pubkey)}=${hex(s.signature)}`);
    for (const d of input.bip32Derivation ?? []) lines.push(`in${i}:bip32:${hex(d.pubkey)}=${d.path}`);
    if (input.witnessScript) lines.push(`in${i}:ws=${hex(input.witnessScript)}`);
    if (input.redeemScript) lines.push(`in${i}:rs=${hex(input.redeemScript)}`);
    if (input.witnessUtxo)
      lines.push(`in${i}:wu=${hex(input.witnessUtxo.script)}:${input.witnessUtxo.value}`);
    if (input.nonWitnessUtxo) lines.push(`in${i}:nwu=${hex(input.nonWitnessUtxo)}`);
  });
  return lines.sort();
}

const b64 = (psbt: Psbt) => psbt.toBase64();
const airlockFinal = (psbt: Psbt) => extractTransaction(finalizePsbt(psbt.clone()));

describe.each<ScriptType>(['p2wsh', 'p2sh-p2wsh'])('signatures-only return, 2-of-3 %s', (scriptType) => {
  it('holds the unsigned transaction and our new signatures with their keys, nothing else', () => {
    const { wallet, psbt } = spend(scriptType);
    const { full, signatures } = airlockSigns(wallet, psbt);
    expect(signatures.txInputs.map((i) => i.index)).toEqual(psbt.txInputs.map((i) => i.index));
    expect(signatures.data.globalMap.unsignedTx.toBuffer()).toEqual(
      psbt.data.globalMap.unsignedTx.toBuffer(),
    );
    signatures.data.inputs.forEach((input, i) => {
      expect(Object.keys(input).filter((k) => k !== 'unknownKeyVals')).toEqual(['partialSig']);
      expect(input.partialSig).toEqual(full.data.inputs[i]!.partialSig);
    });
    expect(signatures.data.outputs.every((o) => Object.keys(o).length === 0)).toBe(true);
    expect(signatures.toBuffer().length * 3).toBeLessThan(full.toBuffer().length);
  });

  it('Airlock first: bitcoinjs-lib and Electrum combine it with their PSBT into the full return', () => {
    const { wallet, psbt } = spend(scriptType);
    const spent = spentCoinsOf(psbt);
    const { full, signatures } = airlockSigns(wallet, psbt);

    const byBitcoinjs = psbt.clone().combine(signatures);
    expect(records(byBitcoinjs)).toEqual(records(full));
    const byElectrum = electrumCombine({ wallet, psbts: [b64(psbt), b64(signatures)], indexes: INDEXES });
    expect(byElectrum.complete).toBe(false);
    expect(records(parsePsbt(byElectrum.psbt)).filter((r) => r.includes(':sig:'))).toEqual(
      records(full).filter((r) => r.includes(':sig:')),
    );

    // The last cosigner signs what each coordinator combined, and what the full return would have given.
    const last = (p: string) => electrumSign({ wallet, psbt: p, mnemonic: ELECTRUM_LAST, indexes: INDEXES });
    const fromFull = last(b64(full));
    const fromBitcoinjs = last(b64(byBitcoinjs));
    const fromElectrum = last(byElectrum.psbt);
    expect(fromFull.complete && fromBitcoinjs.complete && fromElectrum.complete).toBe(true);
    expect(fromBitcoinjs.tx).toBe(fromFull.tx);
    expect(fromElectrum.tx).toBe(fromFull.tx);
    expect(verifyTransaction(fromFull.tx!, spent)).toEqual([]);
  });

  it("Airlock second: the combined result finalizes to the full return's transaction, the first signature kept", () => {
    const { wallet, psbt } = spend(scriptType);
    const spent = spentCoinsOf(psbt);
    const first = electrumSign({ wallet, psbt: b64(psbt), mnemonic: ELECTRUM_FIRST, indexes: INDEXES });
    expect(first.complete).toBe(false);
    const received = parsePsbt(first.psbt);
    const { full, signatures } = airlockSigns(wallet, received);
    const theirs = received.data.inputs.map((input) => input.partialSig!);
    // The other cosigner's signatures stay with the coordinator; none travels back or is lost.
    signatures.data.inputs.forEach((input, i) => {
      expect(input.partialSig).toHaveLength(1);
      expect(theirs[i]!.some((s) => Buffer.from(s.pubkey).equals(input.partialSig![0]!.pubkey))).toBe(false);
    });
    const expected = airlockFinal(full);
    expect(verifyTransaction(expected, spent)).toEqual([]);

    const byBitcoinjs = received.clone().combine(signatures);
    expect(records(byBitcoinjs)).toEqual(records(full));
    byBitcoinjs.data.inputs.forEach((input, i) => {
      for (const sig of theirs[i]!) expect(input.partialSig).toContainEqual(sig);
    });
    expect(byBitcoinjs.finalizeAllInputs().extractTransaction().toHex()).toBe(expected);

    const byElectrum = electrumCombine({ wallet, psbts: [first.psbt, b64(signatures)], indexes: INDEXES });
    expect(byElectrum.complete).toBe(true);
    expect(byElectrum.tx).toBe(expected);
  });

  it('airlock sign --return signatures writes it; --return full the whole PSBT; anything else is bad input', async () => {
    const { wallet, psbt } = spend(scriptType);
    const { full, signatures } = airlockSigns(wallet, psbt);
    const dir = tempDir();
    const data = ['--data-dir', join(dir, 'data')];
    const keyFile = join(dir, 'key.txt');
    const psbtFile = join(dir, 'unsigned.psbt');
    writeFileSync(keyFile, `${AIRLOCK}\n`);
    writeFileSync(psbtFile, b64(psbt));
    expect((await runCli([...data, 'wallet', 'import', wallet.descriptor, '--name', 'vault'])).status).toBe(
      0,
    );
    // The import is a staged change: this cosigner's quorum seals it before anything is signed.
    sealAs(join(dir, 'data'), AIRLOCK);
    const sign = (...extra: string[]) =>
      runCli([...data, 'sign', psbtFile, '--wallet', 'vault', '--mnemonic-file', keyFile, ...extra]);
    const returned = await sign('--return', 'signatures');
    expect(returned.status).toBe(0);
    expect(returned.stdout.trim()).toBe(b64(signatures));
    expect((await sign('--return', 'full')).stdout.trim()).toBe(b64(full));
    expect((await sign()).stdout.trim()).toBe(b64(full));
    const wrong = await sign('--return', 'sigs');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/--return is one of full, signatures/);
  });

  it('airlock combine reads it back, in either order, to the same transaction', async () => {
    const { wallet, psbt } = spend(scriptType);
    const first = electrumSign({ wallet, psbt: b64(psbt), mnemonic: ELECTRUM_FIRST, indexes: INDEXES });
    const { full, signatures } = airlockSigns(wallet, parsePsbt(first.psbt));
    const dir = tempDir();
    const receivedFile = join(dir, 'received.psbt');
    const signaturesFile = join(dir, 'signatures.psbt');
    writeFileSync(receivedFile, first.psbt);
    writeFileSync(signaturesFile, b64(signatures));
    for (const order of [
      [receivedFile, signaturesFile],
      [signaturesFile, receivedFile],
    ]) {
      const combined = await runCli(['combine', ...order]);
      expect(combined.status).toBe(0);
      expect(records(parsePsbt(combined.stdout))).toEqual(records(full));
      expect(airlockFinal(parsePsbt(combined.stdout))).toBe(airlockFinal(full));
    }
  });
});
