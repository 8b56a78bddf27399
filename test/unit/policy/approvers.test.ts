import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gcm } from '@noble/ciphers/aes.js';
import { Secret, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { unlockOrStageApprover } from '../../../src/ceremony/approver-changes';
import { fromHex } from '../../../src/common/bytes';
import { isAirlockError } from '../../../src/common/errors';
import { CHANNELS } from '../../../src/ipc/channels';
import { ApproverSecretSchema } from '../../../src/policy/approver-secret';
import {
  APPROVER_KDF,
  type ApproverKdf,
  approvePsbt,
  enrollApprover,
  MAX_FAILURES,
  pinKey,
} from '../../../src/policy/approvers';
import { totpCode } from '../../../src/policy/totp';
import { tempDir } from '../../helpers/cli';

// RFC 6238 appendix B: 8-digit codes for the three reference secrets (source in the fixture).
const RFC6238 = z
  .object({
    secrets: z.object({ SHA1: z.string(), SHA256: z.string(), SHA512: z.string() }),
    vectors: z.array(
      z.object({ seconds: z.number(), SHA1: z.string(), SHA256: z.string(), SHA512: z.string() }),
    ),
  })
  .parse(
    JSON.parse(readFileSync(new URL('../../fixtures/policy/rfc6238-vectors.json', import.meta.url), 'utf8')),
  );
const ascii = (s: string) => new TextEncoder().encode(s);
const SECRETS = {
  SHA1: ascii(RFC6238.secrets.SHA1),
  SHA256: ascii(RFC6238.secrets.SHA256),
  SHA512: ascii(RFC6238.secrets.SHA512),
} as const;

/** The real KDF scaled down 2^7 times in N so a test can afford many tries; the record carries it. */
const TEST_KDF: ApproverKdf = { ...APPROVER_KDF, logN: APPROVER_KDF.logN - 7 };

function codeOf(error: () => unknown): string {
  try {
    error();
  } catch (e) {
    return isAirlockError(e) ? e.code : 'untyped';
  }
  return 'none';
}

/** What the approver's authenticator app shows at `time`, from the enrolment URI. */
function authenticator(uri: string) {
  const totp = URI.parse(uri) as unknown as { secret: Secret };
  return (time: Date) => totpCode(new Uint8Array(totp.secret.bytes), time);
}

describe('TOTP (RFC 6238)', () => {
  for (const { seconds, SHA1: sha1, SHA256: sha256, SHA512: sha512 } of RFC6238.vectors) {
    it(`matches the RFC codes at T=${seconds}`, () => {
      const time = new Date(seconds * 1000);
      expect(totpCode(SECRETS.SHA1, time, { digits: 8, algorithm: 'SHA1' })).toBe(sha1);
      expect(totpCode(SECRETS.SHA256, time, { digits: 8, algorithm: 'SHA256' })).toBe(sha256);
      expect(totpCode(SECRETS.SHA512, time, { digits: 8, algorithm: 'SHA512' })).toBe(sha512);
    });
  }
});

describe('approvers', () => {
  const hash = 'ab'.repeat(32);
  const t0 = new Date('2026-11-25T10:00:00Z');
  const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

  it('approves with PIN and current code, once per code, and never stores the secret in plain text', () => {
    const dir = tempDir();
    const { uri } = enrollApprover(dir, { name: 'alice', pin: 'tulip anchor 482913', kdf: TEST_KDF });
    expect(uri).toMatch(/^otpauth:\/\/totp\/Airlock:alice\?/);
    const app = authenticator(uri);
    approvePsbt(dir, {
      proof: { name: 'alice', pin: 'tulip anchor 482913', code: app(t0) },
      psbtHash: hash,
      now: t0,
    });
    expect(
      codeOf(() =>
        approvePsbt(dir, {
          proof: { name: 'alice', pin: 'tulip anchor 482913', code: app(t0) },
          psbtHash: hash,
          now: later(5),
        }),
      ),
    ).toBe('APPROVAL_CODE_REPLAYED');
    // A code from the previous step is accepted within the ±1 step window; two steps away is not.
    approvePsbt(dir, {
      proof: { name: 'alice', pin: 'tulip anchor 482913', code: app(later(60)) },
      psbtHash: hash,
      now: later(95),
    });
    expect(
      codeOf(() =>
        approvePsbt(dir, {
          proof: { name: 'alice', pin: 'tulip anchor 482913', code: app(later(120)) },
          psbtHash: hash,
          now: later(185),
        }),
      ),
    ).toBe('APPROVAL_WRONG_CODE');
    const secretBase32 = new URL(uri).searchParams.get('secret')!;
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text).not.toContain(secretBase32);
      expect(text).not.toContain(Buffer.from(Secret.fromBase32(secretBase32).bytes).toString('hex'));
      expect(text).not.toContain('482913');
    }
    const approvals = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"approval"'));
    expect(approvals.map((l) => JSON.parse(l).psbtHash)).toEqual([hash, hash]);
  });

  it('refuses a wrong PIN and a wrong code, locks after five failures, and another approver unlocks', () => {
    const dir = tempDir();
    const alice = authenticator(
      enrollApprover(dir, { name: 'alice', pin: 'alice passphrase 1', kdf: TEST_KDF }).uri,
    );
    const bob = authenticator(
      enrollApprover(dir, { name: 'bob', pin: 'bob passphrase 22', kdf: TEST_KDF }).uri,
    );
    expect(
      codeOf(() =>
        approvePsbt(dir, {
          proof: { name: 'alice', pin: 'wrong passphrase 9', code: alice(t0) },
          psbtHash: hash,
          now: t0,
        }),
      ),
    ).toBe('APPROVAL_WRONG_PIN');
    expect(
      codeOf(() =>
        approvePsbt(dir, {
          proof: { name: 'alice', pin: 'alice passphrase 1', code: '000000' },
          psbtHash: hash,
          now: t0,
        }),
      ),
    ).toBe('APPROVAL_WRONG_CODE');
    for (let i = 2; i < MAX_FAILURES; i++) {
      codeOf(() =>
        approvePsbt(dir, {
          proof: { name: 'alice', pin: 'wrong passphrase 9', code: alice(t0) },
          psbtHash: hash,
          now: t0,
        }),
      );
    }
    expect(
      codeOf(() =>
        approvePsbt(dir, {
          proof: { name: 'alice', pin: 'alice passphrase 1', code: alice(t0) },
          psbtHash: hash,
          now: t0,
        }),
      ),
    ).toBe('APPROVER_LOCKED');
    expect(
      codeOf(() =>
        unlockOrStageApprover(dir, {
          name: 'alice',
          by: { name: 'alice', pin: 'alice passphrase 1', code: alice(t0) },
          now: t0,
        }),
      ),
    ).toBe('APPROVER_SELF_UNLOCK');
    // Not sealed yet: the unlock applies at once (once sealed it is a change for the quorum).
    expect(
      unlockOrStageApprover(dir, {
        name: 'alice',
        by: { name: 'bob', pin: 'bob passphrase 22', code: bob(t0) },
        now: t0,
      }),
    ).toEqual({ staged: false });
    approvePsbt(dir, {
      proof: { name: 'alice', pin: 'alice passphrase 1', code: alice(later(30)) },
      psbtHash: hash,
      now: later(30),
    });
    expect(readFileSync(join(dir, 'audit.jsonl'), 'utf8')).toContain('"approver-unlocked"');
  });

  it('refuses unknown approvers, weak PINs and duplicate enrolment', () => {
    const dir = tempDir();
    expect(
      codeOf(() =>
        approvePsbt(dir, {
          proof: { name: 'mallory', pin: 'carol passphrase 3', code: '123456' },
          psbtHash: hash,
        }),
      ),
    ).toBe('APPROVER_UNKNOWN');
    expect(codeOf(() => enrollApprover(dir, { name: 'carol', pin: '12', kdf: TEST_KDF }))).toBe(
      'PIN_INVALID',
    );
    enrollApprover(dir, { name: 'carol', pin: 'carol passphrase 3', kdf: TEST_KDF });
    expect(
      codeOf(() => enrollApprover(dir, { name: 'carol', pin: 'carol passphrase 3', kdf: TEST_KDF })),
    ).toBe('APPROVER_EXISTS');
  });
});

