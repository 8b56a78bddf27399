import { randomBytes, scryptSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gcm } from '@noble/ciphers/aes.js';
import { z } from 'zod';
import { appendAuditEvent, readLastAuditTime } from '../audit/log';
import { fromHex, toHex, wipe } from '../common/bytes';
import { type AirlockError, badInput, refused } from '../common/errors';
import { readJsonFile, writeFileAtomic } from '../common/storage';
import { APPROVER_SECRET_RULE, ApproverSecretSchema } from './approver-secret';
import { totpFor, totpStep } from './totp';

/** Consecutive failures after which an approver is locked until another approver unlocks them. */
export const MAX_FAILURES = 5;
/**
 * scrypt's cost per try, measured on the signing laptop class to about one second (bench/RESULTS.md):
 * N = 2^17, r = 8 (128 MiB per try, which also bounds how many tries a GPU runs at once).
 */
export const APPROVER_KDF = { algorithm: 'scrypt', logN: 17, r: 8, p: 1 } as const;
const KdfSchema = z.strictObject({
  algorithm: z.literal('scrypt'),
  logN: z.number().int().min(10).max(22),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(4),
});
export type ApproverKdf = z.infer<typeof KdfSchema>;
const NAME = /^[A-Za-z][A-Za-z0-9 ._-]{0,39}$/;

const ApproverRecordSchema = z.strictObject({
  /** Absent in records of the first format (scrypt N=2^15 of a 6-digit PIN): those are refused. */
  kdf: KdfSchema.optional(),
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  nonce: z.string().regex(/^[0-9a-f]{24}$/),
  /** The TOTP secret, encrypted with AES-256-GCM under scrypt(PIN); never stored in plain text. */
  sealedSecret: z.string().regex(/^[0-9a-f]+$/),
  failures: z.number().int().nonnegative(),
  locked: z.boolean(),
  /** Last TOTP step accepted: a code is used once. */
  lastStep: z.number().int(),
});
const ApproverStoreSchema = z.strictObject({ approvers: z.record(z.string(), ApproverRecordSchema) });
type ApproverStore = z.infer<typeof ApproverStoreSchema>;
export type ApproverRecord = z.infer<typeof ApproverRecordSchema>;

const storePath = (dataDir: string) => join(dataDir, 'approvers.json');

function readStore(dataDir: string): ApproverStore {
  return existsSync(storePath(dataDir))
    ? readJsonFile(storePath(dataDir), ApproverStoreSchema, 'approver store')
    : { approvers: {} };
}

/** Failed attempts each enrolled approver has left before being locked (0 once locked); public. */
export function approverAttemptsLeft(dataDir: string): Record<string, number> {
  return Object.fromEntries(
    Object.entries(readStore(dataDir).approvers).map(([name, r]) => [
      name,
      r.locked ? 0 : Math.max(0, MAX_FAILURES - r.failures),
    ]),
  );
}

export function pinKey(pin: string, salt: Uint8Array, kdf: ApproverKdf): Uint8Array {
  const N = 2 ** kdf.logN;
  const maxmem = 128 * N * kdf.r * kdf.p + 16 * 1024 * 1024;
  return new Uint8Array(scryptSync(pin.normalize('NFKC'), salt, 32, { N, r: kdf.r, p: kdf.p, maxmem }));
}

function checkPin(pin: string): void {
  if (!ApproverSecretSchema.safeParse(pin).success) throw badInput('PIN_INVALID', APPROVER_SECRET_RULE);
}

function checkEnrolment(name: string, pin: string): void {
  if (!NAME.test(name))
    throw badInput(
      'APPROVER_NAME_INVALID',
      'an approver name starts with a letter and has at most 40 characters',
    );
  checkPin(pin);
}

function refuseOldRecord(name: string): AirlockError {
  return refused(
    'APPROVER_RECORD_OLD',
    `approver ${name} was enrolled under the older, weaker PIN protection; enrol them again with a passphrase (airlock approver enroll ${name} --pin-file F replaces that record)`,
  );
}

/**
 * A new approver's record (TOTP secret encrypted under the passphrase) and the otpauth:// URI to show
 * once as a QR for their authenticator app; nothing is written.
 */
export function newApproverRecord({
  name,
  pin,
  kdf = APPROVER_KDF,
}: {
  name: string;
  pin: string;
  kdf?: ApproverKdf;
}): {
  record: ApproverRecord;
  uri: string;
} {
  checkEnrolment(name, pin);
  const secret = new Uint8Array(randomBytes(20));
  const salt = new Uint8Array(randomBytes(16));
  const nonce = new Uint8Array(randomBytes(12));
  const key = pinKey(pin, salt, kdf);
  try {
    const sealed = gcm(key, nonce, new TextEncoder().encode(`airlock-approver:${name}`)).encrypt(secret);
    const record = {
      kdf,
      salt: toHex(salt),
      nonce: toHex(nonce),
      sealedSecret: toHex(sealed),
      failures: 0,
      locked: false,
      lastStep: 0,
    };
    return { record, uri: totpFor(secret, { label: name }).toString() };
  } finally {
    wipe(secret, key);
  }
}

