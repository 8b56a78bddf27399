import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readLastAuditTime } from '../audit/log';
import { differenceSentences } from '../ceremony/differences';
import { readAuditRecords, recordEvent } from '../ceremony/events';
import { auditDifferences, currentHead, readSeal } from '../ceremony/seal';
import { fromHex, toHex, wipe } from '../common/bytes';
import { type AirlockError, badInput, refused } from '../common/errors';
import { readJsonFile, writeFileAtomic } from '../common/storage';
import { approverHistory, MAX_FAILURES } from './approver-history';
import { APPROVER_SECRET_RULE, ApproverSecretSchema } from './approver-secret';
import { totpFor, totpStep } from './totp';

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
export { MAX_FAILURES };

const NAME = /^[A-Za-z][A-Za-z0-9 ._-]{0,39}$/;

const ApproverRecordSchema = z.strictObject({
  /** Absent in records of the first format (scrypt N=2^15 of a 6-digit PIN): those are refused. */
  kdf: KdfSchema.optional(),
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  nonce: z.string().regex(/^[0-9a-f]{24}$/),
  /** The TOTP secret, encrypted with AES-256-GCM under scrypt(PIN); never stored in plain text. */
  sealedSecret: z.string().regex(/^[0-9a-f]+$/),
  /**
   * Failures are counted from the audit entries after this one: the approver's enrolment or last
   * unlock (both sealed changes). Absent in older records: every failure in the log counts.
   */
  countsAfter: z.number().int().min(-1).optional(),
  /** Counters of older builds, kept in the file but never read: the audit log is the count now. */
  failures: z.number().int().nonnegative().optional(),
  locked: z.boolean().optional(),
  lastStep: z.number().int().optional(),
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

export function pinKey(pin: string, salt: Uint8Array, kdf: ApproverKdf): Uint8Array {
  const N = 2 ** kdf.logN;
  const maxmem = 128 * N * kdf.r * kdf.p + 16 * 1024 * 1024;
  return new Uint8Array(scryptSync(pin.normalize('NFKC'), salt, 32, { N, r: kdf.r, p: kdf.p, maxmem }));
}

const GCM_TAG_BYTES = 16;
const approverAad = (name: string) => new TextEncoder().encode(`airlock-approver:${name}`);

/**
 * AES-256-GCM of an approver's TOTP secret, bound to their name; ciphertext then tag, the layout the
 * records have always had. Node's own AES: a CLI process pays nothing at start for it.
 */
function sealSecret(key: Uint8Array, nonce: Uint8Array, name: string, secret: Uint8Array): Uint8Array {
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(approverAad(name));
  return Uint8Array.from(Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]));
}

