import { useContext, useState } from 'react';
import type { ReviewResult } from '../../src/ipc/models';
import type { ReviewModel } from '../../src/psbt/review-model';
import { feePercent } from '../../src/psbt/warnings';
import { Address } from '../components/Address';
import { Amount, AmountUnitContext, amountText } from '../components/Amount';
import { errorSentence } from '../components/ErrorNotice';
import { shortHash } from '../components/format';
import { ReviewPurpose } from '../components/ReviewPurpose';
import { ScreenHeading } from '../components/ScreenHeading';
import { violationDetail, warningDetail } from '../components/warning-words';
import { useLanguage, useStrings } from '../i18n';

/** More inputs than this are summed up in one line, their table folded. */
const FOLD_INPUTS_ABOVE = 8;

/** Totals for display; every fact itself comes from the core's review. */
export function reviewTotals(review: ReviewModel) {
  const sum = (kinds: string[]) =>
    review.outputs.filter((o) => kinds.includes(o.kind)).reduce((total, o) => total + o.amount, 0);
  const sent = sum(['external', 'allowed', 'transfer']);
  const amounts = review.inputs.map((i) => i.amount);
  const totalIn = amounts.every((a) => a !== null) ? amounts.reduce((t, a) => t + (a ?? 0), 0) : null;
  const feeBase = sent > 0 ? sent : totalIn;
  return {
    sent,
    change: sum(['change']),
    totalIn,
    feeShare:
      review.fee !== null && feeBase ? { percent: feePercent(review.fee, feeBase), ofSent: sent > 0 } : null,
    oursCount: review.inputs.filter((i) => i.ours).length,
    provenCount: review.inputs.filter((i) => i.amountProven).length,
  };
}

