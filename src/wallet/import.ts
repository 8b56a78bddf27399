import { badInput } from '../common/errors';
import type { NetworkName } from '../common/network';
import { looksLikeBsms, parseBsmsRecord } from './bsms';
import { looksLikeColdcardFile, parseColdcardFile } from './coldcard';
import {
  type ParsedDescriptor,
  parseDescriptorSyntax,
  type WalletFromDescriptorOptions,
  walletFromParsedDescriptor,
} from './descriptor';
import { droppedSecretsNote } from './electrum-wallet';
import { parseJsonWallet } from './json-wallets';
import { assertWalletName, sanitiseWalletName } from './names';
import { type OwnerClass, type Wallet, WalletSchema } from './types';
import {
  decodeSinglePartUr,
  descriptorFromCryptoOutput,
  descriptorFromOutputDescriptor,
  textFromUrBytes,
} from './ur-output';

/** Wallet export files are small; anything larger is not one, and is not read further. */
export const MAX_WALLET_FILE_BYTES = 64 * 1024;

export type WalletFormat =
  | 'descriptor'
  | 'coldcard'
  | 'bsms'
  | 'caravan'
  | 'electrum'
  | 'json-descriptor'
  | 'specter-diy'
  | 'ur-crypto-output'
  | 'ur-output-descriptor';

export interface ImportWalletInput {
  text: string;
  /** Registration name; when absent, the file's own name (made safe) or one derived from the descriptor. */
  name?: string;
  /** Needed for tpub keys on signet or regtest; tpub keys default to testnet. */
  network?: NetworkName;
  /** Whose funds the wallet holds; unassigned when absent. */
  owner?: OwnerClass;
}

export interface ImportedWallet {
  wallet: Wallet;
  format: WalletFormat;
  /** Plain sentences the operator should read, e.g. that secrets in the file were ignored. */
  notes: string[];
}

/** Placeholder while the wallet is built; replaced by the final name once the descriptor is known. */
const PENDING_NAME = 'pending';

/** A name that identifies the wallet without any file name: `p2wsh-2of3-<descriptor checksum>`. */
function defaultName(wallet: Wallet): string {
  const checksum = wallet.descriptor.slice(wallet.descriptor.lastIndexOf('#') + 1);
  return `${wallet.scriptType}-${wallet.threshold}of${wallet.cosigners.length}-${checksum}`;
}

/** Descriptor lines, dropping comments and labels such as Sparrow's "Receive: wsh(…)". */
function descriptorLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('//'))
    .map((line) => /^[A-Za-z][A-Za-z ]{0,20}:\s*([a-z_]+\(.*)$/.exec(line)?.[1] ?? line);
}

