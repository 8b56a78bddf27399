import { createHash } from 'node:crypto';
import { wipe } from '../common/bytes';
import { refused } from '../common/errors';
import {
  applyChanges,
  type Change,
  clearChanges,
  describeChange,
  describeConfiguration,
  readChanges,
} from './changes';
import {
  type Configuration,
  canonicalJson,
  configurationDifferences,
  readDiskConfiguration,
  sealableConfiguration,
  writeExplicitDefaults,
} from './configuration';
import { difference, differenceSentences, type SealDifference, unreadableFileName } from './differences';
import { recordEvent } from './events';
import {
  type AuditHead,
  auditDifferences,
  checkSeal,
  currentHead,
  deriveSealKey,
  keyFingerprint,
  readSeal,
  type SealFile,
  writeSeal,
} from './seal';

/** Lends the quorum's rebuilt secret for one synchronous use, then wipes it. */
export type WithSeed = <T>(use: (seed: Uint8Array) => T) => T;

/** What `config status` and the Changes screen show. Without the quorum the seal cannot be verified. */
export interface ConfigStatus {
  sealed: boolean;
  sealedBy: string | null;
  head: AuditHead | null;
  /** How the sealed files differ from the seal's own copy (checked again, with the key, at every signature). */
  differences: string[];
  /** `differences` as data, for the screen's own words. */
  differenceItems: SealDifference[];
  /** The staged changes, one line each. */
  changes: string[];
  /** Before the first seal: everything the first seal will cover. */
  toBeSealed: string[];
  /** Approvals accepting the staged changes needs, per wallet policy. */
  approvalsNeeded: ApprovalNeed[];
  /** The hash the approvals of these changes are bound to. */
  changesHash: string;
}

export interface ApprovalNeed {
  wallet: string;
  required: number;
  approvers: string[];
}

/** Approvals of a change set are bound to this hash, as approvals of a PSBT are bound to its hash. */
export function changesHash(changes: readonly Change[], differences: readonly string[] = []): string {
  return createHash('sha256')
    .update(`airlock/changes/v1\n${canonicalJson({ changes, differences })}`)
    .digest('hex');
}

/**
 * The approvals a change set needs under the sealed policies: a wallet's policy change needs that
 * wallet's approvers; approvers, owner classes and air-gap settings concern every wallet, so they
 * need all of them. An unlock needs none beyond the quorum: another approver proved it when asking,
 * and the locked approver could not approve their own unlock.
 */
export function approvalsNeeded(
  sealed: Configuration | null,
  changes: readonly Change[],
  everything = false,
): ApprovalNeed[] {
  if (!sealed) return [];
  const needs = new Map<string, ApprovalNeed>();
  const add = (id: string) => {
    const w = sealed.wallets[id];
    const approvals = w?.policy?.approvals;
    if (w && approvals)
      needs.set(id, { wallet: w.name, required: approvals.required, approvers: approvals.approvers });
  };
  let all = everything;
  for (const change of changes) {
    if (change.kind === 'policy') add(change.walletId);
    else if (change.kind !== 'wallet' && change.kind !== 'approver-unlock') all = true;
  }
  if (all) for (const id of Object.keys(sealed.wallets)) add(id);
  return [...needs.values()];
}

export function configStatus(dataDir: string): ConfigStatus {
  const seal = readSeal(dataDir);
  const staged = readChanges(dataDir);
  const disk = readDiskConfiguration(dataDir);
  if (seal === null || seal === 'unreadable') {
    const differenceItems = seal === 'unreadable' ? [difference('SEAL_FILE_DAMAGED', {})] : [];
    const differences = differenceSentences(differenceItems);
    return {
      sealed: false,
      sealedBy: null,
      head: null,
      differences,
      differenceItems,
      changes: staged.map(describeChange),
      toBeSealed: describeConfiguration(sealableConfiguration(disk)),
      approvalsNeeded: [],
      changesHash: changesHash(staged, differences),
    };
  }
  // What a signature's seal check finds (the audit log against the sealed head too), unverified here.
  const differenceItems = [
    ...configurationDifferences(seal.configuration, disk),
    ...auditDifferences(dataDir, seal.head),
  ];
  const differences = differenceSentences(differenceItems);
  return {
    sealed: true,
    sealedBy: seal.fingerprint,
    head: seal.head,
    differences,
    differenceItems,
    changes: staged.map(describeChange),
    toBeSealed: [],
    approvalsNeeded: approvalsNeeded(seal.configuration, staged, differences.length > 0),
    changesHash: changesHash(staged, differences),
  };
}

