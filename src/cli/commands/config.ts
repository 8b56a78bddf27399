import { acceptChanges, configStatus, rejectChanges } from '../../ceremony/config-ceremony';
import { formatHead } from '../../ceremony/seal';
import { wipe } from '../../common/bytes';
import { badInput } from '../../common/errors';
import { approvePsbt, clockWarning } from '../../policy/approvers';
import { parseCommandArgs } from '../args';
import type { CliCommand, CliContext } from '../context';
import { KEY_SOURCE_OPTIONS, loadSigningSeed } from '../key-source';
import { readApprovalProofs, SIGN_GATE_OPTIONS } from '../sign-gate';

const USAGE = [
  'airlock config status                   the sealed configuration and the changes since the last seal',
  '       airlock config accept (--share-file F ... | --mnemonic-file F [--passphrase-file F])',
  '              [--approvals-file F [--approver NAME ...]] [--include-differences]',
  '                                         the quorum accepts the staged changes and re-seals',
  '       airlock config reject                   drops the staged changes',
  '  Changes are staged by wallet import and wallet owner (once sealed), policy stage, sign --policy,',
  "  approver enroll|unlock|remove, and the air-gap override (airgap request|withdraw, or the app's).",
].join('\n');

const OPTIONS = {
  ...KEY_SOURCE_OPTIONS,
  approver: SIGN_GATE_OPTIONS.approver,
  'approvals-file': SIGN_GATE_OPTIONS['approvals-file'],
  'include-differences': { type: 'boolean' },
} as const;

function list(ctx: CliContext, title: string, lines: string[]): void {
  if (lines.length === 0) return;
  ctx.io.stdout.write(`${title}\n${lines.map((l) => `  - ${l}\n`).join('')}`);
}

function printStatus(ctx: CliContext): ReturnType<typeof configStatus> {
  const status = configStatus(ctx.dataDir);
  if (ctx.json) {
    ctx.io.stdout.write(`${JSON.stringify(status)}\n`);
    return status;
  }
  ctx.io.stdout.write(
    status.sealed
      ? `sealed by key ${status.sealedBy}; audit head ${formatHead(status.head!)}\n`
      : 'not sealed yet: nothing can be signed until a quorum seals this configuration\n',
  );
  list(ctx, 'the first seal will cover:', status.toBeSealed);
  list(ctx, 'differences from the seal (files changed without the quorum):', status.differences);
  list(ctx, 'changes since the last seal:', status.changes);
  if (status.sealed && status.changes.length === 0 && status.differences.length === 0)
    ctx.io.stdout.write('no changes since the last seal\n');
  for (const need of status.approvalsNeeded)
    ctx.io.stdout.write(
      `accepting needs ${need.required} approval(s) of ${need.approvers.join(', ')} (wallet ${need.wallet})\n`,
    );
  return status;
}

async function run(args: string[], ctx: CliContext): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommandArgs(rest, OPTIONS, USAGE);
  if (positionals.length > 0) throw badInput('BAD_ARGUMENTS', `unexpected argument. Usage: ${USAGE}`);
  switch (sub) {
    case 'status':
      printStatus(ctx);
      return;
    case 'reject': {
      const rejected = rejectChanges(ctx.dataDir);
      ctx.io.stderr.write(`${rejected.length} staged change(s) rejected\n`);
      return;
    }
    case 'accept': {
      // What is sealed is shown first: the quorum seals what it was shown.
      const status = printStatus(ctx);
      const now = new Date();
      const proofs = readApprovalProofs(values, ctx);
      const warning = proofs.length > 0 ? clockWarning(ctx.dataDir, now) : null;
      if (warning) ctx.io.stderr.write(`warning: ${warning}\n`);
      const whileSealBroken = values['include-differences'] ?? false;
      for (const proof of proofs)
        approvePsbt(ctx.dataDir, { proof, psbtHash: status.changesHash, now, whileSealBroken });
      const seed = await loadSigningSeed(values, ctx);
      try {
        const { seal } = acceptChanges({
          dataDir: ctx.dataDir,
          withSeed: (use) => use(seed),
          approved: proofs.map((p) => p.name),
          includeDifferences: values['include-differences'] ?? false,
          now,
        });
        ctx.io.stderr.write(`sealed by key ${seal.fingerprint}; audit head ${formatHead(seal.head)}\n`);
      } finally {
        wipe(seed);
      }
      return;
    }
    default:
      throw badInput('BAD_ARGUMENTS', `unknown config subcommand. Usage: ${USAGE}`);
  }
}

export const configCommand: CliCommand = {
  name: 'config',
  summary:
    'the sealed configuration: status, accept (needs the quorum) or reject the changes since the last seal',
  usage: USAGE,
  run,
};
