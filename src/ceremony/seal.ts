import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { auditPath, GENESIS_HASH, sha256Hex } from '../audit/log';
import { auditProblemSentence } from '../audit/problems';
import { readAuditLines, verifyAuditLog } from '../audit/verify';
import { bytesEqual, fromHex, toHex, wipe } from '../common/bytes';
import { bip32 } from '../common/ecc';
import { refused } from '../common/errors';
import { writeFileAtomic } from '../common/storage';
import {
  type Configuration,
  ConfigurationSchema,
  canonicalJson,
  configurationDifferences,
  readDiskConfiguration,
} from './configuration';
import { difference, differenceSentence, differenceSentences, type SealDifference } from './differences';

/**
 * The seal: one MAC over the sealed configuration and the audit head, under a key derived from the
 * secret the quorum rebuilds. The key is derived with its own label (never the signing key), lives
 * only inside the quorum's withSeed, and is never stored.
 */

export const SEAL_LABEL = 'airlock/seal/v1';
const encode = (text: string) => new TextEncoder().encode(text);

/** HKDF-SHA256 of the rebuilt secret (the BIP-32 seed), salted with the seal's label. The caller wipes it. */
export function deriveSealKey(seed: Uint8Array): Uint8Array {
  return hkdf(sha256, seed, encode(SEAL_LABEL), encode('configuration MAC'), 32);
}

/** The master key fingerprint of the secret: public, and names which key made a seal. */
export function keyFingerprint(seed: Uint8Array): string {
  const root = bip32.fromSeed(seed);
  try {
    return toHex(root.fingerprint);
  } finally {
    root.privateKey?.fill(0);
  }
}

