import { address } from 'bitcoinjs-lib';
import { bytesEqual } from '../common/bytes';
import { badInput } from '../common/errors';
import type { NetworkName } from '../common/network';
import { bitcoinNetwork } from '../common/network';
import { WalletDeriver } from './derive';
import { parseDescriptorSyntax, walletFromParsedDescriptor } from './descriptor';
import type { Wallet } from './types';

/**
 * BIP-129 (BSMS) descriptor record, the coordinator's round-2 file:
 *
 *   BSMS 1.0
 *   wsh(sortedmulti(2,[fp/48'/0'/0'/2']xpub…/**,…))
 *   /0/*,/1/*                 (or "No path restrictions")
 *   bc1q…                     (first address, which every signer must check)
 *
 * The first address is always derived here and compared: a record whose address differs was made
 * from other keys, and is refused.
 */

const HEADER = 'BSMS 1.0';
const STANDARD_RESTRICTIONS = '/0/*,/1/*';
const NO_RESTRICTIONS = 'no path restrictions';

export function looksLikeBsms(text: string): boolean {
  return text.trimStart().startsWith('BSMS ');
}

export interface BsmsOptions {
  name: string;
  network?: NetworkName;
}

function outputScriptOf(text: string, network: NetworkName): Uint8Array {
  try {
    return Uint8Array.from(address.toOutputScript(text, bitcoinNetwork(network)));
  } catch {
    throw badInput('BSMS_ADDRESS_INVALID', `the record's first address is not a valid ${network} address`);
  }
}

export function parseBsmsRecord(text: string, options: BsmsOptions): Wallet {
  const lines = text
    .trim()
    .split(/\r?\n/)
    .map((l) => l.trim());
  if (lines[0] !== HEADER) throw badInput('BSMS_INVALID', `a BSMS record must start with "${HEADER}"`);
  const [, descriptor = '', restrictions = '', firstAddress = ''] = lines;
  if (lines.length > 4) throw badInput('BSMS_INVALID', 'a BSMS descriptor record has at most four lines');
  const parsed = parseDescriptorSyntax(descriptor);
  const restricted = restrictions.replace(/\s+/g, '');
  if (
    restricted !== '' &&
    restricted !== STANDARD_RESTRICTIONS &&
    restrictions.toLowerCase() !== NO_RESTRICTIONS
  ) {
    throw badInput(
      'BSMS_UNSUPPORTED',
      'the record restricts derivation to other paths than the standard receive and change chains /0/*,/1/*',
    );
  }
  if (restricted === STANDARD_RESTRICTIONS && parsed.keys.some((k) => k.derivation.kind !== 'chains')) {
    throw badInput('BSMS_INVALID', 'the record restricts paths to /0/*,/1/* but its keys are not ranged');
  }
  if (firstAddress === '') {
    throw badInput(
      'BSMS_ADDRESS_MISSING',
      'the record gives no first address, so the keys cannot be verified',
    );
  }
  const network =
    options.network ??
    (parsed.keys[0]?.key.mainnet === false && /^bcrt1/i.test(firstAddress) ? 'regtest' : undefined);
  const { wallet, firstAddressAt } = walletFromParsedDescriptor(parsed, {
    name: options.name,
    network,
    allowFixedAddress: true,
  });
  const expected = outputScriptOf(firstAddress, wallet.network);
  const deriver = new WalletDeriver(wallet);
  const derived = deriver.script(firstAddressAt.chain, firstAddressAt.index);
  if (!bytesEqual(derived.outputScript, expected)) {
    throw badInput(
      'BSMS_ADDRESS_MISMATCH',
      `the record's first address is not the one its descriptor derives (${deriver.address(firstAddressAt.chain, firstAddressAt.index)}); it was made from a different set of keys`,
    );
  }
  return wallet;
}
