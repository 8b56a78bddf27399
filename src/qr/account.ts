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
import { bip32 } from '../common/ecc';
import { bitcoinNetwork, type NetworkName } from '../common/network';
import { parsePath } from '../keys/hd';
import type { ScriptType } from '../wallet/types';

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
