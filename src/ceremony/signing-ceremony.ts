import type { Psbt } from 'bitcoinjs-lib';
import { sentInLast24hOf } from '../audit/report';
import { wipe } from '../common/bytes';
import { AirlockError, badInput, refused } from '../common/errors';
import type { ChildKeyPool } from '../keys/ckd-pool';
import { derivePath, fingerprintHex, masterNode, wipeNode } from '../keys/hd';
import { type ApprovalProof, approvePsbt } from '../policy/approvers';
import { allowedDestinationMatcher } from '../policy/destinations';
import { evaluatePolicy, type PolicyViolation } from '../policy/evaluate';
import type { Policy } from '../policy/schema';
import { transferViolations } from '../policy/transfers';
import { parsePsbt, psbtHash } from '../psbt/parse';
import { analysePsbt, type PsbtAnalysis, prepareDeriver, unsignedTransaction } from '../psbt/review';
import type { ReviewModel } from '../psbt/review-model';
import { refusedByDefault } from '../psbt/safety';
import type { ScriptsAhead } from '../psbt/scripts-ahead';
import { signPsbt } from '../psbt/sign';
import { summarizeReview } from '../psbt/summary';
import { prepareTransferTargets, transferCandidates } from '../psbt/transfers';
import { walletId } from '../wallet/identity';
import { listWallets } from '../wallet/registry';
import type { Wallet } from '../wallet/types';
import { AirgapGuard } from './airgap';
import { describeConfiguration } from './changes';
import type { WithSeed } from './config-ceremony';
import {
  type Configuration,
  canonicalJson,
  readDiskConfiguration,
  sealableConfiguration,
  writeExplicitDefaults,
} from './configuration';
import { differenceSentences, unreadableFileName } from './differences';
import { recordEvent } from './events';
import type { InterfaceLister } from './interfaces';
import {
  type AuditHead,
  checkSeal,
  currentHead,
  deriveSealKey,
  formatHead,
  keyFingerprint,
  lastSealedEntry,
  missingSealMessage,
  readSeal,
  type SealingQuorum,
  writeSeal,
} from './seal';

/**
 * One signing ceremony, the same for the app and the CLI (DESIGN §11):
 * load → review → policy → approvals → quorum → sign → export. The PSBT is parsed once and analysed
 * once; the key is rebuilt once, inside the quorum's withSeed, where the seal is verified before the
 * first signature and the air-gap guard (./airgap) checks the machine; the policy gate is this file's
 * `violations`; every event goes to the audit log.
 */

export type CeremonyStage = 'load' | 'review' | 'approvals' | 'quorum' | 'export';

export interface SignedPsbt {
  psbt: Psbt;
  hash: string;
  signedInputs: number[];
  /** The audit head sealed right after the signature, for the online side to record. */
  head: AuditHead;
}

/** The sealed rules of one wallet, as the seal's copy says (verified with the key before signing). */
interface SealedRules {
  configuration: Configuration;
  policy: Policy | null;
  /** The wallet as sealed: its owner class decides which transfers it may make. */
  registration: Wallet;
}

export class SigningCeremony {
  readonly walletId: string;
  #stage: CeremonyStage = 'load';
  #psbt: Psbt | null = null;
  #hash: string | null = null;
  /** The PSBT as received, before signing adds to it: what a signatures-only return is cut against. */
  #received: Uint8Array | null = null;
  #analysis: PsbtAnalysis | null = null;
  #scriptsAhead: ScriptsAhead | null = null;
  #rules: SealedRules | null = null;
  readonly #approved = new Set<string>();
  #signed: SignedPsbt | null = null;

  /**
   * `firstSealAtQuorum`: on a device never sealed (no seal, none in the audit log), the quorum of this
   * ceremony seals the configuration as it is, which the shell has shown (the app's status lists it).
   */
  constructor(
    readonly dataDir: string,
    readonly wallet: Wallet,
    readonly options: { firstSealAtQuorum?: boolean } = {},
  ) {
    this.walletId = walletId(wallet);
  }

