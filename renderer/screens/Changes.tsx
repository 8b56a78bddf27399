import { useCallback, useEffect, useState } from 'react';
import type { ConfigItem, ConfigStatusView } from '../../src/ipc/models';
import { differenceWords } from '../components/difference-words';
import { ConfigItemWords } from '../components/PolicyWords';
import { ScreenHeading } from '../components/ScreenHeading';
import type { ConfigOutcome } from '../flow/use-config';
import { useStrings } from '../i18n';

function ItemList({ items, label }: { items: ConfigItem[]; label: string }) {
  return (
    <ul className="config-items" aria-label={label}>
      {items.map((item, i) => (
        // Items are listed in the order main gives; the same change twice cannot be staged.
        // biome-ignore lint/suspicious/noArrayIndexKey: a list that is replaced whole, never reordered
        <li key={i} data-change-kind={item.kind}>
          <ConfigItemWords item={item} />
        </li>
      ))}
    </ul>
  );
}

/**
 * The sealed configuration and what differs from it: staged changes for the quorum to accept or
 * reject, files changed without it, and before the first seal everything that seal will cover.
 */
export function Changes({
  load,
  outcome,
  onAccept,
  onReject,
  onWithdrawAirgap,
}: {
  load: () => Promise<ConfigStatusView | null>;
  outcome: ConfigOutcome;
  onAccept: (includeDifferences: boolean) => void;
  onReject: () => Promise<ConfigStatusView | null>;
  onWithdrawAirgap: () => Promise<unknown>;
}) {
  const en = useStrings();
  const words = en.changes;
  const [view, setView] = useState<ConfigStatusView | null>(null);
  const reload = useCallback(() => void load().then((next) => next && setView(next)), [load]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: an accept or reject just finished changes what main holds
  useEffect(reload, [reload, outcome]);
  if (!view) return <section data-screen="changes" aria-busy="true" />;

  const broken = view.differences.length > 0;
  const withdrawalStaged = view.changeItems.some((c) => c.kind === 'airgap' && !c.settings.allowNetwork);
  const canAccept = !view.sealed || view.changeItems.length > 0;
  return (
    <section aria-labelledby="changes-title" data-screen="changes" data-sealed={view.sealed}>
      <ScreenHeading id="changes-title">{words.title}</ScreenHeading>
      {outcome && (
        <p className="notice notice-ok" role="status" data-outcome={outcome}>
          {outcome === 'accepted' ? words.acceptedNow : words.rejectedNow}
        </p>
      )}
      {view.sealed ? (
        <dl className="identity">
          <dt>{words.sealedBy}</dt>
          <dd data-sealed-by>{view.sealedBy}</dd>
          <dt>{words.head}</dt>
          <dd className="address" data-seal-head>
            {view.head}
          </dd>
        </dl>
      ) : (
        <section aria-labelledby="first-seal-title" data-first-seal>
          {!broken && <p className="notice notice-warning">{words.notSealed}</p>}
          <h2 id="first-seal-title">{words.toBeSealed}</h2>
          <ItemList items={view.toBeSealedItems} label={words.toBeSealed} />
        </section>
      )}

      {broken && (
        <div className="notice notice-danger" role="alert" data-differences>
          <h2>{words.differencesTitle}</h2>
          <p>{words.differencesLead}</p>
          <ul>
            {view.differences.map((d) => (
              <li key={differenceWords(en, d)} data-difference={d.code}>
                {differenceWords(en, d)}
              </li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" className="danger" onClick={() => onAccept(true)}>
              {words.acceptDifferences}
            </button>
          </div>
        </div>
      )}

      {(view.sealed || view.changeItems.length > 0) && (
        <section aria-labelledby="staged-title">
          <h2 id="staged-title">{words.staged}</h2>
          {view.changeItems.length === 0 ? (
            <p data-no-changes>{words.noneStaged}</p>
          ) : (
            <ItemList items={view.changeItems} label={words.staged} />
          )}
        </section>
      )}

      {canAccept && view.approvalsNeeded.length > 0 && (
        <ul aria-label={en.approvals.title}>
          {view.approvalsNeeded.map((need) => (
            <li key={need.wallet} data-approvals-needed={need.wallet}>
              {words.approvalsNeeded(need.wallet, need.required, need.approvers.join(', '))}
            </li>
          ))}
          {view.approvedBy.length > 0 && <li>{words.approvedBy(view.approvedBy.join(', '))}</li>}
        </ul>
      )}
      {canAccept && (
        <div className="actions">
          {!broken && (
            <button type="button" className="primary" onClick={() => onAccept(false)}>
              {view.sealed ? words.accept : words.sealNow}
            </button>
          )}
          {view.changeItems.length > 0 && (
            <button type="button" onClick={() => void onReject().then((next) => next && setView(next))}>
              {words.reject}
            </button>
          )}
        </div>
      )}

      <section aria-labelledby="airgap-setting-title" data-airgap-setting={view.airgap.allowNetwork}>
        <h2 id="airgap-setting-title">{words.airgapTitle}</h2>
        <p>
          <ConfigItemWords item={{ kind: 'airgap', settings: view.airgap }} />
        </p>
        {withdrawalStaged ? (
          <p className="notice notice-ok" data-withdrawal-staged>
            {words.withdrawStaged}
          </p>
        ) : (
          view.airgap.allowNetwork && (
            <button type="button" onClick={() => void onWithdrawAirgap().then(reload)}>
              {words.withdraw}
            </button>
          )
        )}
      </section>
    </section>
  );
}
