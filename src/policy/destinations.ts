import { address as baddress, payments } from 'bitcoinjs-lib';
import { toHex } from '../common/bytes';
import { bip32 } from '../common/ecc';
import { badInput } from '../common/errors';
import { bitcoinNetwork, type NetworkName } from '../common/network';
import type { DestinationCheck } from '../psbt/review';
import { stripDescriptorChecksum } from '../wallet/checksum';
import { WalletDeriver } from '../wallet/derive';
import { parseDescriptor } from '../wallet/descriptor';
import type { AllowedDestination } from './schema';

type Chain = 0 | 1;

const SINGLE_KEY =
  /^(?:\[[0-9a-fA-F]{8}(?:\/\d+['h]?)*\])?([xt]pub[1-9A-HJ-NP-Za-km-z]{100,112})((?:\/\d+)*)\/(?:(\d+)\/\*|<0;1>\/\*)$/;

/** Output scripts of a single-key descriptor (`wpkh`, `sh(wpkh)`, `tr`) over `range` indexes of each chain. */
function singleKeyScripts(body: string, range: number, network: NetworkName): string[] | null {
  const wrappers: Array<[RegExp, (pubkey: Uint8Array) => Uint8Array | undefined]> = [
    [/^wpkh\((.*)\)$/, (pubkey) => payments.p2wpkh({ pubkey, network: bitcoinNetwork(network) }).output],
    [
      /^sh\(wpkh\((.*)\)\)$/,
      (pubkey) =>
        payments.p2sh({
          redeem: payments.p2wpkh({ pubkey, network: bitcoinNetwork(network) }),
          network: bitcoinNetwork(network),
        }).output,
    ],
    [
      /^tr\((.*)\)$/,
      (pubkey) =>
        payments.p2tr({ internalPubkey: pubkey.subarray(1, 33), network: bitcoinNetwork(network) }).output,
    ],
  ];
  for (const [pattern, script] of wrappers) {
    const inner = pattern.exec(body)?.[1];
    if (inner === undefined) continue;
    const key = SINGLE_KEY.exec(inner);
    if (!key)
      throw badInput(
        'POLICY_INVALID',
        'an allowed descriptor key must be an xpub with /0/*, /1/* or /<0;1>/*',
      );
    let node = bip32.fromBase58(key[1] as string, bitcoinNetwork(network));
    for (const step of (key[2] as string).split('/').filter(Boolean)) node = node.derive(Number(step));
    const chains: Chain[] = key[3] === undefined ? [0, 1] : [Number(key[3]) as Chain];
    return chains.flatMap((chain) => {
      const chainNode = node.derive(chain);
      return Array.from({ length: range }, (_, i) =>
        toHex(script(Uint8Array.from(chainNode.derive(i).publicKey)) as Uint8Array),
      );
    });
  }
  return null;
}

/**
 * The review's predicate for policy-allowed outputs: listed addresses, and the scripts of listed
 * descriptors (single-key or multisig) derived over a bounded range of receive and change indexes.
 */
export function allowedDestinationMatcher(
  destinations: readonly AllowedDestination[],
  network: NetworkName,
): DestinationCheck {
  const scripts = new Set<string>();
  for (const destination of destinations) {
    if ('address' in destination) {
      try {
        scripts.add(toHex(baddress.toOutputScript(destination.address, bitcoinNetwork(network))));
      } catch {
        throw badInput(
          'POLICY_INVALID',
          `allowed address ${destination.address} is not a ${network} address`,
        );
      }
      continue;
    }
    const { body } = stripDescriptorChecksum(destination.descriptor.trim());
    const single = singleKeyScripts(body, destination.range, network);
    if (single) {
      for (const s of single) scripts.add(s);
      continue;
    }
    const wallet = parseDescriptor(destination.descriptor.trim(), { name: 'allowed', network });
    const deriver = new WalletDeriver(wallet);
    for (const chain of [0, 1] as const) {
      for (let i = 0; i < destination.range; i++) scripts.add(toHex(deriver.script(chain, i).outputScript));
    }
  }
  return (outputScript) => scripts.has(toHex(outputScript));
}
