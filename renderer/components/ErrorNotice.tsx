import { useEffect, useRef } from 'react';
import type { ShownError } from '../flow/ceremony';
import { type Strings, useLanguage, useStrings } from '../i18n';

/** The screen's sentence for an error code, or null for a code the app has no words for. */
export function errorSentence(strings: Strings, code: string): string | null {
  const sentences: Record<string, string> = strings.errors;
  return Object.hasOwn(sentences, code) ? (sentences[code] ?? null) : null;
}

/**
 * A refusal in plain words: the app's own sentence for known codes, else the core's. The core's
 * sentence is English, so it follows as detail only on an English screen.
 */
export function ErrorNotice({ error }: { error: ShownError | null }) {
  const en = useStrings();
  const { language } = useLanguage();
  const ref = useRef<HTMLDivElement>(null);
  // A new refusal takes focus, so the officer hears and sees it before anything else.
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const words = errorSentence(en, error.code) ?? error.message;
  return (
    <div className="notice notice-danger" role="alert" data-error-code={error.code} ref={ref} tabIndex={-1}>
      <p>{words}</p>
      {words !== error.message && language === 'en' && <p className="detail">{error.message}</p>}
    </div>
  );
}
