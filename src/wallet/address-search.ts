import { address as baddress } from 'bitcoinjs-lib';
import { bytesEqual } from '../common/bytes';
import { badInput, refused } from '../common/errors';
import { bitcoinNetwork, NETWORK_NAMES, type NetworkName } from '../common/network';
import { WalletDeriver } from './derive';
import type { Chain, Wallet } from './types';

/** How far each branch (receive, change) is searched unless told otherwise. */
export const DEFAULT_ADDRESS_RANGE = 1000;
/** A search beyond this is a mistake, not a wallet: it would keep the laptop busy for minutes. */
export const MAX_ADDRESS_RANGE = 1_000_000;

export type Branch = 'receive' | 'change';

export interface AddressMatch {
  wallet: string;
  branch: Branch;
  index: number;
  address: string;
}

/** The address of a plain address or a BIP-21 URI (`bitcoin:ADDR?amount=…`), as written. */
export function addressOfInput(input: string): string {
  const text = input.trim();
  const uri = /^bitcoin:([^?]*)(\?.*)?$/i.exec(text);
  const address = uri ? decodeURIComponent(uri[1] ?? '') : text;
  // QR codes carry bech32 in upper case (alphanumeric mode); the address is the same.
  return /^(BC|TB|BCRT)1[02-9AC-HJ-NP-Z]+$/.test(address) ? address.toLowerCase() : address;
}

/** The networks whose address format `address` is valid in (testnet, signet and regtest share some). */
export function addressNetworks(address: string): NetworkName[] {
  return NETWORK_NAMES.filter((network) => {
    try {
      baddress.toOutputScript(address, bitcoinNetwork(network));
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * The output script of `address` on `network`. Bad input ADDRESS_INVALID when it is no address at all,
 * NETWORK_MISMATCH when it is one of another network.
 */
export function addressScript(address: string, network: NetworkName): Uint8Array {
  const networks = addressNetworks(address);
  if (networks.length === 0) throw badInput('ADDRESS_INVALID', `"${address}" is not a Bitcoin address`);
  if (!networks.includes(network))
    throw badInput('NETWORK_MISMATCH', `${address} is an address of ${networks[0]}, not of ${network}`);
  return baddress.toOutputScript(address, bitcoinNetwork(network));
}

/**
 * Which of `wallets` the address belongs to, searching indexes 0 … range-1 of both branches, nearest
 * first. null when none within the range. Throws bad input for a malformed address, or when it is of
 * a network none of the wallets is on.
 */
export function findAddress({
  input,
  wallets,
  range = DEFAULT_ADDRESS_RANGE,
}: {
  input: string;
  wallets: Wallet[];
  range?: number;
}): AddressMatch | null {
  if (!Number.isInteger(range) || range < 1 || range > MAX_ADDRESS_RANGE)
    throw badInput('BAD_ARGUMENTS', `the range is a whole number from 1 to ${MAX_ADDRESS_RANGE}`);
  const address = addressOfInput(input);
  const networks = addressNetworks(address);
  if (networks.length === 0) throw badInput('ADDRESS_INVALID', `"${address}" is not a Bitcoin address`);
  const candidates = wallets.filter((w) => networks.includes(w.network));
  if (candidates.length === 0 && wallets.length > 0) {
    throw badInput(
      'NETWORK_MISMATCH',
      `${address} is an address of ${networks.join(' or ')}; the wallet${wallets.length > 1 ? 's are' : ' is'} on ${[...new Set(wallets.map((w) => w.network))].join(', ')}`,
    );
  }
  const targets = candidates.map((wallet) => ({
    wallet,
    script: baddress.toOutputScript(address, bitcoinNetwork(wallet.network)),
    deriver: new WalletDeriver(wallet),
  }));
  for (let index = 0; index < range; index++) {
    for (const { wallet, script, deriver } of targets) {
      for (const chain of [0, 1] as Chain[]) {
        if (bytesEqual(deriver.script(chain, index).outputScript, script)) {
          return { wallet: wallet.name, branch: chain === 0 ? 'receive' : 'change', index, address };
        }
      }
    }
  }
  return null;
}

/** findAddress, refused ADDRESS_NOT_FOUND when it finds nothing. */
export function requireAddress(options: Parameters<typeof findAddress>[0]): AddressMatch {
  const match = findAddress(options);
  if (!match) {
    const range = options.range ?? DEFAULT_ADDRESS_RANGE;
    throw refused(
      'ADDRESS_NOT_FOUND',
      `${addressOfInput(options.input)} is not among the first ${range} receive and ${range} change addresses of ${options.wallets.length === 1 ? `wallet ${options.wallets[0]!.name}` : 'the registered wallets'}`,
    );
  }
  return match;
}

/** An address in groups of four characters, as it is read aloud and compared. */
export function groupsOfFour(address: string): string {
  return address.match(/.{1,4}/g)?.join(' ') ?? '';
}
