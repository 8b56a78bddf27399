import { createHmac, pbkdf2Sync, randomBytes, randomInt } from 'node:crypto';
import { wipe } from '../common/bytes';
import { badInput } from '../common/errors';
import { interpolate, type SharePoint } from './slip39-field';
import { decodeShare, decodeShareIndices, encodeShare, type Slip39Share } from './slip39-share';

/**
 * SLIP-39 (Shamir's secret sharing for mnemonic codes), written from the specification on node:crypto
 * and checked against Trezor's official vectors. The master secret is used as the BIP-32 seed, as Trezor does.
 */

const DIGEST_INDEX = 254;
const SECRET_INDEX = 255;
const DIGEST_BYTES = 4;
const ROUND_COUNT = 4;
const BASE_ITERATION_COUNT = 10_000;
const MAX_SHARE_COUNT = 16;

export interface GroupSpec {
  threshold: number;
  count: number;
}

export interface SplitOptions {
  masterSecret: Uint8Array;
  /** Groups needed to recover; 1 for a single group. */
  groupThreshold?: number;
  /** One entry per group; a single-group K-of-N is [{ threshold: K, count: N }]. */
  groups: GroupSpec[];
  passphrase?: string;
  iterationExponent?: number;
  /**
   * Extendable backups (SLIP-39 2024 revision) are off by default: older readers such as
   * Electrum 4.3 do not understand them.
   */
  extendable?: boolean;
}

function checkPassphrase(passphrase: string): Uint8Array {
  if (!/^[\x20-\x7e]*$/.test(passphrase)) {
    throw badInput('PASSPHRASE_INVALID', 'a SLIP-39 passphrase may only contain printable ASCII characters');
  }
  return new TextEncoder().encode(passphrase);
}

function feistel({
  secret,
  passphrase,
  iterationExponent,
  identifier,
  extendable,
  decrypt,
}: {
  secret: Uint8Array;
  passphrase: Uint8Array;
  iterationExponent: number;
  identifier: number;
  extendable: boolean;
  decrypt: boolean;
}): Uint8Array {
  const half = secret.length / 2;
  let left = secret.slice(0, half);
  let right = secret.slice(half);
  const salt = extendable
    ? new Uint8Array()
    : Uint8Array.from([...'shamir'].map((c) => c.charCodeAt(0)).concat([identifier >> 8, identifier & 0xff]));
  const iterations = (BASE_ITERATION_COUNT << iterationExponent) / ROUND_COUNT;
  const rounds = decrypt ? [3, 2, 1, 0] : [0, 1, 2, 3];
  for (const round of rounds) {
    const password = new Uint8Array(passphrase.length + 1);
    password[0] = round;
    password.set(passphrase, 1);
    const saltAndRight = new Uint8Array(salt.length + right.length);
    saltAndRight.set(salt);
    saltAndRight.set(right, salt.length);
    const f = new Uint8Array(pbkdf2Sync(password, saltAndRight, iterations, half, 'sha256'));
    const next = new Uint8Array(half);
    for (let i = 0; i < half; i++) next[i] = (left[i] as number) ^ (f[i] as number);
    wipe(left, f, saltAndRight, password);
    left = right;
    right = next;
  }
  const result = new Uint8Array(secret.length);
  result.set(right);
  result.set(left, half);
  wipe(left, right);
  return result;
}

function digestOf(randomPart: Uint8Array, secret: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('sha256', randomPart).update(secret).digest().subarray(0, DIGEST_BYTES));
}

function splitShares(threshold: number, count: number, secret: Uint8Array): SharePoint[] {
  if (threshold === 1)
    return Array.from({ length: count }, (_, x) => ({ x, value: Uint8Array.from(secret) }));
  const randomCount = threshold - 2;
  const shares: SharePoint[] = Array.from({ length: randomCount }, (_, x) => ({
    x,
    value: new Uint8Array(randomBytes(secret.length)),
  }));
  const randomPart = new Uint8Array(randomBytes(secret.length - DIGEST_BYTES));
  const digestShare = new Uint8Array(secret.length);
  digestShare.set(digestOf(randomPart, secret));
  digestShare.set(randomPart, DIGEST_BYTES);
  const base = [...shares, { x: DIGEST_INDEX, value: digestShare }, { x: SECRET_INDEX, value: secret }];
  for (let x = randomCount; x < count; x++) shares.push({ x, value: interpolate(base, x) });
  wipe(randomPart, digestShare);
  return shares;
}

