import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../common/storage';
import { type Policy, PolicySchema } from '../policy/schema';
import { walletId } from '../wallet/identity';
import { loadWallet, walletsDir } from '../wallet/registry';
import { type Wallet, WalletSchema } from '../wallet/types';
import { difference, type SealDifference, type UnreadableFile } from './differences';

/**
 * What the quorum seals (DESIGN §6): every wallet registration by identity with its policy (an explicit
 * null is "no policy", a choice someone made), each approver's enrolled record, and the air-gap settings.
 * This file reads it from the data directory and says how two of them differ.
 */

export const AirgapSettingsSchema = z.strictObject({
  /** Signing while a network interface is up; only ever true when a quorum sealed it. */
  allowNetwork: z.boolean(),
  reason: z.string().max(200).nullable(),
});
export type AirgapSettings = z.infer<typeof AirgapSettingsSchema>;
export const STRICT_AIRGAP: AirgapSettings = { allowNetwork: false, reason: null };

/** An approver's enrolled record without its counters (failures, lock, last code step), which change at use. */
export const ApproverKeyRecordSchema = z.record(z.string(), z.unknown());
export type ApproverKeyRecord = z.infer<typeof ApproverKeyRecordSchema>;
const MUTABLE_APPROVER_FIELDS = new Set(['failures', 'locked', 'lastStep']);

export const ConfigurationSchema = z.strictObject({
  wallets: z.record(
    z.string(),
    z.strictObject({ name: z.string(), registration: WalletSchema, policy: PolicySchema.nullable() }),
  ),
  approvers: z.record(z.string(), ApproverKeyRecordSchema),
  airgap: AirgapSettingsSchema,
});
/** Wallets keyed by identity; approvers by name. */
export type Configuration = z.infer<typeof ConfigurationSchema>;

/** The stored policy of one wallet: `policies/<wallet id>.json`. */
export const PolicyFileSchema = z.strictObject({ walletId: z.string(), policy: PolicySchema.nullable() });

export const policyFile = (dataDir: string, id: string) => join(dataDir, 'policies', `${id}.json`);
export const approversFile = (dataDir: string) => join(dataDir, 'approvers.json');
export const airgapFile = (dataDir: string) => join(dataDir, 'airgap.json');

/** The data directory as it is now, with every file that could not be read named rather than thrown. */
export interface DiskConfiguration {
  wallets: Record<string, { name: string; registration: Wallet; policy: Policy | null | 'missing' }>;
  approvers: Record<string, ApproverKeyRecord>;
  airgap: AirgapSettings | 'missing';
  unreadable: UnreadableFile[];
  /** Policy files whose wallet is not registered. */
  strayPolicies: string[];
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function approverKeyRecord(record: Record<string, unknown>): ApproverKeyRecord {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !MUTABLE_APPROVER_FIELDS.has(k)));
}

export function readDiskConfiguration(dataDir: string): DiskConfiguration {
  const unreadable: UnreadableFile[] = [];
  const wallets: DiskConfiguration['wallets'] = {};
  const dir = walletsDir(dataDir);
  for (const file of existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : []) {
    const name = file.slice(0, -'.json'.length);
    try {
      const registration = loadWallet(dataDir, name);
      const id = walletId(registration);
      let policy: Policy | null | 'missing' = 'missing';
      if (existsSync(policyFile(dataDir, id))) {
        const parsed = PolicyFileSchema.safeParse(readJsonOrNull(policyFile(dataDir, id)));
        if (parsed.success && parsed.data.walletId === id) policy = parsed.data.policy;
        else unreadable.push(difference('POLICY_FILE_UNREADABLE', { wallet: name }));
      }
      const twin = wallets[id];
      if (twin) unreadable.push(difference('WALLET_FILE_TWIN', { wallet: name, twin: twin.name }));
      else wallets[id] = { name, registration, policy };
    } catch {
      unreadable.push(difference('WALLET_FILE_UNREADABLE', { wallet: name }));
    }
  }
  const policiesDir = join(dataDir, 'policies');
  const strayPolicies = (existsSync(policiesDir) ? readdirSync(policiesDir) : [])
    .filter((f) => f.endsWith('.json') && !wallets[f.slice(0, -'.json'.length)])
    .sort();
  const approvers: Record<string, ApproverKeyRecord> = {};
  if (existsSync(approversFile(dataDir))) {
    const store = z
      .object({ approvers: z.record(z.string(), z.record(z.string(), z.unknown())) })
      .safeParse(readJsonOrNull(approversFile(dataDir)));
    if (store.success)
      for (const [name, record] of Object.entries(store.data.approvers))
        approvers[name] = approverKeyRecord(record);
    else unreadable.push(difference('APPROVERS_FILE_UNREADABLE', {}));
  }
  let airgap: AirgapSettings | 'missing' = 'missing';
  if (existsSync(airgapFile(dataDir))) {
    const parsed = AirgapSettingsSchema.safeParse(readJsonOrNull(airgapFile(dataDir)));
    if (parsed.success) airgap = parsed.data;
    else unreadable.push(difference('AIRGAP_FILE_UNREADABLE', {}));
  }
  return { wallets, approvers, airgap, unreadable, strayPolicies };
}

