import type { ReviewResult, Status } from '../../src/ipc/models';
import { formatBtc } from '../components/format';
import { en } from '../i18n/en';

export function Signing({
  review,
  status,
  onSign,
}: {
  review: ReviewResult | null;
  status: Status;
  onSign: () => void;
}) {
  const sent = (review?.review.outputs ?? [])
    .filter((o) => o.kind !== 'change')
    .reduce((total, o) => total + o.amount, 0);
  const fee = review?.review.fee ?? null;
  const blocked = !status.airgap.signingAllowed;
  return (
    <section aria-labelledby="signing-title" data-screen="signing">
      <h1 id="signing-title">{en.signing.title}</h1>
      <p className="lead">
        {en.signing.summary(
          `${formatBtc(sent)} BTC`,
          fee === null ? en.review.unknown : `${formatBtc(fee)} BTC`,
        )}
      </p>
      {blocked && (
        <p className="notice notice-danger" role="alert">
          {en.signing.blocked}
        </p>
      )}
      <div className="actions">
        {/* biome-ignore lint/a11y/noAutofocus: the step's one action */}
        <button type="button" className="primary" onClick={onSign} autoFocus>
          {en.signing.sign}
        </button>
      </div>
    </section>
  );
}