/** The secret sealSecret sealed; throws when the key (the passphrase) or the name is wrong. */
function openSecret(key: Uint8Array, nonce: Uint8Array, name: string, sealed: Uint8Array): Uint8Array {
  if (sealed.length < GCM_TAG_BYTES) throw new Error('sealed secret too short');
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES });
  decipher.setAAD(approverAad(name));
  decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_BYTES));
  const body = decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_BYTES));
  try {
    decipher.final();
    return Uint8Array.from(body);
  } finally {
    wipe(body);
  }
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
    const sealed = sealSecret(key, nonce, name, secret);
    const record = {
      kdf,
      salt: toHex(salt),
      nonce: toHex(nonce),
      sealedSecret: toHex(sealed),
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
  // A new record of a name used before does not inherit that record's failures.
  store.approvers[name] = { ...record, countsAfter: currentHead(dataDir).seq };
  writeFileAtomic(storePath(dataDir), `${JSON.stringify(store, null, 2)}\n`);
  recordEvent(dataDir, { event: 'approver-enrolled', approvers: [name] });
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

/**
 * Approvals are taken only from a log that reaches the seal's recorded head: a log cut below it (to
 * erase failures) is refused here already, and with the quorum's key at the next signature.
 */
function refuseLogBelowSealedHead(dataDir: string, name: string, whileSealBroken: boolean): void {
  if (whileSealBroken) return;
  const seal = readSeal(dataDir);
  if (seal === null || seal === 'unreadable') return;
  const differences = differenceSentences(auditDifferences(dataDir, seal.head));
  if (differences.length === 0) return;
  recordEvent(dataDir, { event: 'seal-broken', approvers: [name], details: { differences } });
  throw refused(
    'SEAL_BROKEN',
    `no approval is taken while the audit log differs from its seal: ${differences.join('; ')}`,
  );
}

/**
 * Checks one approver's PIN and TOTP code and returns the code's step. Failures are audit entries,
 * and the count and the lock are read back from the log (approverHistory), not from a file.
 */
function proveApprover(dataDir: string, proof: ApprovalProof, now: Date, whileSealBroken = false): number {
  const record = readStore(dataDir).approvers[proof.name];
  if (!record) throw refused('APPROVER_UNKNOWN', `${proof.name} is not an enrolled approver`);
  refuseLogBelowSealedHead(dataDir, proof.name, whileSealBroken);
  const history = approverHistory(readAuditRecords(dataDir), proof.name, record.countsAfter);
  if (history.locked)
    throw refused(
      'APPROVER_LOCKED',
      `${proof.name} is locked after ${MAX_FAILURES} failed attempts; another approver must ask for an unlock, which a quorum accepts`,
    );
  const fail = (code: string, message: string) => {
    const failures = history.failures + 1;
    recordEvent(
      dataDir,
      {
        event: 'approval-failed',
        approvers: [proof.name],
        reason: code,
        ...(failures >= MAX_FAILURES ? { outcome: 'locked' } : {}),
      },
      now,
    );
    return refused(code, `${message} (${failures} failed attempt${failures === 1 ? '' : 's'} in a row)`);
  };
  if (!record.kdf) throw refuseOldRecord(proof.name);
  const key = pinKey(proof.pin, fromHex(record.salt), record.kdf);
  let secret: Uint8Array;
  try {
    secret = openSecret(key, fromHex(record.nonce), proof.name, fromHex(record.sealedSecret));
  } catch {
    throw fail('APPROVAL_WRONG_PIN', `wrong PIN for ${proof.name}`);
  } finally {
    wipe(key);
  }
  try {
    const step = totpStep(secret, proof.code, now);
    if (step === null)
      throw fail('APPROVAL_WRONG_CODE', `the authenticator code of ${proof.name} is wrong or expired`);
    if (step <= history.lastStep)
      throw fail(
        'APPROVAL_CODE_REPLAYED',
        `this code of ${proof.name} was already used; wait for the next one`,
      );
    return step;
  } finally {
    wipe(secret);
  }
}

/** Failed attempts each enrolled approver has left before being locked (0 once locked); public. */
export function approverAttemptsLeft(dataDir: string): Record<string, number> {
  const records = readAuditRecords(dataDir);
  return Object.fromEntries(
    Object.entries(readStore(dataDir).approvers).map(([name, r]) => {
      const history = approverHistory(records, name, r.countsAfter);
      return [name, history.locked ? 0 : Math.max(0, MAX_FAILURES - history.failures)];
    }),
  );
}

/** A warning when the device clock looks wrong: earlier than the last audit entry. */
export function clockWarning(dataDir: string, now: Date): string | null {
  const last = readLastAuditTime(dataDir);
  return last && now < last
    ? `the device clock (${now.toISOString()}) is earlier than the last audit entry (${last.toISOString()}); check it before trusting codes`
    : null;
}

/**
 * One approval of one PSBT (or change set), bound to its hash and written to the audit log.
 * `whileSealBroken`: the quorum is accepting the differences from the seal knowingly, so approvals
 * are taken even from a log below its sealed head.
 */
export function approvePsbt(
  dataDir: string,
  {
    proof,
    psbtHash,
    now = new Date(),
    whileSealBroken = false,
  }: { proof: ApprovalProof; psbtHash: string; now?: Date; whileSealBroken?: boolean },
): void {
  const step = proveApprover(dataDir, proof, now, whileSealBroken);
  recordEvent(dataDir, { event: 'approval', approvers: [proof.name], psbtHash, details: { step } }, now);
}

/** What an approver's consent to unlocking `name` is bound to, as an approval is bound to a PSBT. */
export function unlockHash(name: string): string {
  return createHash('sha256').update(`airlock/unlock/v1\n${name}`).digest('hex');
}

/** Another, unlocked approver proves PIN and code for unlocking `name`; the unlock itself is a change. */
export function approveUnlock(
  dataDir: string,
  { name, by, now = new Date() }: { name: string; by: ApprovalProof; now?: Date },
): void {
  if (by.name === name) throw refused('APPROVER_SELF_UNLOCK', 'an approver cannot unlock themselves');
  if (!isEnrolled(dataDir, name)) throw refused('APPROVER_UNKNOWN', `${name} is not an enrolled approver`);
  approvePsbt(dataDir, { proof: by, psbtHash: unlockHash(name), now });
}

/** Applies an accepted unlock: the approver's failures are counted after audit entry `at`. */
export function writeUnlock(dataDir: string, name: string, at: number): void {
  const store = readStore(dataDir);
  const record = store.approvers[name];
  if (!record) throw refused('APPROVER_UNKNOWN', `${name} is not an enrolled approver`);
  record.countsAfter = at;
  writeFileAtomic(storePath(dataDir), `${JSON.stringify(store, null, 2)}\n`);
}
