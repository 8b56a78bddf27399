import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Psbt } from 'bitcoinjs-lib';
import { type AuditEntry, AuditEntrySchema } from '../../src/audit/log';
import { sentInLast24h } from '../../src/audit/report';
import { readAuditEntries, readAuditLines, verifyAuditLog } from '../../src/audit/verify';
import { refused } from '../../src/common/errors';
import { sharedChildKeyPool } from '../../src/keys/ckd-pool';
import {
  listCosignerRecords,
  markCosignerFinished,
  removeCosignerRecord,
  saveNewCosignerRecord,
} from '../../src/keys/cosigner-record';
import { createPartitionedKey, shareText } from '../../src/keys/partitioned-key';
import { QuorumSession } from '../../src/keys/quorum';
import { renderShareCardHtml } from '../../src/keys/share-card';
import { SLIP39_WORDLIST } from '../../src/keys/slip39-wordlist';
import { approvePsbt } from '../../src/policy/approvers';
import { allowedDestinationMatcher } from '../../src/policy/destinations';
import { evaluatePolicy } from '../../src/policy/evaluate';
import { loadPolicyFile } from '../../src/policy/load';
import { transferViolations } from '../../src/policy/transfers';
import { parsePsbt, psbtHash } from '../../src/psbt/parse';
import { signaturesOnly } from '../../src/psbt/return';
import { prepareDeriver, reviewPsbt } from '../../src/psbt/review';
import { signPsbt } from '../../src/psbt/sign';
import { formatCosignerKey } from '../../src/qr/account';
import { createAssembler, type QrAssembler } from '../../src/qr/assembler';
import { encodeFrames, renderFramePng } from '../../src/qr/encoder';
import { importWalletDetailed } from '../../src/wallet/import';
import { WalletQrScan } from '../../src/wallet/qr-import';
import { listWallets, loadWallet, registerWallet } from '../../src/wallet/registry';
import type { Wallet } from '../../src/wallet/types';
import type { CorePort, FrameAssembler, PolicyPort, QuorumPort, WalletScan } from './core-port';

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

/** Where the app keeps each wallet's policy (the CLI takes the same file with --policy). */
export function policyPath(dataDir: string, walletName: string): string {
  return join(dataDir, 'policies', `${walletName}.json`);
}

function walletPolicy(dataDir: string, wallet: Wallet): PolicyPort | null {
  const path = policyPath(dataDir, wallet.name);
  if (!existsSync(path)) return null;
  const policy = loadPolicyFile(path);
  if (policy.wallet !== wallet.name) {
    throw refused(
      'POLICY_WRONG_WALLET',
      `the policy at ${path} is for wallet ${policy.wallet}, not ${wallet.name}`,
    );
  }
  const names = policy.approvals?.approvers ?? [];
  const allowed = policy.allowedDestinations
    ? allowedDestinationMatcher(policy.allowedDestinations, wallet.network)
    : () => false;
  return {
    isAllowedDestination: allowed,
    // Approvals are collected after the review, so here every named approver counts as present;
    // the handlers enforce the approval count separately before shares and signing.
    violations: (review) => [
      ...evaluatePolicy({
        policy,
        review,
        sentLast24h: sentInLast24h(readAuditEntries(dataDir), wallet.name, new Date()),
        approvers: names,
      }),
      ...transferViolations({ wallet, review, policy, approvers: names }),
    ],
    approvers: { required: policy.approvals?.required ?? 0, candidates: names },
    approve: ({ name, pin, code, psbtHash }) =>
      approvePsbt(dataDir, { proof: { name, pin, code }, psbtHash }),
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
/**
 * The Psbt each canonical byte array came from, so the review reads the PSBT main just parsed rather
 * than parsing the same bytes again (a large PSBT takes a good part of the review to parse). Reviews
 * only read it; signing always parses the bytes afresh.
 */
const parsedFrom = new WeakMap<Uint8Array, Psbt>();

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
    parse: (input) => {
      const parsed = parsePsbt(input);
      const bytes = new Uint8Array(parsed.toBuffer());
      parsedFrom.set(bytes, parsed);
      return bytes;
    },
    hash: (psbt) => psbtHash(psbt),
    review: async ({ psbt, wallet, isAllowedDestination, registeredWallets }) => {
      const parsed = parsedFrom.get(psbt) ?? parsePsbt(psbt);
      const deriver = await prepareDeriver(parsed, wallet, sharedChildKeyPool());
      return reviewPsbt({
        psbt: parsed,
        wallet,
        deriver,
        ...(isAllowedDestination ? { isAllowedDestination } : {}),
        ...(registeredWallets ? { registeredWallets } : {}),
      });
    },
    sign: async ({ psbt, wallet, withSeed }) => {
      const parsed = parsePsbt(psbt);
      // Public derivations first, before the key exists; the key then lives for the signing alone.
      const deriver = await prepareDeriver(parsed, wallet, sharedChildKeyPool());
      const result = withSeed((seed) => signPsbt({ psbt: parsed, wallet, seed, deriver }));
      return { psbt: new Uint8Array(result.psbt.toBuffer()), signedInputs: result.signedInputs.length };
    },
    signaturesOnly: ({ signed, received }) =>
      new Uint8Array(signaturesOnly({ signed: parsePsbt(signed), received: parsePsbt(received) }).toBuffer()),
  },
  qr: {
    createAssembler: psbtAssembler,
    encode: ({ bytes, format, density }) => encodeFrames({ bytes, format, ...(density ? { density } : {}) }),
    renderPng: (frame) => renderFramePng(frame),
  },
  keys: {
    createQuorum: quorum,
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
  policy: {
    forWallet: walletPolicy,
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
