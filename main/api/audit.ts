import { reportJson } from '../../src/audit/report-model';
import { reportPrintDocument } from '../../src/audit/report-print';
import { recordEvent } from '../../src/ceremony/events';
import { formatHead } from '../../src/ceremony/seal';
import { internalError, isAirlockError, refused } from '../../src/common/errors';
import type { AuditReportView, AuditView } from '../../src/ipc/models';
import type { ApiContext } from './context';

/** The newest entries first, and whether the hash chain is intact. */
export function auditLog(ctx: ApiContext, request: { limit?: number }): AuditView {
  const verification = ctx.core.audit.verify(ctx.dataDir);
  const entries = ctx.core.audit
    .read(ctx.dataDir)
    .slice(-(request.limit ?? 500))
    .reverse()
    .map((e) => ({
      seq: e.seq,
      time: e.time,
      event: e.event,
      wallet: e.wallet ?? null,
      psbtHash: e.psbtHash ?? null,
      outcome: e.outcome ?? null,
      reason: e.reason ?? null,
      approvers: e.approvers ?? [],
    }));
  const broken = verification.ok ? null : { line: verification.firstBadLine, problem: verification.problem };
  return { entries, verified: verification.ok, broken };
}

/**
 * The daily reconciliation report, from the same core function as `airlock audit report`, with the
 * text of its file export and that text as BBQr frames (J, as the audit log's own QR export).
 */
export function auditReport(ctx: ApiContext, request: { since?: string }): AuditReportView {
  const report = ctx.core.audit.report(
    ctx.dataDir,
    request.since ? { since: new Date(`${request.since}T00:00:00.000Z`) } : {},
  );
  const text = reportJson(report);
  const frames = ctx.core.qr.encode({ bytes: new TextEncoder().encode(text), format: 'bbqr', kind: 'json' });
  return { report, text, frames };
}

/**
 * Prints the report as the Audit screen shows it, on the adapter's isolated print surface (no script,
 * no request). A page without the log's current head would be reconciled against a stale log, so it
 * is refused: the screen reloads the report and prints again.
 */
export async function printAuditReport(
  ctx: ApiContext,
  request: { html: string; title: string; lang: string },
): Promise<{ outcome: 'printed' | 'cancelled' }> {
  if (!ctx.printer) throw refused('NO_PRINTER', 'the report cannot be printed from this window');
  const head = ctx.core.audit.report(ctx.dataDir, {}).head;
  if (!request.html.includes(formatHead(head))) {
    throw refused(
      'REPORT_STALE',
      `the report shown is not at the audit log's head ${formatHead(head)}: reload it and print again`,
    );
  }
  let outcome: 'printed' | 'cancelled';
  try {
    outcome = await ctx.printer.printHtml(
      reportPrintDocument({ body: request.html, title: request.title, lang: request.lang }),
    );
  } catch (error) {
    // A printer's own message is not vetted, so it is not passed on.
    if (isAirlockError(error)) throw error;
    throw internalError('PRINT_FAILED', 'the report could not be printed');
  }
  // The paper is reconciled against the online side's copy: the log says which head it shows.
  recordEvent(ctx.dataDir, { event: 'report-printed', outcome, details: { head: formatHead(head) } });
  return { outcome };
}
