import { type FormEvent, useState } from 'react';
import type { AirgapStatus } from '../../src/ipc/models';
import { en } from '../i18n/en';

/** Always visible: green when offline, red when any link is up, with the operator's override. */
export function AirgapBanner({
  airgap,
  onOverride,
}: {
  airgap: AirgapStatus;
  onOverride: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const names = [...new Set(airgap.interfaces.map((i) => i.name))].join(', ');
  if (airgap.state === 'isolated') {
    return (
      <output className="banner banner-ok" data-airgap="isolated">
        {en.airgap.isolated}
      </output>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length >= 3) onOverride(reason.trim());
  };
  return (
    <div className="banner banner-danger" role="alert" data-airgap={airgap.state}>
      <p>{airgap.state === 'overridden' ? en.airgap.overridden(names) : en.airgap.connected(names)}</p>
      {airgap.state === 'connected' && (
        <form onSubmit={submit} className="inline-form">
          <label>
            {en.airgap.overrideLabel}
            <input value={reason} onChange={(e) => setReason(e.target.value)} minLength={3} maxLength={200} />
          </label>
          <button type="submit" className="danger">
            {en.airgap.overrideButton}
          </button>
        </form>
      )}
    </div>
  );
}