function recoverFromShares(threshold: number, shares: SharePoint[]): Uint8Array {
  if (threshold === 1) return Uint8Array.from((shares[0] as SharePoint).value);
  const secret = interpolate(shares, SECRET_INDEX);
  const digestShare = interpolate(shares, DIGEST_INDEX);
  const expected = digestOf(digestShare.subarray(DIGEST_BYTES), secret);
  const ok = expected.every((b, i) => b === digestShare[i]);
  wipe(digestShare, expected);
  if (!ok) {
    wipe(secret);
    throw badInput('SHARES_INVALID', 'these shares do not combine into a valid secret (digest mismatch)');
  }
  return secret;
}

/** Splits a master secret into SLIP-39 mnemonics, grouped as `groups` (one array of mnemonics per group). */
export function splitMasterSecret(options: SplitOptions): string[][] {
  const { masterSecret, groups, passphrase = '', iterationExponent = 0, extendable = false } = options;
  const groupThreshold = options.groupThreshold ?? 1;
  if (masterSecret.length < 16 || masterSecret.length % 2 !== 0 || masterSecret.length > 32) {
    throw badInput('SECRET_INVALID', 'the master secret must be 16 to 32 bytes, an even number');
  }
  if (!Number.isInteger(iterationExponent) || iterationExponent < 0 || iterationExponent > 15) {
    throw badInput('SHARES_PARAMS_INVALID', 'the iteration exponent must be 0 to 15');
  }
  if (groups.length < 1 || groups.length > MAX_SHARE_COUNT) {
    throw badInput('SHARES_PARAMS_INVALID', `there must be 1 to ${MAX_SHARE_COUNT} groups`);
  }
  if (!Number.isInteger(groupThreshold) || groupThreshold < 1 || groupThreshold > groups.length) {
    throw badInput('SHARES_PARAMS_INVALID', 'the group threshold must be between 1 and the number of groups');
  }
  for (const g of groups) {
    if (
      !Number.isInteger(g.threshold) ||
      !Number.isInteger(g.count) ||
      g.threshold < 1 ||
      g.count > MAX_SHARE_COUNT ||
      g.threshold > g.count
    ) {
      throw badInput(
        'SHARES_PARAMS_INVALID',
        `each group needs 1 <= threshold <= shares <= ${MAX_SHARE_COUNT}`,
      );
    }
    if (g.threshold === 1 && g.count > 1) {
      throw badInput(
        'SHARES_PARAMS_INVALID',
        'a 1-of-N group gives every holder the whole key; use 1-of-1 instead',
      );
    }
  }
  const identifier = randomInt(0, 1 << 15);
  const encrypted = feistel({
    secret: masterSecret,
    passphrase: checkPassphrase(passphrase),
    iterationExponent,
    identifier,
    extendable,
    decrypt: false,
  });
  try {
    const groupSecrets = splitShares(groupThreshold, groups.length, encrypted);
    return groups.map((group, groupIndex) => {
      const groupSecret = (groupSecrets[groupIndex] as SharePoint).value;
      const members = splitShares(group.threshold, group.count, groupSecret);
      const mnemonics = members.map((member) =>
        encodeShare({
          identifier,
          extendable,
          iterationExponent,
          groupIndex,
          groupThreshold,
          groupCount: groups.length,
          memberIndex: member.x,
          memberThreshold: group.threshold,
          value: member.value,
        }),
      );
      wipe(groupSecret, ...members.map((m) => m.value));
      return mnemonics;
    });
  } finally {
    wipe(encrypted);
  }
}

