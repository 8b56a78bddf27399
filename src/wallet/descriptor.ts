import { parseDescriptorSyntax } from './descriptor-syntax';
import type { Wallet } from './types';
import { type WalletFromDescriptorOptions, walletFromParsedDescriptor } from './wallet-rules';

/** Multisig output descriptors: the entry point the CLI, the app and the signer use. */

export { formatDescriptor } from './descriptor-format';
export { MAX_COSIGNERS, type ParsedDescriptor, parseDescriptorSyntax } from './descriptor-syntax';
export {
  type WalletFromDescriptor,
  type WalletFromDescriptorOptions,
  walletFromParsedDescriptor,
} from './wallet-rules';

/** Parses a multisig descriptor into a Wallet (checksum verified when present). */
export function parseDescriptor(text: string, options: WalletFromDescriptorOptions): Wallet {
  return walletFromParsedDescriptor(parseDescriptorSyntax(text), options).wallet;
}
