import { en } from '../i18n/en';
import { formatBtc, formatSats } from './format';

/** An amount in BTC; the exact satoshis on hover (and for tests, in data-sats). */
export function Amount({ sats }: { sats: number | null }) {
  if (sats === null) return <span className="amount unknown">{en.review.unknown}</span>;
  return (
    <span className="amount" title={en.units.sats(formatSats(sats))} data-sats={sats}>
      {formatBtc(sats)} {en.units.btc}
    </span>
  );
}
