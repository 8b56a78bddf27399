import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import type { ShareProgress } from '../../src/ipc/models';
import { ProgressBar } from '../components/ProgressBar';
import { ScreenHeading } from '../components/ScreenHeading';
import { en } from '../i18n/en';

/** The only completion of the last, partly typed word, or null when there is none or several. */
export function completion(text: string, wordlist: readonly string[]): string | null {
  const last = text.split(/\s+/).at(-1)?.toLowerCase() ?? '';
  if (last.length < 2) return null;
  const matches = wordlist.filter((w) => w.startsWith(last));
  return matches.length === 1 && matches[0] !== last ? (matches[0] ?? null) : null;
}

/**
 * One share at a time: the words go to main when submitted and the field is cleared at once;
 * this screen never receives anything back but progress.
 */
export function KeyShares({
  loadWordlist,
  onAddShare,
}: {
  loadWordlist: () => Promise<string[] | null>;
  onAddShare: (words: string) => Promise<ShareProgress | null>;
}) {
  const [wordlist, setWordlist] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [progress, setProgress] = useState<ShareProgress | null>(null);
  useEffect(() => {
    void loadWordlist().then((list) => setWordlist(list ?? []));
  }, [loadWordlist]);
  const known = useMemo(() => new Set(wordlist), [wordlist]);
  const words = text.trim().split(/\s+/).filter(Boolean);
  const finished = /\s$/.test(text) ? words : words.slice(0, -1);
  const unknown = wordlist.length > 0 ? finished.filter((w) => !known.has(w.toLowerCase())) : [];
  const suggestion = completion(text, wordlist);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Tab' && suggestion) {
      event.preventDefault();
      setText(`${text.replace(/\S+$/, suggestion)} `);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const share = text;
    setText('');
    const next = await onAddShare(share);
    if (next) setProgress(next);
  };
  return (
    <section aria-labelledby="shares-title" data-screen="shares">
      <ScreenHeading id="shares-title">{en.shares.title}</ScreenHeading>
      <ProgressBar
        value={progress?.sharesSeen ?? 0}
        max={progress?.sharesNeeded ?? null}
        label={en.shares.progress(progress?.sharesSeen ?? 0, progress?.sharesNeeded ?? null)}
      />
      {progress?.sharesNeeded != null && !progress.complete && (
        <p data-shares-missing>{en.shares.missing(progress.sharesNeeded - progress.sharesSeen)}</p>
      )}
      <form onSubmit={submit} className="stack" autoComplete="off">
        <label>
          {en.shares.label((progress?.sharesSeen ?? 0) + 1)}
          <textarea
            name="share"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            rows={4}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
          />
        </label>
        <p aria-live="polite">
          {en.shares.words(words.length)}
          {suggestion && <span className="hint"> · {en.shares.suggestion(suggestion)}</span>}
        </p>
        {unknown.length > 0 && <p className="warn">{en.shares.unknownWords(unknown.join(', '))}</p>}
        <button type="submit" className="primary" disabled={words.length === 0}>
          {en.shares.submit}
        </button>
      </form>
    </section>
  );
}
