import { address as baddress, type Psbt, Transaction } from 'bitcoinjs-lib';
import { bytesEqual } from '../common/bytes';
import { badInput } from '../common/errors';
import { bitcoinNetwork } from '../common/network';
import type { ChildKeyPool } from '../keys/ckd-pool';
import { WalletDeriver, type WalletScript } from '../wallet/derive';
import type { Wallet } from '../wallet/types';
import { messagePurpose } from './bip322';
import { feeSummary } from './fee';
import { inputTxid, MAX_MONEY, type SpentOutput, spentOutput, type TxInput } from './inputs';
import { checkPsbtNetwork } from './network-check';
import { WalletMatcher } from './ownership';
import { COMMITMENT_INPUT, COMMITMENT_SPENT, checkProofSum, proofCommitment, proofPurpose } from './reserves';
import type { ReviewModel, ReviewOutput, ReviewWarning } from './review-model';
import { transferCandidates, transferTarget } from './transfers';
import { WARNING, warning } from './warnings';

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
  otherWallets: Wallet[],
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
    if (output.value < 0n || output.value > MAX_MONEY)
      throw badInput('AMOUNT_INVALID', `output ${i + 1} has an impossible amount`);
    const amount = Number(output.value);
    if (matcher.matchOutput(output.script, derivations)) return { address, amount, kind: 'change' };
    // Another registered wallet is named, never "external" (nor change, which is this wallet's only).
    const target = transferTarget({ wallets: otherWallets, outputScript: output.script, derivations });
    if (target)
      return { address, amount, kind: 'transfer', wallet: target.name, owner: target.owner ?? null };
    if (matcher.claimsOurFingerprint(derivations)) foreignChange.push(i);
    const allowed = isAllowedDestination?.(output.script, address) ?? false;
    return { address, amount, kind: allowed ? 'allowed' : 'external' };
  });
  return { outputs, foreignChange };
}

function locktimeWarnings(psbt: Psbt, txInputs: TxInput[]): ReviewWarning[] {
  const locktime = psbt.locktime;
  if (locktime === 0 || txInputs.every((input) => input.sequence === FINAL_SEQUENCE)) return [];
  return [
    warning(WARNING.LOCKTIME, { until: locktime < LOCKTIME_THRESHOLD ? 'block' : 'time', value: locktime }),
  ];
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
  deriver,
  registeredWallets = [],
}: {
  psbt: Psbt;
  wallet: Wallet;
  isAllowedDestination?: DestinationCheck;
  /** prepareDeriver's result for this psbt and wallet: its scripts are derived already. */
  deriver?: WalletDeriver;
  /** Every registered wallet (this one included or not): outputs paying another are transfers. */
  registeredWallets?: Wallet[];
}): PsbtAnalysis {
  checkPsbtNetwork(psbt, wallet);
  const commitment = proofCommitment(psbt);
  const isCommitment = (index: number) => commitment !== null && index === COMMITMENT_INPUT;
  const matcher = new WalletMatcher(wallet, deriver);
  const txInputs = psbt.txInputs;
  const facts: InputFacts[] = psbt.data.inputs.map((input, index) => {
    const spent = isCommitment(index)
      ? COMMITMENT_SPENT
      : spentOutput({ psbt, index, txInput: txInputs[index]! });
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

  // What the PSBT is when it is not a payment; a proof's sum is checked before anything is shown.
  const purpose = commitment
    ? proofPurpose(
        checkProofSum(
          psbt,
          commitment,
          facts.map((f) => f.spent),
        ),
      )
    : messagePurpose(psbt, wallet);
  const otherWallets = transferCandidates(registeredWallets, wallet);
  const { outputs, foreignChange } = classifyOutputs(psbt, matcher, isAllowedDestination, otherWallets);
  const sent = outputs.filter((o) => o.kind !== 'change').reduce((sum, o) => sum + o.amount, 0);
  const fees = feeSummary({ psbt, unsigned: unsignedTransaction(psbt), wallet, inputs: facts, sent });
  const warnings = [
    ...(purpose?.kind === 'proof-of-reserves' ? [warning(WARNING.PROOF_OF_RESERVES, {})] : []),
    ...inputWarnings(
      facts.filter((f) => !isCommitment(f.index)),
      wallet,
    ),
    ...(foreignChange.length > 0 ? [foreignChangeWarning(foreignChange, wallet)] : []),
    ...(purpose ? [] : fees.warnings),
    ...locktimeWarnings(psbt, txInputs),
  ];
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
    fee: fees.fee,
    feeRate: fees.feeRate,
    vsize: fees.vsize,
    signatures: {
      present: ours.reduce((n, f) => n + signaturesOnInput(psbt, f.index, f.ours!, wallet.threshold), 0),
      required: ours.length * wallet.threshold,
    },
    warnings,
    ...(purpose ? { purpose } : {}),
  };
  return { review, inputs: facts };
}

/**
 * A deriver for `wallet` that holds every script the PSBT's inputs and outputs claim by their
 * derivation paths, derived with `pool`'s worker threads beside this one. analysePsbt and signPsbt
 * given it derive nothing more; it decides nothing itself (they still compare every script).
 * `derivedAhead` (ScriptsAhead's, from the scan) is extended rather than started afresh when it
 * belongs to this very wallet.
 */
export async function prepareDeriver(
  psbt: Psbt,
  wallet: Wallet,
  pool: ChildKeyPool,
  derivedAhead?: WalletDeriver,
): Promise<WalletDeriver> {
  const deriver = derivedAhead?.wallet === wallet ? derivedAhead : new WalletDeriver(wallet);
  const matcher = new WalletMatcher(wallet, deriver);
  const claims = [...psbt.data.inputs, ...psbt.data.outputs].flatMap((entry) =>
    matcher.claims(entry.bip32Derivation),
  );
  await deriver.prefetch(claims, pool);
  return deriver;
}

/** One warning per kind of input problem, naming every input it concerns. */
function inputWarnings(facts: InputFacts[], wallet: Wallet): ReviewWarning[] {
  const concerned = (applies: (f: InputFacts) => boolean) => facts.filter(applies).map((f) => f.index);
  const unknown = concerned((f) => !f.ours);
  const byKind = [
    [WARNING.MISSING_AMOUNT, concerned((f) => f.spent.amount === null)],
    [WARNING.WITNESS_UTXO_ONLY, concerned((f) => f.spent.amount !== null && !f.spent.proven)],
    [
      WARNING.MISSING_PREVIOUS_TX,
      concerned((f) => f.ours !== null && wallet.scriptType === 'p2sh' && !f.spent.hasPreviousTx),
    ],
    [
      WARNING.NONSTANDARD_SIGHASH,
      concerned((f) => f.sighashType !== undefined && f.sighashType !== Transaction.SIGHASH_ALL),
    ],
  ] as const;
  return [
    ...(unknown.length > 0 ? [warning(WARNING.UNKNOWN_INPUT, { inputs: unknown, wallet: wallet.name })] : []),
    ...byKind.flatMap(([code, inputs]) => (inputs.length > 0 ? [warning(code, { inputs })] : [])),
  ];
}

function foreignChangeWarning(outputs: number[], wallet: Wallet): ReviewWarning {
  return warning(WARNING.FOREIGN_CHANGE, { outputs, wallet: wallet.name });
}

/** The review model of DESIGN §4 and §10 (`inspect --json`). */
export function reviewPsbt(options: Parameters<typeof analysePsbt>[0]): ReviewModel {
  return analysePsbt(options).review;
}
