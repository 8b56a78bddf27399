import type { Status } from '../../src/ipc/models';
import { ScreenHeading } from '../components/ScreenHeading';
import { en } from '../i18n/en';

export function Home({
  status,
  onStart,
  onWallets,
}: {
  status: Status;
  onStart: () => void;
  onWallets: () => void;
}) {
  const wallet = status.wallet;
  return (
    <section aria-labelledby="home-title" data-screen="home">
      <ScreenHeading id="home-title">{en.home.title}</ScreenHeading>
      {wallet ? (
        <p className="lead" data-wallet={wallet.name}>
          {en.home.wallet(wallet.name, wallet.threshold, wallet.cosigners.length, wallet.network)}
        </p>
      ) : (
        <p className="lead">{en.home.noWallet}</p>
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
