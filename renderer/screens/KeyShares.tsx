import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import type { ShareProgress } from '../../src/ipc/models';
import { ProgressBar } from '../components/ProgressBar';
import { ScreenHeading } from '../components/ScreenHeading';
import {
  absorbWords,
  completion,
  isShareLength,
  shareSetIdOf,
  TypedShare,
  wordIndexOf,
} from '../flow/typed-share';
import { useStrings } from '../i18n';

/**
 * One share at a time, typed or scanned from its card. Each typed word becomes its SLIP-39 word
 * index as soon as it is complete and leaves the field; the indices go to main as a Uint16Array,
 * zeroed here once main answers. A refusal the officer can correct keeps the words to fix.
 *
 * `onAddShare` must not keep the array it is given: it is zeroed as soon as the call settles.
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
  onAddShare: (indices: Uint16Array<ArrayBuffer>) => Promise<ShareProgress | null>;
  camera: (onPayload: (text: string) => void) => ReactNode;
}) {
  const en = useStrings();
  const [wordlist, setWordlist] = useState<string[]>([]);
  const [expectedKeys, setExpectedKeys] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [unknown, setUnknown] = useState<string | null>(null);
  const [replaceAt, setReplaceAt] = useState<number | null>(null);
  const [showWords, setShowWords] = useState(false);
  const [progress, setProgress] = useState<ShareProgress | null>(null);
  const [setId, setSetId] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const [scanRejected, setScanRejected] = useState(false);
  const [, changed] = useReducer((n: number) => n + 1, 0);
  const field = useRef<HTMLTextAreaElement>(null);
  const sending = useRef(false);
  const resetField = () => {
    setText('');
    setUnknown(null);
    setReplaceAt(null);
    setShowWords(false);
  };
  const [typed] = useState(
    () =>
      new TypedShare({
        onIdleClear: () => {
          resetField();
          changed();
        },
      }),
  );
  // Both keep focus in the field: the buttons that called them may vanish with the last word.
  const clearWords = () => {
    typed.clear();
    resetField();
    changed();
    field.current?.focus();
  };
  const removeLastWord = () => {
    typed.removeLast();
    setReplaceAt(null);
    changed();
    field.current?.focus();
  };
  useEffect(() => () => typed.clear(), [typed]);
  useEffect(() => {
    void loadWordlist().then((list) => setWordlist(list ?? []));
    void loadExpectedKeys().then(setExpectedKeys);
  }, [loadWordlist, loadExpectedKeys]);
  const lookup = useMemo(() => wordIndexOf(wordlist), [wordlist]);

  /** Moves every complete word of `value` out of the field into the typed share. */
  const take = (value: string) => {
    typed.touch();
    const absorbed = absorbWords(value, lookup);
    let position = replaceAt;
    for (const index of absorbed.indices) {
      if (position !== null) {
        typed.replace(position, index);
        position = null;
      } else typed.push(index);
    }
    setReplaceAt(position);
    setText(absorbed.rest);
    setUnknown(absorbed.unknown);
    changed();
  };

  const last = text.trim();
  const lastIndex = last && !/\s/.test(last) ? lookup.get(last.toLowerCase()) : undefined;
  const count = typed.count + (lastIndex !== undefined && replaceAt === null ? 1 : 0);
  const typedSet = typed.setId();
  const otherSet = setId !== null && typedSet !== null && typedSet !== setId;
  const ready =
    replaceAt === null &&
    unknown === null &&
    !otherSet &&
    isShareLength(count) &&
    (!last || lastIndex !== undefined);
  const suggestion = unknown === null ? completion(text, wordlist) : null;
  const wordNumber = Math.min((replaceAt ?? typed.count) + 1, 33);
  const problem = unknown !== null || otherSet;
  const problemId = 'share-problem';

  const send = async (share: Uint16Array<ArrayBuffer>) => {
    if (sending.current) return null;
    sending.current = true;
    try {
      return await onAddShare(share);
    } finally {
      sending.current = false;
      share.fill(0);
    }
  };
  const accepted = (next: ShareProgress, set: string | null) => {
    setProgress(next);
    setSetId(set);
    field.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Tab' && suggestion) {
      event.preventDefault();
      take(`${suggestion} `);
    } else if (event.key === 'Backspace' && text === '' && replaceAt === null && typed.count > 0) {
      event.preventDefault();
      removeLastWord();
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    // The last word joins the others, so a refusal leaves every word kept as an index, none as text.
    if (lastIndex !== undefined) {
      typed.push(lastIndex);
      setText('');
      changed();
    }
    const share = typed.copy();
    const set = shareSetIdOf(share);
    const next = await send(share);
    if (!next) return;
    typed.clear();
    resetField();
    accepted(next, set);
  };
  const onScanned = (payload: string) => {
    // The decoded QR text is a string the page cannot wipe; only its indices go on from here.
    const words = payload.trim().toLowerCase().split(/\s+/);
    const indices = words.map((word) => lookup.get(word));
    if (!isShareLength(indices.length) || indices.some((i) => i === undefined)) {
      setScanRejected(true);
      return;
    }
    setScanRejected(false);
    const share = Uint16Array.from(indices as number[]);
    const set = shareSetIdOf(share);
    void send(share).then((next) => {
      if (!next) return;
      accepted(next, set);
      setScanning(false);
    });
  };
  const choose = (position: number) => {
    setReplaceAt(position);
    field.current?.focus();
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
      <form onSubmit={(event) => void submit(event)} className="stack" autoComplete="off">
        <label>
          {en.shares.label((progress?.sharesSeen ?? 0) + 1)}
          <textarea
            ref={field}
            name="share"
            value={text}
            onChange={(e) => take(e.target.value)}
            onKeyDown={onKeyDown}
            rows={2}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            aria-invalid={problem}
            aria-describedby={`share-count${problem ? ` ${problemId}` : ''}`}
          />
        </label>
        <p id="share-count" aria-live="polite" data-word-count={count}>
          {en.shares.wordOf(wordNumber, wordNumber > 20 ? 33 : 20)}
          {typedSet && <span data-typed-set={typedSet}> · {en.shares.typedSet(typedSet)}</span>}
          {suggestion && <span className="hint"> · {en.shares.suggestion(suggestion)}</span>}
        </p>
        {replaceAt !== null && (
          <p className="hint" data-replacing={replaceAt + 1}>
            {en.shares.replacing(replaceAt + 1)}
          </p>
        )}
        {unknown !== null && (
          <p className="warn" id={problemId} data-unknown-words>
            {en.shares.unknownWords(unknown)}
          </p>
        )}
        {otherSet && unknown === null && (
          <p className="warn" id={problemId} data-other-set>
            {en.shares.otherSet(typedSet ?? '', setId ?? '')}
          </p>
        )}
        {typed.count > 0 && (
          <div className="stack" data-entered={typed.count}>
            <p className="hint">
              {en.shares.entered(typed.count)} {en.shares.hiddenWords}
            </p>
            {showWords && (
              // Spelled out only while the officer checks them against the card (see docs/hardening.md).
              <ol className="entered-words" data-entered-words>
                {Array.from({ length: typed.count }, (_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a word's position is its identity here
                  <li key={i}>
                    <button type="button" onClick={() => choose(i)} aria-pressed={replaceAt === i}>
                      {en.shares.changeWord(i + 1, wordlist[typed.at(i) ?? 0] ?? '')}
                    </button>
                  </li>
                ))}
              </ol>
            )}
            <div className="actions">
              <button type="button" onClick={() => setShowWords(!showWords)} aria-pressed={showWords}>
                {showWords ? en.shares.hideWords : en.shares.showWords}
              </button>
              <button type="button" onClick={removeLastWord}>
                {en.shares.removeLast}
              </button>
              <button type="button" onClick={clearWords}>
                {en.shares.clear}
              </button>
            </div>
          </div>
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
