import { existsSync, linkSync, readdirSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { badInput, refused } from '../common/errors';
import { fsyncDirectory, readJsonFile, writeFileAtomic } from '../common/storage';
import { parseDescriptor } from './descriptor';
import { walletId } from './identity';
import { assertWalletName, WALLET_NAME_PATTERN } from './names';
import { type Wallet, WalletSchema } from './types';

/** Registered wallets live in `<dataDir>/wallets/<name>.json`, one file each, written atomically. */

export function walletsDir(dataDir: string): string {
  return join(dataDir, 'wallets');
}

function walletPath(dataDir: string, name: string): string {
  return join(walletsDir(dataDir), `${assertWalletName(name)}.json`);
}

/** The fields that define a registration; two registrations with equal fields are the same wallet. */
function sameRegistration(a: Wallet, b: Wallet): boolean {
  return (
    a.name === b.name &&
    a.network === b.network &&
    a.scriptType === b.scriptType &&
    a.threshold === b.threshold &&
    a.sorted === b.sorted &&
    a.descriptor === b.descriptor &&
    JSON.stringify(a.cosigners) === JSON.stringify(b.cosigners)
  );
}

/** Rejects a stored file whose fields disagree with its own descriptor (edited or damaged). */
function checkConsistent(wallet: Wallet, path: string): Wallet {
  let rebuilt: Wallet;
  try {
    rebuilt = parseDescriptor(wallet.descriptor, { name: wallet.name, network: wallet.network });
  } catch {
    throw badInput(
      'FILE_CORRUPT',
      `wallet file at ${path} holds an invalid descriptor; it was left as it is`,
    );
  }
  if (!sameRegistration(rebuilt, wallet)) {
    throw badInput(
      'FILE_CORRUPT',
      `wallet file at ${path} disagrees with its own descriptor; it was left as it is`,
    );
  }
  return wallet;
}

export interface RegisterResult {
  wallet: Wallet;
  /** false when the same wallet was already registered under this name (nothing was written). */
  created: boolean;
}

/** The registered wallet with this identity (what it spends), whatever its name; null if none. */
export function findByIdentity(dataDir: string, wallet: Wallet): Wallet | null {
  const id = walletId(wallet);
  return listWallets(dataDir).find((w) => walletId(w) === id) ?? null;
}

/** A second registration of a wallet under another name would escape its policy, limits and history. */
export function refuseSecondName(existing: Wallet | null, wallet: Wallet): void {
  if (existing && existing.name !== wallet.name) {
    throw refused(
      'WALLET_ALREADY_REGISTERED',
      `this wallet is already registered as "${existing.name}"; a wallet is registered once, under one name`,
    );
  }
}

/**
 * Checks a registration before it is written: consistent with its descriptor, not the same wallet as
 * one registered under another name, and not a different wallet under a taken name.
 */
export function checkNewRegistration(dataDir: string, wallet: Wallet): Wallet {
  const valid = WalletSchema.parse(wallet);
  checkConsistent(valid, '(new registration)');
  refuseSecondName(findByIdentity(dataDir, valid), valid);
  const path = walletPath(dataDir, valid.name);
  if (existsSync(path) && !sameRegistration(loadWallet(dataDir, valid.name), valid)) throw nameTaken(valid);
  return valid;
}

function nameTaken(wallet: Wallet) {
  return refused(
    'WALLET_NAME_TAKEN',
    `a different wallet is already registered as "${wallet.name}"; choose another name`,
  );
}

/** Registers a wallet; the same wallet again is a no-op, a different wallet under a taken name is refused. */
export function registerWallet(dataDir: string, wallet: Wallet): RegisterResult {
  const valid = checkNewRegistration(dataDir, wallet);
  const path = walletPath(dataDir, valid.name);
  if (!existsSync(path) && createExclusive(path, `${JSON.stringify(valid, null, 2)}\n`)) {
    return { wallet: valid, created: true };
  }
  const existing = loadWallet(dataDir, valid.name);
  if (sameRegistration(existing, valid)) return { wallet: existing, created: false };
  throw nameTaken(valid);
}

/**
 * Writes a new file that must not replace one written meanwhile by another process: the content is
 * staged and fsynced, then hard-linked into place, which fails if the name exists. False if it did.
 */
function createExclusive(path: string, data: string): boolean {
  const staged = `${path}.${process.pid}.staged`;
  writeFileAtomic(staged, data);
  try {
    linkSync(staged, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(staged);
    fsyncDirectory(dirname(path));
  }
}

/** Rewrites a registered wallet's file with the same identity and name (an accepted change, such as its owner). */
export function rewriteRegistration(dataDir: string, wallet: Wallet): void {
  const existing = loadWallet(dataDir, wallet.name);
  const valid = checkConsistent(WalletSchema.parse(wallet), '(changed registration)');
  if (walletId(existing) !== walletId(valid)) throw nameTaken(valid);
  writeFileAtomic(walletPath(dataDir, valid.name), `${JSON.stringify(valid, null, 2)}\n`);
}

export function loadWallet(dataDir: string, name: string): Wallet {
  const path = walletPath(dataDir, name);
  if (!existsSync(path)) throw badInput('WALLET_NOT_FOUND', `no wallet is registered as "${name}"`);
  const wallet = readJsonFile(path, WalletSchema, 'wallet file');
  if (wallet.name !== name) {
    throw badInput('FILE_CORRUPT', `wallet file at ${path} names another wallet; it was left as it is`);
  }
  return checkConsistent(wallet, path);
}

/** Every registered wallet, sorted by name. */
export function listWallets(dataDir: string): Wallet[] {
  const dir = walletsDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json') && WALLET_NAME_PATTERN.test(file.slice(0, -'.json'.length)))
    .map((file) => file.slice(0, -'.json'.length))
    .sort()
    .map((name) => loadWallet(dataDir, name));
}
