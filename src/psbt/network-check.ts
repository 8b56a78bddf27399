import type { Psbt } from 'bitcoinjs-lib';
import { refused } from '../common/errors';
import { isTestNetwork, type NetworkName } from '../common/network';
import type { Wallet } from '../wallet/types';

/** Mainnet or one of the test networks: all a PSBT can reveal (testnet, signet and regtest share prefixes). */
export type NetworkFamily = 'mainnet' | 'test';

const XPUB_VERSIONS: Record<number, NetworkFamily> = {
  76067358: 'mainnet', // xpub
  77429938: 'mainnet', // ypub
  78792518: 'mainnet', // zpub
  43365439: 'mainnet', // Ypub
  44728019: 'mainnet', // Zpub
  70617039: 'test', // tpub
  71979618: 'test', // upub
  73342198: 'test', // vpub
  37915119: 'test', // Upub
  39277699: 'test', // Vpub
};

/** BIP-43 purposes whose second level is the SLIP-44 coin type (0' bitcoin, 1' every test network). */
const PURPOSES_WITH_COIN_TYPE = new Set([44, 48, 49, 84, 86]);
const HARDENED = "'";

export function networkFamily(name: NetworkName): NetworkFamily {
  return isTestNetwork(name) ? 'test' : 'mainnet';
}

function familyOfPath(path: string): NetworkFamily | null {
  const [, purpose, coin] = path.split('/');
  if (!purpose?.endsWith(HARDENED) || !coin?.endsWith(HARDENED)) return null;
  if (!PURPOSES_WITH_COIN_TYPE.has(Number(purpose.slice(0, -1)))) return null;
  const coinType = coin.slice(0, -1);
  return coinType === '0' ? 'mainnet' : coinType === '1' ? 'test' : null;
}

/**
 * What the PSBT says about its network: the version of its global xpubs, and the coin type in the
 * derivation paths of our own keys (other keys may follow any scheme).
 */
export function psbtNetworkEvidence(psbt: Psbt, ourFingerprints: Set<string>): NetworkFamily[] {
  const evidence = new Set<NetworkFamily>();
  for (const xpub of psbt.data.globalMap.globalXpub ?? []) {
    const family = XPUB_VERSIONS[Buffer.from(xpub.extendedPubkey).readUInt32BE(0)];
    if (family) evidence.add(family);
  }
  const fromDerivations = (list: Array<{ masterFingerprint: Uint8Array; path: string }> | undefined) => {
    for (const d of list ?? []) {
      if (!ourFingerprints.has(Buffer.from(d.masterFingerprint).toString('hex'))) continue;
      const family = familyOfPath(d.path);
      if (family) evidence.add(family);
    }
  };
  for (const input of psbt.data.inputs) fromDerivations(input.bip32Derivation);
  for (const output of psbt.data.outputs) fromDerivations(output.bip32Derivation);
  return [...evidence];
}

/** DESIGN §5: a PSBT for another network is refused before anything else is judged. */
export function checkPsbtNetwork(psbt: Psbt, wallet: Wallet): void {
  const expected = networkFamily(wallet.network);
  const fingerprints = new Set(
    wallet.cosigners.flatMap((c) => (c.fingerprint === null ? [] : [c.fingerprint])),
  );
  const other = psbtNetworkEvidence(psbt, fingerprints).find((family) => family !== expected);
  if (other) {
    throw refused(
      'NETWORK_MISMATCH',
      `the PSBT is for ${other === 'mainnet' ? 'mainnet' : 'a test network'} but wallet ${wallet.name} is on ${wallet.network}`,
    );
  }
}
