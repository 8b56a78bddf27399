import { z } from 'zod';
import { stageChange } from '../ceremony/changes';
import { recordEvent } from '../ceremony/events';
import type { SigningCeremony } from '../ceremony/signing-ceremony';
import { badInput, refused } from '../common/errors';
import { type ApprovalProof, clockWarning } from '../policy/approvers';
import { loadPolicyFile } from '../policy/load';
import type { CliContext } from './context';
import { readSecretTextFile, resolvePath } from './inputs';

/** The options of the policy and approvals steps (`sign`, `config accept`). */
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

/** PINs and codes come from a file (never from arguments): `{"approvals":[{"name","pin","code"}]}`. */
const ApprovalsFileSchema = z.strictObject({
  approvals: z.array(z.strictObject({ name: z.string(), pin: z.string(), code: z.string() })).max(16),
});

/**
 * The approvers' proofs the options name: each --approver (or, without any, everyone in the file)
 * with their PIN and code from --approvals-file.
 */
export function readApprovalProofs(values: SignGateValues, ctx: CliContext): ApprovalProof[] {
  const file = values['approvals-file'];
  const names = values.approver ?? [];
  if (!file) {
    if (names.length > 0)
      throw badInput('BAD_ARGUMENTS', "each --approver's PIN and code are read from --approvals-file FILE");
    return [];
  }
  let json: unknown = null;
  try {
    json = JSON.parse(readSecretTextFile(ctx, file, 'approvals file'));
  } catch {
    json = null;
  }
  const proofs = ApprovalsFileSchema.safeParse(json);
  if (!proofs.success)
    throw badInput(
      'APPROVALS_FILE_INVALID',
      'the approvals file must be {"approvals":[{"name","pin","code"}]}',
    );
  if (names.length === 0) return proofs.data.approvals;
  return [...new Set(names)].map((name) => {
    const proof = proofs.data.approvals.find((p) => p.name === name);
    if (!proof)
      throw badInput('APPROVALS_FILE_INVALID', `the approvals file has no PIN and code for ${name}`);
    return proof;
  });
}

/** `--policy FILE` stages the policy as a change for the quorum to accept; it is never obeyed directly. */
export function stagePolicyOption(values: SignGateValues, ctx: CliContext, ceremony: SigningCeremony): void {
  if (!values.policy) return;
  const policy = loadPolicyFile(resolvePath(ctx, values.policy));
  const { wallet } = ceremony;
  if (policy.wallet !== wallet.name)
    throw refused('POLICY_WRONG_WALLET', `the policy is for wallet ${policy.wallet}, not ${wallet.name}`);
  stageChange(ctx.dataDir, { kind: 'policy', walletId: ceremony.walletId, wallet: wallet.name, policy });
  recordEvent(ctx.dataDir, { event: 'policy-staged', wallet: wallet.name, walletId: ceremony.walletId });
  ctx.io.stderr.write(
    'note: the policy was staged; it applies once a quorum accepts it (airlock config accept). This signature follows the sealed policy.\n',
  );
}

/** The approvals step without pauses: every proof from the file, checked and bound to this PSBT. */
export function approveFromFile(values: SignGateValues, ctx: CliContext, ceremony: SigningCeremony): void {
  const proofs = readApprovalProofs(values, ctx);
  if (proofs.length === 0) return;
  const now = new Date();
  const warning = clockWarning(ctx.dataDir, now);
  if (warning) ctx.io.stderr.write(`warning: ${warning}\n`);
  for (const proof of proofs) ceremony.approve(proof, now);
}
