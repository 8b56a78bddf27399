import { useState } from 'react';
import type { QrDensity, QrFormat, ReturnContents, ReviewResult, SignedResult } from '../../src/ipc/models';
import type { ReviewPurpose } from '../../src/psbt/review-model';
import { Amount } from '../components/Amount';
import { shortHash } from '../components/format';
import { QrAnimator } from '../components/QrAnimator';
import { ScreenHeading } from '../components/ScreenHeading';
import { type Strings, useStrings } from '../i18n';

/** Signatures the transaction still lacks after this key's, summed over the wallet's inputs. */
export function signaturesLeft(review: ReviewResult, signed: SignedResult): number {
  const { present, required } = review.review.signatures;
  return Math.max(0, required - present - signed.signedInputs);
}

type SaveFrames = (
  format: QrFormat,
  density: QrDensity,
  contents: ReturnContents,
) => Promise<{ directory: string } | null>;

/** What a proof of reserves proved, or which message was signed for which address, in the review's words. */
function SignedPurpose({ purpose, wallet }: { purpose: ReviewPurpose; wallet: string }) {
  const en = useStrings();
  if (purpose.kind === 'proof-of-reserves') {
    return (
      <div data-done-purpose="proof-of-reserves">
        <p className="lead">{en.donePurpose.proofLead}</p>
        <p>{en.purpose.proofMessage(purpose.message)}</p>
        <p data-proof-total={purpose.total}>
          {en.purpose.proves} <Amount sats={purpose.total} /> {en.purpose.inCoins(purpose.coins, wallet)}
        </p>
      </div>
    );
  }
  return (
    <p className="lead" data-done-purpose="message">
      {purpose.message === null
        ? en.donePurpose.messageHashSigned(purpose.messageHash, purpose.address, wallet)
        : en.donePurpose.messageSigned(purpose.message, purpose.address, wallet)}
    </p>
  );
}

/**
 * A proof or a message signature is the thing the coordinator came for: it is shown here as QR and
 * offered as a file, as Show QR does, so the Done screen is where the officers read what was proven.
 */
function SignedPurposeExport({
  purpose,
  signed,
  onSave,
}: {
  purpose: ReviewPurpose;
  signed: SignedResult;
  onSave: SaveFrames;
}) {
  const en = useStrings();
  const [saved, setSaved] = useState<string | null>(null);
  const label = purpose.kind === 'proof-of-reserves' ? en.donePurpose.proofQr : en.donePurpose.messageQr;
  return (
    <section aria-label={label} data-done-export>
      <p className="hint">{en.donePurpose.qrHint}</p>
      <QrAnimator frames={signed.frames} framesPerSecond={5} />
      <div className="actions">
        <button
          type="button"
          onClick={async () => setSaved((await onSave(signed.format, 'medium', 'full'))?.directory ?? null)}
        >
          {en.donePurpose.save}
        </button>
      </div>
      {saved && <output data-saved={saved}>{en.donePurpose.saved(saved)}</output>}
    </section>
  );
}

/** What the coordinator still has to do: a proof or a message is finalised and checked, never broadcast. */
function leftWords(en: Strings, purpose: ReviewPurpose | undefined, left: number): string {
  if (purpose?.kind === 'proof-of-reserves')
    return left > 0 ? en.donePurpose.proofLeft(left) : en.donePurpose.proofComplete;
  if (purpose?.kind === 'message')
    return left > 0 ? en.donePurpose.messageLeft(left) : en.donePurpose.messageComplete;
  return left > 0 ? en.done.left(left) : en.done.complete;
}

export function Done({
  review,
  signed,
  onShowAgain,
  onSave,
  onHome,
}: {
  review: ReviewResult | null;
  signed: SignedResult | null;
  onShowAgain: () => void;
  onSave: SaveFrames;
  onHome: () => void;
}) {
  const en = useStrings();
  const left = review && signed ? signaturesLeft(review, signed) : null;
  const purpose = signed ? review?.review.purpose : undefined;
  const title =
    purpose?.kind === 'proof-of-reserves'
      ? en.donePurpose.proofTitle
      : purpose?.kind === 'message'
        ? en.donePurpose.messageTitle
        : en.done.title;
  return (
    <section aria-labelledby="done-title" data-screen="done">
      <ScreenHeading id="done-title">{title}</ScreenHeading>
      {purpose && review && <SignedPurpose purpose={purpose} wallet={review.walletName} />}
      {signed && (
        <>
          <p className={purpose ? undefined : 'lead'}>{en.done.signed(signed.signedInputs)}</p>
          <p className="address" title={signed.psbtOutHash}>
            {en.done.hash(shortHash(signed.psbtOutHash))}
          </p>
          {left !== null && (
            <p className="notice notice-ok" data-signatures-left={left}>
              {leftWords(en, purpose, left)}
            </p>
          )}
          <p className="address" data-audit-head={signed.auditHead}>
            {en.donePurpose.head(signed.auditHead)}
          </p>
        </>
      )}
      {purpose && signed && <SignedPurposeExport purpose={purpose} signed={signed} onSave={onSave} />}
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