/** Everything the core found, as it found it, numbered from 1 as its warnings are. */
export function Review({
  result,
  busy,
  canConfirm,
  onConfirm,
}: {
  result: ReviewResult | null;
  busy: boolean;
  canConfirm: boolean;
  onConfirm: () => void;
}) {
  const en = useStrings();
  const unit = useContext(AmountUnitContext);
  const { language } = useLanguage();
  if (!result) {
    return (
      <section aria-labelledby="review-title" data-screen="review">
        <ScreenHeading id="review-title">{en.review.title}</ScreenHeading>
        {busy && (
          <p className="busy" role="status" data-review-busy>
            <span className="spinner" aria-hidden="true" />
            {en.review.computing}
          </p>
        )}
      </section>
    );
  }
  const { review, violations } = result;
  const inUnit = (sats: number) => amountText(en, unit, sats);
  // A violation's detail from its parameters; without them, the core's English on an English screen.
  const violationWords = (v: (typeof violations)[number]) =>
    violationDetail(en, v, inUnit) ??
    (language === 'en' && errorSentence(en, v.code) !== null ? v.message : null);
  const totals = reviewTotals(review);
  return (
    <section aria-labelledby="review-title" data-screen="review">
      <ScreenHeading id="review-title">{en.review.title}</ScreenHeading>
      <dl className="identity" data-review-identity>
        <dt>{en.review.wallet}</dt>
        <dd data-identity="wallet">{result.walletName}</dd>
        <dt>{en.review.network}</dt>
        <dd data-identity="network">{en.networks[review.network]}</dd>
        {result.txid && (
          <>
            <dt>{en.review.txid}</dt>
            <dd className="address" data-identity="txid" title={result.txid}>
              {shortHash(result.txid)}
            </dd>
          </>
        )}
        <dt>{en.review.psbtHash}</dt>
        <dd className="address" data-identity="psbtHash" title={result.psbtHash}>
          {shortHash(result.psbtHash)}
        </dd>
      </dl>
      <ReviewPurpose result={result} />
      {review.warnings.length > 0 && (
        <div className="notice notice-danger" role="alert" data-warnings>
          <h2>{en.review.warnings}</h2>
          <ul>
            {review.warnings.map((w) => (
              <li key={`${w.code}-${w.message}`} data-warning-code={w.code}>
                {en.warnings[w.code]} <span className="detail">({warningDetail(en, w, inUnit)})</span>
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
                {errorSentence(en, v.code) ?? v.message}
                {violationWords(v) && <span className="detail"> ({violationWords(v)})</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h2>{en.review.outputs}</h2>
      <OutputsTable outputs={review.outputs} />
      <dl className="totals">
        <dt>{en.review.sent}</dt>
        <dd data-total="sent">
          <Amount sats={totals.sent} />
        </dd>
        <dt>{en.review.change}</dt>
        <dd data-total="change">
          <Amount sats={totals.change} />
        </dd>
        <dt>{en.review.fee}</dt>
        <dd data-total="fee">
          <Amount sats={review.fee} />
          {totals.feeShare && (
            <span className="fee-share" data-fee-percent={totals.feeShare.percent}>
              {' '}
              {en.review.feeShare(totals.feeShare.percent, totals.feeShare.ofSent)}
            </span>
          )}
        </dd>
        <dt>{en.review.feeRate}</dt>
        <dd data-total="feeRate">
          {review.feeRate === null ? en.review.unknown : en.review.feeRateValue(review.feeRate)}
        </dd>
        <dt>{en.review.size}</dt>
        <dd>{en.review.sizeValue(review.vsize)}</dd>
        <dt>{en.review.signatures}</dt>
        <dd data-total="signatures">
          {en.review.signaturesValue(
            review.signatures.present,
            totals.oursCount === 0 ? 0 : review.signatures.required / totals.oursCount,
            totals.oursCount,
          )}
        </dd>
      </dl>
      <h2>{en.review.inputs}</h2>
      <p data-inputs-summary>
        {en.review.inputsSummary(review.inputs.length, totals.oursCount, totals.provenCount)}{' '}
        <Amount sats={totals.totalIn} />
      </p>
      {review.inputs.length > FOLD_INPUTS_ABOVE ? (
        <FoldedInputs review={review} />
      ) : (
        <InputsTable review={review} />
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={onConfirm} disabled={!canConfirm}>
          {en.review.confirm}
        </button>
      </div>
    </section>
  );
}

/** The outputs numbered from 1; only a refusal-worthy fact is red, ordinary payments are neutral. */
export function OutputsTable({ outputs }: { outputs: ReviewModel['outputs'] }) {
  const en = useStrings();
  return (
    <table className="outputs">
      <thead>
        <tr>
          <th scope="col">{en.review.number}</th>
          <th scope="col">{en.review.address}</th>
          <th scope="col">{en.review.amount}</th>
          <th scope="col">{en.review.kind}</th>
        </tr>
      </thead>
      <tbody>
        {outputs.map((o, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: outputs are positional in a transaction
          <tr key={i} className={`kind-${o.kind}`} data-output-kind={o.kind} data-output-number={i + 1}>
            <th scope="row">{i + 1}</th>
            <td>
              <Address address={o.address} />
            </td>
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
  );
}

/**
 * The inputs table behind its summary line, built only once opened: hundreds of rows nobody has
 * asked to see would delay the review's first paint (a closed details element lays none of them out,
 * but React would still build them all).
 */
function FoldedInputs({ review }: { review: ReviewModel }) {
  const en = useStrings();
  const [open, setOpen] = useState(false);
  return (
    <details data-inputs-folded onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{en.review.showInputs(review.inputs.length)}</summary>
      {open && <InputsTable review={review} />}
    </details>
  );
}

function InputsTable({ review }: { review: ReviewModel }) {
  const en = useStrings();
  return (
    <table className="inputs">
      <thead>
        <tr>
          <th scope="col">{en.review.number}</th>
          <th scope="col">{en.review.outpoint}</th>
          <th scope="col">{en.review.amount}</th>
          <th scope="col">{en.review.ours}</th>
          <th scope="col">{en.review.proven}</th>
        </tr>
      </thead>
      <tbody>
        {review.inputs.map((input, i) => (
          <tr key={`${input.txid}:${input.vout}`} data-input-number={i + 1}>
            <th scope="row">{i + 1}</th>
            <td className="address" title={`${input.txid}:${input.vout}`}>
              {shortHash(input.txid)}:{input.vout}
            </td>
            <td>
              <Amount sats={input.amount} />
            </td>
            <td className={input.ours ? '' : 'warn'}>{input.ours ? en.review.yes : en.review.no}</td>
            <td className={input.amountProven ? '' : 'warn'}>
              {input.amountProven ? en.review.yes : en.review.no}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
