import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { ApproverView } from '../../src/ipc/models';
import { APPROVER_SECRET_MAX, APPROVER_SECRET_MIN } from '../../src/policy/approver-secret';
import { QrCode } from '../components/QrCode';
import { ScreenHeading } from '../components/ScreenHeading';
import { useStrings } from '../i18n';

/** The enrolment rule as the schema checks it (src/policy/approver-secret), said before main refuses. */
function passphraseFits(text: string): boolean {
  const length = [...text.normalize('NFKC')].length;
  return length >= APPROVER_SECRET_MIN && length <= APPROVER_SECRET_MAX && text.trim() === text;
}

type Notice = { kind: 'enrolled' | 'staged' | 'removed' | 'unlocked' | 'unlockStaged'; name: string } | null;

/**
 * Approvers: enrol (the authenticator's setup QR shown once, then gone), unlock one locked after
 * failed attempts, remove. On a sealed device enrolments, unlocks and removals wait for the quorum.
 */
export function Approvers({
  load,
  onEnrol,
  onRemove,
  onUnlock,
}: {
  load: () => Promise<ApproverView[] | null>;
  onEnrol: (name: string, pin: string) => Promise<{ uri: string } | null>;
  onRemove: (name: string) => Promise<unknown>;
  onUnlock: (
    name: string,
    by: { name: string; pin: string; code: string },
  ) => Promise<{ staged: boolean } | null>;
}) {
  const en = useStrings();
  const words = en.approvers;
  const [approvers, setApprovers] = useState<ApproverView[] | null>(null);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [setup, setSetup] = useState<{ name: string; uri: string } | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const reload = useCallback(() => void load().then((list) => list && setApprovers(list)), [load]);
  useEffect(reload, [reload]);

  const mismatch = pinAgain !== '' && pin !== pinAgain;
  const ready = name.trim() !== '' && passphraseFits(pin) && pin === pinAgain;
  const enrol = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    const request = { name: name.trim(), pin };
    setPin('');
    setPinAgain('');
    const result = await onEnrol(request.name, request.pin);
    if (!result) return;
    setName('');
    setSetup({ name: request.name, uri: result.uri });
    reload();
  };
  const finishSetup = () => {
    if (!setup) return;
    const staged = approvers?.find((a) => a.name === setup.name)?.staged === 'enrol';
    setNotice({ kind: staged ? 'staged' : 'enrolled', name: setup.name });
    setSetup(null); // the secret leaves the screen for good
  };

  if (setup) {
    return (
      // Keyed apart from the list, so its heading mounts anew and takes focus.
      <section key="setup" aria-labelledby="approver-setup-title" data-screen="approverSetup">
        <ScreenHeading id="approver-setup-title">{words.qrTitle(setup.name)}</ScreenHeading>
        <p className="notice notice-warning">{words.qrOnce}</p>
        <QrCode text={setup.uri} label={words.qrLabel(setup.name)} size={320} />
        <div className="actions">
          <button type="button" className="primary" onClick={finishSetup}>
            {words.qrDone}
          </button>
        </div>
      </section>
    );
  }

  const noticeText =
    notice &&
    {
      enrolled: words.enrolledNow,
      staged: words.stagedNow,
      removed: words.removedNow,
      unlocked: words.unlockedNow,
      unlockStaged: words.unlockStagedNow,
    }[notice.kind](notice.name);
  return (
    <section key="list" aria-labelledby="approvers-title" data-screen="approvers">
      <ScreenHeading id="approvers-title">{words.title}</ScreenHeading>
      <p className="lead">{words.lead}</p>
      <p className="notice notice-ok" role="status" hidden={!noticeText} data-approver-notice={notice?.kind}>
        {noticeText ?? ''}
      </p>
      {approvers?.length === 0 && <p>{words.none}</p>}
      <ul className="wallets">
        {approvers?.map((a) => (
          <ApproverRow
            key={a.name}
            approver={a}
            others={approvers.filter((o) => o.name !== a.name && o.enrolled && o.attemptsLeft !== 0)}
            onRemove={async () => {
              if (await onRemove(a.name)) setNotice({ kind: 'removed', name: a.name });
              reload();
            }}
            onUnlock={async (by) => {
              const result = await onUnlock(a.name, by);
              if (result) setNotice({ kind: result.staged ? 'unlockStaged' : 'unlocked', name: a.name });
              reload();
            }}
          />
        ))}
      </ul>

      <h2 id="enrol-title">{words.enrolTitle}</h2>
      <form onSubmit={enrol} className="stack" autoComplete="off" aria-labelledby="enrol-title">
        <label>
          {words.name}
          <input name="approver-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={40} />
        </label>
        <label>
          {words.passphrase(APPROVER_SECRET_MIN, APPROVER_SECRET_MAX)}
          <input
            name="approver-passphrase"
            type="password"
            autoComplete="new-password"
            aria-describedby="passphrase-rule"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
        </label>
        <p id="passphrase-rule" className="hint">
          {words.passphraseRule(APPROVER_SECRET_MIN, APPROVER_SECRET_MAX)}
        </p>
        <label>
          {words.passphraseAgain}
          <input
            name="approver-passphrase-again"
            type="password"
            autoComplete="new-password"
            aria-invalid={mismatch}
            aria-describedby={mismatch ? 'passphrase-mismatch' : undefined}
            value={pinAgain}
            onChange={(e) => setPinAgain(e.target.value)}
          />
        </label>
        {mismatch && (
          <p id="passphrase-mismatch" className="warn">
            {words.mismatch}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={!ready}>
            {words.enrol}
          </button>
        </div>
      </form>
    </section>
  );
}

function ApproverRow({
  approver,
  others,
  onRemove,
  onUnlock,
}: {
  approver: ApproverView;
  others: ApproverView[];
  onRemove: () => void;
  onUnlock: (by: { name: string; pin: string; code: string }) => Promise<void>;
}) {
  const en = useStrings();
  const words = en.approvers;
  const [by, setBy] = useState(others[0]?.name ?? '');
  const [pin, setPin] = useState('');
  const [code, setCode] = useState('');
  const locked = approver.attemptsLeft === 0;
  const stagedWords = { enrol: words.stagedEnrol, remove: words.stagedRemove, unlock: words.stagedUnlock };
  const unlock = (event: FormEvent) => {
    event.preventDefault();
    const proof = { name: by, pin, code };
    setPin('');
    setCode('');
    void onUnlock(proof);
  };
  return (
    <li data-approver={approver.name} data-staged={approver.staged ?? ''} data-locked={locked}>
      <strong>{approver.name}</strong>{' '}
      {approver.enrolled && <span className="badge badge-change">{words.enrolled}</span>}{' '}
      {approver.staged && <span className="badge badge-allowed">{stagedWords[approver.staged]}</span>}{' '}
      {locked ? (
        <span className="badge badge-external">{words.locked}</span>
      ) : (
        approver.attemptsLeft !== null && (
          <span className="hint">{words.attemptsLeft(approver.attemptsLeft)}</span>
        )
      )}
      {approver.enrolled && approver.staged === null && (
        <div className="actions">
          <button type="button" onClick={onRemove}>
            {words.remove(approver.name)}
          </button>
        </div>
      )}
      {locked && approver.staged === null && others.length > 0 && (
        <form
          onSubmit={unlock}
          className="inline-form"
          autoComplete="off"
          aria-label={words.unlockTitle(approver.name)}
        >
          <p className="hint">{words.unlockLead}</p>
          <label>
            {words.unlockBy}
            <select name="unlock-by" value={by} onChange={(e) => setBy(e.target.value)}>
              {others.map((o) => (
                <option key={o.name} value={o.name}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {words.unlockPassphrase}
            <input name="unlock-pin" type="password" value={pin} onChange={(e) => setPin(e.target.value)} />
          </label>
          <label>
            {words.unlockCode}
            <input
              name="unlock-code"
              inputMode="numeric"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          <button type="submit">{words.unlock}</button>
        </form>
      )}
    </li>
  );
}
