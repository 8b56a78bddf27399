import type { ReviewResult } from '../../src/ipc/models';
import { useStrings } from '../i18n';
import { Amount } from './Amount';

/** What a PSBT that pays nobody is: a proof of reserves or a signed message, in plain words. */
export function ReviewPurpose({ result }: { result: ReviewResult }) {
  const en = useStrings();
  const purpose = result.review.purpose;
  if (!purpose) return null;
  if (purpose.kind === 'proof-of-reserves') {
    return (
      <div className="notice" role="status" data-purpose="proof-of-reserves">
        <h2>{en.purpose.proofTitle}</h2>
        <p>{en.purpose.proofMessage(purpose.message)}</p>
        <p>
          {en.purpose.proves} <Amount sats={purpose.total} />{' '}
          {en.purpose.inCoins(purpose.coins, result.walletName)}
        </p>
        <p>{en.purpose.neverConfirmed}</p>
      </div>
    );
  }
  return (
    <div className="notice" role="status" data-purpose="message">
      <h2>{en.purpose.messageTitle}</h2>
      <p>
        {purpose.message === null
          ? en.purpose.messageHashOnly(purpose.messageHash)
          : en.purpose.message(purpose.message)}
      </p>
      <p className="address">{en.purpose.forAddress(purpose.address, result.walletName)}</p>
      <p>{en.purpose.nothingPaid}</p>
    </div>
  );
}
