import type { Psbt } from 'bitcoinjs-lib';
import { z } from 'zod';
import { sentInLast24h } from '../audit/report';
import { readAuditEntries } from '../audit/verify';
import { badInput, refused } from '../common/errors';
import { approvePsbt, clockWarning } from '../policy/approvers';
import { allowedDestinationMatcher } from '../policy/destinations';
import { evaluatePolicy, type PolicyViolation } from '../policy/evaluate';
import { loadPolicyFile } from '../policy/load';
import type { Policy } from '../policy/schema';
import { transferViolations } from '../policy/transfers';
import type { DestinationCheck } from '../psbt/review';
import type { ReviewModel } from '../psbt/review-model';
import type { Wallet } from '../wallet/types';
import type { CliContext } from './context';
import { readSecretTextFile, resolvePath } from './inputs';

/** The policy step of `airlock sign`, between review and key loading. */
export const SIGN_GATE_OPTIONS = {
  policy: { type: 'string' },
  approver: { type: 'string', multiple: true },
  'approvals-file': { type: 'string' },
} as const;

export interface SignGateValues {
  policy?: string;
  approver?: string[];
  'approvals-file'?: string;
}

export interface SignGateContext {
  values: SignGateValues;
  ctx: CliContext;
  wallet: Wallet;
  psbt: Psbt;
  psbtHash: string;
}

/** PINs and codes come from a file (never from arguments): `{"approvals":[{"name","pin","code"}]}`. */
const ApprovalsFileSchema = z.strictObject({
  approvals: z.array(z.strictObject({ name: z.string(), pin: z.string(), code: z.string() })).max(16),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The --policy file, read once per signature and checked to be this wallet's; null without --policy. */
export function loadSignPolicy({
  values,
  ctx,
  wallet,
}: {
  values: SignGateValues;
  ctx: CliContext;
  wallet: Wallet;
}): Policy | null {
  if (!values.policy) return null;
  const policy = loadPolicyFile(resolvePath(ctx, values.policy));
  if (policy.wallet !== wallet.name) {
    throw refused('POLICY_WRONG_WALLET', `the policy is for wallet ${policy.wallet}, not ${wallet.name}`);
  }
  return policy;
}

/** Destinations the policy allows, used by the review to mark outputs as `allowed`. */
export function policyDestinationCheck(policy: Policy | null, wallet: Wallet): DestinationCheck | undefined {
  return policy?.allowedDestinations
    ? allowedDestinationMatcher(policy.allowedDestinations, wallet.network)
    : undefined;
}

/** Throws refused(...) when the policy or the approvals forbid signing; returns the approvers' names. */
export async function enforcePolicy(
  gate: SignGateContext & { policy: Policy | null; review: ReviewModel },
): Promise<{ approvers: string[] }> {
  const { values, ctx, wallet, policy, review, psbtHash } = gate;
  const names = values.approver ?? [];
  if (!policy) {
    if (names.length > 0)
      throw badInput('BAD_ARGUMENTS', '--approver needs --policy, which names the approvers');
    refuseViolations(ctx, transferViolations({ wallet, review, policy: null, approvers: [] }));
    return { approvers: [] };
  }
  const now = new Date();
  const warning = clockWarning(ctx.dataDir, now);
  if (warning) ctx.io.stderr.write(`warning: ${warning}\n`);
  if (names.length > 0 && !values['approvals-file']) {
    throw badInput('BAD_ARGUMENTS', "each --approver's PIN and code are read from --approvals-file FILE");
  }
  const proofs = ApprovalsFileSchema.safeParse(
    values['approvals-file']
      ? parseJson(readSecretTextFile(ctx, values['approvals-file'], 'approvals file'))
      : { approvals: [] },
  );
  if (!proofs.success)
    throw badInput(
      'APPROVALS_FILE_INVALID',
      'the approvals file must be {"approvals":[{"name","pin","code"}]}',
    );
  for (const name of new Set(names)) {
    const proof = proofs.data.approvals.find((p) => p.name === name);
    if (!proof)
      throw badInput('APPROVALS_FILE_INVALID', `the approvals file has no PIN and code for ${name}`);
    if (!policy.approvals?.approvers.includes(name)) continue;
    approvePsbt(ctx.dataDir, { proof, psbtHash, now });
  }
  const proven = [...new Set(names)].filter((name) => policy.approvals?.approvers.includes(name));
  refuseViolations(ctx, [
    ...evaluatePolicy({
      policy,
      review,
      sentLast24h: sentInLast24h(readAuditEntries(ctx.dataDir), wallet.name, now),
      approvers: [...new Set(names)],
    }),
    ...transferViolations({ wallet, review, policy, approvers: proven }),
  ]);
  return { approvers: [...new Set(names)] };
}

function refuseViolations(ctx: CliContext, violations: PolicyViolation[]): void {
  if (violations.length === 0) return;
  for (const v of violations) ctx.io.stderr.write(`policy: ${v.message}\n`);
  throw refused(violations[0]!.code, violations.map((v) => v.message).join('; '));
}
