import type { ReviewResult, Status } from '../../src/ipc/models';
import { Amount } from '../components/Amount';
import { ScreenHeading } from '../components/ScreenHeading';
import { useStrings } from '../i18n';
import { OutputsTable, reviewTotals } from './Review';

/**
 * The last look before signing: every destination and amount and the fee again. Sign never takes
 * focus by itself, so an Enter meant for the previous step cannot sign.
 */
export function Signing({
  review,
  status,
  onSign,
  onBackToShares,
}: {
  review: ReviewResult | null;
  status: Status;
  onSign: () => void;
  /** Offered after a refusal that other shares can mend, e.g. shares of another key. */
  onBackToShares: (() => void) | null;
}) {
  const en = useStrings();
  const blocked = !status.airgap.signingAllowed;
  const payments = (review?.review.outputs ?? []).filter((o) => o.kind !== 'change');
  return (
    <section aria-labelledby="signing-title" data-screen="signing">
      <ScreenHeading id="signing-title">{en.signing.title}</ScreenHeading>
      {review && (
        <>
          <p className="lead">{en.signing.summary(review.walletName, payments.length)}</p>
          <OutputsTable outputs={review.review.outputs} />
          <dl className="totals">
            <dt>{en.review.sent}</dt>
            <dd data-total="sent">
              <Amount sats={reviewTotals(review.review).sent} />
            </dd>
            <dt>{en.review.fee}</dt>
            <dd data-total="fee">
              <Amount sats={review.review.fee} />
            </dd>
          </dl>
        </>
      )}
      {blocked && (
        <p className="notice notice-danger" role="alert">
          {en.signing.blocked}
        </p>
      )}
      <div className="actions">
        {onBackToShares ? (
          <button type="button" className="primary" onClick={onBackToShares}>
            {en.shares.back}
          </button>
        ) : (
          <button type="button" className="primary" onClick={onSign}>
            {en.signing.sign}
          </button>
        )}
      </div>
    </section>
  );
}
