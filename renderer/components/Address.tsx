import { useStrings } from '../i18n';
import { addressGroups } from './format';

/**
 * An address in groups of four. The first and last groups, which a coordinator shows when it
 * shortens an address, are marked so both screens highlight the same characters.
 */
export function Address({ address }: { address: string | null }) {
  const en = useStrings();
  if (address === null) return <span className="address">{en.review.noAddress}</span>;
  const groups = addressGroups(address);
  return (
    <span className="address" data-address={address}>
      {groups.map((group, i) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: groups are positional in the address
          key={i}
          className={i === 0 || i === groups.length - 1 ? 'group edge' : 'group'}
        >
          {group}
        </span>
      ))}
    </span>
  );
}
