import { readFileSync } from 'node:fs';
import { type AuditEntry, AuditEntrySchema, auditPath, GENESIS_HASH, sha256Hex } from '../../src/audit/log';
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

function readAudit(dataDir: string): { lines: string[]; entries: AuditEntry[] } {
  let text = '';
  try {
    text = readFileSync(auditPath(dataDir), 'utf8');
  } catch {
    return { lines: [], entries: [] };
  }
  const lines = text.split('\n').filter((l) => l.length > 0);
  const entries: AuditEntry[] = [];
  for (const line of lines) {
    try {
      const entry = AuditEntrySchema.safeParse(JSON.parse(line));
      if (entry.success) entries.push(entry.data);
    } catch {
      // An unreadable line is reported by verify; the viewer shows the readable ones.
    }
  }
  return { lines, entries };
}

/** Checks sequence and hash chain line by line; names the first bad line. */
function verifyAudit(dataDir: string): { ok: boolean; problem: string | null } {
  const { lines } = readAudit(dataDir);
  let previous = GENESIS_HASH;
  for (const [index, line] of lines.entries()) {
    let entry: AuditEntry;
    try {
      entry = AuditEntrySchema.parse(JSON.parse(line));
    } catch {
      return { ok: false, problem: `line ${index + 1} is not a valid entry` };
    }
    if (entry.seq !== index || entry.prev !== previous) {
      return { ok: false, problem: `line ${index + 1} does not follow the line before it` };
    }
    previous = sha256Hex(line);
  }
  return { ok: true, problem: null };
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
    read: (dataDir) => readAudit(dataDir).entries,
    verify: verifyAudit,
  },
};
