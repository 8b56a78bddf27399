import type { ConfigItem } from '../../src/ipc/models';
import type { Policy } from '../../src/policy/schema';
import { useStrings } from '../i18n';
import { Amount } from './Amount';

/** A policy one rule a line, every rule said even when it is "none", so nothing is left to guess. */
export function PolicyWords({ policy, id }: { policy: Policy | null; id?: string }) {
  const en = useStrings();
  const words = en.policyWords;
  if (!policy)
    return (
      <p id={id} data-policy-words="none">
        {words.none}
      </p>
    );
  const { approvals, allowedDestinations, fees, crossOwnerTransfers } = policy;
  const noAmountLimit = policy.maxPerTransaction === undefined && policy.maxPer24h === undefined;
  return (
    <ul id={id} className="policy-words" data-policy-words="rules">
      <li data-rule="approvals">
        {approvals ? words.approvals(approvals.required, approvals.approvers.join(', ')) : words.noApprovals}
      </li>
      <li data-rule="destinations">
        {allowedDestinations ? words.destinations(allowedDestinations.length) : words.anyDestination}
        {allowedDestinations && (
          <ul>
            {allowedDestinations.map((d) => {
              const text =
                'address' in d ? d.address : words.descriptor(d.label ?? d.descriptor.slice(0, 24));
              return (
                <li key={text} className={'address' in d ? 'address' : undefined}>
                  {text}
                </li>
              );
            })}
          </ul>
        )}
      </li>
      {policy.maxPerTransaction !== undefined && (
        <li data-rule="max-per-transaction">
          {words.maxPerTransaction} <Amount sats={policy.maxPerTransaction} />
        </li>
      )}
      {policy.maxPer24h !== undefined && (
        <li data-rule="max-per-24h">
          {words.maxPer24h} <Amount sats={policy.maxPer24h} />
        </li>
      )}
      {noAmountLimit && <li data-rule="no-limit">{words.noLimit}</li>}
      {fees?.maxFee !== undefined && (
        <li data-rule="max-fee">
          {words.maxFee} <Amount sats={fees.maxFee} />
        </li>
      )}
      {fees?.maxFeeRate !== undefined && (
        <li data-rule="max-fee-rate">{words.maxFeeRate(fees.maxFeeRate)}</li>
      )}
      <li data-rule="unproven">
        {policy.allowUnprovenAmounts ? words.unprovenAllowed : words.unprovenRefused}
      </li>
      <li data-rule="cross-owner">
        {crossOwnerTransfers
          ? [
              words.crossOwner(crossOwnerTransfers.to.join(', ')),
              crossOwnerTransfers.approvals &&
                words.crossOwnerApprovals(
                  crossOwnerTransfers.approvals.required,
                  crossOwnerTransfers.approvals.approvers.join(', '),
                ),
            ]
              .filter(Boolean)
              .join('; ')
          : words.noCrossOwner}
      </li>
    </ul>
  );
}

/** One staged change, or one item a first seal covers, in the chosen language. */
export function ConfigItemWords({ item }: { item: ConfigItem }) {
  const en = useStrings();
  const words = en.configItems;
  switch (item.kind) {
    case 'wallet':
      return (
        <>
          {words.wallet(item.wallet, item.threshold, item.cosigners, en.networks[item.network])}
          {item.owner && <span className="detail"> · {words.owner(words.owners[item.owner])}</span>}
          {item.withoutDeviceKey && <p className="detail">{words.withoutDeviceKey}</p>}
        </>
      );
    case 'policy':
      return (
        <>
          {words.policy(item.wallet)}
          <PolicyWords policy={item.policy} />
        </>
      );
    case 'approver-enrol':
      return <>{words.enrol(item.name)}</>;
    case 'approver-remove':
      return <>{words.remove(item.name)}</>;
    case 'approver-unlock':
      return <>{words.unlock(item.name, item.by)}</>;
    case 'wallet-owner':
      return <>{words.walletOwner(item.wallet, words.owners[item.owner])}</>;
    case 'airgap':
      return (
        <>{item.settings.allowNetwork ? words.airgapAllow(item.settings.reason ?? '') : words.airgapStrict}</>
      );
  }
}
