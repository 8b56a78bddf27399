import type { ConfigStatusView } from '../../src/ipc/models';
import { useStrings } from '../i18n';
import { differenceWords } from './difference-words';
import { ConfigItemWords } from './PolicyWords';

/**
 * What the seal means for signing now: a broken seal (nothing signs), a first seal about to be made
 * by this quorum (what it covers, shown before the shares), or changes waiting for the quorum.
 */
export function SealNotice({
  config,
  showFirstSeal,
  onOpen,
}: {
  config: ConfigStatusView | null;
  /** Where the next quorum seals a never-sealed device: list what it will seal. */
  showFirstSeal: boolean;
  onOpen: (() => void) | null;
}) {
  const en = useStrings();
  const words = en.changes;
  if (!config) return null;
  const open = onOpen && (
    <button type="button" onClick={onOpen}>
      {words.open}
    </button>
  );
  if (config.differences.length > 0)
    return (
      <div className="notice notice-danger" role="alert" data-seal-notice="broken">
        <p>{words.brokenNotice}</p>
        <ul>
          {config.differences.map((d) => (
            <li key={differenceWords(en, d)} data-difference={d.code}>
              {differenceWords(en, d)}
            </li>
          ))}
        </ul>
        {open}
      </div>
    );
  if (!config.sealed && showFirstSeal)
    return (
      <div className="notice notice-warning" data-seal-notice="first-seal">
        <p>{words.sealNotice}</p>
        <ul>
          {config.toBeSealedItems.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a list replaced whole, never reordered
            <li key={i}>
              <ConfigItemWords item={item} />
            </li>
          ))}
        </ul>
        {open}
      </div>
    );
  if (!config.sealed)
    return (
      <p className="notice notice-warning" data-seal-notice="unsealed">
        {words.unsealedNotice} {open}
      </p>
    );
  if (config.changeItems.length > 0)
    return (
      <p className="notice notice-warning" data-seal-notice="pending">
        {words.pendingNotice(config.changeItems.length)} {open}
      </p>
    );
  return null;
}
