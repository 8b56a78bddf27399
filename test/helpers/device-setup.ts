import * as OTPAuth from 'otpauth';
import type { z } from 'zod';
import { writePolicyFile } from '../../src/ceremony/configuration';
import { saveNewCosignerRecord } from '../../src/keys/cosigner-record';
import { enrollApprover } from '../../src/policy/approvers';
import { PolicySchema } from '../../src/policy/schema';
import { walletId } from '../../src/wallet/identity';
import type { Wallet } from '../../src/wallet/types';

/**
 * A signing device's data directory set up as officers would before its first seal: approvers
 * enrolled, this device's cosigner record saved, a wallet's policy written. The first quorum
 * ceremony then seals it as the status shows it.
 */

/** The passphrase the test approvers enrol with (public test value). */
export const APPROVER_PASSPHRASE = 'tulip anchor 482913';

/** What an approver's authenticator app shows now, or `ahead` steps later (accepted, and not a replay). */
export type AuthenticatorCode = (ahead?: number) => string;

/** Enrols each approver with the test passphrase (the real KDF); returns their authenticator apps. */
export function enrolApprovers(
  dataDir: string,
  names: readonly string[],
  pin = APPROVER_PASSPHRASE,
): Record<string, AuthenticatorCode> {
  return Object.fromEntries(
    names.map((name) => {
      const totp = OTPAuth.URI.parse(enrollApprover(dataDir, { name, pin }).uri);
      return [name, (ahead = 0) => totp.generate({ timestamp: Date.now() + ahead * 30_000 })];
    }),
  );
}

/** Saves this device's cosigner record: wallet cosigner `index` as a finished 2-of-3 SLIP-39 key. */
export function saveDeviceCosigner(dataDir: string, wallet: Wallet, index = 0): void {
  const mine = wallet.cosigners[index];
  if (!mine?.fingerprint || !mine.path) throw new Error(`cosigner ${index} of the test wallet has no origin`);
  const now = new Date().toISOString();
  saveNewCosignerRecord(dataDir, {
    fingerprint: mine.fingerprint,
    network: wallet.network,
    keys: [
      {
        scriptType: wallet.scriptType === 'p2wsh' ? 'p2wsh' : 'p2sh-p2wsh',
        path: mine.path,
        xpub: mine.xpub,
      },
    ],
    shareLayout: { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }] },
    createdAt: now,
    finishedAt: now,
  });
}

/** Writes the wallet's policy file (validated as the app reads it), named after the wallet. */
export function writeWalletPolicy(
  dataDir: string,
  wallet: Wallet,
  rules: Omit<z.input<typeof PolicySchema>, 'wallet'>,
): void {
  writePolicyFile(dataDir, walletId(wallet), PolicySchema.parse({ wallet: wallet.name, ...rules }));
}
