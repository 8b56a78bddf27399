import { useState } from 'react';
import type { ScanProgress } from '../src/ipc/models';
import { AirgapBanner, AirgapOverride } from './components/AirgapBanner';
import {
  type AmountUnit,
  AmountUnitContext,
  storeAmountUnit,
  storedAmountUnit,
  UnitSwitch,
} from './components/Amount';
import { BusyIndicator } from './components/BusyIndicator';
import { CameraScanner } from './components/CameraScanner';
import { ErrorNotice } from './components/ErrorNotice';
import { StepBar } from './components/StepBar';
import {
  CEREMONY_STEPS,
  canConfirmReview,
  cancelLosesWork,
  isCeremonyStep,
  isQuorumRefusal,
} from './flow/ceremony';
import { useCeremony } from './flow/use-ceremony';
import { useStrings } from './i18n';
import { holdsSecretWords } from './scan/secret-words';
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
  const en = useStrings();
  const { state, status, actions } = useCeremony();
  const [scanProgress, setScanProgress] = useState<ScanProgress | null>(null);
  const [unit, setUnit] = useState<AmountUnit>(storedAmountUnit);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  if (!status) return <main aria-busy="true" />;
  /** This device's keys among the wallet's cosigners: the key the shares must rebuild. */
  const loadExpectedKeys = async () => {
    const mine = new Set((await actions.cosignerKeys())?.map((k) => k.fingerprint) ?? []);
    return (status.wallet?.cosigners ?? [])
      .map((c) => c.fingerprint)
      .filter((f): f is string => f !== null && mine.has(f));
  };
  const cancel = () => {
    setConfirmingCancel(false);
    void actions.cancel();
  };
  const inCeremony = isCeremonyStep(state.screen) && state.screen !== 'done';

  const onPayload = async (text: string) => {
    if (holdsSecretWords(text)) return setScanProgress(wordsRefused(en.scan.wordsRefused));
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
            loadCosigners={actions.cosignerKeys}
            loadWallets={actions.listWallets}
          />
        );
      case 'scan':
        return (
          <Scan
            progress={scanProgress}
            camera={<CameraScanner onPayload={(text) => void onPayload(text)} />}
            onLoadText={(text) =>
              holdsSecretWords(text)
                ? setScanProgress(wordsRefused(en.scan.wordsRefused))
                : void actions.loadPsbtText(text)
            }
          />
        );
      case 'review':
        return (
          <Review
            result={state.review}
            busy={state.error === null}
            canConfirm={canConfirmReview(state)}
            onConfirm={actions.confirmReview}
          />
        );
      case 'approvals':
        return <Approvals load={actions.approvalStatus} onApprove={actions.approve} />;
      case 'shares':
        return (
          <KeyShares
            loadWordlist={actions.wordlist}
            loadExpectedKeys={loadExpectedKeys}
            onAddShare={actions.addShare}
            camera={(onPayload) => <CameraScanner onPayload={onPayload} />}
          />
        );
      case 'signing':
        return (
          <Signing
            review={state.review}
            status={status}
            onSign={() => void actions.sign('ur')}
            onBackToShares={isQuorumRefusal(state.error?.code) ? actions.backToShares : null}
          />
        );
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
        return (
          <Done
            review={state.review}
            signed={state.signed}
            onShowAgain={actions.showAgain}
            onSave={actions.saveFrames}
            onHome={() => actions.navigate('home')}
          />
        );
      case 'wallets':
        return (
          <Wallets
            current={status.wallet?.name ?? null}
            error={state.error}
            load={actions.listWallets}
            onPreview={actions.previewWallet}
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
        return (
          <Audit
            load={actions.auditLog}
            loadReport={actions.auditReport}
            onPrint={actions.printAuditReport}
          />
        );
    }
  })();

  const step = CEREMONY_STEPS.indexOf(state.screen as (typeof CEREMONY_STEPS)[number]);
  return (
    <AmountUnitContext.Provider value={unit}>
      <AirgapBanner airgap={status.airgap} />
      <header className="top">
        <div className="top-row">
          <span className="brand">{en.appName}</span>
          <UnitSwitch
            unit={unit}
            onChange={(next) => {
              setUnit(next);
              storeAmountUnit(next);
            }}
          />
          <nav aria-label={en.nav.main}>
            {inCeremony ? (
              <button
                type="button"
                className="danger"
                aria-expanded={confirmingCancel}
                onClick={() => (cancelLosesWork(state.screen) ? setConfirmingCancel(true) : cancel())}
              >
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
        </div>
        <StepBar screen={state.screen} skipped={state.review?.approvalsRequired === 0 ? ['approvals'] : []} />
      </header>
      {confirmingCancel && inCeremony && (
        <div className="notice notice-danger confirm" role="alertdialog" aria-labelledby="cancel-question">
          <p id="cancel-question">{en.nav.cancelConfirm}</p>
          <div className="actions">
            {/* biome-ignore lint/a11y/noAutofocus: the question is asked of the keyboard user who pressed Cancel; the safe answer takes focus */}
            <button type="button" className="primary" onClick={() => setConfirmingCancel(false)} autoFocus>
              {en.nav.cancelNo}
            </button>
            <button type="button" className="danger" onClick={cancel}>
              {en.nav.cancelYes}
            </button>
          </div>
        </div>
      )}
      <BusyIndicator />
      <main>
        <p className="visually-hidden" aria-live="polite" data-announce>
          {step >= 0 ? en.announce.step(step + 1, CEREMONY_STEPS.length, en.steps[step] ?? '') : ''}
        </p>
        {/* Wallets shows its refusals next to the control that caused them. */}
        {state.screen !== 'wallets' && <ErrorNotice error={state.error} />}
        {screen}
      </main>
      <AirgapOverride airgap={status.airgap} onOverride={(reason) => void actions.overrideAirgap(reason)} />
    </AmountUnitContext.Provider>
  );
}

/** A scan refused in the page: words, not a PSBT; nothing was sent to main. */
function wordsRefused(message: string): ScanProgress {
  return { status: 'rejected', format: null, partsSeen: 0, partsNeeded: null, message };
}
