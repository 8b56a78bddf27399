import { SigningCeremony } from '../../src/ceremony/signing-ceremony';
import type { ScanProgress } from '../../src/ipc/models';
import type { ApiContext } from './context';
import type { AssemblerProgress } from './core-port';
import { requireWallet } from './require';
import { prepareReviewAhead } from './review';

/** Starts a new ceremony: anything loaded before is dropped. */
export function startScan(ctx: ApiContext): ScanProgress {
  requireWallet(ctx);
  ctx.session.reset();
  ctx.session.assembler = ctx.core.qr.createAssembler();
  prepareReviewAhead(ctx);
  return { status: 'waiting', format: null, partsSeen: 0, partsNeeded: null, message: null };
}

export function scanFrame(ctx: ApiContext, request: { text: string }): ScanProgress {
  requireWallet(ctx);
  if (ctx.session.ceremony?.psbtHash) return loadedProgress();
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

/** Opens the ceremony for the chosen wallet; on a never-sealed device its quorum seals what the status shows. */
function loadPsbt(ctx: ApiContext, input: Uint8Array | string, source: string | null): void {
  const ceremony = new SigningCeremony(ctx.dataDir, requireWallet(ctx), { firstSealAtQuorum: true });
  ceremony.load(input, source ?? 'unknown');
  ctx.session.ceremony = ceremony;
  ctx.session.assembler = null;
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
