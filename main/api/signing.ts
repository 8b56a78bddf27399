import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatHead } from '../../src/ceremony/seal';
import { refused } from '../../src/common/errors';
import type { Frames, QrDensity, QrFormat, ReturnContents, SignedResult } from '../../src/ipc/models';
import type { ApiContext } from './context';
import { requireApprovals, requireConfirmedReview, requireWallet } from './require';

interface Density {
  format: QrFormat;
  density?: QrDensity;
  contents?: ReturnContents;
}

/**
 * Signs the reviewed PSBT with the quorum's key, through the one ceremony: its gate again, then inside
 * the quorum's withSeed the seal verified, the sealed air-gap settings checked, the signature, the
 * audit entry and the new sealed head. The quorum is wiped whatever happens.
 */
export async function sign(ctx: ApiContext, request: Density): Promise<SignedResult> {
  const wallet = requireWallet(ctx);
  const ceremony = requireConfirmedReview(ctx);
  const quorum = ctx.session.quorum;
  let reachedCeremony = false;
  try {
    requireApprovals(ceremony);
    if (!quorum?.complete())
      throw refused('QUORUM_MISSING', 'not enough key shares have been entered to sign');
    reachedCeremony = true; // from here the ceremony audits its own refusals
    ceremony.sign({
      withSeed: (use) => quorum.withSeed(wallet, use),
      listInterfaces: ctx.airgap.listInterfaces,
    });
  } catch (error) {
    if (!reachedCeremony) ceremony.recordRefusal(error);
    throw error;
  } finally {
    // A refusal ends the quorum too: its shares are wiped and must be entered again.
    quorum?.cancel();
    ctx.session.quorum = null;
  }
  return signedResult(ctx, request);
}

/**
 * What `sign` returned, again, while main holds the signed ceremony: a page reopened shows the
 * signed QR. Nothing secret is in it; without a signature held it is refused.
 */
export function signedResult(ctx: ApiContext, request: Density): SignedResult {
  const signed = ctx.session.ceremony?.signed;
  if (!signed) throw refused('NOT_SIGNED', 'nothing has been signed in this ceremony yet');
  return {
    psbtBase64: signed.psbt.toBase64(),
    psbtOutHash: signed.hash,
    signedInputs: signed.signedInputs.length,
    auditHead: formatHead(signed.head),
    ...encodeSigned(ctx, request),
  };
}

/** The PSBT to return: the signed one, or only what signing added to the PSBT received. */
function requireSigned(ctx: ApiContext, contents: ReturnContents = 'full'): Uint8Array {
  const ceremony = ctx.session.ceremony;
  const signed = ceremony?.signed;
  if (!ceremony || !signed) throw refused('NOT_SIGNED', 'nothing has been signed in this ceremony yet');
  const bytes = new Uint8Array(signed.psbt.toBuffer());
  if (contents === 'full' || !ceremony.received) return bytes;
  return ctx.core.psbt.signaturesOnly({ signed: bytes, received: ceremony.received });
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
  const hash = ctx.session.ceremony?.signed?.hash ?? '';
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
