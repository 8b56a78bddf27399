import type { BIP32Interface } from 'bip32';
import { wipe } from '../common/bytes';
import { bip32 } from '../common/ecc';
import { badInput } from '../common/errors';
import { bitcoinNetwork, coinType, type NetworkName } from '../common/network';
import type { ScriptType } from '../wallet/types';

/** BIP-48 script type index: 2' for P2WSH, 1' for P2SH-P2WSH. */
const BIP48_SCRIPT_INDEX: Record<Exclude<ScriptType, 'p2sh'>, number> = { p2wsh: 2, 'p2sh-p2wsh': 1 };

/**
 * Account path of a multisig cosigner key: `m/48'/coin'/account'/2'` (P2WSH) or `/1'` (P2SH-P2WSH).
 * Legacy P2SH has no BIP-48 path; like Coldcard we use BIP-45's `m/45'`, which has no account level.
 */
export function multisigAccountPath({
  scriptType,
  network,
  account = 0,
}: {
  scriptType: ScriptType;
  network: NetworkName;
  account?: number;
}): string {
  if (!Number.isInteger(account) || account < 0 || account >= 0x80000000) {
    throw badInput('ACCOUNT_INVALID', `account must be an integer from 0 to 2147483647, not ${account}`);
  }
  if (scriptType === 'p2sh') {
    if (account !== 0)
      throw badInput('ACCOUNT_INVALID', "legacy P2SH uses m/45', which has no account number");
    return "m/45'";
  }
  return `m/48'/${coinType(network)}'/${account}'/${BIP48_SCRIPT_INDEX[scriptType]}'`;
}

/** The BIP-32 master node of a seed; wipe it with wipeNode when done. */
export function masterNode(seed: Uint8Array, network: NetworkName): BIP32Interface {
  return bip32.fromSeed(seed, bitcoinNetwork(network));
}

export function fingerprintHex(node: BIP32Interface): string {
  return Buffer.from(node.fingerprint).toString('hex');
}

/** Overwrites the private key a node holds (bip32 returns its own buffer, not a copy). */
export function wipeNode(...nodes: Array<BIP32Interface | undefined>): void {
  for (const node of nodes) if (node && !node.isNeutered()) wipe(node.privateKey);
}

/** Derives along `path` (m/…), wiping every intermediate private node it created. */
export function derivePath(root: BIP32Interface, path: string): BIP32Interface {
  const steps = parsePath(path);
  let node = root;
  for (const step of steps) {
    const child = node.derive(step);
    if (node !== root) wipeNode(node);
    node = child;
  }
  return node;
}

/** `m/48'/1'/0'/2'` -> child numbers with the hardened bit set. */
export function parsePath(path: string): number[] {
  const parts = path.split('/');
  if (parts[0] !== 'm') throw badInput('PATH_INVALID', `derivation path "${path}" must start with m`);
  return parts.slice(1).map((part) => {
    const match = /^(\d+)(['hH]?)$/.exec(part);
    const value = match ? Number(match[1]) : Number.NaN;
    if (!match || !Number.isSafeInteger(value) || value >= 0x80000000) {
      throw badInput('PATH_INVALID', `derivation path "${path}" has an invalid step "${part}"`);
    }
    return match[2] ? value + 0x80000000 : value;
  });
}

export interface AccountKey {
  /** Master key fingerprint, 8 lowercase hex digits. */
  fingerprint: string;
  /** `m/48'/1'/0'/2'` */
  path: string;
  /** Account xpub (mainnet) or tpub (test networks). */
  xpub: string;
}

/** This cosigner's account key for a multisig wallet, as a coordinator registers it. */
export function accountXpub({
  seed,
  scriptType,
  network,
  account = 0,
}: {
  seed: Uint8Array;
  scriptType: ScriptType;
  network: NetworkName;
  account?: number;
}): AccountKey {
  const path = multisigAccountPath({ scriptType, network, account });
  let root: BIP32Interface | undefined;
  let node: BIP32Interface | undefined;
  try {
    root = masterNode(seed, network);
    node = derivePath(root, path);
    return { fingerprint: fingerprintHex(root), path, xpub: node.neutered().toBase58() };
  } finally {
    wipeNode(node, root);
  }
}

/** `[fingerprint/48h/1h/0h/2h]tpub…`, the key-origin form of descriptors and coordinators. */
export function formatKeyWithOrigin(key: AccountKey): string {
  const steps = key.path.replace(/^m\/?/, '').replaceAll("'", 'h');
  return `[${key.fingerprint}${steps ? `/${steps}` : ''}]${key.xpub}`;
}