function checkApprovals(needs: ApprovalNeed[], approved: readonly string[]): void {
  for (const need of needs) {
    const given = need.approvers.filter((name) => approved.includes(name)).length;
    if (given < need.required)
      throw refused(
        'APPROVALS_MISSING',
        `accepting these changes needs ${need.required} approval(s) of wallet ${need.wallet}'s approvers (${need.approvers.join(', ')}); ${given} given`,
      );
  }
}

/**
 * Accepts the staged changes and re-seals, with the quorum's key. Files that differ from the seal
 * (edited without the quorum) are refused unless `includeDifferences`: the quorum then seals them
 * knowingly. A device without a seal seals what `configStatus` showed. `approved` are the approvers
 * already proven for `changesHash`.
 */
export function acceptChanges({
  dataDir,
  withSeed,
  approved = [],
  includeDifferences = false,
  now = new Date(),
}: {
  dataDir: string;
  withSeed: WithSeed;
  approved?: readonly string[];
  includeDifferences?: boolean;
  now?: Date;
}): { seal: SealFile; accepted: string[] } {
  const staged = readChanges(dataDir);
  return withSeed((seed) => {
    const sealKey = deriveSealKey(seed);
    try {
      const fingerprint = keyFingerprint(seed);
      const check = checkSeal({ dataDir, sealKey, fingerprint });
      const differences =
        check.state === 'sealed'
          ? differenceSentences(check.differences)
          : check.state === 'invalid'
            ? [check.reason]
            : [];
      if (differences.length > 0 && !includeDifferences) {
        throw refused(
          'SEAL_BROKEN',
          `the data directory differs from its seal: ${differences.join('; ')}. Restore the files, or accept them as they are with --include-differences`,
        );
      }
      const sealed = check.state === 'sealed' ? check.seal.configuration : null;
      checkApprovals(approvalsNeeded(sealed, staged, differences.length > 0), approved);
      applyChanges(dataDir, staged);
      const disk = readDiskConfiguration(dataDir);
      if (disk.unreadable.length > 0)
        throw refused(
          'CONFIG_UNREADABLE',
          `cannot seal: ${disk.unreadable.map(unreadableFileName).join('; ')}`,
        );
      writeExplicitDefaults(dataDir, disk);
      const configuration = sealableConfiguration(disk);
      const accepted =
        check.state === 'sealed' ? staged.map(describeChange) : describeConfiguration(configuration);
      recordEvent(
        dataDir,
        {
          event: 'config-sealed',
          approvers: [...approved],
          details: {
            fingerprint,
            changes: [...accepted, ...differences.map((d) => `accepted as found: ${d}`)],
          },
        },
        now,
      );
      const seal = writeSeal({
        dataDir,
        sealKey,
        fingerprint,
        configuration,
        head: currentHead(dataDir),
        now,
      });
      clearChanges(dataDir);
      return { seal, accepted };
    } finally {
      wipe(sealKey);
    }
  });
}

/** Drops every staged change; the sealed configuration stays as it is. */
export function rejectChanges(dataDir: string): string[] {
  const rejected = readChanges(dataDir).map(describeChange);
  clearChanges(dataDir);
  recordEvent(dataDir, { event: 'config-rejected', details: { changes: rejected } });
  return rejected;
}
