import { type AuditEntry, AuditEntrySchema } from '../../src/audit/log';
import { reconciliationReport } from '../../src/audit/report';
import { readAuditLines, verifyAuditLog } from '../../src/audit/verify';
import { isAirlockError, refused } from '../../src/common/errors';
import {
  listCosignerRecords,
  markCosignerFinished,
  removeCosignerRecord,
  saveNewCosignerRecord,
} from '../../src/keys/cosigner-record';
import { createPartitionedKey, shareText } from '../../src/keys/partitioned-key';
import { type IdleTimer, QuorumSession } from '../../src/keys/quorum';
import { renderShareCardHtml } from '../../src/keys/share-card';
import { combineShareIndices } from '../../src/keys/slip39';
import { SLIP39_WORDLIST } from '../../src/keys/slip39-wordlist';
import { parsePsbt, psbtHash } from '../../src/psbt/parse';
import { signaturesOnly } from '../../src/psbt/return';
import { MAX_DERIVATION_RECORD } from '../../src/psbt/scripts-ahead';
import { formatCosignerKey } from '../../src/qr/account';
import { createAssembler, type QrAssembler } from '../../src/qr/assembler';
import { encodeFrames, renderFramePng } from '../../src/qr/encoder';
import { importWalletDetailed } from '../../src/wallet/import';
import { WalletQrScan } from '../../src/wallet/qr-import';
import { listWallets, loadWallet, registerWallet } from '../../src/wallet/registry';
import type { Wallet } from '../../src/wallet/types';
import type { CorePort, FrameAssembler, QuorumPort, WalletScan } from './core-port';

function quorum(options: { onIdleWipe?: () => void; timers?: IdleTimer } = {}): QuorumPort {
  const session = new QuorumSession({
    ...(options.onIdleWipe ? { onIdleWipe: options.onIdleWipe } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
  });
  return {
    complete: () => session.progress().complete,
    addShare(indices) {
      const progress = session.addShare(indices);
      return {
        sharesSeen: progress.sharesEntered,
        sharesNeeded: progress.sharesEntered > 0 ? progress.sharesEntered + progress.sharesMissing : null,
        complete: progress.complete,
      };
    },
    withSeed(wallet, fn) {
      // A wrong quorum is refused before its key comes near the PSBT.
      const candidates: readonly Wallet[] = Array.isArray(wallet) ? wallet : [wallet];
      if (!candidates.some((w) => isCosignerOf(session, w)))
        throw refused(
          'QUORUM_WRONG_KEY',
          candidates.length === 1
            ? `the key rebuilt from these shares is not a cosigner of wallet ${candidates[0]?.name}`
            : 'the key rebuilt from these shares is not a cosigner of any registered wallet',
        );
      return session.withSeed(fn);
    },
    cancel: () => session.cancel(),
  };
}

function isCosignerOf(session: QuorumSession, wallet: Wallet): boolean {
  try {
    session.verifyAgainstWallet(wallet);
    return true;
  } catch (error) {
    if (isAirlockError(error) && error.code === 'QUORUM_WRONG_KEY') return false;
    throw error;
  }
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
    takeKnownStretches: () => assembler.takeKnownStretches(MAX_DERIVATION_RECORD),
  };
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
    parse: (input) => importWalletDetailed(input),
    register: (dataDir, wallet) => {
      registerWallet(dataDir, wallet);
    },
    list: listWallets,
    load: loadWallet,
    createQrScan(): WalletScan {
      const scan = new WalletQrScan();
      return {
        receive(text) {
          const { status, format, partsSeen, partsNeeded, message, walletText } = scan.receive(text);
          return {
            // A failed session has been restarted by the scanner; to the screen it is one refused frame.
            status: status === 'failed' ? 'rejected' : status,
            format,
            partsSeen,
            partsNeeded,
            message,
            ...(walletText === undefined ? {} : { walletText }),
          };
        },
      };
    },
  },
  psbt: {
    parse: (input) => new Uint8Array(parsePsbt(input).toBuffer()),
    hash: (psbt) => psbtHash(psbt),
    signaturesOnly: ({ signed, received }) =>
      new Uint8Array(signaturesOnly({ signed: parsePsbt(signed), received: parsePsbt(received) }).toBuffer()),
  },
  qr: {
    createAssembler: psbtAssembler,
    encode: ({ bytes, format, density, kind }) =>
      encodeFrames({ bytes, format, ...(density ? { density } : {}), ...(kind ? { kind } : {}) }),
    renderPng: (frame) => renderFramePng(frame),
  },
  keys: {
    createQuorum: quorum,
    combineShares: (shares) => combineShareIndices({ shares }),
    wordlist: () => [...SLIP39_WORDLIST],
    createPartitionedKey,
    shareCardHtml: ({ share, shareCount, fingerprint }) =>
      renderShareCardHtml({ share: shareText(share), shareCount, walletFingerprint: fingerprint }),
  },
  cosigners: {
    saveNew: saveNewCosignerRecord,
    list: listCosignerRecords,
    markFinished: markCosignerFinished,
    remove: removeCosignerRecord,
    exportKey: formatCosignerKey,
  },
  audit: {
    read: readableAuditEntries,
    report: reconciliationReport,
    verify: (dataDir) => verifyAuditLog(dataDir),
  },
};