function looksLikeDescriptors(text: string): boolean {
  const lines = descriptorLines(text);
  return lines.length > 0 && lines.every((line) => /^[a-z_]+\(/.test(line));
}

/** Several descriptors (receive and change, as Nunchuk, Sparrow and Core export) must describe one wallet. */
function walletFromDescriptors(descriptors: string[], options: WalletFromDescriptorOptions): Wallet {
  const wallets = descriptors.map(
    (d) => walletFromParsedDescriptor(parseDescriptorSyntax(d), options).wallet,
  );
  const [first, ...others] = wallets;
  if (!first) throw badInput('WALLET_FILE_INVALID', 'the file holds no descriptor');
  if (others.some((w) => w.descriptor !== first.descriptor || w.network !== first.network)) {
    throw badInput('WALLET_FILE_INVALID', 'the file holds descriptors of different wallets');
  }
  return first;
}

function walletFromParsed(parsed: ParsedDescriptor, options: WalletFromDescriptorOptions): Wallet {
  return walletFromParsedDescriptor(parsed, options).wallet;
}

function importByFormat({
  text,
  network,
  insideUr = false,
}: {
  text: string;
  network: NetworkName | undefined;
  /** Set when reading the text a ur:bytes QR code carried, which may not nest another UR. */
  insideUr?: boolean;
}): { wallet: Wallet; format: WalletFormat; fileName?: string; notes?: string[] } {
  const options = { name: PENDING_NAME, network };
  if (/^ur:/i.test(text) && !insideUr) {
    const ur = decodeSinglePartUr(text);
    if (ur.type === 'crypto-output') {
      const descriptor = descriptorFromCryptoOutput(ur.cbor);
      // Wallet QR codes (SeedHammer, Keystone) often list account keys without /0/* children.
      return {
        wallet: walletFromDescriptors([descriptor], { ...options, allowAccountKeys: true }),
        format: 'ur-crypto-output',
      };
    }
    if (ur.type === 'output-descriptor') {
      const { descriptor, name } = descriptorFromOutputDescriptor(ur.cbor);
      return {
        wallet: walletFromDescriptors([descriptor], { ...options, allowAccountKeys: true }),
        format: 'ur-output-descriptor',
        fileName: name,
      };
    }
    // A file shared as bytes (BlueWallet's multisig file); read it as if it had been opened, once.
    if (ur.type === 'bytes')
      return importByFormat({ text: textFromUrBytes(ur.cbor).trim(), network, insideUr: true });
    throw badInput('UR_UNSUPPORTED', `a ur:${ur.type.slice(0, 20)} QR code holds no wallet`);
  }
  // Electrum encrypts a whole wallet file behind its password ("BIE1" before base64).
  if (text.startsWith('QklFMQ')) {
    throw badInput(
      'WALLET_FILE_ENCRYPTED',
      'this is a password-encrypted Electrum wallet file; export the multisig setup from Electrum or the Coldcard instead',
    );
  }
  if (looksLikeBsms(text)) return { wallet: parseBsmsRecord(text, options), format: 'bsms' };
  if (text.startsWith('{')) {
    const json = parseJsonWallet(text);
    if (json.format === 'caravan') {
      if (network && (network === 'mainnet') !== (json.network === 'mainnet')) {
        throw badInput(
          'NETWORK_MISMATCH',
          `the configuration is for ${json.network} but ${network} was requested`,
        );
      }
      return {
        wallet: walletFromParsed(json.parsed, { ...options, network: network ?? json.network }),
        format: 'caravan',
        fileName: json.name,
      };
    }
    if (json.format === 'electrum') {
      const note = droppedSecretsNote(json.secretsDroppedFrom);
      return {
        wallet: walletFromParsed(json.parsed, options),
        format: 'electrum',
        notes: note ? [note] : [],
      };
    }
    return {
      wallet: walletFromDescriptors(json.descriptors, { ...options, allowAccountKeys: true }),
      format: 'json-descriptor',
      fileName: json.name,
    };
  }
  const specterDiy = /^addwallet ([^&\n]*)&(\S+)\s*$/.exec(text);
  if (specterDiy) {
    return {
      // Specter DIY lists account keys and derives /{0,1}/* from them.
      wallet: walletFromDescriptors([specterDiy[2] as string], { ...options, allowAccountKeys: true }),
      format: 'specter-diy',
      fileName: specterDiy[1],
    };
  }
  if (looksLikeDescriptors(text)) {
    return { wallet: walletFromDescriptors(descriptorLines(text), options), format: 'descriptor' };
  }
  if (looksLikeColdcardFile(text)) {
    const file = parseColdcardFile(text);
    return { wallet: walletFromParsed(file.parsed, options), format: 'coldcard', fileName: file.name };
  }
  throw badInput(
    'WALLET_FILE_INVALID',
    'the input is not a descriptor, a Coldcard/Sparrow multisig file, a BSMS record or a wallet JSON export',
  );
}

/** Reads any supported wallet export, applies every wallet rule, and names the result. */
export function importWalletDetailed(input: ImportWalletInput): ImportedWallet {
  if (Buffer.byteLength(input.text, 'utf8') > MAX_WALLET_FILE_BYTES) {
    throw badInput('WALLET_FILE_TOO_LARGE', `a wallet file is at most ${MAX_WALLET_FILE_BYTES / 1024} kB`);
  }
  if (input.name !== undefined) assertWalletName(input.name);
  const text = input.text.replace(/^\uFEFF/, '').trim();
  const { wallet, format, fileName, notes = [] } = importByFormat({ text, network: input.network });
  const name = input.name ?? sanitiseWalletName(fileName) ?? defaultName(wallet);
  return {
    wallet: WalletSchema.parse({ ...wallet, name, ...(input.owner ? { owner: input.owner } : {}) }),
    format,
    notes,
  };
}

export function importWallet(input: ImportWalletInput): Wallet {
  return importWalletDetailed(input).wallet;
}
