import { useMemo, useState } from 'react';
import type { ApprovalProgress, ShareProgress, Status } from '../../src/ipc/models';
import { call } from '../api/client';
import type { ViewEvent } from './ceremony';

/** What the Changes screen says happened last, until it is left. */
export type ConfigOutcome = 'accepted' | 'rejected' | null;

/**
 * The effects of the Changes, Approvers and Policy screens: each intent one call to main. Accepting
 * changes is main's (held per change set, as in signing): its step comes back in Status.acceptance
 * and the screen follows it.
 */
export function useConfigActions({
  attempt,
  dispatch,
  setStatus,
}: {
  attempt: <T>(work: () => Promise<T>) => Promise<T | null>;
  dispatch: (event: ViewEvent) => void;
  setStatus: (status: Status) => void;
}) {
  const [outcome, setOutcome] = useState<ConfigOutcome>(null);
  const actions = useMemo(() => {
    const refreshStatus = async () => setStatus(await call('getStatus', {}));
    return {
      configStatus: () => attempt(() => call('configStatus', {})),
      /** Opens the acceptance in main; `withDifferences`: files changed without the quorum are sealed as found. */
      startAccept: async (withDifferences: boolean) => {
        setOutcome(null);
        const next = await attempt(() =>
          call('startAcceptance', withDifferences ? { includeDifferences: true } : {}),
        );
        if (next) {
          dispatch({ type: 'dismissError' });
          setStatus(next);
        }
      },
      reject: async () => {
        const view = await attempt(() => call('rejectChanges', {}));
        if (view) setOutcome('rejected');
        await refreshStatus();
        return view;
      },
      approvalStatus: () => attempt(() => call('configApprovalStatus', {})),
      approve: async (request: {
        name: string;
        pin: string;
        code: string;
      }): Promise<ApprovalProgress | null> => {
        const progress = await attempt(() => call('approveChanges', request));
        if (progress) dispatch({ type: 'dismissError' });
        if (progress?.complete) await refreshStatus();
        return progress;
      },
      /** A share; the last one needed accepts the changes and re-seals. */
      addShare: async (indices: Uint16Array<ArrayBuffer>): Promise<ShareProgress | null> => {
        const progress = await attempt(() => call('addConfigShare', { indices }));
        if (!progress?.complete) {
          if (progress) dispatch({ type: 'dismissError' });
          return progress;
        }
        // Accepted or refused, main ends the acceptance: the Changes screen shows what holds then.
        dispatch({ type: 'open', screen: 'changes' });
        const accepted = await attempt(() => call('acceptChanges', {}));
        if (accepted) setOutcome('accepted');
        await refreshStatus();
        return progress;
      },
      clearOutcome: () => setOutcome(null),
      /** Leaving the acceptance half done: main wipes the shares entered so far. */
      cancelAcceptance: async () => {
        await attempt(() => call('cancelAcceptance', {}));
        await refreshStatus();
      },
      withdrawAirgap: async () => {
        const next = await attempt(() => call('overrideAirgap', { confirm: true, withdraw: true }));
        if (next) setStatus(next);
        return next;
      },
      listApprovers: () => attempt(() => call('listApprovers', {})),
      enrolApprover: (name: string, pin: string) => attempt(() => call('enrolApprover', { name, pin })),
      removeApprover: (name: string) => attempt(() => call('removeApprover', { name })),
      setWalletOwner: (name: string, owner: 'customer' | 'company') =>
        attempt(() => call('setWalletOwner', { name, owner })),
      unlockApprover: (name: string, by: { name: string; pin: string; code: string }) =>
        attempt(() => call('unlockApprover', { name, by })),
      policyView: () => attempt(() => call('policyView', {})),
      testDrivePolicy: (text: string, psbt: string) => attempt(() => call('testDrivePolicy', { text, psbt })),
      startTestDriveScan: () => attempt(() => call('startTestDriveScan', {})),
      scanTestDriveFrame: (text: string) => attempt(() => call('scanTestDriveFrame', { text })),
      stagePolicy: (text: string) => attempt(() => call('stagePolicy', { text })),
      stageNoPolicy: () => attempt(() => call('stagePolicy', { none: true })),
    };
  }, [attempt, dispatch, setStatus]);
  return { outcome, actions };
}

export type ConfigActions = ReturnType<typeof useConfigActions>['actions'];
