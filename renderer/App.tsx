import { useEffect, useState } from 'react';
import type { ConfigStatusView, ScanProgress } from '../src/ipc/models';
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
import { SealNotice } from './components/SealNotice';
import { StepBar } from './components/StepBar';
import {
  CEREMONY_STEPS,
  canConfirmReview,
  cancelLosesWork,
  isCeremonyStep,
  isQuorumRefusal,
  type MenuScreen,
} from './flow/ceremony';
import { useCeremony } from './flow/use-ceremony';
import { useStrings } from './i18n';
import { holdsSecretWords } from './scan/secret-words';
import { Approvals } from './screens/Approvals';
import { Approvers } from './screens/Approvers';
import { Audit } from './screens/Audit';
import { Changes } from './screens/Changes';
import { CreateShares } from './screens/CreateShares';
import { Done } from './screens/Done';
import { Home } from './screens/Home';
import { KeyShares } from './screens/KeyShares';
import { Policy } from './screens/Policy';
import { Review } from './screens/Review';
import { Scan } from './screens/Scan';
import { ShowQr } from './screens/ShowQr';
import { Signing } from './screens/Signing';
import { Wallets } from './screens/Wallets';

/** The main menu, in order. */
const MENU: readonly MenuScreen[] = [
  'home',
  'wallets',
  'createShares',
  'changes',
  'approvers',
  'policy',
  'audit',
];

export function App() {
  const en = useStrings();
  const { view, screen: current, status, actions, config } = useCeremony();
  const [sealView, setSealView] = useState<ConfigStatusView | null>(null);
  const loadConfig = config.actions.configStatus;
  // Home, Key shares and Sign say what the seal means for signing: broken, about to be made, or changes waiting.
  const sealMatters = current === 'home' || current === 'shares' || current === 'signing';
  useEffect(() => {
    if (sealMatters) void loadConfig().then(setSealView);
  }, [sealMatters, loadConfig]);
  const [scanProgress, setScanProgress] = useState<ScanProgress | null>(null);
  const [unit, setUnit] = useState<AmountUnit>(storedAmountUnit);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  if (!status) return <main aria-busy="true" />;
  const menuLabel = (target: MenuScreen) =>
    target === 'createShares'
      ? en.nav.shares
      : target === 'changes' || target === 'approvers' || target === 'policy'
        ? en[target].nav
        : en.nav[target];
  const openChanges = () => {
    config.actions.clearOutcome();
    actions.navigate('changes');
  };
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
  const inCeremony = isCeremonyStep(current) && current !== 'done';
  const accepting = current === 'acceptApprovals' || current === 'acceptShares';

  const onPayload = async (text: string) => {
    const progress = await actions.scanFrame(text);
    if (progress) setScanProgress(progress);
  };

  const screen = (() => {
    switch (current) {
      case 'home':
        return (
          <Home
            status={status}
            onStart={() => {
              // A seal found broken refuses signing: the Changes screen says what differs.
              if (sealView?.differences.length) return openChanges();
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
            result={view.review}
            busy={view.error === null}
            canConfirm={canConfirmReview(view)}
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
            camera={(onPayload) => <CameraScanner onPayload={onPayload} acceptsWords />}
          />
        );
      case 'signing':
        return (
          <Signing
            review={view.review}
            status={status}
            onSign={() => void actions.sign('ur')}
            onBackToShares={isQuorumRefusal(view.error?.code) ? actions.backToShares : null}
          />
        );
      case 'showQr':
        return view.signed ? (
          <ShowQr
            signed={view.signed}
            onReencode={actions.encodeSigned}
            onSave={actions.saveFrames}
            onDone={actions.finish}
          />
        ) : null;
      case 'done':
        return (
          <Done
            review={view.review}
            signed={view.signed}
            onShowAgain={actions.showAgain}
            onSave={actions.saveFrames}
            onHome={() => actions.navigate('home')}
          />
        );
      case 'wallets':
        return (
          <Wallets
            current={status.wallet?.name ?? null}
            error={view.error}
            load={actions.listWallets}
            onPreview={actions.previewWallet}
            onImport={actions.importWallet}
            onSetOwner={config.actions.setWalletOwner}
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
      case 'changes':
        return (
          <Changes
            load={config.actions.configStatus}
            outcome={config.outcome}
            onAccept={config.actions.startAccept}
            onReject={config.actions.reject}
            onWithdrawAirgap={config.actions.withdrawAirgap}
          />
        );
      case 'acceptApprovals':
        return (
          <Approvals
            load={config.actions.approvalStatus}
            onApprove={config.actions.approve}
            words={{ title: en.changes.approvalsTitle, submit: en.changes.approvalsSubmit }}
          />
        );
      case 'acceptShares':
        return (
          <KeyShares
            loadWordlist={actions.wordlist}
            loadExpectedKeys={async () => (sealView?.sealedBy ? [sealView.sealedBy] : loadExpectedKeys())}
            onAddShare={config.actions.addShare}
            camera={(onPayload) => <CameraScanner onPayload={onPayload} acceptsWords />}
          />
        );
      case 'approvers':
        return (
          <Approvers
            load={config.actions.listApprovers}
            onEnrol={config.actions.enrolApprover}
            onRemove={config.actions.removeApprover}
            onUnlock={config.actions.unlockApprover}
          />
        );
      case 'policy':
        return (
          <Policy
            wallet={status.wallet?.name ?? null}
            load={config.actions.policyView}
            onTestDrive={config.actions.testDrivePolicy}
            onStage={config.actions.stagePolicy}
            onStageNone={config.actions.stageNoPolicy}
            onStartScan={config.actions.startTestDriveScan}
            onScanFrame={config.actions.scanTestDriveFrame}
            camera={(onPayload) => <CameraScanner onPayload={onPayload} />}
          />
        );
    }
  })();

  const step = CEREMONY_STEPS.indexOf(current as (typeof CEREMONY_STEPS)[number]);
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
                onClick={() => (cancelLosesWork(current) ? setConfirmingCancel(true) : cancel())}
              >
                {en.nav.cancel}
              </button>
            ) : (
              MENU.map((target) => (
                <button
                  key={target}
                  type="button"
                  aria-current={current === target ? 'page' : undefined}
                  onClick={async () => {
                    // Leaving an acceptance half done: main drops it before the screen follows.
                    if (accepting) await config.actions.cancelAcceptance();
                    if (target === 'changes') openChanges();
                    else actions.navigate(target);
                  }}
                >
                  {menuLabel(target)}
                </button>
              ))
            )}
          </nav>
        </div>
        <StepBar screen={current} skipped={view.review?.approvalsRequired === 0 ? ['approvals'] : []} />
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
        {current !== 'wallets' && <ErrorNotice error={view.error} />}
        {sealMatters && (
          <SealNotice
            config={sealView}
            showFirstSeal={current !== 'home'}
            onOpen={current === 'home' ? openChanges : null}
          />
        )}
        {screen}
      </main>
      <AirgapOverride
        airgap={status.airgap}
        onOverride={(reason) =>
          // Staged for the quorum: the Changes screen is where it is accepted.
          void actions.overrideAirgap(reason).then(() => !inCeremony && openChanges())
        }
      />
    </AmountUnitContext.Provider>
  );
}

/** A scan refused in the page: words, not a PSBT; nothing was sent to main. */
function wordsRefused(message: string): ScanProgress {
  return { status: 'rejected', format: null, partsSeen: 0, partsNeeded: null, message };
}
