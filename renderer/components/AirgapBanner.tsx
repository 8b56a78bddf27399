import { type FormEvent, useState } from 'react';
import type { AirgapStatus } from '../../src/ipc/models';
import { useStrings } from '../i18n';

const interfaceNames = (airgap: AirgapStatus) =>
  [...new Set(airgap.interfaces.map((i) => i.name))].join(', ');

/** Always visible: green when offline, red when any link is up. The override lives at the page's end. */
export function AirgapBanner({ airgap }: { airgap: AirgapStatus }) {
  const en = useStrings();
  if (airgap.state === 'isolated') {
    return (
      <output className="banner banner-ok" data-airgap="isolated">
        {en.airgap.isolated}
      </output>
    );
  }
  const names = interfaceNames(airgap);
  return (
    <div className="banner banner-danger" role="alert" data-airgap={airgap.state}>
      <p>{airgap.state === 'overridden' ? en.airgap.overridden(names) : en.airgap.connected(names)}</p>
      {airgap.state === 'connected' && <p className="detail">{en.airgap.overrideWhere}</p>}
    </div>
  );
}

/**
 * The operator's override of the air-gap guard, written to the audit log. Deliberately plain and
 * after the page's own content, so it is neither the most prominent control nor the first Tab stop:
 * switching the network off is the expected answer.
 */
export function AirgapOverride({
  airgap,
  onOverride,
}: {
  airgap: AirgapStatus;
  onOverride: (reason: string) => void;
}) {
  const en = useStrings();
  const [reason, setReason] = useState('');
  if (airgap.state !== 'connected') return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length >= 3) onOverride(reason.trim());
  };
  return (
    <aside className="airgap-override" aria-labelledby="airgap-override-title">
      <details>
        <summary id="airgap-override-title">{en.airgap.overrideTitle}</summary>
        <form onSubmit={submit} className="inline-form">
          <label>
            {en.airgap.overrideLabel}
            <input value={reason} onChange={(e) => setReason(e.target.value)} minLength={3} maxLength={200} />
          </label>
          <button type="submit">{en.airgap.overrideButton}</button>
        </form>
      </details>
    </aside>
  );
}
