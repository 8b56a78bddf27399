import { useEffect, useState, useSyncExternalStore } from 'react';
import { pendingCalls } from '../flow/pending-calls';
import { useStrings } from '../i18n';

/** Calls shorter than this pass without a sign; longer ones (a large PSBT's review, signing) show one. */
export const BUSY_AFTER_MS = 200;

/** A polite status line, "Working…", while a call to main has taken longer than BUSY_AFTER_MS. */
export function BusyIndicator() {
  const en = useStrings();
  const busy = useSyncExternalStore(pendingCalls.subscribe, pendingCalls.busy);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!busy) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), BUSY_AFTER_MS);
    return () => clearTimeout(timer);
  }, [busy]);
  return (
    <p className="busy-line" role="status" data-busy={shown ? 'true' : undefined}>
      {shown ? en.busy : ''}
    </p>
  );
}
