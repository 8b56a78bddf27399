import type { ReviewResult } from '../../src/ipc/models';
import { Amount } from '../components/Amount';
import { ReviewPurpose } from '../components/ReviewPurpose';
import { en } from '../i18n/en';

function sumOf(review: ReviewResult['review'], kinds: string[]): number {
  return review.outputs.filter((o) => kinds.includes(o.kind)).reduce((total, o) => total + o.amount, 0);
}

/** Everything the core found, as it found it: the UI computes nothing but sums for display. */
export function Review({
  result,
  canConfirm,
  onConfirm,
}: {
  result: ReviewResult | null;
  canConfirm: boolean;
  onConfirm: () => void;
}) {
  if (!result) {
    return (
      <section aria-labelledby="review-title" data-screen="review">
        <h1 id="review-title">{en.review.title}</h1>
      </section>
    );
  }
  const { review, violations } = result;
  return (
    <section aria-labelledby="review-title" data-screen="review">
      <h1 id="review-title">{en.review.title}</h1>
      <ReviewPurpose result={result} />
      {review.warnings.length > 0 && (
        <div className="notice notice-danger" role="alert" data-warnings>
          <h2>{en.review.warnings}</h2>
          <ul>
            {review.warnings.map((w) => (
              <li key={`${w.code}-${w.message}`} data-warning-code={w.code}>
                {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {violations.length > 0 && (
        <div className="notice notice-danger" role="alert" data-violations>
          <h2>{en.review.violations}</h2>
          <ul>
            {violations.map((v) => (
              <li key={`${v.code}-${v.message}`} data-violation-code={v.code}>
                {v.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h2>{en.review.outputs}</h2>
      <table className="outputs">
        <thead>
          <tr>
            <th>{en.review.address}</th>
            <th>{en.review.amount}</th>
            <th>{en.review.kind}</th>
          </tr>
        </thead>
        <tbody>
          {review.outputs.map((o, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: outputs are positional in a transaction
            <tr key={i} className={`kind-${o.kind}`} data-output-kind={o.kind}>
              <td className="address">{o.address ?? en.review.noAddress}</td>
              <td>
                <Amount sats={o.amount} />
              </td>
              <td>
                <span className={`badge badge-${o.kind}`}>
                  {o.kind === 'transfer' && o.wallet
                    ? en.review.transferTo(o.wallet, o.owner ?? null)
                    : en.review.kinds[o.kind]}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="totals">
        <dt>{en.review.sent}</dt>
        <dd data-total="sent">
          <Amount sats={sumOf(review, ['external', 'allowed', 'transfer'])} />
        </dd>
        <dt>{en.review.change}</dt>
        <dd data-total="change">
          <Amount sats={sumOf(review, ['change'])} />
        </dd>
        <dt>{en.review.fee}</dt>
        <dd data-total="fee">
          <Amount sats={review.fee} />
        </dd>
        <dt>{en.review.feeRate}</dt>
        <dd data-total="feeRate">
          {review.feeRate === null ? en.review.unknown : en.review.feeRateValue(review.feeRate)}
        </dd>
        <dt>{en.review.size}</dt>
        <dd>{en.review.sizeValue(review.vsize)}</dd>
        <dt>{en.review.signatures}</dt>
        <dd data-total="signatures">
          {en.review.signaturesValue(review.signatures.present, review.signatures.required)}
        </dd>
      </dl>
      <h2>{en.review.inputs}</h2>
      <table className="inputs">
        <thead>
          <tr>
            <th>{en.review.outpoint}</th>
            <th>{en.review.amount}</th>
            <th>{en.review.ours}</th>
            <th>{en.review.proven}</th>
          </tr>
        </thead>
        <tbody>
          {review.inputs.map((input) => (
            <tr key={`${input.txid}:${input.vout}`}>
              <td className="address">
                {input.txid.slice(0, 16)}…:{input.vout}
              </td>
              <td>
                <Amount sats={input.amount} />
              </td>
              <td>{input.ours ? en.review.yes : en.review.no}</td>
              <td className={input.amountProven ? '' : 'warn'}>
                {input.amountProven ? en.review.yes : en.review.no}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="primary" onClick={onConfirm} disabled={!canConfirm}>
          {en.review.confirm}
        </button>
      </div>
    </section>
  );
}