export const AuditHeadSchema = z.strictObject({
  /** -1 for an empty log. */
  seq: z.number().int().min(-1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditHead = z.infer<typeof AuditHeadSchema>;

export const SealFileSchema = z.strictObject({
  version: z.literal(1),
  fingerprint: z.string().regex(/^[0-9a-f]{8}$/),
  sealedAt: z.string(),
  head: AuditHeadSchema,
  configuration: ConfigurationSchema,
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SealFile = z.infer<typeof SealFileSchema>;

export const sealPath = (dataDir: string) => join(dataDir, 'seal.json');

export function formatHead(head: AuditHead): string {
  return `${head.seq}:${head.hash}`;
}

/** The seal file as stored, unverified; null when there is none, 'unreadable' when it is damaged. */
export function readSeal(dataDir: string): SealFile | null | 'unreadable' {
  if (!existsSync(sealPath(dataDir))) return null;
  try {
    const parsed = SealFileSchema.safeParse(JSON.parse(readFileSync(sealPath(dataDir), 'utf8')));
    return parsed.success ? parsed.data : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

function macOf(sealKey: Uint8Array, body: Omit<SealFile, 'mac'>): Uint8Array {
  return hmac(sha256, sealKey, encode(`${SEAL_LABEL}\n${canonicalJson(body)}`));
}

/** The last complete entry of the audit log, as a head. */
export function currentHead(dataDir: string): AuditHead {
  const { lines } = readAuditLines(dataDir);
  const last = lines.at(-1);
  return { seq: lines.length - 1, hash: last === undefined ? GENESIS_HASH : sha256Hex(last) };
}

/** How the audit log fails to reach `head` intact: cut short, deleted, edited or diverging; empty when it does. */
export function auditDifferences(
  dataDir: string,
  head: AuditHead,
  log = readAuditLines(dataDir),
): SealDifference[] {
  if (head.seq >= 0 && !existsSync(auditPath(dataDir))) return [difference('AUDIT_LOG_DELETED', {})];
  const verification = verifyAuditLog(dataDir, log);
  const { lines } = log;
  if (!verification.ok) {
    const { firstBadLine: line, problem } = verification;
    return [difference('AUDIT_LOG_ALTERED', { line, sealedPart: line <= head.seq + 1, problem })];
  }
  if (lines.length <= head.seq)
    return [difference('AUDIT_LOG_SHORTER', { entries: lines.length, sealedEntries: head.seq + 1 })];
  if (head.seq >= 0 && sha256Hex(lines[head.seq]!) !== head.hash)
    return [difference('AUDIT_LOG_DIVERGES', { entry: head.seq })];
  return [];
}

/**
 * How the audit log falls short of the head the seal file records, without the quorum's key (the seal
 * file itself is then unverified; every signature verifies it): a log cut short, deleted or restored
 * from an older copy keeps an intact chain, and only this tells. Empty without a readable seal.
 */
export function sealFileHeadDifferences(dataDir: string, log = readAuditLines(dataDir)): SealDifference[] {
  const seal = readSeal(dataDir);
  return seal && seal !== 'unreadable' ? auditDifferences(dataDir, seal.head, log) : [];
}

/** Refuses a log that falls short of the seal file's head (AUDIT_BELOW_SEALED_HEAD, exit 3). */
export function assertLogReachesSealedHead(dataDir: string, log = readAuditLines(dataDir)): void {
  const differences = sealFileHeadDifferences(dataDir, log);
  if (differences.length > 0)
    throw refused('AUDIT_BELOW_SEALED_HEAD', differenceSentences(differences).join('; '));
}

/**
 * The audit log's complete lines, refused unless its chain verifies (AUDIT_TAMPERED) and it reaches the
 * head the seal file records (AUDIT_BELOW_SEALED_HEAD): what may be reported or exported. One read, so
 * what is returned is what was verified.
 */
export function readVerifiedAuditLog(dataDir: string): {
  lines: string[];
  verification: ReturnType<typeof verifyAuditLog>;
} {
  const log = readAuditLines(dataDir);
  const verification = verifyAuditLog(dataDir, log);
  if (!verification.ok) {
    throw refused(
      'AUDIT_TAMPERED',
      `the audit log fails verification at line ${verification.firstBadLine}: ${auditProblemSentence(verification.problem)}`,
    );
  }
  assertLogReachesSealedHead(dataDir, log);
  return { lines: log.lines, verification };
}

/** A seal deleted, as a difference (the audit log remembers it); null on a device never sealed. */
export function deletedSeal(dataDir: string): SealDifference | null {
  const before = lastSealedEntry(dataDir);
  return before === null ? null : difference('SEAL_DELETED', { entry: before });
}

/** Why there is no seal, in words: a new device, or a seal deleted. */
export function missingSealMessage(dataDir: string): string {
  const deleted = deletedSeal(dataDir);
  return deleted
    ? differenceSentence(deleted)
    : 'this device has no sealed configuration yet; show it with `airlock config status` and seal it with `airlock config accept`';
}

export type SealCheck =
  | { state: 'sealed'; seal: SealFile; differences: SealDifference[] }
  | { state: 'unsealed'; sealedBefore: number | null }
  | { state: 'invalid'; reason: string };

/** The seq of the latest `config-sealed` entry, which tells a deleted seal from a new device. */
export function lastSealedEntry(dataDir: string): number | null {
  const { lines } = readAuditLines(dataDir);
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.includes('"event":"config-sealed"')) return i;
  return null;
}

/** A data directory and the quorum at hand: its sealing key and the fingerprint of the key it rebuilt. */
export interface SealingQuorum {
  dataDir: string;
  sealKey: Uint8Array;
  fingerprint: string;
}

/**
 * Verifies the seal with the quorum's key and compares it with the data directory: the configuration
 * file by file, then the audit log against the sealed head.
 */
export function checkSeal({ dataDir, sealKey, fingerprint }: SealingQuorum): SealCheck {
  const seal = readSeal(dataDir);
  if (seal === null) return { state: 'unsealed', sealedBefore: lastSealedEntry(dataDir) };
  if (seal === 'unreadable')
    return { state: 'invalid', reason: differenceSentence(difference('SEAL_FILE_DAMAGED', {})) };
  if (seal.fingerprint !== fingerprint)
    return {
      state: 'invalid',
      reason: `the configuration is sealed by key ${seal.fingerprint}, and these shares rebuild key ${fingerprint}`,
    };
  const { mac, ...body } = seal;
  if (!bytesEqual(macOf(sealKey, body), fromHex(mac)))
    return { state: 'invalid', reason: 'the seal does not verify: the seal file was edited or replaced' };
  return {
    state: 'sealed',
    seal,
    differences: [
      ...configurationDifferences(seal.configuration, readDiskConfiguration(dataDir)),
      ...auditDifferences(dataDir, seal.head),
    ],
  };
}

/** Writes the seal of `configuration` at `head`. Only a ceremony holding the quorum's key calls it. */
export function writeSeal({
  dataDir,
  sealKey,
  fingerprint,
  configuration,
  head,
  now = new Date(),
}: SealingQuorum & { configuration: Configuration; head: AuditHead; now?: Date }): SealFile {
  const body = { version: 1 as const, fingerprint, sealedAt: now.toISOString(), head, configuration };
  const mac = macOf(sealKey, body);
  const seal: SealFile = { ...body, mac: toHex(mac) };
  wipe(mac);
  writeFileAtomic(sealPath(dataDir), `${JSON.stringify(seal, null, 2)}\n`);
  return seal;
}
