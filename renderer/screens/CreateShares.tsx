import { type FormEvent, Fragment, useEffect, useState } from 'react';
import type { NetworkName } from '../../src/common/network';
import type { KeyCreationEnd, KeyCreationView } from '../../src/ipc/models';
import { diceRollsForFullEntropy, type SecretBits } from '../../src/keys/dice';
import { ScreenHeading } from '../components/ScreenHeading';
import { useStrings } from '../i18n';

const NETWORKS: NetworkName[] = ['mainnet', 'testnet', 'signet', 'regtest'];
const SHARE_COUNTS = Array.from({ length: 15 }, (_, i) => i + 2);

export interface KeyPlan {
  threshold: number;
  count: number;
  strength: SecretBits;
  network: NetworkName;
  diceRolls: string;
}

/**
 * Creating a partitioned key: the layout is chosen here, main makes the key and prints each card
 * on its own surface. This screen only ever holds public keys and which cards are printed.
 */
export function CreateShares({
  load,
  onCreate,
  onPrint,
  onFinish,
  onShowWallets,
}: {
  load: () => Promise<KeyCreationView | null>;
  onCreate: (plan: KeyPlan) => Promise<KeyCreationView | null>;
  onPrint: (group: number, index: number) => Promise<KeyCreationView | null>;
  onFinish: (abandon: boolean) => Promise<KeyCreationEnd | null>;
  onShowWallets: () => void;
}) {
  const en = useStrings();
  const [view, setView] = useState<KeyCreationView | null>(null);
  const [ended, setEnded] = useState<KeyCreationEnd | null>(null);
  // A key left half-made (screen changed, window reloaded) is picked up where it was.
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once when the screen opens
  useEffect(() => {
    void load().then((current) => setView(current));
  }, []);

  if (ended) {
    return (
      <section
        aria-labelledby="create-shares-title"
        data-screen="createShares"
        data-key-ended={ended.outcome}
      >
        <ScreenHeading id="create-shares-title">{en.createShares.title}</ScreenHeading>
        <p
          className={`notice ${ended.outcome === 'finished' ? 'notice-ok' : 'notice-warning'}`}
          role="status"
        >
          {ended.outcome === 'finished'
            ? en.createShares.finished(ended.fingerprint)
            : en.createShares.abandoned(ended.fingerprint)}
        </p>
        <div className="actions">
          {ended.outcome === 'finished' && (
            <button type="button" className="primary" onClick={onShowWallets}>
              {en.createShares.toWallets}
            </button>
          )}
          <button type="button" onClick={() => setEnded(null)}>
            {en.createShares.another}
          </button>
        </div>
      </section>
    );
  }
  return (
    <section aria-labelledby="create-shares-title" data-screen="createShares">
      <ScreenHeading id="create-shares-title">{en.createShares.title}</ScreenHeading>
      {view ? (
        <PrintCards
          view={view}
          onPrint={async (group, index) => {
            const next = await onPrint(group, index);
            if (next) setView(next);
          }}
          onFinish={async (abandon) => {
            const end = await onFinish(abandon);
            if (end) {
              setView(null);
              setEnded(end);
            }
          }}
        />
      ) : (
        <KeyPlanForm
          onCreate={async (plan) => {
            const created = await onCreate(plan);
            if (created) setView(created);
            return created !== null;
          }}
        />
      )}
    </section>
  );
}

