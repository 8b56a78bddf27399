import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type {
  ApprovalProgress,
  QrDensity,
  QrFormat,
  ReturnContents,
  ScanProgress,
  ShareProgress,
  Status,
} from '../../src/ipc/models';
import type { CosignerKeyFormat } from '../../src/qr/key-formats';
import type { OwnerClass } from '../../src/wallet/types';
import { ApiError, call } from '../api/client';
import type { KeyPlan } from '../screens/CreateShares';
import { initialView, type MenuScreen, type Screen, screenOf, viewReducer } from './ceremony';
import { pendingCalls } from './pending-calls';
import { useConfigActions } from './use-config';

function shownError(error: unknown): { code: string; message: string } {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  return { code: 'unexpected', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The ceremony's effects: each user intent becomes one call to main. Every call that moves the
 * ceremony gets main's stage back, and the screen follows it (screenOf); the view keeps only its own
 * choices. Screens get these actions and never call main themselves.
 */
export function useCeremony() {
  const [view, dispatch] = useReducer(viewReducer, initialView);
  const [status, setStatus] = useState<Status | null>(null);

  const refreshStatus = useCallback(async () => setStatus(await call('getStatus', {})), []);
  useEffect(() => {
    void refreshStatus();
  }, [refreshStatus]);

  /** Runs a call; a refusal is shown on the current screen and the action resolves to null. */
  const attempt = useCallback(async <T>(work: () => Promise<T>): Promise<T | null> => {
    pendingCalls.begin();
    try {
      return await work();
    } catch (error) {
      dispatch({ type: 'failed', error: shownError(error) });
      return null;
    } finally {
      pendingCalls.end();
    }
  }, []);

  const loadReview = useCallback(async () => {
    const review = await attempt(() => call('reviewCurrent', {}));
    if (review) dispatch({ type: 'reviewed', review });
    await refreshStatus();
  }, [attempt, refreshStatus]);

  // Frames already on their way when the PSBT completes are answered "complete" too; the review
  // is asked for once per PSBT loaded (a large one's review takes main a good while).
  const reviewAsked = useRef(false);
  const afterLoad = useCallback(
    async (progress: ScanProgress | null) => {
      if (progress?.status !== 'complete' || reviewAsked.current) return;
      reviewAsked.current = true;
      // Loaded: the Review screen waits for main's review; asked alongside, so the review is not delayed.
      void refreshStatus();
      await loadReview();
    },
    [loadReview, refreshStatus],
  );

  // A page opened (or reloaded) while main holds a loaded PSBT shows main's step: it asks for the review.
  const stage = status?.stage;
  const reviewMissing = view.review === null && view.error === null;
  useEffect(() => {
    const holdsPsbt = stage !== undefined && !['idle', 'scanning', 'signed'].includes(stage);
    if (!holdsPsbt || !reviewMissing || reviewAsked.current) return;
    reviewAsked.current = true;
    void loadReview();
  }, [stage, reviewMissing, loadReview]);

  // A page opened (or reloaded) while main holds a signed ceremony shows the signed QR again.
  const signedMissing = view.signed === null && view.error === null;
  const signedAsked = useRef(false);
  useEffect(() => {
    if (stage !== 'signed' || !signedMissing || signedAsked.current) return;
    signedAsked.current = true;
    void attempt(() => call('signedResult', { format: 'ur' })).then(
      (signed) => signed && dispatch({ type: 'signed', signed }),
    );
  }, [stage, signedMissing, attempt]);

  const config = useConfigActions({ attempt, dispatch, setStatus });

  const actions = {
    /** Opens a menu screen; leaving a signed ceremony's Done screen, main drops that ceremony first. */
    navigate: async (screen: MenuScreen) => {
      if (status?.stage === 'signed') {
        const next = await attempt(() => call('finishCeremony', {}));
        if (!next) return;
        setStatus(next);
      }
      dispatch({ type: 'open', screen });
      await refreshStatus();
    },
    dismissError: () => dispatch({ type: 'dismissError' }),
    overrideAirgap: async (reason: string) => {
      const next = await attempt(() => call('overrideAirgap', { confirm: true, reason }));
      if (next) setStatus(next);
    },
    selectWallet: async (name: string) => {
      const next = await attempt(() => call('selectWallet', { name }));
      if (next) setStatus(next);
    },
    previewWallet: async (text: string, name?: string) => {
      const preview = await attempt(() => call('previewWallet', name ? { text, name } : { text }));
      if (preview) dispatch({ type: 'dismissError' });
      return preview;
    },
    importWallet: async (text: string, name?: string, owner?: OwnerClass) => {
      const wallet = await attempt(() =>
        call('importWallet', { text, ...(name ? { name } : {}), ...(owner ? { owner } : {}) }),
      );
      if (wallet) dispatch({ type: 'dismissError' });
      await refreshStatus();
      return wallet;
    },
    listWallets: () => attempt(() => call('listWallets', {})),
    verifyAddress: (address: string) => attempt(() => call('verifyAddress', { address })),
    walletExport: (name: string) => attempt(() => call('walletExport', { name })),
    startWalletScan: () => attempt(() => call('startWalletScan', {})),
    scanWalletFrame: (text: string) => attempt(() => call('scanWalletFrame', { text })),
    startCeremony: async () => {
      reviewAsked.current = false;
      signedAsked.current = false;
      if (await attempt(() => call('startScan', {}))) dispatch({ type: 'ceremonyStarted' });
      await refreshStatus();
    },
    scanFrame: async (text: string): Promise<ScanProgress | null> => {
      const progress = await attempt(() => call('scanFrame', { text }));
      await afterLoad(progress);
      return progress;
    },
    loadPsbtText: async (text: string) => {
      reviewAsked.current = false;
      await afterLoad(await attempt(() => call('loadPsbtText', { text })));
    },
    confirmReview: async () => {
      const next = await attempt(() => call('confirmReview', {}));
      if (next) {
        dispatch({ type: 'dismissError' });
        setStatus(next);
      }
    },
    approvalStatus: () => attempt(() => call('approvalStatus', {})),
    approve: async (request: {
      name: string;
      pin: string;
      code: string;
    }): Promise<ApprovalProgress | null> => {
      const progress = await attempt(() => call('approve', request));
      if (progress) dispatch({ type: 'dismissError' });
      if (progress?.complete) await refreshStatus();
      return progress;
    },
    wordlist: () => attempt(() => call('shareWordlist', {})),
    /** One share as its word indices; the caller zeroes them once this settles. */
    addShare: async (indices: Uint16Array<ArrayBuffer>): Promise<ShareProgress | null> => {
      const progress = await attempt(() => call('addShare', { indices }));
      if (progress) dispatch({ type: 'dismissError' });
      if (progress?.complete) await refreshStatus();
      return progress;
    },
    sign: async (format: QrFormat) => {
      pendingCalls.begin();
      try {
        dispatch({ type: 'signed', signed: await call('sign', { format }) });
      } catch (error) {
        // Main wiped the quorum either way; the refusal stays on the Sign screen to be read.
        dispatch({ type: 'signRefused', error: shownError(error) });
      } finally {
        pendingCalls.end();
      }
      await refreshStatus();
    },
    encodeSigned: (format: QrFormat, density: QrDensity, contents: ReturnContents) =>
      attempt(() => call('encodeSigned', { format, density, contents })),
    saveFrames: (format: QrFormat, density: QrDensity, contents: ReturnContents) =>
      attempt(() => call('saveSignedFrames', { format, density, contents })),
    finish: () => dispatch({ type: 'qrDismissed' }),
    showAgain: () => dispatch({ type: 'showAgain' }),
    /** Main wiped the refused quorum and says approved again: the Key shares screen follows. */
    backToShares: async () => {
      dispatch({ type: 'backToShares' });
      await refreshStatus();
    },
    cancel: async () => {
      const next = await attempt(() => call('cancelCeremony', {}));
      if (!next) return;
      setStatus(next);
      dispatch({ type: 'open', screen: 'home' });
    },
    auditLog: () => attempt(() => call('auditLog', {})),
    auditReport: (since?: string) => attempt(() => call('auditReport', since ? { since } : {})),
    printAuditReport: (request: { html: string; title: string; lang: 'en' | 'ja' }) =>
      attempt(() => call('printAuditReport', request)),
    keyCreationStatus: () => attempt(() => call('keyCreationStatus', {})),
    createPartitionedKey: async ({ threshold, count, strength, network, diceRolls }: KeyPlan) => {
      const rolls = diceRolls.replace(/\s+/g, '');
      const view = await attempt(() =>
        call('createPartitionedKey', {
          groups: [{ threshold, count }],
          strength,
          network,
          ...(rolls ? { diceRolls: rolls } : {}),
        }),
      );
      if (view) dispatch({ type: 'dismissError' });
      return view;
    },
    printShareCard: async (group: number, index: number) => {
      const view = await attempt(() => call('printShareCard', { group, index }));
      if (view) dispatch({ type: 'dismissError' });
      return view;
    },
    finishKeyCreation: async (abandon: boolean) => {
      const end = await attempt(() => call('finishKeyCreation', abandon ? { abandon: true } : {}));
      if (end) dispatch({ type: 'dismissError' });
      return end;
    },
    cosignerKeys: () => attempt(() => call('cosignerKeys', {})),
    discardUnfinishedKey: (fingerprint: string) =>
      attempt(() => call('discardUnfinishedKey', { fingerprint })),
    cosignerExport: (fingerprint: string, scriptType: 'p2wsh' | 'p2sh-p2wsh', format: CosignerKeyFormat) =>
      attempt(() => call('cosignerExport', { fingerprint, scriptType, format })),
  };
  const screen: Screen = status ? screenOf(status.stage, view, status.acceptance) : 'home';
  return { view, screen, status, actions, config };
}

export type CeremonyActions = ReturnType<typeof useCeremony>['actions'];
