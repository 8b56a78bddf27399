import { registerOrStageWallet } from '../../src/ceremony/registration';
import type {
  AddressCheck,
  ImportedWallet,
  ScanProgress,
  WalletPreview,
  WalletScanProgress,
  WalletSummary,
} from '../../src/ipc/models';
import {
  addressOfInput,
  DEFAULT_ADDRESS_RANGE,
  findAddress,
  groupsOfFour,
} from '../../src/wallet/address-search';
import { WalletDeriver } from '../../src/wallet/derive';
import type { Wallet } from '../../src/wallet/types';
import type { ApiContext } from './context';

export function walletSummary(wallet: Wallet): WalletSummary {
  return {
    name: wallet.name,
    network: wallet.network,
    scriptType: wallet.scriptType,
    threshold: wallet.threshold,
    cosigners: wallet.cosigners.map((c) => ({ fingerprint: c.fingerprint, path: c.path, xpub: c.xpub })),
    descriptor: wallet.descriptor,
    ...(wallet.owner ? { owner: wallet.owner } : {}),
  };
}

export function listWallets(ctx: ApiContext): WalletSummary[] {
  return ctx.core.wallets.list(ctx.dataDir).map(walletSummary);
}

/** Registers a wallet from a descriptor, Coldcard/Sparrow file or BSMS record, and selects it. */
export function importWallet(
  ctx: ApiContext,
  request: { text: string; name?: string; owner?: Wallet['owner']; withoutDeviceKey?: true },
): ImportedWallet {
  const { wallet: parsed, notes } = ctx.core.wallets.parse({
    text: request.text,
    ...(request.name ? { name: request.name } : {}),
    ...(request.owner ? { owner: request.owner } : {}),
  });
  const { wallet, staged } = registerOrStageWallet(ctx.dataDir, parsed, {
    confirmWithoutDeviceKey: request.withoutDeviceKey ?? false,
  });
  // A staged wallet is not selectable until a quorum accepts it.
  if (!staged) selectLoaded(ctx, wallet);
  return { ...walletSummary(wallet), notes, staged };
}

/** Which registered wallet an address (or BIP-21 URI) belongs to; not found is an answer, not an error. */
export function verifyAddress(ctx: ApiContext, request: { address: string; range?: number }): AddressCheck {
  const range = request.range ?? DEFAULT_ADDRESS_RANGE;
  const match = findAddress({ input: request.address, wallets: ctx.core.wallets.list(ctx.dataDir), range });
  const address = match?.address ?? addressOfInput(request.address);
  return { found: match !== null, address, grouped: groupsOfFour(address), range, ...(match ?? {}) };
}

/**
 * Parses a wallet without registering it: threshold, script type, network, each cosigner with this
 * device's keys marked, and the first receive and change addresses to compare with the coordinator.
 */
export function previewWallet(ctx: ApiContext, request: { text: string; name?: string }): WalletPreview {
  const { wallet } = ctx.core.wallets.parse(request);
  const mine = new Set(ctx.core.cosigners.list(ctx.dataDir).map((r) => r.fingerprint));
  const deriver = new WalletDeriver(wallet);
  return {
    name: wallet.name,
    network: wallet.network,
    scriptType: wallet.scriptType,
    threshold: wallet.threshold,
    cosigners: wallet.cosigners.map((c) => ({
      fingerprint: c.fingerprint,
      path: c.path,
      xpub: c.xpub,
      thisDevice: c.fingerprint !== null && mine.has(c.fingerprint),
    })),
    firstReceiveAddress: deriver.address(0, 0),
    firstChangeAddress: deriver.address(1, 0),
  };
}

/** Switching wallets ends any ceremony in progress. */
export function selectWallet(ctx: ApiContext, request: { name: string }): void {
  selectLoaded(ctx, ctx.core.wallets.load(ctx.dataDir, request.name));
}

function selectLoaded(ctx: ApiContext, wallet: Wallet): void {
  ctx.session.reset();
  ctx.session.wallet = wallet;
}

/** Starts scanning a wallet export on the Wallets screen; a scan already under way is dropped. */
export function startWalletScan(ctx: ApiContext): ScanProgress {
  ctx.walletScan = ctx.core.wallets.createQrScan();
  return { status: 'waiting', format: null, partsSeen: 0, partsNeeded: null, message: null };
}

/**
 * One frame of a wallet export. Once complete, the export's text goes back to fill the import form:
 * the operator reads the cosigners and registers it as if the file had been opened.
 */
export function scanWalletFrame(ctx: ApiContext, request: { text: string }): WalletScanProgress {
  ctx.walletScan ??= ctx.core.wallets.createQrScan();
  const progress = ctx.walletScan.receive(request.text);
  if (progress.status === 'complete') ctx.walletScan = null;
  return progress;
}

export function walletExport(ctx: ApiContext, request: { name: string }): { text: string } {
  return { text: ctx.core.wallets.load(ctx.dataDir, request.name).descriptor };
}