  get stage(): CeremonyStage {
    return this.#stage;
  }
  get psbtHash(): string | null {
    return this.#hash;
  }
  get received(): Uint8Array | null {
    return this.#received;
  }
  /** The unsigned transaction's id, for officers to compare with the coordinator's. */
  get txid(): string | null {
    return this.#psbt ? unsignedTransaction(this.#psbt).getId() : null;
  }
  get review(): ReviewModel | null {
    return this.#analysis?.review ?? null;
  }
  get approved(): string[] {
    return [...this.#approved];
  }
  get signed(): SignedPsbt | null {
    return this.#signed;
  }
  /** The policy the seal's copy holds for this wallet; null for an explicit "no policy". */
  get policy(): Policy | null {
    return this.#rules?.policy ?? null;
  }

  /** Load: the PSBT, in any of its encodings, parsed once. */
  load(input: Uint8Array | string, source = 'file'): void {
    this.#audited(() => {
      const psbt = parsePsbt(input);
      // Serialised once: for 500 inputs each serialisation is tens of milliseconds.
      const received = new Uint8Array(psbt.toBuffer());
      this.#psbt = psbt;
      this.#received = received;
      this.#hash = psbtHash(received);
      this.#analysis = null;
      this.#approved.clear();
      this.#signed = null;
      this.#stage = 'review';
      recordEvent(this.dataDir, {
        event: 'psbt-loaded',
        wallet: this.wallet.name,
        walletId: this.walletId,
        psbtHash: this.#hash,
        details: { source, bytes: received.length },
      });
    });
  }

  /**
   * The wallet's scripts derived while the PSBT's QR parts arrived: the review extends them instead
   * of deriving every script after the last part (it still compares each one itself).
   */
  extendScriptsAhead(ahead: ScriptsAhead): void {
    this.#scriptsAhead = ahead;
  }

  /** Review: the one analysis, under the wallet's sealed policy (its allowed destinations marked). */
  async reviewPsbt(pool: ChildKeyPool): Promise<{ review: ReviewModel; violations: PolicyViolation[] }> {
    const psbt = this.#requirePsbt();
    return this.#auditedAsync(async () => {
      const rules = sealedRules(this.dataDir, this.walletId, this.options.firstSealAtQuorum ?? false);
      const policy = rules?.policy ?? null;
      const deriver = await prepareDeriver(psbt, this.wallet, pool, await this.#scriptsAhead?.ready());
      const isAllowedDestination = policy?.allowedDestinations
        ? allowedDestinationMatcher(policy.allowedDestinations, this.wallet.network)
        : undefined;
      // Transfers are recognised among the sealed wallets only (all registered ones before a first seal).
      const registeredWallets = rules
        ? Object.values(rules.configuration.wallets).map((w) => w.registration)
        : listWallets(this.dataDir);
      await prepareTransferTargets(transferCandidates(registeredWallets, this.wallet), pool);
      this.#analysis = analysePsbt({
        psbt,
        wallet: this.wallet,
        deriver,
        registeredWallets,
        ...(isAllowedDestination ? { isAllowedDestination } : {}),
      });
      this.#rules = rules;
      this.#stage = this.approvalsRequired() > this.#approved.size ? 'approvals' : 'quorum';
      const violations = this.violations({ countApprovals: false });
      recordEvent(this.dataDir, {
        event: 'review-shown',
        wallet: this.wallet.name,
        walletId: this.walletId,
        psbtHash: this.#hash as string,
        summary: { ...summarizeReview(this.#analysis.review) },
        ...(violations.length > 0 ? { details: { violations: violations.map((v) => v.code) } } : {}),
      });
      return { review: this.#analysis.review, violations };
    });
  }

  approvalsRequired(): number {
    return this.policy?.approvals?.required ?? 0;
  }

  /** Who may approve: the policy's approvers and those its cross-owner transfers name. */
  approverCandidates(): string[] {
    return [
      ...new Set([
        ...(this.policy?.approvals?.approvers ?? []),
        ...(this.policy?.crossOwnerTransfers?.approvals?.approvers ?? []),
      ]),
    ];
  }

  /**
   * The policy gate: the refuse-by-default rules, then every rule of the sealed policy, the rolling
   * 24 hours counted by wallet identity. Approvals count only when `countApprovals`.
   */
  violations({ countApprovals = true, now = new Date() } = {}): PolicyViolation[] {
    const review = this.#requireReview();
    if (!this.#rules) {
      const seal = readSeal(this.dataDir);
      return [
        seal === null
          ? { code: 'SEAL_MISSING', message: missingSealMessage(this.dataDir) }
          : seal === 'unreadable'
            ? { code: 'SEAL_BROKEN', message: 'the seal file was edited or damaged' }
            : {
                code: 'WALLET_NOT_SEALED',
                message: `wallet ${this.wallet.name} is not in the sealed configuration; a quorum must accept it first (airlock config status)`,
              },
      ];
    }
    const policy = this.#rules.policy;
    const safety = refusedByDefault(review, { allowUnprovenAmounts: policy?.allowUnprovenAmounts ?? false });
    const transfers = transferViolations({
      wallet: this.#rules.registration,
      review,
      policy,
      approvers: countApprovals ? this.approved : this.approverCandidates(),
    });
    if (!policy) return [...safety, ...transfers];
    const sent = sentInLast24hOf(this.dataDir, { id: this.walletId, name: this.wallet.name }, now);
    const fromPolicy = evaluatePolicy({
      policy,
      review,
      sentLast24h: sent,
      approvers: countApprovals ? this.approved : (policy.approvals?.approvers ?? []),
    });
    return [...safety, ...fromPolicy, ...transfers];
  }

  /**
   * A draft policy driven against this reviewed PSBT before it is staged (as Coldcard lets you): what
   * the gate would say under it, approvals counted as given. Nothing is recorded or changed.
   */
  testDrive(draft: Policy, now = new Date()): PolicyViolation[] {
    const review = this.#requireReview();
    const psbt = this.#requirePsbt();
    const allowed = draft.allowedDestinations
      ? allowedDestinationMatcher(draft.allowedDestinations, this.wallet.network)
      : undefined;
    const outputs = review.outputs.map((o, i) =>
      o.kind === 'change'
        ? o
        : {
            ...o,
            kind: allowed?.(psbt.txOutputs[i]!.script, o.address)
              ? ('allowed' as const)
              : ('external' as const),
          },
    );
    const driven = { ...review, outputs };
    const sent = sentInLast24hOf(this.dataDir, { id: this.walletId, name: this.wallet.name }, now);
    return [
      ...refusedByDefault(driven, { allowUnprovenAmounts: draft.allowUnprovenAmounts ?? false }),
      ...transferViolations({
        wallet: this.#rules?.registration ?? this.wallet,
        review: driven,
        policy: draft,
        approvers: draft.crossOwnerTransfers?.approvals?.approvers ?? [],
      }),
      ...evaluatePolicy({
        policy: draft,
        review: driven,
        sentLast24h: sent,
        approvers: draft.approvals?.approvers ?? [],
      }),
    ];
  }

  /** Approvals: one named approver proves PIN and authenticator code for this very PSBT. */
  approve(proof: ApprovalProof, now = new Date()): void {
    this.#audited(() => {
      this.#requireReview();
      const candidates = this.approverCandidates();
      if (candidates.length === 0)
        throw refused('NO_APPROVALS_NEEDED', `wallet ${this.wallet.name}'s sealed policy names no approvers`);
      if (!candidates.includes(proof.name))
        throw refused('APPROVER_NOT_IN_POLICY', `${proof.name} is not an approver of this wallet`);
      if (this.#approved.has(proof.name))
        throw refused('ALREADY_APPROVED', `${proof.name} has already approved this transaction`);
      approvePsbt(this.dataDir, { proof, psbtHash: this.#hash as string, now });
      this.#approved.add(proof.name);
      if (this.#approved.size >= this.approvalsRequired()) this.#stage = 'quorum';
    });
  }

  /** Refuses, with every reason, when the gate would; before the quorum's key is rebuilt. */
  assertGateOpen(now = new Date()): void {
    this.#audited(() => this.#assertGateOpen(now));
  }

  #assertGateOpen(now: Date): void {
    const review = this.#requireReview();
    // A legacy signature does not commit to the amount: without the previous transaction it is bad input.
    const legacyUnproven = review.inputs.findIndex((i) => i.ours && !i.amountProven);
    if (this.wallet.scriptType === 'p2sh' && legacyUnproven >= 0)
      throw badInput(
        'NON_WITNESS_UTXO_REQUIRED',
        `input ${legacyUnproven} is a legacy P2SH input without its previous transaction`,
      );
    const violations = this.violations({ now });
    if (violations.length > 0)
      throw refused(violations[0]!.code, violations.map((v) => v.message).join('; '));
  }

  /**
   * Quorum and sign: the key is rebuilt once; inside, the seal is verified against every sealed file
   * and the audit head, the gate is run again on the verified state, the air-gap guard checks this
   * machine against the verified settings, the wallet's inputs are signed, and the head is sealed
   * again with the new `signed` entry.
   */
  sign({
    withSeed,
    listInterfaces,
    now = new Date(),
  }: {
    withSeed: WithSeed;
    /** This machine's network interfaces (the shell's lister; tests present a machine). */
    listInterfaces: InterfaceLister;
    now?: Date;
  }): SignedPsbt {
    const psbt = this.#requirePsbt();
    const analysis = this.#analysis;
    if (!analysis) throw refused('REVIEW_NOT_SHOWN', 'the transaction must be reviewed first');
    return this.#audited(() => {
      this.#assertGateOpen(now);
      const signed = withSeed((seed) => {
        const sealKey = deriveSealKey(seed);
        try {
          const quorum: SealingQuorum = { dataDir: this.dataDir, sealKey, fingerprint: keyFingerprint(seed) };
          if (!isCosignerKey(seed, this.wallet))
            throw refused(
              'KEY_NOT_IN_WALLET',
              `this key is not one of the cosigners of wallet ${this.wallet.name}`,
            );
          const configuration = this.#verifiedConfiguration(quorum);
          this.#assertGateOpen(now);
          new AirgapGuard({ dataDir: this.dataDir, listInterfaces }).assertSigningAllowed(
            configuration.airgap,
          );
          const result = signPsbt({ psbt, wallet: this.wallet, seed, analysis });
          const outHash = psbtHash(result.psbt);
          recordEvent(
            this.dataDir,
            {
              event: 'signed',
              wallet: this.wallet.name,
              walletId: this.walletId,
              psbtHash: this.#hash as string,
              psbtOutHash: outHash,
              summary: { ...summarizeReview(result.review), signedInputs: result.signedInputs.length },
              approvers: this.approved,
              outcome: result.signedInputs.length > 0 ? 'signed' : 'already-signed',
              details: { policy: this.policy ? canonicalJson(this.policy) : 'none' },
            },
            now,
          );
          const head = currentHead(this.dataDir);
          writeSeal({ ...quorum, configuration, head, now });
          return { psbt: result.psbt, hash: outHash, signedInputs: result.signedInputs, head };
        } finally {
          wipe(sealKey);
        }
      });
      this.#signed = signed;
      this.#stage = 'export';
      return signed;
    });
  }

  /** The seal checked with the quorum's key; any difference refuses, says what differs and is audited. */
  #verifiedConfiguration(quorum: SealingQuorum): Configuration {
    let check = checkSeal(quorum);
    if (check.state === 'unsealed' && check.sealedBefore === null && this.options.firstSealAtQuorum) {
      sealFirstTime(quorum);
      check = checkSeal(quorum);
    }
    if (check.state === 'unsealed') {
      throw refused('SEAL_MISSING', missingSealMessage(this.dataDir));
    }
    const differences = check.state === 'invalid' ? [check.reason] : differenceSentences(check.differences);
    if (differences.length > 0) {
      recordEvent(this.dataDir, {
        event: 'seal-broken',
        wallet: this.wallet.name,
        walletId: this.walletId,
        psbtHash: this.#hash ?? undefined,
        details: { differences },
      });
      throw refused('SEAL_BROKEN', `the configuration differs from its seal: ${differences.join('; ')}`);
    }
    const sealed = check.state === 'sealed' ? check.seal.configuration : null;
    const entry = sealed?.wallets[this.walletId];
    if (!sealed || !entry)
      throw refused('WALLET_NOT_SEALED', `wallet ${this.wallet.name} is not in the sealed configuration`);
    if (canonicalJson(entry.policy) !== canonicalJson(this.policy))
      throw refused('SEAL_CHANGED', 'the sealed configuration changed during this ceremony; review again');
    return sealed;
  }

  /** Runs a stage and audits a typed refusal (with its code) before passing it on. */
  #audited<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      this.recordRefusal(error);
      throw error;
    }
  }

  async #auditedAsync<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.recordRefusal(error);
      throw error;
    }
  }

  /** Audits a typed refusal of this ceremony (the shells call it for errors before `load`). */
  recordRefusal(error: unknown): void {
    if (!(error instanceof AirlockError)) return;
    recordEvent(this.dataDir, {
      event: 'refused',
      wallet: this.wallet.name,
      walletId: this.walletId,
      ...(this.#hash ? { psbtHash: this.#hash } : {}),
      outcome: error.kind,
      reason: `${error.code}: ${error.message}`,
    });
  }

  #requirePsbt(): Psbt {
    if (!this.#psbt) throw badInput('NO_PSBT', 'load a transaction first');
    return this.#psbt;
  }

  #requireReview(): ReviewModel {
    const review = this.#analysis?.review;
    if (!review) throw refused('REVIEW_NOT_SHOWN', 'the transaction must be reviewed first');
    return review;
  }
}

