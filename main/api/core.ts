import { type AuditEntry, AuditEntrySchema } from '../../src/audit/log';
import { readAuditLines, verifyAuditLog } from '../../src/audit/verify';
import { QuorumSession } from '../../src/keys/quorum';
import { SLIP39_WORDLIST } from '../../src/keys/slip39-wordlist';
import { parsePsbt, psbtHash } from '../../src/psbt/parse';
import { reviewPsbt } from '../../src/psbt/review';
import { signPsbt } from '../../src/psbt/sign';
import { createAssembler, type QrAssembler } from '../../src/qr/assembler';
import { type Density, encodeFrames, renderFramePng } from '../../src/qr/encoder';
import { importWallet } from '../../src/wallet/import';
import { listWallets, loadWallet, registerWallet } from '../../src/wallet/registry';
import type { CorePort, FrameAssembler, QuorumPort } from './core-port';

function quorum(): QuorumPort {
  const session = new QuorumSession();
  return {
    addShare(words) {
      const progress = session.addShare(words.join(' '));
      return {
        sharesSeen: progress.sharesEntered,
        sharesNeeded: progress.sharesEntered > 0 ? progress.sharesEntered + progress.sharesMissing : null,
        complete: progress.complete,
      };
    },
    withSeed(wallet, fn) {
      // A wrong quorum is refused before its key comes near the PSBT.
      session.verifyAgainstWallet(wallet);
      return session.withSeed(fn);
    },
    cancel: () => session.cancel(),
  };
}

/** src/qr's assembler for PSBTs; a failed session starts afresh so the operator can keep scanning. */
function psbtAssembler(): FrameAssembler {
  let assembler: QrAssembler = createAssembler({ expect: 'psbt' });
  return {
    receive(text) {
      const update = assembler.receive(text);
      if (update.status === 'failed') assembler = createAssembler({ expect: 'psbt' });
      return {
        status: update.status === 'failed' ? 'rejected' : update.status,
        format: update.format,
        partsSeen: update.partsSeen,
        partsNeeded: update.partsNeeded,
        message: update.message,
        ...(update.payload ? { payload: update.payload.bytes } : {}),
      };
    },
  };
}

/** The screen's density as fragment bytes; BBQr and base64 take the matching named density. */
function densityOf(maxFragmentLength: number | undefined): Density {
  if (maxFragmentLength === undefined) return 'medium';
  if (maxFragmentLength <= 150) return 'low';
  return maxFragmentLength <= 300 ? 'medium' : 'high';
}

/** Every entry that still parses: a tampered log is shown (and flagged by verify), never hidden. */
function readableAuditEntries(dataDir: string): AuditEntry[] {
  return readAuditLines(dataDir).lines.flatMap((line) => {
    try {
      const entry = AuditEntrySchema.safeParse(JSON.parse(line));
      return entry.success ? [entry.data] : [];
    } catch {
      return [];
    }
  });
}

/** The real core, bound to the handlers' port. */
export const airlockCore: CorePort = {
  wallets: {
    parse: (input) => importWallet(input),
    register: (dataDir, wallet) => {
      registerWallet(dataDir, wallet);
    },
    list: listWallets,
    load: loadWallet,
  },
  psbt: {
    parse: (input) => new Uint8Array(parsePsbt(input).toBuffer()),
    hash: (psbt) => psbtHash(psbt),
    review: ({ psbt, wallet, isAllowedDestination }) =>
      reviewPsbt({
        psbt: parsePsbt(psbt),
        wallet,
        ...(isAllowedDestination ? { isAllowedDestination } : {}),
      }),
    sign: ({ psbt, wallet, seed }) => {
      const result = signPsbt({ psbt: parsePsbt(psbt), wallet, seed });
      return { psbt: new Uint8Array(result.psbt.toBuffer()), signedInputs: result.signedInputs.length };
    },
  },
  qr: {
    createAssembler: psbtAssembler,
    encode: ({ bytes, format, maxFragmentLength }) =>
      encodeFrames({
        bytes,
        format,
        density: densityOf(maxFragmentLength),
        ...(maxFragmentLength !== undefined ? { maxFragmentLength } : {}),
      }),
    renderPng: (frame) => renderFramePng(frame),
  },
  keys: {
    createQuorum: quorum,
    wordlist: () => [...SLIP39_WORDLIST],
  },
  policy: {
    // No policy module yet: a wallet has no policy, so no approvals and no limits.
    forWallet: () => null,
  },
  audit: {
    read: readableAuditEntries,
    verify: (dataDir) => {
      const result = verifyAuditLog(dataDir);
      return {
        ok: result.ok,
        problem: result.ok
          ? null
          : `line ${result.firstBadLine ?? '?'}: ${result.problem ?? 'does not verify'}`,
      };
    },
  },
};
