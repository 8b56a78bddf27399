import { readFileSync } from 'node:fs';
import { auditPath } from '../../audit/log';
import { auditProblemSentence } from '../../audit/problems';
import { reconciliationReport } from '../../audit/report';
import { reportJson } from '../../audit/report-model';
import { readAuditEntries, verifyAuditLog } from '../../audit/verify';
import { differenceSentence } from '../../ceremony/differences';
import { auditDifferences, currentHead, formatHead, readVerifiedAuditLog } from '../../ceremony/seal';
import { badInput, refused } from '../../common/errors';
import { writeFileAtomic } from '../../common/storage';
import { encodeFrames } from '../../qr/encoder';
import { parseCommandArgs } from '../args';
import type { CliCommand, CliContext } from '../context';
import { resolvePath } from '../inputs';

const USAGE = [
  'airlock audit show | audit verify [--expect-head SEQ:HASH] | audit report [--since DATE]',
  '       airlock audit export [--out FILE] [--qr]',
].join('\n');

/** Refuses a log rolled back or cut short against a head recorded elsewhere (e.g. on the online side). */
function expectHead(ctx: CliContext, text: string): void {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!match) throw badInput('BAD_ARGUMENTS', '--expect-head takes SEQ:HASH, as `audit verify` prints it');
  const differences = auditDifferences(ctx.dataDir, { seq: Number(match[1]), hash: match[2]! });
  if (differences.length > 0)
    throw refused(
      'AUDIT_HEAD_MISSING',
      differenceSentence(differences[0]!).replace('sealed head', 'expected head'),
    );
}

const sats = (n: number) => `${(n / 1e8).toFixed(8)} BTC`;

async function run(args: string[], ctx: CliContext): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommandArgs(
    rest,
    {
      since: { type: 'string' },
      out: { type: 'string' },
      qr: { type: 'boolean' },
      'expect-head': { type: 'string' },
    },
    USAGE,
  );
  if (positionals.length > 0) throw badInput('BAD_ARGUMENTS', `unexpected argument. Usage: ${USAGE}`);
  switch (sub) {
    case 'verify': {
      const result = readVerifiedAuditLog(ctx.dataDir).verification;
      if (values['expect-head']) expectHead(ctx, values['expect-head']);
      const head = currentHead(ctx.dataDir);
      const note = result.incompleteFinalLine
        ? '; the final line is an incomplete write (a crash) and is not an entry'
        : '';
      ctx.io.stdout.write(
        ctx.json
          ? `${JSON.stringify({ ...result, head })}\n`
          : `audit log intact: ${result.entries} entries${note}; head ${formatHead(head)}\n`,
      );
      return;
    }
    case 'show': {
      const result = verifyAuditLog(ctx.dataDir);
      const entries = readAuditEntries(ctx.dataDir).slice(0, result.ok ? undefined : result.firstBadLine - 1);
      if (ctx.json) ctx.io.stdout.write(`${JSON.stringify(entries)}\n`);
      else {
        for (const e of entries) {
          const parts = [
            e.wallet && `wallet ${e.wallet}`,
            e.psbtHash && `psbt ${e.psbtHash.slice(0, 12)}`,
            e.outcome,
            e.reason,
          ].filter(Boolean);
          ctx.io.stdout.write(
            `${String(e.seq).padStart(5)}  ${e.time}  ${e.event.padEnd(18)} ${parts.join('  ')}\n`,
          );
        }
      }
      if (!result.ok)
        ctx.io.stderr.write(
          `warning: verification fails at line ${result.firstBadLine}: ${auditProblemSentence(result.problem)}\n`,
        );
      return;
    }
    case 'report': {
      let since: Date | undefined;
      if (values.since) {
        since = new Date(values.since);
        if (Number.isNaN(since.getTime()))
          throw badInput('BAD_ARGUMENTS', '--since must be a date such as 2026-11-25');
      }
      const report = reconciliationReport(ctx.dataDir, since ? { since } : {});
      const { rows, head } = report;
      if (ctx.json) ctx.io.stdout.write(reportJson(report));
      else {
        if (rows.length === 0) ctx.io.stdout.write('no signed outflows\n');
        for (const r of rows) {
          ctx.io.stdout.write(
            `${r.day}  ${r.wallet} (${r.owner ?? 'no owner class'})  ${r.count} signed  ${sats(r.sent)} sent  ${sats(r.fees)} fees\n`,
          );
          for (const d of r.destinations)
            ctx.io.stdout.write(
              `    ${d.address ?? '(no address)'}  ${d.amount === null ? '(amount not recorded)' : sats(d.amount)}\n`,
            );
          for (const t of r.transfers)
            ctx.io.stdout.write(
              `    transfer to ${t.to} (${t.owner ?? 'no owner class'})  ${sats(t.amount)}\n`,
            );
          for (const p of r.proofs)
            ctx.io.stdout.write(`    proof of reserves "${p.message}"  ${sats(p.total)}\n`);
          for (const m of r.messages)
            ctx.io.stdout.write(
              `    message for ${m.address}: ${m.message === null ? '(hash only)' : `"${m.message}"`}\n`,
            );
        }
        ctx.io.stdout.write(`audit head: ${head.seq}:${head.hash}\n`);
      }
      return;
    }
    case 'export': {
      readVerifiedAuditLog(ctx.dataDir);
      const bytes = new Uint8Array(readFileSync(auditPath(ctx.dataDir)));
      ctx.io.stderr.write(`audit head: ${formatHead(currentHead(ctx.dataDir))}\n`);
      if (values.qr) {
        // BBQr, as JSON lines, for the online side's reconciliation.
        ctx.io.stdout.write(`${encodeFrames({ bytes, format: 'bbqr', kind: 'json' }).join('\n')}\n`);
      } else if (values.out) writeFileAtomic(resolvePath(ctx, values.out), bytes);
      else ctx.io.stdout.write(Buffer.from(bytes).toString('utf8'));
      return;
    }
    default:
      throw badInput('BAD_ARGUMENTS', `unknown audit subcommand. Usage: ${USAGE}`);
  }
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'show, verify, report on and export the tamper-evident audit log',
  usage: USAGE,
  run,
};
