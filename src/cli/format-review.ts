import type { ReviewModel } from '../psbt/review-model';
import type { Wallet } from '../wallet/types';
import { formatBtc } from './message-file';

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd());
}

/** What a PSBT that is not a payment is, in plain words; its outputs are then no payment to show. */
function purposeLines(review: ReviewModel, wallet: Wallet): string[] {
  const purpose = review.purpose;
  if (!purpose) return [];
  if (purpose.kind === 'proof-of-reserves') {
    return [
      `Proof of reserves — message "${purpose.message}"; proves ${formatBtc(purpose.total)} in ${purpose.coins} coin(s) of wallet ${wallet.name}; this transaction can never be confirmed`,
      '',
    ];
  }
  return [
    `Sign message ${purpose.message === null ? `with hash ${purpose.messageHash}` : `"${purpose.message}"`} for address ${purpose.address} of wallet ${wallet.name}; nothing is paid`,
    '',
  ];
}

/** The human form of a review, as `airlock inspect` prints it. */
export function formatReview(review: ReviewModel, wallet: Wallet): string {
  const lines = [
    `Wallet ${wallet.name} (${wallet.network}, ${wallet.threshold}-of-${wallet.cosigners.length} ${wallet.scriptType})`,
    '',
    ...purposeLines(review, wallet),
    `Inputs (${review.inputs.length}):`,
    ...table([
      ['#', 'outpoint', 'amount (sat)', 'ours', 'proven'],
      ...review.inputs.map((input, i) => [
        String(i),
        `${input.txid}:${input.vout}`,
        input.amount === null ? 'unknown' : String(input.amount),
        yesNo(input.ours),
        yesNo(input.amountProven),
      ]),
    ]),
    '',
    `Outputs (${review.outputs.length}):`,
    ...table([
      ['#', 'address', 'amount (sat)', 'kind'],
      ...review.outputs.map((output, i) => [
        String(i),
        output.address ?? '(no address)',
        String(output.amount),
        output.kind === 'transfer'
          ? `transfer to registered wallet ${output.wallet} (${output.owner ?? 'no owner class'})`
          : output.kind,
      ]),
    ]),
    '',
    review.fee === null
      ? `Fee: unknown (an input amount is missing); about ${review.vsize} vB signed`
      : `Fee: ${review.fee} sat (${review.feeRate} sat/vB over about ${review.vsize} vB signed)`,
    `Signatures: ${review.signatures.present} of ${review.signatures.required}`,
  ];
  if (review.warnings.length > 0) {
    lines.push('', 'Warnings:', ...review.warnings.map((w) => `  [${w.code}] ${w.message}`));
  }
  return `${lines.join('\n')}\n`;
}
