import type { Psbt } from 'bitcoinjs-lib';
import type { DestinationCheck } from '../psbt/review';
import type { ReviewModel } from '../psbt/review-model';
import type { Wallet } from '../wallet/types';
import type { CliContext } from './context';

/**
 * The policy step of `airlock sign`, between review and key loading. The policy engineer implements
 * --policy and --approver here; until then it allows everything and names no approvers.
 */
export const SIGN_GATE_OPTIONS = {
  policy: { type: 'string' },
  approver: { type: 'string', multiple: true },
} as const;

export interface SignGateValues {
  policy?: string;
  approver?: string[];
}

export interface SignGateContext {
  values: SignGateValues;
  ctx: CliContext;
  wallet: Wallet;
  psbt: Psbt;
  psbtHash: string;
}

/** Destinations the policy allows, used by the review to mark outputs as `allowed`. */
export function policyDestinationCheck(
  _gate: Omit<SignGateContext, 'psbt' | 'psbtHash'>,
): DestinationCheck | undefined {
  return undefined;
}

/** Throws refused(...) when the policy or the approvals forbid signing; returns the approvers' names. */
export async function enforcePolicy(
  _gate: SignGateContext & { review: ReviewModel },
): Promise<{ approvers: string[] }> {
  return { approvers: [] };
}
