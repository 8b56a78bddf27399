import type { AuditView } from '../../src/ipc/models';
import type { ApiContext } from './context';

/** The newest entries first, and whether the hash chain is intact. */
export function auditLog(ctx: ApiContext, request: { limit?: number }): AuditView {
  const { ok, problem } = ctx.core.audit.verify(ctx.dataDir);
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
  return { entries, verified: ok, problem };
}
