import type { AuditEntry } from '../../src/audit/log';
import type { ReconciliationReport } from '../../src/audit/report-model';
import type { AuditVerification } from '../../src/audit/verify';
import type { NetworkName } from '../../src/common/network';
import type { QrDensity, QrFormat } from '../../src/ipc/models';
import type { CosignerRecord } from '../../src/keys/cosigner-record';
import type { NewPartitionedKey, PartitionedKeyPlan, ShareWords } from '../../src/keys/partitioned-key';
import type { IdleTimer } from '../../src/keys/quorum';
import type { CosignerKeyExport } from '../../src/qr/account';
import type { CosignerKeyFormat } from '../../src/qr/key-formats';
import type { Wallet } from '../../src/wallet/types';

/**
 * What the app's handlers need from the core in src/, in the handlers' own terms (PSBTs as bytes).
 * main/api/core.ts binds it to the real core; nothing else implements it.
 */
export interface CorePort {
  wallets: {
    /** The wallet a file describes, and notes for the operator (secrets the file held were ignored). */
    parse(input: { text: string; name?: string; owner?: Wallet['owner'] }): {
      wallet: Wallet;
      notes: string[];
    };
    register(dataDir: string, wallet: Wallet): void;
    list(dataDir: string): Wallet[];
    load(dataDir: string, name: string): Wallet;
    /** Assembles a wallet export scanned off a coordinator's screen (animated UR or BBQr, or one code). */
    createQrScan(): WalletScan;
  };
  psbt: {
    /** Accepts binary, base64 or hex; returns the canonical PSBT bytes. */
    parse(input: Uint8Array | string): Uint8Array;
    hash(psbt: Uint8Array): string;
    /** Only what signing `received` added to it (src/psbt/return), as PSBT bytes. */
    signaturesOnly(input: { signed: Uint8Array; received: Uint8Array }): Uint8Array;
  };
  qr: {
    createAssembler(): FrameAssembler;
    /** A PSBT by default; `json` (BBQr only) for documents such as the reconciliation report. */
    encode(input: {
      bytes: Uint8Array;
      format: QrFormat;
      density?: QrDensity;
      kind?: 'psbt' | 'json';
    }): string[];
    renderPng(frame: string): Promise<Uint8Array>;
  };
  keys: {
    createQuorum(options?: { onIdleWipe?: () => void; timers?: IdleTimer }): QuorumPort;
    /** Rebuilds the master secret from complete shares as word indices (a config ceremony); the caller wipes it. */
    combineShares(shares: Uint16Array[]): Uint8Array;
    wordlist(): string[];
    /** A new master secret split into shares, with its public account keys; the secret is already wiped. */
    createPartitionedKey(plan: PartitionedKeyPlan): NewPartitionedKey;
    /** The printable card of one share (HTML); only ever handed to the printer, never stored. */
    shareCardHtml(input: { share: ShareWords; shareCount: number; fingerprint: string }): Promise<string>;
  };
  /** Public records of the keys this machine created (src/keys/cosigner-record). */
  cosigners: {
    saveNew(dataDir: string, record: CosignerRecord): void;
    list(dataDir: string): CosignerRecord[];
    markFinished(dataDir: string, fingerprint: string, at: Date): CosignerRecord;
    remove(dataDir: string, fingerprint: string): void;
    /** `ur:crypto-account`, `ur:account-descriptor` or `[fingerprint/48h/…]xpub…`, as `airlock xpub export` prints them. */
    exportKey(input: { key: CosignerKeyExport; network: NetworkName; format: CosignerKeyFormat }): string;
  };
  audit: {
    read(dataDir: string): AuditEntry[];
    verify(dataDir: string): AuditVerification;
    /** The daily reconciliation report, as `airlock audit report` gives it; refused on a log that does not verify. */
    report(dataDir: string, options: { since?: Date }): ReconciliationReport;
  };
}

export interface AssemblerProgress {
  status: 'waiting' | 'progress' | 'complete' | 'rejected';
  format: string | null;
  partsSeen: number;
  partsNeeded: number | null;
  message: string | null;
  /** Only once complete and verified. */
  payload?: Uint8Array;
}

export interface WalletScan {
  receive(text: string): Omit<AssemblerProgress, 'payload'> & { walletText?: string };
}

export interface FrameAssembler {
  receive(text: string): AssemblerProgress;
  /** Parts of the payload known since the last call, before it completes (unverified; for work ahead). */
  takeKnownStretches(): Uint8Array[];
}

export interface QuorumPort {
  /** One share as its SLIP-39 word indices; the caller wipes them. */
  addShare(indices: Uint16Array): { sharesSeen: number; sharesNeeded: number | null; complete: boolean };
  /** Every share needed has been entered (false again after an idle wipe). */
  complete(): boolean;
  /**
   * Rebuilds the seed, checks it is this wallet's cosigner (a configuration ceremony: of one of these
   * wallets), runs fn, wipes.
   */
  withSeed<T>(wallet: Wallet | readonly Wallet[], fn: (seed: Uint8Array) => T): T;
  cancel(): void;
}
