import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { ApprovalProgress } from '../../src/ipc/models';
import { ScreenHeading } from '../components/ScreenHeading';
import { useStrings } from '../i18n';

/** Named approvers confirm one by one with PIN and authenticator code; both fields clear at once. */
export function Approvals({
  load,
  onApprove,
  words,
}: {
  load: () => Promise<ApprovalProgress | null>;
  onApprove: (request: { name: string; pin: string; code: string }) => Promise<ApprovalProgress | null>;
  /** What is approved, when it is not a transaction (staged changes of the configuration). */
  words?: { title: string; submit: string };
}) {
  const en = useStrings();
  const [progress, setProgress] = useState<ApprovalProgress | null>(null);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [code, setCode] = useState('');
  const [approvedNow, setApprovedNow] = useState<string | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void load().then(setProgress);
  }, [load]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request = { name: name.trim(), pin, code };
    setPin('');
    setCode('');
    setApprovedNow(null);
    const next = await onApprove(request);
    if (next) {
      setProgress(next);
      setName('');
      setApprovedNow(request.name);
      nameField.current?.focus();
    } else {
      // A failed attempt counts against the approver: show what is left of their attempts.
      const fresh = await load();
      if (fresh) setProgress(fresh);
    }
  };
  const attemptsLeft = progress?.attemptsLeft?.[name.trim()];
  return (
    <section aria-labelledby="approvals-title" data-screen="approvals">
      <ScreenHeading id="approvals-title">{words?.title ?? en.approvals.title}</ScreenHeading>
      {progress && (
        <>
          <p className="lead" data-approvals={`${progress.approved.length}/${progress.required}`}>
            {en.approvals.needed(progress.approved.length, progress.required)}
          </p>
          {progress.candidates.length > 0 && <p>{en.approvals.candidates(progress.candidates.join(', '))}</p>}
          <ul>
            {progress.approved.map((n) => (
              <li key={n}>{en.approvals.approved(n)}</li>
            ))}
          </ul>
        </>
      )}
      <p
        className="notice notice-ok"
        role="status"
        hidden={!approvedNow}
        data-approved-now={approvedNow ?? ''}
      >
        {approvedNow ? en.approvals.approvedNow(approvedNow) : ''}
      </p>
      <form onSubmit={submit} className="stack" autoComplete="off">
        <label>
          {en.approvals.name}
          <input
            ref={nameField}
            name="approver"
            aria-describedby="approver-attempts"
            value={name}
            onChange={(e) => setName(e.target.value)}
            list="approver-names"
            required
          />
          <datalist id="approver-names">
            {progress?.candidates.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
        <p
          id="approver-attempts"
          className={attemptsLeft === 1 ? 'notice notice-warning' : 'hint'}
          data-attempts-left={attemptsLeft ?? ''}
        >
          {attemptsLeft === undefined
            ? ''
            : attemptsLeft === 0
              ? en.approvals.locked(name.trim())
              : attemptsLeft === 1
                ? en.approvals.lastAttempt(name.trim())
                : en.approvals.attemptsLeft(name.trim(), attemptsLeft)}
        </p>
        <label>
          {en.approvals.pin}
          <input
            name="pin"
            type="password"
            autoComplete="off"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            required
          />
        </label>
        <label>
          {en.approvals.code}
          <input
            name="code"
            inputMode="numeric"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
          />
        </label>
        <button type="submit" className="primary">
          {words?.submit ?? en.approvals.submit}
        </button>
      </form>
    </section>
  );
}
