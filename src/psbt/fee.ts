import type { Psbt, Transaction } from 'bitcoinjs-lib';
import { badInput } from '../common/errors';
import type { WalletScript } from '../wallet/derive';
import type { Wallet } from '../wallet/types';
import type { SpentOutput } from './inputs';
import type { ReviewWarning } from './review-model';
import { estimateVsize, type InputSize, knownInputSize, multisigInputSize } from './vsize';
import { feePercent, HIGH_FEE_RATE, HIGH_FEE_SHARE, MIN_RELAY_FEE_RATE, WARNING, warning } from './warnings';

export interface FeeSummary {
  /** Satoshis; null when an input amount is unknown. */
  fee: number | null;
  /** sat/vB over `vsize`, two decimals; null when the fee is unknown. */
  feeRate: number | null;
  /** Estimated vsize of the fully signed transaction. */
  vsize: number;
  warnings: ReviewWarning[];
}

/**
 * Fee, estimated signed size and fee rate. Our inputs weigh a full M-of-N spend; other inputs what
 * their final scripts or script type say, or a wallet-like spend when nothing says.
 */
export function feeSummary({
  psbt,
  unsigned,
  wallet,
  inputs,
  sent,
}: {
  psbt: Psbt;
  unsigned: Transaction;
  wallet: Wallet;
  inputs: Array<{ index: number; spent: SpentOutput; ours: WalletScript | null }>;
  /** Satoshis paid to outputs that are not change. */
  sent: number;
}): FeeSummary {
  const walletInputSize = (script: WalletScript | null): InputSize =>
    multisigInputSize({
      scriptType: wallet.scriptType,
      threshold: wallet.threshold,
      multisigScriptLength: script?.multisigScript.length ?? 3 + 34 * wallet.cosigners.length,
    });
  const sizes = inputs.map((f) =>
    f.ours
      ? walletInputSize(f.ours)
      : (knownInputSize(psbt.data.inputs[f.index]!, f.spent.script) ?? walletInputSize(null)),
  );
  const vsize = estimateVsize(unsigned, sizes);

  if (inputs.some((f) => f.spent.amount === null)) return { fee: null, feeRate: null, vsize, warnings: [] };
  const totalIn = inputs.reduce((sum, f) => sum + (f.spent.amount as bigint), 0n);
  const totalOut = unsigned.outs.reduce((sum, o) => sum + o.value, 0n);
  if (totalOut > totalIn) throw badInput('NEGATIVE_FEE', 'the outputs spend more than the inputs hold');
  const fee = Number(totalIn - totalOut);
  const feeRate = Math.round((fee / vsize) * 100) / 100;
  return { fee, feeRate, vsize, warnings: feeWarnings({ fee, feeRate, sent, totalIn: Number(totalIn) }) };
}

/**
 * A fee that is a big share of the payment (of the inputs when nothing leaves the wallet) or an
 * extreme rate, and a rate nodes will not relay.
 */
export function feeWarnings({
  fee,
  feeRate,
  sent,
  totalIn,
}: {
  fee: number;
  feeRate: number;
  sent: number;
  totalIn: number;
}): ReviewWarning[] {
  const base = sent > 0 ? sent : totalIn;
  const share = base > 0 ? fee / base : 0;
  const warnings: ReviewWarning[] = [];
  if (share > HIGH_FEE_SHARE || feeRate > HIGH_FEE_RATE) {
    warnings.push(
      warning(WARNING.HIGH_FEE, {
        fee,
        feeRate,
        percent: feePercent(fee, base),
        of: sent > 0 ? 'sent' : 'spent',
      }),
    );
  }
  if (feeRate < MIN_RELAY_FEE_RATE) {
    warnings.push(warning(WARNING.LOW_FEE_RATE, { feeRate, minimum: MIN_RELAY_FEE_RATE }));
  }
  return warnings;
}