describe('a copied approvers.json', () => {
  it('yields a TOTP secret only at one full KDF per guess, at the cost the record demands', () => {
    const dir = tempDir();
    // A deliberately tiny space (100 guesses) so the search ends within the test.
    const passphrase = 'tulip anchor 73';
    enrollApprover(dir, { name: 'alice', pin: passphrase, kdf: TEST_KDF });
    const copied = JSON.parse(readFileSync(join(dir, 'approvers.json'), 'utf8')) as {
      approvers: Record<string, { kdf: ApproverKdf; salt: string; nonce: string; sealedSecret: string }>;
    };
    const record = copied.approvers.alice!;
    expect(record.kdf).toEqual(TEST_KDF);
    const aad = new TextEncoder().encode('airlock-approver:alice');
    let tries = 0;
    let found: string | null = null;
    for (let guess = 0; guess < 100 && !found; guess++) {
      const candidate = `tulip anchor ${String(guess).padStart(2, '0')}`;
      tries += 1;
      const key = pinKey(candidate, fromHex(record.salt), record.kdf);
      try {
        gcm(key, fromHex(record.nonce), aad).decrypt(fromHex(record.sealedSecret));
        found = candidate;
      } catch {
        // wrong guess: the tag fails, nothing about the secret is learnt
      }
    }
    expect(found).toBe(passphrase);
    expect(tries).toBe(74);
    // Cost per try: scrypt memory and work are 128 * N * r bytes; the real parameters ask 2^7 times
    // the test's, 128 MiB per guess (about a second here, bench/RESULTS.md).
    const bytesPerTry = (kdf: ApproverKdf) => 128 * 2 ** kdf.logN * kdf.r * kdf.p;
    expect(bytesPerTry(APPROVER_KDF)).toBe(128 * 1024 * 1024);
    expect(bytesPerTry(APPROVER_KDF) / bytesPerTry(TEST_KDF)).toBe(128);
    // And enrolment refuses a space small enough to search: a 6-digit PIN.
    expect(codeOf(() => enrollApprover(tempDir(), { name: 'bob', pin: '482913' }))).toBe('PIN_INVALID');
  });

  it('opens a record sealed by another AES-GCM (@noble/ciphers, which sealed them before), and no altered one', () => {
    const dir = tempDir();
    const passphrase = 'tulip anchor 482913';
    const hash = 'cd'.repeat(32);
    const t0 = new Date('2026-11-25T10:00:00Z');
    enrollApprover(dir, { name: 'alice', pin: passphrase, kdf: TEST_KDF });
    const path = join(dir, 'approvers.json');
    const store = JSON.parse(readFileSync(path, 'utf8'));
    const record = store.approvers.alice;
    // A TOTP secret of our own, sealed by the reference implementation under the same key and nonce.
    const secret = ascii('12345678901234567890');
    const key = pinKey(passphrase, fromHex(record.salt), record.kdf);
    const aad = ascii('airlock-approver:alice');
    record.sealedSecret = Buffer.from(gcm(key, fromHex(record.nonce), aad).encrypt(secret)).toString('hex');
    writeFileSync(path, JSON.stringify(store));
    const code = totpCode(secret, t0);
    const altered = `${record.sealedSecret.slice(0, -2)}${record.sealedSecret.endsWith('00') ? '01' : '00'}`;
    writeFileSync(
      path,
      JSON.stringify({ ...store, approvers: { alice: { ...record, sealedSecret: altered } } }),
    );
    expect(
      codeOf(() =>
        approvePsbt(dir, { proof: { name: 'alice', pin: passphrase, code }, psbtHash: hash, now: t0 }),
      ),
    ).toBe('APPROVAL_WRONG_PIN');
    writeFileSync(path, JSON.stringify(store));
    approvePsbt(dir, { proof: { name: 'alice', pin: passphrase, code }, psbtHash: hash, now: t0 });
  });

  it('refuses a record of the first format (scrypt 2^15 of a PIN) with a clear message; enrolling again replaces it', () => {
    const dir = tempDir();
    enrollApprover(dir, { name: 'alice', pin: 'tulip anchor 482913', kdf: TEST_KDF });
    const store = JSON.parse(readFileSync(join(dir, 'approvers.json'), 'utf8'));
    delete store.approvers.alice.kdf;
    writeFileSync(join(dir, 'approvers.json'), JSON.stringify(store));
    const proof = { name: 'alice', pin: 'tulip anchor 482913', code: '123456' };
    let message = '';
    try {
      approvePsbt(dir, { proof, psbtHash: 'ab'.repeat(32) });
    } catch (error) {
      expect(isAirlockError(error) && error.code).toBe('APPROVER_RECORD_OLD');
      message = (error as Error).message;
    }
    expect(message).toMatch(/older, weaker PIN protection; enrol them again/);
    enrollApprover(dir, { name: 'alice', pin: 'a new passphrase', kdf: TEST_KDF });
    expect(codeOf(() => enrollApprover(dir, { name: 'alice', pin: 'a new passphrase', kdf: TEST_KDF }))).toBe(
      'APPROVER_EXISTS',
    );
  });

  it('IPC and enrolment accept exactly the same approver secrets', () => {
    const request = (pin: string) =>
      CHANNELS.approve.request.safeParse({ name: 'alice', pin, code: '123456' });
    for (const pin of ['4829', '482913', '12345678901', ' padded passphrase ', 'x'.repeat(129)]) {
      expect(request(pin).success, pin).toBe(false);
      expect(
        codeOf(() => enrollApprover(tempDir(), { name: 'a', pin, kdf: TEST_KDF })),
        pin,
      ).toBe('PIN_INVALID');
    }
    for (const pin of ['123456789012', 'tulip anchor 482913', 'x'.repeat(128)]) {
      expect(request(pin).success, pin).toBe(true);
      expect(ApproverSecretSchema.safeParse(pin).success).toBe(true);
    }
  });
});
