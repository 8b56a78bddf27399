import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importWallet } from '../../../src/wallet/import';
import { listWallets, loadWallet, registerWallet, walletsDir } from '../../../src/wallet/registry';
import { tempDir } from '../../helpers/cli';
import { airlockErrorOf, fixture } from './support';

const coldcard = () => importWallet({ text: fixture('coldcard/export-p2wsh-myself.txt') });
const caravan = () => importWallet({ text: fixture('caravan/bitcoin-2-of-2-P2WSH_TESTNET.json') });

describe('wallet registry', () => {
  it('stores a wallet as wallets/<name>.json and loads it back', () => {
    const dataDir = tempDir();
    const wallet = coldcard();
    expect(registerWallet(dataDir, wallet)).toEqual({ wallet, created: true });
    expect(JSON.parse(readFileSync(join(walletsDir(dataDir), 'CC-2-of-4.json'), 'utf8'))).toEqual(wallet);
    expect(loadWallet(dataDir, 'CC-2-of-4')).toEqual(wallet);
    expect(readdirSync(walletsDir(dataDir))).toEqual(['CC-2-of-4.json']);
  });

  it('is idempotent for the same wallet and refuses another wallet under a taken name', () => {
    const dataDir = tempDir();
    registerWallet(dataDir, coldcard());
    expect(registerWallet(dataDir, coldcard()).created).toBe(false);
    const other = { ...caravan(), name: 'CC-2-of-4' };
    expect(airlockErrorOf(() => registerWallet(dataDir, other))).toEqual({
      kind: 'refused',
      code: 'WALLET_NAME_TAKEN',
    });
    expect(loadWallet(dataDir, 'CC-2-of-4')).toEqual(coldcard());
  });

  it('lists wallets sorted by name, and nothing in a fresh data directory', () => {
    const dataDir = tempDir();
    expect(listWallets(dataDir)).toEqual([]);
    registerWallet(dataDir, caravan());
    registerWallet(dataDir, coldcard());
    expect(listWallets(dataDir).map((w) => w.name)).toEqual(['CC-2-of-4', 'P2WSH-T']);
  });

  it('reports an unknown wallet as WALLET_NOT_FOUND and an unsafe name as WALLET_NAME_INVALID', () => {
    const dataDir = tempDir();
    expect(airlockErrorOf(() => loadWallet(dataDir, 'nope'))).toEqual({
      kind: 'bad-input',
      code: 'WALLET_NOT_FOUND',
    });
    expect(airlockErrorOf(() => loadWallet(dataDir, '../etc/passwd'))?.code).toBe('WALLET_NAME_INVALID');
    expect(airlockErrorOf(() => registerWallet(dataDir, { ...coldcard(), name: 'a/b' }))?.code).toBe(
      'WALLET_NAME_INVALID',
    );
  });

  it('refuses a stored file edited to disagree with its own descriptor, and leaves it as it is', () => {
    const dataDir = tempDir();
    const wallet = coldcard();
    registerWallet(dataDir, wallet);
    const path = join(walletsDir(dataDir), 'CC-2-of-4.json');
    const tampered = `${JSON.stringify({ ...wallet, threshold: 1 })}\n`;
    writeFileSync(path, tampered);
    expect(airlockErrorOf(() => loadWallet(dataDir, 'CC-2-of-4'))?.code).toBe('FILE_CORRUPT');
    writeFileSync(path, '{ not json');
    expect(airlockErrorOf(() => loadWallet(dataDir, 'CC-2-of-4'))?.code).toBe('FILE_CORRUPT');
    expect(readFileSync(path, 'utf8')).toBe('{ not json');
  });
});
