import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { badInput, refused } from '../common/errors';
import { writeFileAtomic } from '../common/storage';
import { writeUnlock } from '../policy/approvers';
import { type Policy, PolicySchema } from '../policy/schema';
import { walletId } from '../wallet/identity';
import { listWallets, registerWallet, rewriteRegistration } from '../wallet/registry';
import { OwnerClassSchema, WalletSchema } from '../wallet/types';
import {
  AirgapSettingsSchema,
  approversFile,
  type Configuration,
  writeAirgapFile,
  writePolicyFile,
} from './configuration';
import { currentHead } from './seal';

/**
 * Changes since the last seal: staged here (`changes.json`) and applied to the sealed files only when
 * a quorum accepts them, which re-seals. Until then the device signs under what was sealed.
 */

export const ChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('wallet'),
    registration: WalletSchema,
    /** The operator confirmed a wallet holding none of this device's keys. */
    withoutDeviceKey: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal('policy'),
    walletId: z.string(),
    wallet: z.string(),
    policy: PolicySchema.nullable(),
  }),
  z.strictObject({
    kind: z.literal('approver-enrol'),
    name: z.string(),
    record: z.record(z.string(), z.unknown()),
  }),
  z.strictObject({ kind: z.literal('approver-remove'), name: z.string() }),
  /** `by` proved PIN and code for it; failures are counted again from the entry sealing it. */
  z.strictObject({ kind: z.literal('approver-unlock'), name: z.string(), by: z.string() }),
  z.strictObject({ kind: z.literal('airgap'), settings: AirgapSettingsSchema }),
  /** Customer or company funds: which rules of transfers between wallets apply to it. */
  z.strictObject({
    kind: z.literal('wallet-owner'),
    walletId: z.string(),
    wallet: z.string(),
    owner: OwnerClassSchema,
  }),
]);
export type Change = z.infer<typeof ChangeSchema>;

const ChangesFileSchema = z.strictObject({ changes: z.array(ChangeSchema) });
export const changesPath = (dataDir: string) => join(dataDir, 'changes.json');

export function readChanges(dataDir: string): Change[] {
  if (!existsSync(changesPath(dataDir))) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(changesPath(dataDir), 'utf8'));
  } catch {
    json = null;
  }
  const parsed = ChangesFileSchema.safeParse(json);
  if (!parsed.success)
    throw badInput('FILE_CORRUPT', 'the staged changes file is damaged; reject the changes to start afresh');
  return parsed.data.changes;
}

/** Adds one change (checked as it is written); a later change of the same thing replaces the earlier one. */
export function stageChange(dataDir: string, proposed: Change): void {
  const change = ChangeSchema.parse(proposed);
  const key = changeKey(change);
  const changes = [...readChanges(dataDir).filter((c) => changeKey(c) !== key), change];
  writeFileAtomic(changesPath(dataDir), `${JSON.stringify({ changes }, null, 2)}\n`);
}

/** Drops the staged changes `drop` picks, such as a request withdrawn before the quorum saw it. */
export function unstageChanges(dataDir: string, drop: (change: Change) => boolean): void {
  const changes = readChanges(dataDir).filter((c) => !drop(c));
  writeFileAtomic(changesPath(dataDir), `${JSON.stringify({ changes }, null, 2)}\n`);
}

export function clearChanges(dataDir: string): void {
  rmSync(changesPath(dataDir), { force: true });
}

function changeKey(change: Change): string {
  switch (change.kind) {
    case 'wallet':
      return `wallet:${walletId(change.registration)}`;
    case 'policy':
      return `policy:${change.walletId}`;
    case 'approver-enrol':
    case 'approver-remove':
      return `approver:${change.name}`;
    case 'approver-unlock':
      return `approver-unlock:${change.name}`;
    case 'airgap':
      return 'airgap';
    case 'wallet-owner':
      return `owner:${change.walletId}`;
  }
}