/** Checks that decoded shares belong to one set and one split; messages never contain share words. */
export function assertSameSet(shares: readonly Slip39Share[]): void {
  const first = shares[0];
  if (!first) throw badInput('SHARES_INSUFFICIENT', 'no share was given');
  for (const s of shares) {
    if (
      s.identifier !== first.identifier ||
      s.extendable !== first.extendable ||
      s.iterationExponent !== first.iterationExponent
    ) {
      throw badInput('SHARE_OTHER_SET', 'a share belongs to another share set (its identifier differs)');
    }
    if (s.groupThreshold !== first.groupThreshold || s.groupCount !== first.groupCount) {
      throw badInput('SHARE_OTHER_SET', 'the shares disagree on the number of groups');
    }
    if (s.value.length !== first.value.length)
      throw badInput('SHARE_OTHER_SET', 'the shares have different lengths');
  }
}

/** Combines decoded shares: exactly the group threshold of groups, each with exactly its member threshold. */
export function combineDecodedShares(shares: readonly Slip39Share[], passphrase = ''): Uint8Array {
  assertSameSet(shares);
  const first = shares[0] as Slip39Share;
  const groups = new Map<number, Slip39Share[]>();
  for (const s of shares) groups.set(s.groupIndex, [...(groups.get(s.groupIndex) ?? []), s]);
  if (groups.size < first.groupThreshold) {
    throw badInput(
      'SHARES_INSUFFICIENT',
      `shares from ${first.groupThreshold} groups are needed; ${groups.size} given`,
    );
  }
  if (groups.size > first.groupThreshold) {
    throw badInput(
      'SHARES_INVALID',
      `shares from exactly ${first.groupThreshold} groups are needed; ${groups.size} given`,
    );
  }
  const groupSecrets: SharePoint[] = [];
  try {
    for (const [groupIndex, members] of groups) {
      const threshold = (members[0] as Slip39Share).memberThreshold;
      if (members.some((m) => m.memberThreshold !== threshold)) {
        throw badInput('SHARES_INVALID', 'shares of one group disagree on how many are needed');
      }
      if (new Set(members.map((m) => m.memberIndex)).size !== members.length) {
        throw badInput('SHARE_DUPLICATE', 'the same share was given twice');
      }
      if (members.length !== threshold) {
        const verb = members.length < threshold ? 'SHARES_INSUFFICIENT' : 'SHARES_INVALID';
        throw badInput(
          verb,
          `group ${groupIndex + 1} needs exactly ${threshold} shares; ${members.length} given`,
        );
      }
      groupSecrets.push({
        x: groupIndex,
        value: recoverFromShares(
          threshold,
          members.map((m) => ({ x: m.memberIndex, value: m.value })),
        ),
      });
    }
    const encrypted = recoverFromShares(first.groupThreshold, groupSecrets);
    try {
      return feistel({
        secret: encrypted,
        passphrase: checkPassphrase(passphrase),
        iterationExponent: first.iterationExponent,
        identifier: first.identifier,
        extendable: first.extendable,
        decrypt: true,
      });
    } finally {
      wipe(encrypted);
    }
  } finally {
    wipe(...groupSecrets.map((g) => g.value));
  }
}

/** Combines share mnemonics into the master secret (the BIP-32 seed). The caller wipes the result. */
export function combineShares({
  mnemonics,
  passphrase = '',
}: {
  mnemonics: readonly string[];
  passphrase?: string;
}): Uint8Array {
  const decoded = mnemonics.map(decodeShare);
  try {
    return combineDecodedShares(decoded, passphrase);
  } finally {
    wipe(...decoded.map((d) => d.value));
  }
}

/** Combines shares given as word indices (the app's quorum); the caller wipes the indices and the result. */
export function combineShareIndices({
  shares,
  passphrase = '',
}: {
  shares: readonly Uint16Array[];
  passphrase?: string;
}): Uint8Array {
  const decoded: Slip39Share[] = [];
  try {
    for (const indices of shares) decoded.push(decodeShareIndices(indices));
    return combineDecodedShares(decoded, passphrase);
  } finally {
    wipe(...decoded.map((d) => d.value));
  }
}
