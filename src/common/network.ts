import { type Network, networks } from 'bitcoinjs-lib';
import { z } from 'zod';

export const NETWORK_NAMES = ['mainnet', 'testnet', 'signet', 'regtest'] as const;
export const NetworkNameSchema = z.enum(NETWORK_NAMES);
export type NetworkName = z.infer<typeof NetworkNameSchema>;

/** bitcoinjs-lib parameters; signet shares testnet's prefixes. */
export function bitcoinNetwork(name: NetworkName): Network {
  switch (name) {
    case 'mainnet':
      return networks.bitcoin;
    case 'testnet':
    case 'signet':
      return networks.testnet;
    case 'regtest':
      return networks.regtest;
  }
}

/** BIP-44/48 coin type: 0' on mainnet, 1' on every test network. */
export function coinType(name: NetworkName): 0 | 1 {
  return name === 'mainnet' ? 0 : 1;
}

export function isTestNetwork(name: NetworkName): boolean {
  return name !== 'mainnet';
}
