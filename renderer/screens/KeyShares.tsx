import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ShareProgress } from '../../src/ipc/models';
import { ProgressBar } from '../components/ProgressBar';
import { ScreenHeading } from '../components/ScreenHeading';
import { useStrings } from '../i18n';

/** A SLIP-39 share has 20 words (128-bit key) or 33 (256-bit key). */
const SHARE_LENGTHS = [20, 33] as const;
/** Typed words are cleared after this long without a keystroke, as main wipes an idle quorum. */
const TYPED_IDLE_MS = 5 * 60_000;

/** The only completion of the last, partly typed word, or null when there is none or several. */
export function completion(text: string, wordlist: readonly string[]): string | null {
  const last = text.split(/\s+/).at(-1)?.toLowerCase() ?? '';
  if (last.length < 2) return null;
  const matches = wordlist.filter((w) => w.startsWith(last));
  return matches.length === 1 && matches[0] !== last ? (matches[0] ?? null) : null;
}

/**
 * The share set's identifier, as the card prints it ("Set 1a2b"): the first 15 bits of the share,
 * that is the first word and half the second. Public, and the same on every share of a set.
 */
export function shareSetId(words: readonly string[], wordlist: readonly string[]): string | null {
  const [first, second] = words.slice(0, 2).map((w) => wordlist.indexOf(w.toLowerCase()));
  if (first === undefined || second === undefined || first < 0 || second < 0) return null;
  return ((first << 5) | (second >> 5)).toString(16).padStart(4, '0');
}

/** A typed share is complete when it has 20 or 33 words, every one on the list. */
export function shareComplete(words: readonly string[], known: ReadonlySet<string>): boolean {
  return (
    (SHARE_LENGTHS as readonly number[]).includes(words.length) &&
    words.every((w) => known.has(w.toLowerCase()))
  );
}

/**
 * One share at a time, typed or scanned from its card: the words go to main when submitted and are
 * cleared once main accepts them; a refusal the officer can correct keeps them on screen.
 */
export function KeyShares({
  loadWordlist,
  loadExpectedKeys,
  onAddShare,
  camera,
}: {
  loadWordlist: () => Promise<string[] | null>;
  /** Fingerprints of this device's keys in the wallet in use: the key the shares must rebuild. */
  loadExpectedKeys: () => Promise<string[]>;
  onAddShare: (words: string) => Promise<ShareProgress | null>;
  camera: (onPayload: (text: string) => void) => ReactNode;
}) {
  const en = useStrings();
  const [wordlist, setWordlist] = useState<string[]>([]);
  const [expectedKeys, setExpectedKeys] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [progress, setProgress] = useState<ShareProgress | null>(null);
  const [setId, setSetId] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const [scanRejected, setScanRejected] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const sending = useRef(false);
  useEffect(() => {
    void loadWordlist().then((list) => setWordlist(list ?? []));
    void loadExpectedKeys().then(setExpectedKeys);
  }, [loadWordlist, loadExpectedKeys]);
  useEffect(() => {
    if (!text) return;
    const timer = setTimeout(() => setText(''), TYPED_IDLE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const known = useMemo(() => new Set(wordlist), [wordlist]);
  const words = text.trim().split(/\s+/).filter(Boolean);
  const finished = /\s$/.test(text) ? words : words.slice(0, -1);
  const unknown = wordlist.length > 0 ? finished.filter((w) => !known.has(w.toLowerCase())) : [];
  const suggestion = completion(text, wordlist);
  const typedSet = finished.length >= 2 ? shareSetId(finished, wordlist) : null;
  const otherSet = setId !== null && typedSet !== null && typedSet !== setId;
  const ready = shareComplete(words, known) && !otherSet;
  const wordNumber = Math.min(words.length + (/\s$/.test(text) || words.length === 0 ? 1 : 0), 33);
  const problemId = 'share-problem';

  const send = async (share: string, typed: boolean) => {
    if (sending.current) return false;
    sending.current = true;
    const next = await onAddShare(share);
    sending.current = false;
    if (!next) return false;
    setProgress(next);
    setSetId(shareSetId(share.trim().split(/\s+/), wordlist));
    if (typed) setText('');
    field.current?.focus();
    return true;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Tab' && suggestion) {
      event.preventDefault();
      setText(`${text.replace(/\S+$/, suggestion)} `);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) void send(text, true);
  };
  const onScanned = (payload: string) => {
    const scanned = payload.trim().toLowerCase().split(/\s+/);
    if (!shareComplete(scanned, known)) {
      setScanRejected(true);
      return;
    }
    setScanRejected(false);
    void send(scanned.join(' '), false).then((ok) => ok && setScanning(false));
  };
  return (
    <section aria-labelledby="shares-title" data-screen="shares">
      <ScreenHeading id="shares-title">{en.shares.title}</ScreenHeading>
      <p className="lead" data-expected-key>
        {expectedKeys.length > 0 ? en.shares.expectedKey(expectedKeys.join(', ')) : en.shares.expectedAnyKey}
        {setId && <span data-expected-set={setId}> {en.shares.expectedSet(setId)}</span>}
      </p>
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
            ref={field}
            name="share"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            rows={4}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            aria-invalid={unknown.length > 0 || otherSet}
            aria-describedby={`share-count${unknown.length > 0 || otherSet ? ` ${problemId}` : ''}`}
          />
        </label>
        <p id="share-count" aria-live="polite" data-word-count={words.length}>
          {en.shares.wordOf(wordNumber, wordNumber > 20 ? 33 : 20)}
          {typedSet && <span data-typed-set={typedSet}> · {en.shares.typedSet(typedSet)}</span>}
          {suggestion && <span className="hint"> · {en.shares.suggestion(suggestion)}</span>}
        </p>
        {unknown.length > 0 && (
          <p className="warn" id={problemId} data-unknown-words>
            {en.shares.unknownWords(unknown.join(', '))}
          </p>
        )}
        {otherSet && unknown.length === 0 && (
          <p className="warn" id={problemId} data-other-set>
            {en.shares.otherSet(typedSet ?? '', setId ?? '')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={!ready}>
            {en.shares.submit}
          </button>
          <button type="button" onClick={() => setScanning(!scanning)} aria-pressed={scanning}>
            {scanning ? en.shares.stopScan : en.shares.scan}
          </button>
        </div>
      </form>
      {scanning && (
        <div data-share-camera>
          <p className="hint">{en.shares.scanHint}</p>
          {camera(onScanned)}
          {scanRejected && (
            <p className="warn" role="alert">
              {en.shares.notAShare}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
