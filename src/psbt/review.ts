import { address as baddress, type Psbt, Transaction } from 'bitcoinjs-lib';
import { bytesEqual } from '../common/bytes';
import { badInput } from '../common/errors';
import { bitcoinNetwork } from '../common/network';
import type { WalletScript } from '../wallet/derive';
import type { Wallet } from '../wallet/types';
import { inputTxid, MAX_MONEY, type SpentOutput, spentOutput, type TxInput } from './inputs';
import { checkPsbtNetwork } from './network-check';
import { WalletMatcher } from './ownership';
import type { ReviewModel, ReviewOutput, ReviewWarning } from './review-model';
import { estimateVsize, type InputSize, knownInputSize, multisigInputSize } from './vsize';
import { HIGH_FEE_RATE, HIGH_FEE_SHARE, listIndexes, WARNING, warning } from './warnings';

/** Policy hook: true when an output pays a destination the wallet's policy allows. */
export type DestinationCheck = (outputScript: Uint8Array, address: string | null) => boolean;

/** What review learned about one input; the signer uses it so nothing is judged twice. */
export interface InputFacts {
  index: number;
  spent: SpentOutput;
  /** The wallet script this input spends, when it is ours. */
  ours: WalletScript | null;
  sighashType: number | undefined;
}

export interface PsbtAnalysis {
  review: ReviewModel;
  inputs: InputFacts[];
}

/** The unsigned transaction as a bitcoinjs-lib Transaction (the PSBT keeps its own copy private). */
export function unsignedTransaction(psbt: Psbt): Transaction {
  return Transaction.fromBuffer(psbt.data.globalMap.unsignedTx.toBuffer());
}

const LOCKTIME_THRESHOLD = 500_000_000;
const FINAL_SEQUENCE = 0xffffffff;

function signaturesOnInput(psbt: Psbt, index: number, script: WalletScript, threshold: number): number {
  const input = psbt.data.inputs[index]!;
  if (input.finalScriptSig || input.finalScriptWitness) return threshold;
  const valid = (input.partialSig ?? []).filter((sig) =>
    script.pubkeys.some((k) => bytesEqual(k, sig.pubkey)),
  );
  return Math.min(valid.length, threshold);
}

function classifyOutputs(
  psbt: Psbt,
  matcher: WalletMatcher,
  isAllowedDestination: DestinationCheck | undefined,
): { outputs: ReviewOutput[]; foreignChange: number[] } {
  const network = bitcoinNetwork(matcher.wallet.network);
  const foreignChange: number[] = [];
  const outputs = psbt.txOutputs.map((output, i): ReviewOutput => {
    let address: string | null = null;
    try {
      address = baddress.fromOutputScript(output.script, network);
    } catch {
      address = null;
    }
    const derivations = psbt.data.outputs[i]?.bip32Derivation;
    if (output.value > MAX_MONEY) throw badInput('AMOUNT_INVALID', `output ${i} has an impossible amount`);
    const amount = Number(output.value);
    if (matcher.matchOutput(output.script, derivations)) return { address, amount, kind: 'change' };
    if (matcher.claimsOurFingerprint(derivations)) foreignChange.push(i);
    const allowed = isAllowedDestination?.(output.script, address) ?? false;
    return { address, amount, kind: allowed ? 'allowed' : 'external' };
  });
  return { outputs, foreignChange };
}

function locktimeWarning(psbt: Psbt, txInputs: TxInput[]): ReviewWarning | null {
  const locktime = psbt.locktime;
  if (locktime === 0 || txInputs.every((input) => input.sequence === FINAL_SEQUENCE)) return null;
  const when =
    locktime < LOCKTIME_THRESHOLD
      ? `block ${locktime}`
      : new Date(locktime * 1000).toISOString().replace('.000Z', 'Z');
  return warning(WARNING.LOCKTIME, `the transaction cannot be confirmed before ${when}`);
}

/**
 * Reviews a PSBT against a registered wallet (DESIGN §4): which inputs are ours and whether their amounts
 * are proven, which outputs are change, the fee and its rate, signatures, and typed warnings. Throws
 * refused NETWORK_MISMATCH first, then bad input for lies about amounts.
 */
