import { useEffect, useRef } from 'react';
import type { ShownError } from '../flow/ceremony';
import { useStrings } from '../i18n';

/** A refusal in plain words: the app's own sentence for known codes, else the core's. */
export function ErrorNotice({ error }: { error: ShownError | null }) {
  const en = useStrings();
  const ref = useRef<HTMLDivElement>(null);
  // A new refusal takes focus, so the officer hears and sees it before anything else.
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const words = en.errors[error.code] ?? error.message;
  return (
    <div className="notice notice-danger" role="alert" data-error-code={error.code} ref={ref} tabIndex={-1}>
      <p>{words}</p>
      {words !== error.message && <p className="detail">{error.message}</p>}
    </div>
  );
}