function KeyPlanForm({ onCreate }: { onCreate: (plan: KeyPlan) => Promise<boolean> }) {
  const en = useStrings();
  const [count, setCount] = useState(3);
  const [threshold, setThreshold] = useState(2);
  const [strength, setStrength] = useState<SecretBits>(128);
  const [network, setNetwork] = useState<NetworkName>('mainnet');
  const [dice, setDice] = useState('');
  const [busy, setBusy] = useState(false);
  const rolls = dice.replace(/\s+/g, '');
  const diceValid = /^[1-6]*$/.test(rolls);
  const needed = diceRollsForFullEntropy(strength);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const created = await onCreate({ threshold, count, strength, network, diceRolls: dice });
    setBusy(false);
    // The rolls were entropy of the key: they leave the screen once the key exists.
    if (created) setDice('');
  };
  return (
    <form onSubmit={submit} className="stack" autoComplete="off">
      <p className="lead">{en.createShares.body}</p>
      <fieldset className="stack">
        <legend>{en.createShares.layout}</legend>
        <label>
          {en.createShares.shareCount}
          <select
            name="share-count"
            value={count}
            onChange={(e) => {
              const next = Number(e.target.value);
              setCount(next);
              setThreshold((k) => Math.min(k, next));
            }}
          >
            {SHARE_COUNTS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          {en.createShares.threshold}
          <select
            name="share-threshold"
            value={threshold}
            onChange={(e) => setThreshold(Number(e.target.value))}
          >
            {SHARE_COUNTS.filter((k) => k <= count).map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <p className="hint">{en.createShares.layoutSummary(threshold, count)}</p>
      </fieldset>
      <fieldset>
        <legend>{en.createShares.strength}</legend>
        {([128, 256] as const).map((bits) => (
          <label key={bits} className="choice">
            <input
              type="radio"
              name="strength"
              value={bits}
              checked={strength === bits}
              onChange={() => setStrength(bits)}
            />
            {en.createShares.strengths[bits]}
          </label>
        ))}
      </fieldset>
      <label>
        {en.createShares.network}
        <select name="network" value={network} onChange={(e) => setNetwork(e.target.value as NetworkName)}>
          {NETWORKS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label>
        {en.createShares.dice}
        <textarea
          name="dice"
          value={dice}
          onChange={(e) => setDice(e.target.value)}
          rows={3}
          spellCheck={false}
          inputMode="numeric"
          aria-describedby="dice-hint"
        />
      </label>
      <p id="dice-hint" className="hint" data-dice-needed={needed}>
        {en.createShares.diceHint(needed, strength)} {en.createShares.diceCount(rolls.length, needed)}
      </p>
      {!diceValid && (
        <p className="warn" role="alert">
          {en.createShares.diceInvalid}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !diceValid}>
        {busy ? en.createShares.creating : en.createShares.create}
      </button>
    </form>
  );
}

function PrintCards({
  view,
  onPrint,
  onFinish,
}: {
  view: KeyCreationView;
  onPrint: (group: number, index: number) => Promise<void>;
  onFinish: (abandon: boolean) => Promise<void>;
}) {
  const en = useStrings();
  const [printing, setPrinting] = useState<number | null>(null);
  const [confirmAbandon, setConfirmAbandon] = useState(false);
  const grouped = view.groups.length > 1;
  const [only] = view.groups;
  const print = async (group: number, index: number) => {
    setPrinting(index + 1);
    await onPrint(group, index);
    setPrinting(null);
  };
  return (
    <div data-key-fingerprint={view.fingerprint}>
      <h2>{en.createShares.fingerprint(view.fingerprint, view.network)}</h2>
      <h3>{en.createShares.keys}</h3>
      <dl className="totals">
        {view.keys.map((key) => (
          <Fragment key={key.scriptType}>
            <dt>
              {en.createShares.scriptTypes[key.scriptType]} <span className="hint">{key.path}</span>
            </dt>
            <dd className="address" data-xpub={key.scriptType}>
              {key.xpub}
            </dd>
          </Fragment>
        ))}
      </dl>
      <h2>{en.createShares.cards}</h2>
      {only && !grouped && <p>{en.createShares.cardsHint(only.threshold, only.count)}</p>}
      <ul className="share-cards">
        {view.groups.flatMap((group, g) =>
          group.printed.map((printed, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a share is its position (group, member index)
            <li key={`${g}-${i}`} data-share={i + 1} data-group={g + 1} data-printed={printed}>
              <span>{en.createShares.share(i + 1, group.count, grouped ? g + 1 : null)}</span>{' '}
              <span className={`badge ${printed ? 'badge-change' : 'badge-allowed'}`}>
                {printed ? en.createShares.printed : en.createShares.notPrinted}
              </span>{' '}
              <button type="button" disabled={printing !== null} onClick={() => void print(g, i)}>
                {printed ? en.createShares.printAgain(i + 1) : en.createShares.print(i + 1)}
              </button>
            </li>
          )),
        )}
      </ul>
      {printing !== null && (
        <p className="notice notice-warning" role="status">
          {en.createShares.printing(printing)}
        </p>
      )}
      <p className="hint">{en.createShares.finishHint}</p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={!view.allPrinted || printing !== null}
          onClick={() => void onFinish(false)}
        >
          {en.createShares.finish}
        </button>
        {!confirmAbandon && (
          <button type="button" className="danger" onClick={() => setConfirmAbandon(true)}>
            {en.createShares.abandon}
          </button>
        )}
      </div>
      {confirmAbandon && (
        <div className="notice notice-danger" role="alertdialog" aria-labelledby="abandon-text">
          <p id="abandon-text">{en.createShares.abandonConfirm}</p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void onFinish(true)}>
              {en.createShares.abandonYes}
            </button>
            <button type="button" onClick={() => setConfirmAbandon(false)}>
              {en.createShares.abandonNo}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