/** The key of `seed` is one of the wallet's registered cosigners (fingerprint, path and xpub). */
function isCosignerKey(seed: Uint8Array, wallet: Wallet): boolean {
  const root = masterNode(seed, wallet.network);
  try {
    const fingerprint = fingerprintHex(root);
    return wallet.cosigners.some((c) => {
      if (c.fingerprint !== fingerprint || c.path === null) return false;
      const account = derivePath(root, c.path);
      const same = account.neutered().toBase58() === c.xpub;
      wipeNode(account);
      return same;
    });
  } finally {
    wipeNode(root);
  }
}

/** The first seal of a device: the data directory as it is, shown before the quorum was entered. */
function sealFirstTime({ dataDir, sealKey, fingerprint }: SealingQuorum) {
  const disk = readDiskConfiguration(dataDir);
  if (disk.unreadable.length > 0)
    throw refused('CONFIG_UNREADABLE', `cannot seal: ${disk.unreadable.map(unreadableFileName).join('; ')}`);
  writeExplicitDefaults(dataDir, disk);
  const configuration = sealableConfiguration(disk);
  recordEvent(dataDir, {
    event: 'config-sealed',
    details: { fingerprint, changes: describeConfiguration(configuration) },
  });
  writeSeal({ dataDir, sealKey, fingerprint, configuration, head: currentHead(dataDir) });
}

/**
 * The wallet's rules from the seal's copy; null when the device is unsealed or the wallet is not in
 * it. A never-sealed device that seals at this quorum is reviewed under what it will seal.
 */
function sealedRules(dataDir: string, id: string, firstSealAtQuorum: boolean): SealedRules | null {
  const seal = readSeal(dataDir);
  if (seal === null && firstSealAtQuorum && lastSealedEntry(dataDir) === null) {
    const configuration = sealableConfiguration(readDiskConfiguration(dataDir));
    const entry = configuration.wallets[id];
    return entry ? { configuration, policy: entry.policy, registration: entry.registration } : null;
  }
  if (!seal || seal === 'unreadable') return null;
  const entry = seal.configuration.wallets[id];
  return entry
    ? { configuration: seal.configuration, policy: entry.policy, registration: entry.registration }
    : null;
}

export { formatHead };
