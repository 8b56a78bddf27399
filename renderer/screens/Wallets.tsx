import { type ChangeEvent, type FormEvent, type ReactNode, useEffect, useState } from 'react';
import type {
  AddressCheck,
  ConfigStatusView,
  CosignerExport,
  CosignerKeysView,
  ImportedWallet,
  WalletPreview,
  WalletScanProgress,
  WalletSummary,
} from '../../src/ipc/models';
import type { CosignerKeyFormat } from '../../src/qr/key-formats';
import type { OwnerClass } from '../../src/wallet/types';
import { Address } from '../components/Address';
import { AddressVerifier } from '../components/AddressVerifier';
import { CosignerKeys } from '../components/CosignerKeys';
import { ErrorNotice } from '../components/ErrorNotice';
import { OwnerSetter } from '../components/OwnerSetter';
import { ProgressBar } from '../components/ProgressBar';
import { QrCode } from '../components/QrCode';
import { ScreenHeading } from '../components/ScreenHeading';
import type { ShownError } from '../flow/ceremony';
import { useStrings } from '../i18n';

export function Wallets({
  current,
  error,
  load,
  onPreview,
  onImport,
  onSetOwner,
  onVerifyAddress,
  onSelect,
  onExport,
  loadCosigners,
  onDiscardKey,
  onCosignerExport,
  onStartScan,
  onScanFrame,
  camera,
}: {
  current: string | null;
  /** The last refusal; shown next to the registration form when that form caused it. */
  error: ShownError | null;
  load: () => Promise<WalletSummary[] | null>;
  onPreview: (text: string, name?: string) => Promise<WalletPreview | null>;
  onImport: (text: string, name?: string, owner?: OwnerClass) => Promise<ImportedWallet | null>;
  onSetOwner: (name: string, owner: OwnerClass) => Promise<ConfigStatusView | null>;
  onVerifyAddress: (address: string) => Promise<AddressCheck | null>;
  onSelect: (name: string) => Promise<void>;
  onExport: (name: string) => Promise<{ text: string } | null>;
  loadCosigners: () => Promise<CosignerKeysView[] | null>;
  onDiscardKey: (fingerprint: string) => Promise<CosignerKeysView[] | null>;
  onCosignerExport: (
    fingerprint: string,
    scriptType: 'p2wsh' | 'p2sh-p2wsh',
    format: CosignerKeyFormat,
  ) => Promise<CosignerExport | null>;
  onStartScan: () => Promise<unknown>;
  onScanFrame: (text: string) => Promise<WalletScanProgress | null>;
  /** The live camera view, reporting each decoded QR text. */
  camera: (onPayload: (text: string) => void) => ReactNode;
}) {
  const en = useStrings();
  const [wallets, setWallets] = useState<WalletSummary[]>([]);
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [owner, setOwner] = useState<OwnerClass | ''>('');
  const [exported, setExported] = useState<{ name: string; text: string } | null>(null);
  const [scanning, setScanning] = useState(false);
  const [scan, setScan] = useState<WalletScanProgress | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const [preview, setPreview] = useState<WalletPreview | null>(null);
  const [registered, setRegistered] = useState<{ name: string; staged: boolean } | null>(null);
  const [errorAtForm, setErrorAtForm] = useState(false);
  const refresh = async () => setWallets((await load()) ?? []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once when the screen opens
  useEffect(() => {
    void refresh();
  }, []);

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setErrorAtForm(true);
    setRegistered(null);
    setPreview(await onPreview(text, name.trim() || undefined));
  };
  const register = async () => {
    setErrorAtForm(true);
    const wallet = await onImport(text, name.trim() || undefined, owner || undefined);
    setNotes(wallet?.notes ?? []);
    if (wallet) {
      setText('');
      setName('');
      setOwner('');
      setPreview(null);
      setRegistered({ name: wallet.name, staged: wallet.staged });
      await refresh();
    }
  };
  const formError = errorAtForm ? error : null;
  const edit = (next: string) => {
    setText(next);
    setPreview(null);
  };
  const startScan = async () => {
    setScan(null);
    if ((await onStartScan()) !== null) setScanning(true);
  };
  const onPayload = async (payload: string) => {
    const progress = await onScanFrame(payload);
    if (!progress) return;
    setScan(progress);
    if (progress.walletText !== undefined) {
      // The camera stops; the operator reads what was scanned and registers it like an opened file.
      edit(progress.walletText);
      setScanning(false);
    }
  };
  const open = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) edit(await file.text());
  };
  return (
    <section aria-labelledby="wallets-title" data-screen="wallets">
      <ScreenHeading id="wallets-title">{en.wallets.title}</ScreenHeading>
      {!errorAtForm && <ErrorNotice error={error} />}
      {registered && (
        <p
          className="notice notice-ok"
          role="status"
          data-wallet-registered={registered.name}
          data-wallet-staged={registered.staged}
        >
          {registered.staged
            ? en.changes.walletStaged(registered.name)
            : en.wallets.registered(registered.name)}
        </p>
      )}
      {wallets.length === 0 && <p>{en.wallets.none}</p>}
      <ul className="wallets">
        {wallets.map((w) => (
          <li key={w.name} data-wallet={w.name}>
            <strong>{w.name}</strong>{' '}
            {en.home.wallet(w.name, w.threshold, w.cosigners.length, w.network).replace(`${w.name}: `, '')} (
            {w.scriptType}) {en.wallets.owners[w.owner ?? 'unassigned']}
            <details>
              <summary>{en.wallets.cosigners}</summary>
              <ul>
                {w.cosigners.map((c) => (
                  <li key={c.xpub} className="address">
                    {c.fingerprint !== null && c.path !== null
                      ? `[${c.fingerprint}/${c.path.slice(2)}]`
                      : en.wallets.originUnknown}{' '}
                    {c.xpub}
                  </li>
                ))}
              </ul>
            </details>
            <div className="actions">
              {current === w.name ? (
                <span className="badge badge-change">{en.wallets.chosen}</span>
              ) : (
                <button type="button" onClick={() => void onSelect(w.name)}>
                  {en.wallets.choose}
                </button>
              )}
              <button
                type="button"
                onClick={async () => {
                  const result = await onExport(w.name);
                  if (result) setExported({ name: w.name, text: result.text });
                }}
              >
                {en.wallets.showQr}
              </button>
            </div>
            {exported?.name === w.name && (
              <QrCode text={exported.text} label={en.wallets.showQr} size={360} />
            )}
            <OwnerSetter wallet={w.name} owner={w.owner ?? null} onSet={onSetOwner} />
          </li>
        ))}
      </ul>
      <AddressVerifier onVerify={onVerifyAddress} camera={camera} />
      <CosignerKeys load={loadCosigners} onExport={onCosignerExport} onDiscard={onDiscardKey} />
      <h2>{en.wallets.import}</h2>
      <p>{en.wallets.importHint}</p>
      <div className="actions">
        {scanning ? (
          <button type="button" onClick={() => setScanning(false)}>
            {en.wallets.stopScan}
          </button>
        ) : (
          <button type="button" onClick={() => void startScan()}>
            {en.wallets.scan}
          </button>
        )}
      </div>
      {scanning && (
        <div data-wallet-scan="">
          {camera((payload) => void onPayload(payload))}
          <ProgressBar
            value={scan?.partsSeen ?? 0}
            max={scan?.partsNeeded ?? null}
            label={en.scan.progress(scan?.partsSeen ?? 0, scan?.partsNeeded ?? null)}
          />
        </div>
      )}
      {scan?.status === 'rejected' && scan.message && (
        <p className="notice notice-warning" role="alert">
          {scan.message}
        </p>
      )}
      {scan?.walletText !== undefined && (
        <p className="notice" role="status" data-wallet-scanned="">
          {en.wallets.scanned}
        </p>
      )}
      {notes.map((note) => (
        <p key={note} className="notice notice-warning" role="status" data-wallet-import-note="">
          {en.wallets.importNote} {note}
        </p>
      ))}
      <form onSubmit={check} className="stack">
        <label>
          {en.wallets.text}
          <textarea
            name="wallet"
            value={text}
            onChange={(e) => edit(e.target.value)}
            rows={5}
            spellCheck={false}
            aria-invalid={formError ? true : undefined}
            aria-describedby={formError ? 'wallet-form-error' : undefined}
          />
        </label>
        <label>
          {en.wallets.name}
          <input
            name="wallet-name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setPreview(null);
            }}
            maxLength={64}
          />
        </label>
        <label>
          {en.wallets.owner}
          <select
            name="wallet-owner"
            value={owner}
            onChange={(e) => setOwner(e.target.value as OwnerClass | '')}
          >
            <option value="">{en.wallets.owners.unassigned}</option>
            <option value="customer">{en.wallets.owners.customer}</option>
            <option value="company">{en.wallets.owners.company}</option>
          </select>
        </label>
        <label className="file">
          {en.wallets.openFile}
          <input type="file" accept=".txt,.bsms,.json,text/plain" onChange={open} />
        </label>
        <button type="submit" className={preview ? '' : 'primary'} disabled={!text.trim()}>
          {en.wallets.check}
        </button>
        <div id="wallet-form-error">
          <ErrorNotice error={formError} />
        </div>
      </form>
      {preview && <RegistrationReview preview={preview} onRegister={() => void register()} />}
    </section>
  );
}