/** Enrols an approver; returns the otpauth:// URI to show once as a QR for their authenticator app. */
export function enrollApprover(
  dataDir: string,
  { name, pin, kdf = APPROVER_KDF }: { name: string; pin: string; kdf?: ApproverKdf },
): { uri: string } {
  checkEnrolment(name, pin);
  if (hasCurrentRecord(dataDir, name))
    throw refused('APPROVER_EXISTS', `approver ${name} is already enrolled`);
  const { record, uri } = newApproverRecord({ name, pin, kdf });
  const store = readStore(dataDir);
  store.approvers[name] = record;
  writeFileAtomic(storePath(dataDir), `${JSON.stringify(store, null, 2)}\n`);
  appendAuditEvent(dataDir, { event: 'approver-enrolled', approvers: [name] });
  return { uri };
}

/** True when an approver of this name is enrolled on the device. */
export function isEnrolled(dataDir: string, name: string): boolean {
  return readStore(dataDir).approvers[name] !== undefined;
}

/**
 * True when the approver's record is of the current format; a record of the first format is useless
 * (it is refused), so enrolling again replaces it.
 */
export function hasCurrentRecord(dataDir: string, name: string): boolean {
  return readStore(dataDir).approvers[name]?.kdf !== undefined;
}

export interface ApprovalProof {
  name: string;
  pin: string;
  code: string;
}

/** Checks one approver's PIN and TOTP code; counts failures and locks after MAX_FAILURES. */
function proveApprover(dataDir: string, proof: ApprovalProof, now: Date): void {
  const store = readStore(dataDir);
  const record = store.approvers[proof.name];
  if (!record) throw refused('APPROVER_UNKNOWN', `${proof.name} is not an enrolled approver`);
  if (record.locked)
    throw refused(
      'APPROVER_LOCKED',
      `${proof.name} is locked after ${MAX_FAILURES} failed attempts; another approver must unlock them`,
    );
  const fail = (code: string, message: string) => {
    record.failures += 1;
    if (record.failures >= MAX_FAILURES) record.locked = true;
    writeFileAtomic(storePath(dataDir), `${JSON.stringify(store, null, 2)}\n`);
    appendAuditEvent(dataDir, {
      event: 'approval-failed',
      approvers: [proof.name],
      reason: code,
      ...(record.locked ? { outcome: 'locked' } : {}),
    });
    return refused(
      code,
      `${message} (${record.failures} failed attempt${record.failures === 1 ? '' : 's'} in a row)`,
    );
  };
  if (!record.kdf) throw refuseOldRecord(proof.name);
  const key = pinKey(proof.pin, fromHex(record.salt), record.kdf);
  let secret: Uint8Array;
  try {
    secret = gcm(
      key,
      fromHex(record.nonce),
      new TextEncoder().encode(`airlock-approver:${proof.name}`),
    ).decrypt(fromHex(record.sealedSecret));
  } catch {
    throw fail('APPROVAL_WRONG_PIN', `wrong PIN for ${proof.name}`);
  } finally {
    wipe(key);
  }
  try {
    const step = totpStep(secret, proof.code, now);
    if (step === null)
      throw fail('APPROVAL_WRONG_CODE', `the authenticator code of ${proof.name} is wrong or expired`);
    if (step <= record.lastStep)
      throw fail(
        'APPROVAL_CODE_REPLAYED',
        `this code of ${proof.name} was already used; wait for the next one`,
      );
    record.lastStep = step;
    record.failures = 0;
    writeFileAtomic(storePath(dataDir), `${JSON.stringify(store, null, 2)}\n`);
  } finally {
    wipe(secret);
  }
}

/** A warning when the device clock looks wrong: earlier than the last audit entry. */
export function clockWarning(dataDir: string, now: Date): string | null {
  const last = readLastAuditTime(dataDir);
  return last && now < last
    ? `the device clock (${now.toISOString()}) is earlier than the last audit entry (${last.toISOString()}); check it before trusting codes`
    : null;
}

/** One approval of one PSBT, bound to its hash and written to the audit log. */
export function approvePsbt(
  dataDir: string,
  { proof, psbtHash, now = new Date() }: { proof: ApprovalProof; psbtHash: string; now?: Date },
): void {
  proveApprover(dataDir, proof, now);
  appendAuditEvent(dataDir, { event: 'approval', approvers: [proof.name], psbtHash }, now);
}

/** Unlocks a locked approver on the proof of another, unlocked approver. */
export function unlockApprover(
  dataDir: string,
  { name, by, now = new Date() }: { name: string; by: ApprovalProof; now?: Date },
): void {
  if (by.name === name) throw refused('APPROVER_SELF_UNLOCK', 'an approver cannot unlock themselves');
  proveApprover(dataDir, by, now);
  const store = readStore(dataDir);
  const record = store.approvers[name];
  if (!record) throw refused('APPROVER_UNKNOWN', `${name} is not an enrolled approver`);
  record.locked = false;
  record.failures = 0;
  writeFileAtomic(storePath(dataDir), `${JSON.stringify(store, null, 2)}\n`);
  appendAuditEvent(dataDir, { event: 'approver-unlocked', approvers: [name, by.name] }, now);
}
