import { createContext, useContext } from 'react';
import { type Strings, useStrings } from '../i18n';
import { formatBtcGrouped, formatSats } from './format';

export type AmountUnit = 'btc' | 'sats';

/** The unit every amount is shown in; chosen once, it stays for every screen and the next start. */
export const AmountUnitContext = createContext<AmountUnit>('btc');

const UNIT_KEY = 'airlock.amountUnit';

export function storedAmountUnit(): AmountUnit {
  return globalThis.localStorage?.getItem(UNIT_KEY) === 'sats' ? 'sats' : 'btc';
}

export function storeAmountUnit(unit: AmountUnit): void {
  globalThis.localStorage?.setItem(UNIT_KEY, unit);
}

/** An amount as text in `unit` with grouped digits, for sentences (a warning's detail). */
export function amountText(strings: Strings, unit: AmountUnit, sats: number): string {
  return unit === 'btc'
    ? `${formatBtcGrouped(sats, strings.locale)} ${strings.units.btc}`
    : strings.units.sats(formatSats(sats, strings.locale));
}

/** An amount in the chosen unit with grouped digits; the other unit on hover, the exact satoshis in data-sats. */
export function Amount({ sats }: { sats: number | null }) {
  const en = useStrings();
  const unit = useContext(AmountUnitContext);
  if (sats === null) return <span className="amount unknown">{en.review.unknown}</span>;
  const btc = amountText(en, 'btc', sats);
  const inSats = amountText(en, 'sats', sats);
  return (
    <span className="amount" title={unit === 'btc' ? inSats : btc} data-sats={sats} data-unit={unit}>
      {unit === 'btc' ? btc : inSats}
    </span>
  );
}

/** BTC or sats, as two radio buttons the officers can reach by keyboard. */
export function UnitSwitch({ unit, onChange }: { unit: AmountUnit; onChange: (unit: AmountUnit) => void }) {
  const en = useStrings();
  return (
    <fieldset className="unit-switch">
      <legend>{en.units.label}</legend>
      {(['btc', 'sats'] as const).map((choice) => (
        <label key={choice} className="choice">
          <input
            type="radio"
            name="amount-unit"
            value={choice}
            checked={unit === choice}
            onChange={() => onChange(choice)}
          />
          {choice === 'btc' ? en.units.btc : en.units.satsName}
        </label>
      ))}
    </fieldset>
  );
}