export function describePolicy(policy: Policy | null): string {
  if (!policy) return 'no policy (no approvals, no limits)';
  const parts = [
    policy.approvals &&
      `${policy.approvals.required} of ${policy.approvals.approvers.join(', ')} must approve`,
    policy.maxPerTransaction !== undefined && `at most ${policy.maxPerTransaction} sat per transaction`,
    policy.maxPer24h !== undefined && `at most ${policy.maxPer24h} sat per 24 hours`,
    policy.allowedDestinations && `${policy.allowedDestinations.length} allowed destination(s) only`,
    policy.fees?.maxFee !== undefined && `fee at most ${policy.fees.maxFee} sat`,
    policy.fees?.maxFeeRate !== undefined && `fee rate at most ${policy.fees.maxFeeRate} sat/vB`,
    policy.allowUnprovenAmounts && 'inputs with unproven amounts allowed',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'a policy with no rules';
}

/** One line per change, as `config status` and the Changes screen list them. */
export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'wallet': {
      const w = change.registration;
      const owner = w.owner ? `, ${w.owner} funds` : '';
      return `register wallet ${w.name} (${w.network}, ${w.threshold}-of-${w.cosigners.length} ${w.scriptType}${owner})${change.withoutDeviceKey ? ', which holds none of this device’s keys' : ''}`;
    }
    case 'policy':
      return `set the policy of wallet ${change.wallet}: ${describePolicy(change.policy)}`;
    case 'approver-enrol':
      return `enrol approver ${change.name}`;
    case 'approver-remove':
      return `remove approver ${change.name}`;
    case 'approver-unlock':
      return `unlock approver ${change.name} (asked by ${change.by})`;
    case 'airgap':
      return change.settings.allowNetwork
        ? `allow signing while a network is up (${change.settings.reason ?? 'no reason given'})`
        : 'refuse signing while a network is up';
    case 'wallet-owner':
      return `set the owner class of wallet ${change.wallet} to ${change.owner}`;
  }
}

/** One line per item of a configuration, shown before a device's first seal. */
export function describeConfiguration(configuration: Configuration): string[] {
  return [
    ...Object.values(configuration.wallets).flatMap((w) => [
      describeChange({ kind: 'wallet', registration: w.registration, withoutDeviceKey: false }),
      describeChange({ kind: 'policy', walletId: '', wallet: w.name, policy: w.policy }),
    ]),
    ...Object.keys(configuration.approvers).map((name) => `approver ${name}`),
    describeChange({ kind: 'airgap', settings: configuration.airgap }),
  ];
}

/** Writes accepted changes into the sealed files; the caller seals right after. */
export function applyChanges(dataDir: string, changes: readonly Change[]): void {
  for (const change of changes) {
    switch (change.kind) {
      case 'wallet':
        registerWallet(dataDir, change.registration);
        break;
      case 'policy':
        writePolicyFile(dataDir, change.walletId, change.policy);
        break;
      case 'approver-enrol':
      case 'approver-remove': {
        const path = approversFile(dataDir);
        const store = existsSync(path)
          ? (JSON.parse(readFileSync(path, 'utf8')) as { approvers: Record<string, unknown> })
          : { approvers: {} };
        // A new record of a name used before does not inherit that record's failures.
        if (change.kind === 'approver-enrol')
          store.approvers[change.name] = { ...change.record, countsAfter: currentHead(dataDir).seq };
        else delete store.approvers[change.name];
        writeFileAtomic(path, `${JSON.stringify(store, null, 2)}\n`);
        break;
      }
      case 'approver-unlock':
        writeUnlock(dataDir, change.name, currentHead(dataDir).seq);
        break;
      case 'airgap':
        writeAirgapFile(dataDir, change.settings);
        break;
      case 'wallet-owner': {
        const wallet = listWallets(dataDir).find((w) => walletId(w) === change.walletId);
        if (!wallet) throw refused('WALLET_NOT_FOUND', `wallet ${change.wallet} is no longer registered`);
        rewriteRegistration(dataDir, { ...wallet, owner: change.owner });
        break;
      }
    }
  }
}
