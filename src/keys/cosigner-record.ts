import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { badInput, refused } from '../common/errors';
import { NetworkNameSchema } from '../common/network';
import { readJsonFile, writeFileAtomic } from '../common/storage';
import { CosignerSchema, DerivationPathSchema } from '../wallet/types';

/**
 * The public record of a key this machine created: what a coordinator needs to register this
 * cosigner, and nothing secret. One file per key, `<dataDir>/cosigners/<fingerprint>.json`.
 */

const FingerprintSchema = z.string().regex(/^[0-9a-f]{8}$/, 'a fingerprint is 8 lowercase hex digits');

export const CosignerAccountKeySchema = z.strictObject({
  scriptType: z.enum(['p2wsh', 'p2sh-p2wsh']),
  path: DerivationPathSchema,
  xpub: CosignerSchema.shape.xpub,
});

export const ShareLayoutSchema = z.strictObject({
  groupThreshold: z.number().int().min(1).max(16),
  groups: z
    .array(
      z.strictObject({ threshold: z.number().int().min(1).max(16), count: z.number().int().min(1).max(16) }),
    )
    .min(1)
    .max(16),
});
export type ShareLayout = z.infer<typeof ShareLayoutSchema>;

export const CosignerRecordSchema = z.strictObject({
  fingerprint: FingerprintSchema,
  network: NetworkNameSchema,
  keys: z.array(CosignerAccountKeySchema).min(1),
  shareLayout: ShareLayoutSchema,
  createdAt: z.iso.datetime(),
  /** Set once every share card was printed; until then the key is not ready for a wallet. */
  finishedAt: z.iso.datetime().nullable(),
});
export type CosignerRecord = z.infer<typeof CosignerRecordSchema>;

export function cosignersDir(dataDir: string): string {
  return join(dataDir, 'cosigners');
}

function recordPath(dataDir: string, fingerprint: string): string {
  const checked = FingerprintSchema.safeParse(fingerprint);
  if (!checked.success) throw badInput('FINGERPRINT_INVALID', 'a fingerprint is 8 lowercase hex digits');
  return join(cosignersDir(dataDir), `${checked.data}.json`);
}

function write(dataDir: string, record: CosignerRecord): void {
  const valid = CosignerRecordSchema.parse(record);
  writeFileAtomic(recordPath(dataDir, valid.fingerprint), `${JSON.stringify(valid, null, 2)}\n`);
}

/** Stores a new key's record; an existing record with the same fingerprint is never replaced. */
export function saveNewCosignerRecord(dataDir: string, record: CosignerRecord): void {
  if (existsSync(recordPath(dataDir, record.fingerprint))) {
    throw refused('COSIGNER_EXISTS', `a key with fingerprint ${record.fingerprint} is already recorded`);
  }
  write(dataDir, record);
}

export function loadCosignerRecord(dataDir: string, fingerprint: string): CosignerRecord {
  const path = recordPath(dataDir, fingerprint);
  if (!existsSync(path))
    throw badInput('COSIGNER_NOT_FOUND', `no key with fingerprint ${fingerprint} is recorded`);
  const record = readJsonFile(path, CosignerRecordSchema, 'cosigner record');
  if (record.fingerprint !== fingerprint) {
    throw badInput('FILE_CORRUPT', `cosigner record at ${path} names another key; it was left as it is`);
  }
  return record;
}

export function markCosignerFinished(dataDir: string, fingerprint: string, at: Date): CosignerRecord {
  const record = { ...loadCosignerRecord(dataDir, fingerprint), finishedAt: at.toISOString() };
  write(dataDir, record);
  return record;
}

/** Deletes the record of a key creation that was abandoned before it was finished. */
export function removeCosignerRecord(dataDir: string, fingerprint: string): void {
  const record = loadCosignerRecord(dataDir, fingerprint);
  if (record.finishedAt !== null) {
    throw refused('COSIGNER_FINISHED', `the key ${fingerprint} was finished; its record is kept`);
  }
  rmSync(recordPath(dataDir, fingerprint));
}

/** Every recorded key, oldest first. */
export function listCosignerRecords(dataDir: string): CosignerRecord[] {
  const dir = cosignersDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => /^[0-9a-f]{8}\.json$/.test(file))
    .map((file) => loadCosignerRecord(dataDir, file.slice(0, 8)))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