function readJsonOrNull(path: string): unknown {
  try {
    return readJson(path);
  } catch {
    return null;
  }
}

/** What sealing the data directory as it is now would seal: a missing policy or air-gap file becomes explicit. */
export function sealableConfiguration(disk: DiskConfiguration): Configuration {
  return {
    wallets: Object.fromEntries(
      Object.entries(disk.wallets).map(([id, w]) => [
        id,
        { name: w.name, registration: w.registration, policy: w.policy === 'missing' ? null : w.policy },
      ]),
    ),
    approvers: disk.approvers,
    airgap: disk.airgap === 'missing' ? STRICT_AIRGAP : disk.airgap,
  };
}

/** Writes the explicit files sealing relies on: "no policy" and strict air-gap settings where none exist. */
export function writeExplicitDefaults(dataDir: string, disk: DiskConfiguration): void {
  for (const [id, w] of Object.entries(disk.wallets)) {
    if (w.policy === 'missing') writePolicyFile(dataDir, id, null);
  }
  if (disk.airgap === 'missing') writeAirgapFile(dataDir, STRICT_AIRGAP);
}

export function writePolicyFile(dataDir: string, id: string, policy: Policy | null): void {
  writeFileAtomic(policyFile(dataDir, id), `${JSON.stringify({ walletId: id, policy }, null, 2)}\n`);
}

export function writeAirgapFile(dataDir: string, settings: AirgapSettings): void {
  writeFileAtomic(airgapFile(dataDir), `${JSON.stringify(settings, null, 2)}\n`);
}

/** JSON with object keys sorted at every level: the same configuration always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** Each way the data directory differs from the sealed configuration, as data; empty when equal. */
export function configurationDifferences(sealed: Configuration, disk: DiskConfiguration): SealDifference[] {
  const out: SealDifference[] = [...disk.unreadable];
  const diskByName = new Map(Object.entries(disk.wallets).map(([id, w]) => [w.name, { id, ...w }]));
  for (const [id, w] of Object.entries(sealed.wallets)) {
    const wallet = w.name;
    const now = disk.wallets[id];
    if (!now) {
      out.push(difference(diskByName.has(wallet) ? 'WALLET_REPLACED' : 'WALLET_DELETED', { wallet }));
      continue;
    }
    if (now.name !== wallet) out.push(difference('WALLET_RENAMED', { wallet, now: now.name }));
    else if (!same(now.registration, w.registration)) out.push(difference('WALLET_EDITED', { wallet }));
    if (now.policy === 'missing') out.push(difference('POLICY_DELETED', { wallet }));
    else if (!same(now.policy, w.policy)) out.push(difference('POLICY_EDITED', { wallet }));
  }
  const sealedNames = new Set(Object.values(sealed.wallets).map((w) => w.name));
  for (const [id, w] of Object.entries(disk.wallets)) {
    if (!sealed.wallets[id] && !sealedNames.has(w.name))
      out.push(difference('WALLET_ADDED', { wallet: w.name }));
  }
  for (const file of disk.strayPolicies) out.push(difference('POLICY_FILE_ADDED', { file }));
  for (const [approver, record] of Object.entries(sealed.approvers)) {
    const now = disk.approvers[approver];
    if (!now) out.push(difference('APPROVER_DELETED', { approver }));
    else if (!same(now, record)) out.push(difference('APPROVER_REPLACED', { approver }));
  }
  for (const approver of Object.keys(disk.approvers)) {
    if (!sealed.approvers[approver]) out.push(difference('APPROVER_ADDED', { approver }));
  }
  if (disk.airgap === 'missing') out.push(difference('AIRGAP_DELETED', {}));
  else if (!same(disk.airgap, sealed.airgap)) out.push(difference('AIRGAP_EDITED', {}));
  return out;
}
