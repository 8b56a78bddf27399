import { badInput } from '../common/errors';
import type { NetworkName } from '../common/network';
import { formatDescriptor } from './descriptor-format';
import type { ParsedDescriptor } from './descriptor-syntax';
import { type Wallet, WalletSchema } from './types';

/** The rules a parsed multisig descriptor must meet to become a registered wallet. */

export interface WalletFromDescriptorOptions {
  name: string;
  /** Required for tpub keys to tell testnet, signet and regtest apart; default testnet. */
  network?: NetworkName;
  /** Accept keys with no derivation after them as account keys (JSON exports that omit `/0/*`). */
  allowAccountKeys?: boolean;
  /** Accept `/c/i` keys (one fixed address), as BIP-129 records without path restrictions use. */
  allowFixedAddress?: boolean;
}

export interface WalletFromDescriptor {
  wallet: Wallet;
  /** Where the descriptor's first address lies: chain 0 index 0 unless the keys were fixed at /c/i. */
  firstAddressAt: { chain: 0 | 1; index: number };
}

function checkNetwork(parsed: ParsedDescriptor, requested: NetworkName | undefined): NetworkName {
  const mainnet = parsed.keys[0]?.key.mainnet ?? true;
  if (parsed.keys.some((k) => k.key.mainnet !== mainnet)) {
    throw badInput('MIXED_NETWORKS', 'the cosigners mix mainnet (xpub) and test network (tpub) keys');
  }
  if (requested === undefined) return mainnet ? 'mainnet' : 'testnet';
  if ((requested === 'mainnet') !== mainnet) {
    throw badInput(
      'NETWORK_MISMATCH',
      `the keys are ${mainnet ? 'mainnet' : 'test network'} keys but ${requested} was requested`,
    );
  }
  return requested;
}

function checkKeyPurposes(parsed: ParsedDescriptor): void {
  parsed.keys.forEach(({ key }, i) => {
    if (key.purpose === 'singlesig-p2wpkh' || key.purpose === 'singlesig-p2sh-p2wpkh') {
      throw badInput(
        'SINGLESIG_KEY',
        `cosigner ${i + 1} is a ${key.prefix}, a single-signature key; export the multisig key (xpub, Zpub or Ypub) instead`,
      );
    }
    const expected =
      key.purpose === 'multisig-p2wsh'
        ? 'p2wsh'
        : key.purpose === 'multisig-p2sh-p2wsh'
          ? 'p2sh-p2wsh'
          : null;
    if (expected && expected !== parsed.scriptType) {
      throw badInput(
        'SLIP132_MISMATCH',
        `cosigner ${i + 1} is a ${key.prefix}, made for ${expected} wallets, but this wallet is ${parsed.scriptType}`,
      );
    }
  });
}

function checkDerivations(
  parsed: ParsedDescriptor,
  options: WalletFromDescriptorOptions,
): WalletFromDescriptor['firstAddressAt'] {
  const forms = parsed.keys.map((k) => k.derivation);
  const first = forms[0];
  const same = forms.every((form) => JSON.stringify(form) === JSON.stringify(first));
  if (!first || !same) {
    throw badInput(
      'DESCRIPTOR_UNSUPPORTED',
      'the cosigners do not all use the same derivation after their keys',
    );
  }
  switch (first.kind) {
    case 'chains':
      // A descriptor of the change chain alone (`/1/*`) starts at the first change address.
      return { chain: first.chains[0] ?? 0, index: 0 };
    case 'account':
      if (options.allowAccountKeys) return { chain: 0, index: 0 };
      break;
    case 'fixed':
      if (options.allowFixedAddress && (first.chain === 0 || first.chain === 1)) {
        return { chain: first.chain, index: first.index };
      }
      break;
    case 'other':
      break;
  }
  throw badInput(
    'DESCRIPTOR_UNSUPPORTED',
    'each key must end in /0/*, /1/* or /<0;1>/* (receive and change chains of the account key)',
  );
}

/** Applies the wallet rules (origins, networks, thresholds, duplicates) and builds the Wallet. */
export function walletFromParsedDescriptor(
  parsed: ParsedDescriptor,
  options: WalletFromDescriptorOptions,
): WalletFromDescriptor {
  const n = parsed.keys.length;
  if (parsed.threshold < 1 || parsed.threshold > n) {
    throw badInput('THRESHOLD_INVALID', `the threshold ${parsed.threshold} is not between 1 and ${n} keys`);
  }
  const network = checkNetwork(parsed, options.network);
  checkKeyPurposes(parsed);
  const firstAddressAt = checkDerivations(parsed, options);
  // A key of unknown origin (Unchained's platform key) is checked from its xpub alone, but the
  // wallet's addresses are found through the paths of the keys whose origin is known: one at least.
  if (parsed.keys.every((k) => !k.origin)) {
    throw badInput(
      'KEY_ORIGIN_MISSING',
      'no cosigner has a key origin [fingerprint/path]; without one no input or change can be placed in the wallet',
    );
  }
  const seen = new Set<string>();
  const cosigners = parsed.keys.map(({ origin, key }, i) => {
    if (origin && origin.depth !== key.depth) {
      throw badInput(
        'KEY_ORIGIN_MISMATCH',
        `cosigner ${i + 1}'s origin path has ${origin.depth} steps but its key sits at depth ${key.depth}`,
      );
    }
    if (seen.has(key.xpub))
      throw badInput('DUPLICATE_KEY', `cosigner ${i + 1} repeats the key of another cosigner`);
    seen.add(key.xpub);
    return { fingerprint: origin?.fingerprint ?? null, path: origin?.path ?? null, xpub: key.xpub };
  });
  const draft = {
    name: options.name,
    network,
    scriptType: parsed.scriptType,
    threshold: parsed.threshold,
    sorted: parsed.sorted,
    cosigners,
    descriptor: '',
  };
  const wallet = WalletSchema.parse({ ...draft, descriptor: formatDescriptor(draft) });
  return { wallet, firstAddressAt };
}
