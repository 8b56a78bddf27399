import { type BIP32API, BIP32Factory } from 'bip32';
import { initEccLib } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';

initEccLib(ecc);

/** The one secp256k1 backend of the app (libsecp256k1 compiled to wasm). */
export { ecc };
export const bip32: BIP32API = BIP32Factory(ecc);
