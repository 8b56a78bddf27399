import { SigningCeremony } from '../../src/ceremony/signing-ceremony';
import type { ScanProgress } from '../../src/ipc/models';
import { sharedChildKeyPool } from '../../src/keys/ckd-pool';
import { ScriptsAhead } from '../../src/psbt/scripts-ahead';
import type { ApiContext } from './context';
import type { AssemblerProgress } from './core-port';
import { requireWallet } from './require';
import { prepareReviewAhead } from './review';

/** Starts a new ceremony: anything loaded before is dropped. */
export function startScan(ctx: ApiContext): ScanProgress {
  const wallet = requireWallet(ctx);
  ctx.session.reset();
  ctx.session.assembler = ctx.core.qr.createAssembler();
  ctx.session.scriptsAhead = new ScriptsAhead(wallet, sharedChildKeyPool());
  prepareReviewAhead(ctx);
  return { status: 'waiting', format: null, partsSeen: 0, partsNeeded: null, message: null };
}

export function scanFrame(ctx: ApiContext, request: { text: string }): ScanProgress {
  requireWallet(ctx);
  if (ctx.session.ceremony?.psbtHash) return loadedProgress();
  ctx.session.assembler ??= ctx.core.qr.createAssembler();
  const assembler = ctx.session.assembler;
  const progress = assembler.receive(request.text);
  const ahead = ctx.session.scriptsAhead;
  if (progress.status === 'complete' && progress.payload)
    loadPsbt(ctx, progress.payload, progress.format, ahead);
  else ahead?.feed(assembler.takeKnownStretches());
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
function loadPsbt(
  ctx: ApiContext,
  input: Uint8Array | string,
  source: string | null,
  ahead?: ScriptsAhead | null,
): void {
  const ceremony = new SigningCeremony(ctx.dataDir, requireWallet(ctx), { firstSealAtQuorum: true });
  ceremony.load(input, source ?? 'unknown');
  if (ahead) ceremony.extendScriptsAhead(ahead);
  ctx.session.ceremony = ceremony;
  ctx.session.assembler = null;
  ctx.session.scriptsAhead = null;
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
