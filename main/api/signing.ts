import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendAuditEvent } from '../../src/audit/log';
import { isAirlockError, refused } from '../../src/common/errors';
import type { Frames, QrDensity, QrFormat, ReturnContents, SignedResult } from '../../src/ipc/models';
import type { ApiContext } from './context';
import { requireApprovals, requireShownReview, requireWallet } from './require';
import { reviewSummary } from './review';

interface Density {
  format: QrFormat;
  density?: QrDensity;
  contents?: ReturnContents;
}

/**
 * Signs the reviewed PSBT with the quorum's key. Every rule is checked again here, in main,
 * right before the signature: review shown for these bytes, no policy violation, approvals in,
 * quorum complete, air gap intact (or overridden). The key is wiped whatever happens.
 */
export async function sign(ctx: ApiContext, request: Density): Promise<SignedResult> {
  const wallet = requireWallet(ctx);
  const shown = requireShownReview(ctx);
  const psbt = ctx.session.psbt as Uint8Array;
  try {
    const [violation] = shown.violations;
    if (violation) throw refused('POLICY_VIOLATION', violation.message);
    requireApprovals(ctx, shown);
    const quorum = ctx.session.quorum;
    if (!quorum || !ctx.session.quorumComplete) {
      throw refused('QUORUM_MISSING', 'not enough key shares have been entered to sign');
    }
    ctx.airgap.assertSigningAllowed();
    let result: { psbt: Uint8Array; signedInputs: number };
    try {
      result = await ctx.core.psbt.sign({ psbt, wallet, withSeed: (use) => quorum.withSeed(wallet, use) });
    } finally {
      quorum.cancel();
      ctx.session.quorum = null;
      ctx.session.quorumComplete = false;
    }
    const hash = ctx.core.psbt.hash(result.psbt);
    ctx.session.signed = { psbt: result.psbt, hash, signedInputs: result.signedInputs };
    appendAuditEvent(ctx.dataDir, {
      event: 'signed',
      wallet: wallet.name,
      psbtHash: shown.psbtHash,
      psbtOutHash: hash,
      summary: reviewSummary(shown.review),
      approvers: [...ctx.session.approvals],
      outcome: 'signed',
      details: { signedInputs: result.signedInputs },
    });
  } catch (error) {
    // A refusal ends the quorum too: its shares are wiped and must be entered again.
    ctx.session.quorum?.cancel();
    ctx.session.quorum = null;
    ctx.session.quorumComplete = false;
    appendAuditEvent(ctx.dataDir, {
      event: 'refused',
      wallet: wallet.name,
      psbtHash: shown.psbtHash,
      outcome: isAirlockError(error) ? error.code : 'INTERNAL',
      ...(isAirlockError(error) ? { reason: error.message } : {}),
    });
    throw error;
  }
  const signed = ctx.session.signed;
  return {
    psbtBase64: Buffer.from(signed.psbt).toString('base64'),
    psbtOutHash: signed.hash,
    signedInputs: signed.signedInputs,
    ...encodeSigned(ctx, request),
  };
}

/** The PSBT to return: the signed one, or only what signing added to the PSBT received. */
function requireSigned(ctx: ApiContext, contents: ReturnContents = 'full'): Uint8Array {
  const signed = ctx.session.signed;
  if (!signed) throw refused('NOT_SIGNED', 'nothing has been signed in this ceremony yet');
  if (contents === 'full') return signed.psbt;
  // The session keeps the received bytes: signing worked on its own parsed copy.
  return ctx.core.psbt.signaturesOnly({ signed: signed.psbt, received: ctx.session.psbt as Uint8Array });
}

/** The signed PSBT as QR frames at the density and with the contents the operator chose. */
export function encodeSigned(ctx: ApiContext, { contents, ...request }: Density): Frames {
  const frames = ctx.core.qr.encode({ bytes: requireSigned(ctx, contents), ...request });
  return { format: request.format, frames };
}

/** Writes the frames as numbered PNGs (and the PSBT itself) under the data directory's exports. */
export async function saveSignedFrames(
  ctx: ApiContext,
  request: Density,
): Promise<{ directory: string; files: string[] }> {
  const psbt = requireSigned(ctx, request.contents);
  const { frames } = encodeSigned(ctx, request);
  const hash = ctx.session.signed?.hash ?? '';
  const suffix = request.contents === 'signatures' ? '-signatures' : '';
  const directory = join(ctx.dataDir, 'exports', `${hash.slice(0, 16)}-${request.format}${suffix}`);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const files: string[] = [];
  for (const [i, frame] of frames.entries()) {
    const file = join(directory, `frame-${String(i + 1).padStart(3, '0')}.png`);
    writeFileSync(file, await ctx.core.qr.renderPng(frame));
    files.push(file);
  }
  const psbtFile = join(directory, 'signed.psbt');
  writeFileSync(psbtFile, Buffer.from(psbt).toString('base64'));
  return { directory, files: [...files, psbtFile] };
}
