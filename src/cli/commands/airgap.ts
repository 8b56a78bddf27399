import { AirgapGuard, type AirgapReport } from '../../ceremony/airgap';
import { describeChange } from '../../ceremony/changes';
import { badInput } from '../../common/errors';
import { AirgapReasonSchema } from '../../ipc/models';
import { parseCommandArgs } from '../args';
import type { CliCommand, CliContext } from '../context';

const USAGE = [
  'airlock airgap status            whether this machine may sign: its network interfaces, the sealed',
  '                                        setting and any change staged since the seal',
  '       airlock airgap request REASON   asks to sign while a network is up (3 to 200 characters): staged,',
  '                                        in force only once a quorum accepts it (airlock config accept)',
  '       airlock airgap withdraw [REASON] withdraws the override, in force at once (sealed with the next',
  '                                        accepted changes), or drops a request not accepted yet',
  '  `airlock sign` refuses (exit 3) while a non-loopback network interface is up, unless a quorum sealed',
  '  the override. Every request, withdrawal and check is audited.',
].join('\n');

/** `eth0 192.0.2.2 fe80::1, wlan0 …`: each interface once, with its addresses. */
function interfacesText(report: AirgapReport): string {
  const addresses = new Map<string, string[]>();
  for (const { name, address } of report.status.interfaces)
    addresses.set(name, [...(addresses.get(name) ?? []), address]);
  return [...addresses].map(([name, list]) => `${name} ${list.join(' ')}`).join(', ');
}

function printReport(ctx: CliContext, report: AirgapReport): void {
  if (ctx.json) {
    ctx.io.stdout.write(
      `${JSON.stringify({ ...report.status, sealed: report.sealed, staged: report.staged })}\n`,
    );
    return;
  }
  const { status } = report;
  const lines = [
    status.state === 'isolated'
      ? 'isolated: no network interface is up; signing is allowed'
      : status.state === 'overridden'
        ? `connected (${interfacesText(report)}): signing is allowed by the override a quorum sealed`
        : `connected (${interfacesText(report)}): signing is refused; switch every link off, or ask for an override with airlock airgap request REASON`,
    `sealed setting: ${describeChange({ kind: 'airgap', settings: report.sealed })}`,
  ];
  if (report.staged === 'request')
    lines.push('staged: an override, not in force until a quorum accepts it (airlock config accept)');
  if (report.staged === 'withdrawal')
    lines.push(
      "staged: the override's withdrawal, in force already; a quorum seals it with the next accepted changes",
    );
  ctx.io.stdout.write(`${lines.join('\n')}\n`);
}

/** The air-gap guard of this data directory, on the machine the CLI runs on. */
export function airgapGuardOf(ctx: CliContext): AirgapGuard {
  return new AirgapGuard({ dataDir: ctx.dataDir, listInterfaces: ctx.io.listInterfaces });
}

async function run(args: string[], ctx: CliContext): Promise<void> {
  const [sub, ...rest] = args;
  const { positionals } = parseCommandArgs(rest, {}, USAGE);
  const guard = airgapGuardOf(ctx);
  switch (sub) {
    case 'status':
      if (positionals.length > 0) throw badInput('BAD_ARGUMENTS', `unexpected argument. Usage: ${USAGE}`);
      printReport(ctx, guard.report());
      return;
    case 'request': {
      if (positionals.length !== 1)
        throw badInput('BAD_ARGUMENTS', `give one REASON (quoted if it has spaces). Usage: ${USAGE}`);
      const reason = AirgapReasonSchema.safeParse(positionals[0]);
      if (!reason.success)
        throw badInput('BAD_REASON', 'the reason for an override must be 3 to 200 characters long');
      guard.requestOverride({ reason: reason.data, source: 'cli' });
      printReport(ctx, guard.report());
      return;
    }
    case 'withdraw': {
      if (positionals.length > 1)
        throw badInput('BAD_ARGUMENTS', `give at most one REASON (quoted if it has spaces). Usage: ${USAGE}`);
      const reason = positionals[0]?.trim();
      guard.withdrawOverride({ ...(reason ? { reason } : {}), source: 'cli' });
      printReport(ctx, guard.report());
      return;
    }
    default:
      throw badInput('BAD_ARGUMENTS', `unknown airgap subcommand. Usage: ${USAGE}`);
  }
}

export const airgapCommand: CliCommand = {
  name: 'airgap',
  summary:
    'the air-gap guard: status, request an override to sign while a network is up (the quorum accepts it), withdraw it',
  usage: USAGE,
  run,
};
