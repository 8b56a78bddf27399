import type { ShownError } from '../flow/ceremony';
import { en } from '../i18n/en';

/** A refusal in plain words: the app's own sentence for known codes, else the core's. */
export function ErrorNotice({ error }: { error: ShownError | null }) {
  if (!error) return null;
  const words = en.errors[error.code] ?? error.message;
  return (
    <div className="notice notice-danger" role="alert" data-error-code={error.code}>
      <p>{words}</p>
      {words !== error.message && <p className="detail">{error.message}</p>}
    </div>
  );
}
