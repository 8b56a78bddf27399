import type { ReviewResult, SignedResult } from '../../src/ipc/models';
import { shortHash } from '../components/format';
import { ScreenHeading } from '../components/ScreenHeading';
import { useStrings } from '../i18n';

/** Signatures the transaction still lacks after this key's, summed over the wallet's inputs. */
export function signaturesLeft(review: ReviewResult, signed: SignedResult): number {
  const { present, required } = review.review.signatures;
  return Math.max(0, required - present - signed.signedInputs);
}

export function Done({
  review,
  signed,
  onShowAgain,
  onHome,
}: {
  review: ReviewResult | null;
  signed: SignedResult | null;
  onShowAgain: () => void;
  onHome: () => void;
}) {
  const en = useStrings();
  const left = review && signed ? signaturesLeft(review, signed) : null;
  return (
    <section aria-labelledby="done-title" data-screen="done">
      <ScreenHeading id="done-title">{en.done.title}</ScreenHeading>
      {signed && (
        <>
          <p className="lead">{en.done.signed(signed.signedInputs)}</p>
          <p className="address" title={signed.psbtOutHash}>
            {en.done.hash(shortHash(signed.psbtOutHash))}
          </p>
          {left !== null && (
            <p className="notice notice-ok" data-signatures-left={left}>
              {left > 0 ? en.done.left(left) : en.done.complete}
            </p>
          )}
        </>
      )}
      <div className="actions">
        {signed && (
          <button type="button" onClick={onShowAgain}>
            {en.done.showAgain}
          </button>
        )}
        <button type="button" className="primary" onClick={onHome}>
          {en.done.home}
        </button>
      </div>
    </section>
  );
}
