import { appendAuditEvent } from '../../src/audit/log';
import type { ScanProgress } from '../../src/ipc/models';
import type { ApiContext } from './context';
import type { AssemblerProgress } from './core-port';
import { requireWallet } from './require';

/** Starts a new ceremony: anything loaded before is dropped. */
export function startScan(ctx: ApiContext): ScanProgress {
  requireWallet(ctx);
  ctx.session.reset();
  ctx.session.assembler = ctx.core.qr.createAssembler();
  return { status: 'waiting', format: null, partsSeen: 0, partsNeeded: null, message: null };
}

export function scanFrame(ctx: ApiContext, request: { text: string }): ScanProgress {
  requireWallet(ctx);
  if (ctx.session.psbt) return loadedProgress();
  ctx.session.assembler ??= ctx.core.qr.createAssembler();
  const progress = ctx.session.assembler.receive(request.text);
  if (progress.status === 'complete' && progress.payload) loadPsbt(ctx, progress.payload, progress.format);
  return view(progress);
}

/** A PSBT opened from a file or pasted: binary (sent as base64), base64 or hex. */
export function loadPsbtText(ctx: ApiContext, request: { text: string }): ScanProgress {
  requireWallet(ctx);
  ctx.session.reset();
  loadPsbt(ctx, request.text.trim(), 'file');
  return loadedProgress();
}

function loadPsbt(ctx: ApiContext, input: Uint8Array | string, source: string | null): void {
  const psbt = ctx.core.psbt.parse(input);
  ctx.session.psbt = psbt;
  ctx.session.psbtHash = ctx.core.psbt.hash(psbt);
  ctx.session.assembler = null;
  appendAuditEvent(ctx.dataDir, {
    event: 'psbt-loaded',
    wallet: ctx.session.wallet?.name,
    psbtHash: ctx.session.psbtHash,
    details: { source: source ?? 'unknown', bytes: psbt.length },
  });
}

function loadedProgress(): ScanProgress {
  return { status: 'complete', format: null, partsSeen: 1, partsNeeded: 1, message: null };
}

function view(progress: AssemblerProgress): ScanProgress {
  return {
    status: progress.status,
    format: progress.format,
    partsSeen: progress.partsSeen,
    partsNeeded: progress.partsNeeded,
    message: progress.message,
  };
}
