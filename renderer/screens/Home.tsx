import { useEffect, useState } from 'react';
import type { CosignerKeysView, Status, WalletSummary } from '../../src/ipc/models';
import { ScreenHeading } from '../components/ScreenHeading';
import { LANGUAGES, type Language, useLanguage, useStrings } from '../i18n';

/** Which first-setup steps are done, as far as this machine can tell; the guide goes once a wallet is in use. */
function setupDone(keys: CosignerKeysView[], wallets: WalletSummary[]): boolean[] {
  const mine = new Set(keys.filter((k) => k.finished).map((k) => k.fingerprint));
  const walletWithMyKey = wallets.some((w) =>
    w.cosigners.some((c) => c.fingerprint !== null && mine.has(c.fingerprint)),
  );
  return [mine.size > 0, walletWithMyKey, wallets.length > 0, false];
}

export function Home({
  status,
  onStart,
  onWallets,
  loadCosigners,
  loadWallets,
}: {
  status: Status;
  onStart: () => void;
  onWallets: () => void;
  loadCosigners: () => Promise<CosignerKeysView[] | null>;
  loadWallets: () => Promise<WalletSummary[] | null>;
}) {
  const en = useStrings();
  const { language, setLanguage } = useLanguage();
  const wallet = status.wallet;
  const [done, setDone] = useState<boolean[] | null>(null);
  useEffect(() => {
    if (wallet) return;
    void Promise.all([loadCosigners(), loadWallets()]).then(([keys, wallets]) =>
      setDone(setupDone(keys ?? [], wallets ?? [])),
    );
  }, [wallet, loadCosigners, loadWallets]);
  return (
    <section aria-labelledby="home-title" data-screen="home">
      <ScreenHeading id="home-title">{en.home.title}</ScreenHeading>
      <label className="language">
        {en.language.label}
        <select name="language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          {(Object.keys(LANGUAGES) as Language[]).map((code) => (
            <option key={code} value={code} lang={code}>
              {en.language[code]}
            </option>
          ))}
        </select>
      </label>
      {wallet ? (
        <p className="lead" data-wallet={wallet.name}>
          {en.home.wallet(wallet.name, wallet.threshold, wallet.cosigners.length, wallet.network)}
        </p>
      ) : (
        <p className="lead">{en.home.noWallet}</p>
      )}
      {!wallet && done && (
        <section aria-labelledby="setup-title" data-setup-guide>
          <h2 id="setup-title">{en.home.setupTitle}</h2>
          <ol className="setup">
            {en.home.setup.map((step, i) => (
              <li key={step} data-setup-done={done[i] ?? false}>
                {step}
                {done[i] && <strong className="badge badge-change"> {en.home.setupDone}</strong>}
              </li>
            ))}
          </ol>
        </section>
      )}
      <div className="actions">
        {wallet ? (
          <button type="button" className="primary" onClick={onStart}>
            {en.home.start}
          </button>
        ) : (
          <button type="button" className="primary" onClick={onWallets}>
            {en.home.chooseWallet}
          </button>
        )}
      </div>
    </section>
  );
}