export function analysePsbt({
  psbt,
  wallet,
  isAllowedDestination,
}: {
  psbt: Psbt;
  wallet: Wallet;
  isAllowedDestination?: DestinationCheck;
}): PsbtAnalysis {
  checkPsbtNetwork(psbt, wallet);
  const matcher = new WalletMatcher(wallet);
  const txInputs = psbt.txInputs;
  const facts: InputFacts[] = psbt.data.inputs.map((input, index) => {
    const spent = spentOutput({ psbt, index, txInput: txInputs[index]! });
    const match = matcher.matchInput({
      derivations: input.bip32Derivation,
      prevoutScript: spent.script,
      witnessScript: input.witnessScript,
      redeemScript: input.redeemScript,
    });
    return {
      index,
      spent,
      ours: match?.script ?? null,
      sighashType: input.sighashType,
    };
  });

  const { outputs, foreignChange } = classifyOutputs(psbt, matcher, isAllowedDestination);
  const warnings: ReviewWarning[] = [];
  const where = (test: (f: InputFacts) => boolean) => facts.filter(test).map((f) => f.index);
  const add = (code: (typeof WARNING)[keyof typeof WARNING], indexes: number[], text: string) => {
    if (indexes.length > 0) warnings.push(warning(code, `${listIndexes('input', indexes)}: ${text}`));
  };
  add(
    WARNING.UNKNOWN_INPUT,
    where((f) => !f.ours),
    `not part of wallet ${wallet.name}; this signer will not sign it`,
  );
  add(
    WARNING.MISSING_AMOUNT,
    where((f) => f.spent.amount === null),
    'the PSBT gives no amount, so the fee is unknown',
  );
  add(
    WARNING.WITNESS_UTXO_ONLY,
    where((f) => f.spent.amount !== null && !f.spent.proven),
    'the amount comes only from a witness UTXO, without the previous transaction that proves it',
  );
  add(
    WARNING.MISSING_PREVIOUS_TX,
    where((f) => f.ours !== null && wallet.scriptType === 'p2sh' && !f.spent.hasPreviousTx),
    'a legacy P2SH input needs its previous transaction before it can be signed',
  );
  add(
    WARNING.NONSTANDARD_SIGHASH,
    where((f) => f.sighashType !== undefined && f.sighashType !== Transaction.SIGHASH_ALL),
    'requests a sighash type other than SIGHASH_ALL',
  );
  if (foreignChange.length > 0) {
    warnings.push(
      warning(
        WARNING.FOREIGN_CHANGE,
        `${listIndexes('output', foreignChange)}: claims a path under this wallet's keys but does not derive from wallet ${wallet.name}; treated as external`,
      ),
    );
  }

  const unsigned = unsignedTransaction(psbt);
  const walletInputSize = (script: WalletScript | null): InputSize =>
    multisigInputSize({
      scriptType: wallet.scriptType,
      threshold: wallet.threshold,
      multisigScriptLength: script?.multisigScript.length ?? 3 + 34 * wallet.cosigners.length,
    });
  const sizes = facts.map((f) =>
    f.ours
      ? walletInputSize(f.ours)
      : (knownInputSize(psbt.data.inputs[f.index]!, f.spent.script) ?? walletInputSize(null)),
  );
  const vsize = estimateVsize(unsigned, sizes);

  const totalIn = facts.every((f) => f.spent.amount !== null)
    ? facts.reduce((sum, f) => sum + (f.spent.amount as bigint), 0n)
    : null;
  const totalOut = psbt.txOutputs.reduce((sum, o) => sum + o.value, 0n);
  const feeSats = totalIn === null ? null : totalIn - totalOut;
  if (feeSats !== null && feeSats < 0n) {
    throw badInput('NEGATIVE_FEE', 'the outputs spend more than the inputs hold');
  }
  const fee = feeSats === null ? null : Number(feeSats);
  const feeRate = fee === null ? null : Math.round((fee / vsize) * 100) / 100;
  if (fee !== null && totalIn !== null && feeRate !== null) {
    if (feeRate > HIGH_FEE_RATE || (totalIn > 0n && fee > Number(totalIn) * HIGH_FEE_SHARE)) {
      warnings.push(
        warning(
          WARNING.HIGH_FEE,
          `the fee of ${fee} sat (${feeRate} sat/vB) is unusually high for this transaction`,
        ),
      );
    }
  }
  const lock = locktimeWarning(psbt, txInputs);
  if (lock) warnings.push(lock);

  const ours = facts.filter((f) => f.ours);
  const review: ReviewModel = {
    network: wallet.network,
    inputs: facts.map((f) => ({
      txid: inputTxid(txInputs[f.index]!),
      vout: txInputs[f.index]!.index,
      amount: f.spent.amount === null ? null : Number(f.spent.amount),
      ours: f.ours !== null,
      amountProven: f.spent.proven,
    })),
    outputs,
    fee,
    feeRate,
    vsize,
    signatures: {
      present: ours.reduce((n, f) => n + signaturesOnInput(psbt, f.index, f.ours!, wallet.threshold), 0),
      required: ours.length * wallet.threshold,
    },
    warnings,
  };
  return { review, inputs: facts };
}

/** The review model of DESIGN §4 and §10 (`inspect --json`). */
export function reviewPsbt(options: {
  psbt: Psbt;
  wallet: Wallet;
  isAllowedDestination?: DestinationCheck;
}): ReviewModel {
  return analysePsbt(options).review;
}
