import { useState } from 'react';
import type { ScanProgress } from '../src/ipc/models';
import { AirgapBanner } from './components/AirgapBanner';
import { BusyIndicator } from './components/BusyIndicator';
import { CameraScanner } from './components/CameraScanner';
import { ErrorNotice } from './components/ErrorNotice';
import { StepBar } from './components/StepBar';
import { canConfirmReview, isCeremonyStep } from './flow/ceremony';
import { useCeremony } from './flow/use-ceremony';
import { en } from './i18n/en';
import { Approvals } from './screens/Approvals';
import { Audit } from './screens/Audit';
import { CreateShares } from './screens/CreateShares';
import { Done } from './screens/Done';
import { Home } from './screens/Home';
import { KeyShares } from './screens/KeyShares';
import { Review } from './screens/Review';
import { Scan } from './screens/Scan';
import { ShowQr } from './screens/ShowQr';
import { Signing } from './screens/Signing';
import { Wallets } from './screens/Wallets';

export function App() {
  const { state, status, actions } = useCeremony();
  const [scanProgress, setScanProgress] = useState<ScanProgress | null>(null);
  if (!status) return <main aria-busy="true" />;
  const inCeremony = isCeremonyStep(state.screen) && state.screen !== 'done';

  const onPayload = async (text: string) => {
    const progress = await actions.scanFrame(text);
    if (progress) setScanProgress(progress);
  };

  const screen = (() => {
    switch (state.screen) {
      case 'home':
        return (
          <Home
            status={status}
            onStart={() => {
              setScanProgress(null);
              void actions.startCeremony();
            }}
            onWallets={() => actions.navigate('wallets')}
          />
        );
      case 'scan':
        return (
          <Scan
            progress={scanProgress}
            camera={<CameraScanner onPayload={(text) => void onPayload(text)} />}
            onLoadText={(text) => void actions.loadPsbtText(text)}
          />
        );
      case 'review':
        return (
          <Review
            result={state.review}
            canConfirm={canConfirmReview(state)}
            onConfirm={actions.confirmReview}
          />
        );
      case 'approvals':
        return <Approvals load={actions.approvalStatus} onApprove={actions.approve} />;
      case 'shares':
        return <KeyShares loadWordlist={actions.wordlist} onAddShare={actions.addShare} />;
      case 'signing':
        return <Signing review={state.review} status={status} onSign={() => void actions.sign('ur')} />;
      case 'showQr':
        return state.signed ? (
          <ShowQr
            signed={state.signed}
            onReencode={actions.encodeSigned}
            onSave={actions.saveFrames}
            onDone={actions.finish}
          />
        ) : null;
      case 'done':
        return <Done signed={state.signed} onHome={() => actions.navigate('home')} />;
      case 'wallets':
        return (
          <Wallets
            current={status.wallet?.name ?? null}
            load={actions.listWallets}
            onImport={actions.importWallet}
            onVerifyAddress={actions.verifyAddress}
            onSelect={actions.selectWallet}
            onExport={actions.walletExport}
            loadCosigners={actions.cosignerKeys}
            onCosignerExport={actions.cosignerExport}
            onDiscardKey={actions.discardUnfinishedKey}
            onStartScan={actions.startWalletScan}
            onScanFrame={actions.scanWalletFrame}
            camera={(onPayload) => <CameraScanner onPayload={onPayload} />}
          />
        );
      case 'createShares':
        return (
          <CreateShares
            load={actions.keyCreationStatus}
            onCreate={actions.createPartitionedKey}
            onPrint={actions.printShareCard}
            onFinish={actions.finishKeyCreation}
            onShowWallets={() => actions.navigate('wallets')}
          />
        );
      case 'audit':
        return <Audit load={actions.auditLog} />;
    }
  })();

  return (
    <>
      <AirgapBanner airgap={status.airgap} onOverride={(reason) => void actions.overrideAirgap(reason)} />
      <header className="top">
        <span className="brand">{en.appName}</span>
        <nav aria-label="main">
          {inCeremony ? (
            <button type="button" className="danger" onClick={() => void actions.cancel()}>
              {en.nav.cancel}
            </button>
          ) : (
            (['home', 'wallets', 'createShares', 'audit'] as const).map((target) => (
              <button
                key={target}
                type="button"
                aria-current={state.screen === target ? 'page' : undefined}
                onClick={() => actions.navigate(target)}
              >
                {target === 'createShares' ? en.nav.shares : en.nav[target]}
              </button>
            ))
          )}
        </nav>
      </header>
      <StepBar screen={state.screen} skipped={state.review?.approvalsRequired === 0 ? ['approvals'] : []} />
      <BusyIndicator />
      <main>
        <ErrorNotice error={state.error} />
        {screen}
      </main>
    </>
  );
}
