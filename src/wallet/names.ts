import { z } from 'zod';
import { badInput } from '../common/errors';

/** Wallet names double as file names under <dataDir>/wallets/, so they keep to a safe charset. */
export const WALLET_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const WalletNameSchema = z.string().regex(WALLET_NAME_PATTERN);

export function assertWalletName(name: string): string {
  if (!WALLET_NAME_PATTERN.test(name) || name.endsWith('.json')) {
    throw badInput(
      'WALLET_NAME_INVALID',
      'a wallet name is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
    );
  }
  return name;
}

/** Turns a name found in an export file ("Test Wallet") into a safe one ("Test-Wallet"), or undefined. */
export function sanitiseWalletName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const cleaned = raw
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/\.json$/i, '')
    .slice(0, 64)
    .replace(/[-.]+$/, '');
  return WALLET_NAME_PATTERN.test(cleaned) ? cleaned : undefined;
}
