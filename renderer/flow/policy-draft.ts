import type { AllowedDestination, Policy } from '../../src/policy/schema';

/** The Policy screen's draft as typed: every field text, so a half-typed number is kept as typed. */
export interface PolicyDraft {
  approvalsRequired: string;
  approvers: string;
  maxPerTransaction: string;
  maxPer24h: string;
  maxFee: string;
  maxFeeRate: string;
  /** Addresses, one a line. */
  destinations: string;
  crossOwnerTo: string;
  allowUnprovenAmounts: boolean;
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n));
const names = (list: string) =>
  list
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);

export function draftOf(policy: Policy | null): PolicyDraft {
  return {
    approvalsRequired: text(policy?.approvals?.required),
    approvers: policy?.approvals?.approvers.join(', ') ?? '',
    maxPerTransaction: text(policy?.maxPerTransaction),
    maxPer24h: text(policy?.maxPer24h),
    maxFee: text(policy?.fees?.maxFee),
    maxFeeRate: text(policy?.fees?.maxFeeRate),
    destinations: (policy?.allowedDestinations ?? [])
      .flatMap((d) => ('address' in d ? [d.address] : []))
      .join('\n'),
    crossOwnerTo: policy?.crossOwnerTransfers?.to.join(', ') ?? '',
    allowUnprovenAmounts: policy?.allowUnprovenAmounts ?? false,
  };
}

/**
 * The draft as policy JSON for main to validate (src/policy/schema). What the form does not edit
 * (descriptor destinations, labels, cross-owner approvals) is kept from the policy it started from.
 * A number that does not parse is passed on as typed, so main's refusal names the field.
 */
export function policyFromDraft(
  wallet: string,
  draft: PolicyDraft,
  base: Policy | null,
): Record<string, unknown> {
  const number = (field: string) => (field.trim() === '' ? undefined : Number(field.trim()));
  const kept = (base?.allowedDestinations ?? []).filter((d) => !('address' in d));
  const labels = new Map(
    (base?.allowedDestinations ?? []).flatMap((d) =>
      'address' in d && d.label ? [[d.address, d.label]] : [],
    ),
  );
  const addresses: AllowedDestination[] = draft.destinations
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((address) => {
      const label = labels.get(address);
      return label ? { address, label } : { address };
    });
  const destinations = [...addresses, ...kept];
  const approvers = names(draft.approvers);
  const crossTo = names(draft.crossOwnerTo);
  const fees = { maxFee: number(draft.maxFee), maxFeeRate: number(draft.maxFeeRate) };
  return {
    wallet,
    ...(approvers.length > 0 || draft.approvalsRequired.trim()
      ? { approvals: { required: number(draft.approvalsRequired) ?? approvers.length, approvers } }
      : {}),
    ...(destinations.length > 0 ? { allowedDestinations: destinations } : {}),
    maxPerTransaction: number(draft.maxPerTransaction),
    maxPer24h: number(draft.maxPer24h),
    ...(fees.maxFee !== undefined || fees.maxFeeRate !== undefined ? { fees } : {}),
    ...(crossTo.length > 0
      ? {
          crossOwnerTransfers: {
            to: crossTo,
            ...(base?.crossOwnerTransfers?.approvals
              ? { approvals: base.crossOwnerTransfers.approvals }
              : {}),
          },
        }
      : {}),
    ...(draft.allowUnprovenAmounts ? { allowUnprovenAmounts: true } : {}),
  };
}
