import { refused } from '../common/errors';
import { listCosignerRecords } from '../keys/cosigner-record';
import { walletId } from '../wallet/identity';
import {
  checkNewRegistration,
  loadWallet,
  refuseSecondName,
  registerWallet,
  rewriteRegistration,
} from '../wallet/registry';
import type { OwnerClass, Wallet } from '../wallet/types';
import { readChanges, stageChange } from './changes';
import { recordEvent } from './events';
import { readSeal } from './seal';

/** True when this device created keys and none of them is a cosigner of `wallet`. */
export function lacksDeviceKey(dataDir: string, wallet: Wallet): boolean {
  const records = listCosignerRecords(dataDir);
  if (records.length === 0) return false;
  return !wallet.cosigners.some((c) =>
    records.some((r) => r.fingerprint === c.fingerprint && r.keys.some((k) => k.xpub === c.xpub)),
  );
}

/**
 * Registers a wallet: on a device not sealed yet it is written at once (the first seal shows it);
 * once sealed it is staged for the quorum. The same wallet under a second name is refused, and a
 * wallet without this device's keys needs `confirmWithoutDeviceKey`, which is audited.
 */
export function registerOrStageWallet(
  dataDir: string,
  wallet: Wallet,
  { confirmWithoutDeviceKey = false }: { confirmWithoutDeviceKey?: boolean } = {},
): { wallet: Wallet; created: boolean; staged: boolean } {
  const valid = checkNewRegistration(dataDir, wallet);
  const id = walletId(valid);
  for (const change of readChanges(dataDir)) {
    if (change.kind === 'wallet' && walletId(change.registration) === id)
      refuseSecondName(change.registration, valid);
  }
  const withoutDeviceKey = lacksDeviceKey(dataDir, valid);
  if (withoutDeviceKey && !confirmWithoutDeviceKey)
    throw refused(
      'WALLET_WITHOUT_DEVICE_KEY',
      `wallet ${valid.name} holds none of this device's keys, so this device cannot sign for it; confirm to register it anyway`,
    );
  const details = {
    descriptor: valid.descriptor,
    owner: valid.owner ?? null,
    network: valid.network,
    scriptType: valid.scriptType,
    threshold: valid.threshold,
    withoutDeviceKey,
  };
  if (readSeal(dataDir) === null) {
    const { created } = registerWallet(dataDir, valid);
    if (created)
      recordEvent(dataDir, { event: 'wallet-registered', wallet: valid.name, walletId: id, details });
    return { wallet: valid, created, staged: false };
  }
  stageChange(dataDir, { kind: 'wallet', registration: valid, withoutDeviceKey });
  recordEvent(dataDir, { event: 'wallet-staged', wallet: valid.name, walletId: id, details });
  return { wallet: valid, created: false, staged: true };
}

/**
 * Sets a registered wallet's owner class (customer or company funds, which decides the transfers it
 * may make or receive): at once on a device not sealed yet, else staged for the quorum; audited.
 */
export function setOrStageWalletOwner(
  dataDir: string,
  { name, owner }: { name: string; owner: OwnerClass },
): { wallet: Wallet; staged: boolean } {
  const wallet = loadWallet(dataDir, name);
  const id = walletId(wallet);
  const previous = wallet.owner ?? null;
  const sealed = readSeal(dataDir) !== null;
  if (sealed) stageChange(dataDir, { kind: 'wallet-owner', walletId: id, wallet: name, owner });
  else rewriteRegistration(dataDir, { ...wallet, owner });
  recordEvent(dataDir, {
    event: 'wallet-owner',
    wallet: name,
    walletId: id,
    outcome: sealed ? 'staged' : 'set',
    details: { owner, previous },
  });
  return { wallet: { ...wallet, owner }, staged: sealed };
}