/** The wallet as it would be registered, for the officers to compare with the coordinator first. */
function RegistrationReview({ preview, onRegister }: { preview: WalletPreview; onRegister: () => void }) {
  const en = useStrings();
  return (
    <section aria-labelledby="wallet-review-title" className="registration-review" data-wallet-preview>
      <h2 id="wallet-review-title">{en.wallets.reviewTitle(preview.name)}</h2>
      <p>{en.wallets.reviewHint}</p>
      <dl className="identity">
        <dt>{en.wallets.threshold}</dt>
        <dd data-preview="threshold">
          {en.wallets.thresholdValue(preview.threshold, preview.cosigners.length)}
        </dd>
        <dt>{en.wallets.scriptType}</dt>
        <dd data-preview="scriptType">{preview.scriptType}</dd>
        <dt>{en.review.network}</dt>
        <dd data-preview="network">{en.networks[preview.network]}</dd>
        <dt>{en.wallets.firstReceive}</dt>
        <dd data-preview="receive">
          <Address address={preview.firstReceiveAddress} />
        </dd>
        <dt>{en.wallets.firstChange}</dt>
        <dd data-preview="change">
          <Address address={preview.firstChangeAddress} />
        </dd>
      </dl>
      <table>
        <thead>
          <tr>
            <th scope="col">{en.review.number}</th>
            <th scope="col">{en.wallets.fingerprint}</th>
            <th scope="col">{en.wallets.path}</th>
            <th scope="col">{en.wallets.whose}</th>
          </tr>
        </thead>
        <tbody>
          {preview.cosigners.map((c, i) => (
            <tr key={c.xpub} data-preview-cosigner={c.fingerprint} data-this-device={c.thisDevice}>
              <th scope="row">{i + 1}</th>
              <td className="address">{c.fingerprint}</td>
              <td className="address">{c.path}</td>
              <td>{c.thisDevice ? <strong>{en.wallets.thisDevice}</strong> : en.wallets.otherCosigner}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="primary" onClick={onRegister}>
          {en.wallets.register}
        </button>
      </div>
    </section>
  );
}
