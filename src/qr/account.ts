import {
  CryptoAccount,
  CryptoCoinInfo,
  CryptoCoinInfoNetwork,
  CryptoCoinInfoType,
  CryptoHDKey,
  CryptoKeypath,
  CryptoOutput,
  PathComponent,
  ScriptExpressions,
} from '@keystonehq/bc-ur-registry';
import { UR, UREncoder } from '@ngraveio/bc-ur';
import { bip32 } from '../common/ecc';
import { bitcoinNetwork, type NetworkName } from '../common/network';
import { formatKeyWithOrigin, parsePath } from '../keys/hd';
import type { ScriptType } from '../wallet/types';
import { type CborValue, writeCbor } from './cbor';
import { encodeHdKey, TAG } from './hdkey';
import type { CosignerKeyFormat } from './key-formats';

export interface CosignerKeyExport {
  fingerprint: string;
  path: string;
  xpub: string;
  scriptType: Exclude<ScriptType, 'p2sh'>;
}

const HARDENED = 0x80000000;

function hdKey(key: CosignerKeyExport, network: NetworkName): CryptoHDKey {
  const node = bip32.fromBase58(key.xpub, bitcoinNetwork(network));
  const components = parsePath(key.path).map(
    (i) => new PathComponent({ index: i % HARDENED, hardened: i >= HARDENED }),
  );
  const parent = Buffer.alloc(4);
  parent.writeUInt32BE(node.parentFingerprint);
  return new CryptoHDKey({
    isMaster: false,
    key: Buffer.from(node.publicKey),
    chainCode: Buffer.from(node.chainCode),
    useInfo: new CryptoCoinInfo(
      CryptoCoinInfoType.bitcoin,
      network === 'mainnet' ? CryptoCoinInfoNetwork.mainnet : CryptoCoinInfoNetwork.testnet,
    ),
    origin: new CryptoKeypath(components, Buffer.from(key.fingerprint, 'hex'), components.length),
    parentFingerprint: parent,
  });
}

/**
 * `ur:crypto-account` (BCR-2020-015) with this cosigner's BIP-48 keys, as Keystone and Passport export
 * them for Sparrow, Nunchuk and other coordinators: wsh(key) for P2WSH, sh(wsh(key)) for P2SH-P2WSH.
 */
export function encodeCryptoAccount({
  keys,
  network,
}: {
  keys: CosignerKeyExport[];
  network: NetworkName;
}): string {
  const fingerprint = keys[0]?.fingerprint ?? '00000000';
  const outputs = keys.map((key) => {
    const scripts =
      key.scriptType === 'p2wsh'
        ? [ScriptExpressions.WITNESS_SCRIPT_HASH]
        : [ScriptExpressions.SCRIPT_HASH, ScriptExpressions.WITNESS_SCRIPT_HASH];
    return new CryptoOutput(scripts, hdKey(key, network));
  });
  return new CryptoAccount(Buffer.from(fingerprint, 'hex'), outputs)
    .toUREncoder(1000)
    .nextPart()
    .toUpperCase();
}

/** Partial descriptors BCR-2023-019 uses for one multisig cosigner's key. */
const COSIGNER_SOURCES: Record<CosignerKeyExport['scriptType'], string> = {
  p2wsh: 'wsh(cosigner(@0))',
  'p2sh-p2wsh': 'sh(wsh(cosigner(@0)))',
};

/** The account descriptor's CBOR (untagged, as its UR carries it): master fingerprint, one descriptor per key. */
export function accountDescriptorCbor({
  keys,
  network,
}: {
  keys: CosignerKeyExport[];
  network: NetworkName;
}): Uint8Array {
  const fingerprint = keys[0]?.fingerprint ?? '00000000';
  const outputs = keys.map((key) => ({
    tag: TAG.OUTPUT_DESCRIPTOR,
    value: new Map<number, CborValue>([
      [1, COSIGNER_SOURCES[key.scriptType]],
      [2, [encodeHdKey({ ...key, network })]],
    ]),
  }));
  return writeCbor(
    new Map<number, CborValue>([
      [1, Number.parseInt(fingerprint, 16)],
      [2, outputs],
    ]),
  );
}

/**
 * `ur:account-descriptor` (BCR-2023-019, which replaces crypto-account) with the same keys as
 * encodeCryptoAccount, for coordinators that read the newer form.
 */
export function encodeAccountDescriptor(options: {
  keys: CosignerKeyExport[];
  network: NetworkName;
}): string {
  const ur = new UR(Buffer.from(accountDescriptorCbor(options)), 'account-descriptor');
  return new UREncoder(ur, 1000).nextPart().toUpperCase();
}

export function formatCosignerKey({
  key,
  network,
  format,
}: {
  key: CosignerKeyExport;
  network: NetworkName;
  format: CosignerKeyFormat;
}): string {
  if (format === 'ur') return encodeCryptoAccount({ keys: [key], network });
  if (format === 'ur-account-descriptor') return encodeAccountDescriptor({ keys: [key], network });
  return formatKeyWithOrigin(key);
}
