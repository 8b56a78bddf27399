import { z } from 'zod';
import { bip32 } from '../common/ecc';
import { badInput } from '../common/errors';
import { bitcoinNetwork } from '../common/network';
import { fingerprintHex } from '../keys/hd';
import type { ParsedDescriptor } from './descriptor';
import { MAX_COSIGNERS } from './descriptor';
import { type KeyExpression, parseKeyExpression } from './key-expression';
import type { ScriptType } from './types';

/**
 * Electrum's wallet file for a multisig wallet (`wallet_type` "2of3", keystores `x1/`…`xN/`), as
 * Electrum, Coldcard's "Export → Electrum Wallet" and Sparrow write it. Electrum has no script type
 * field: the SLIP-132 prefix of the keys says it (xpub/tpub P2SH, Ypub/Upub P2SH-P2WSH, Zpub/Vpub P2WSH).
 */

/** Keystore fields that hold or unlock private keys; never kept, never echoed. */
const SECRET_FIELDS = ['seed', 'xprv', 'passphrase', 'keypairs', 'mnemonic'] as const;

const KeystoreSchema = z
  .object({
    type: z.string(),
    xpub: z.string(),
    derivation: z.string().nullish(),
    root_fingerprint: z.string().nullish(),
    /** Coldcard's master fingerprint as Electrum's plugin stores it: the 4 bytes read little-endian. */
    ckcc_xfp: z.number().int().min(0).max(0xffffffff).nullish(),
  })
  .passthrough();

export interface ElectrumWallet {
  parsed: ParsedDescriptor;
  /** 1-based cosigner numbers whose keystore carried a seed or private key (dropped, not read). */
  secretsDroppedFrom: number[];
}

/** True for any JSON object Electrum would call a wallet file (it has a wallet_type). */
export function looksLikeElectrumWallet(document: unknown): document is Record<string, unknown> {
  return typeof document === 'object' && document !== null && 'wallet_type' in document;
}

function carriesSecret(keystore: Record<string, unknown>): boolean {
  return SECRET_FIELDS.some((field) => {
    const value = keystore[field];
    return value !== undefined && value !== null && value !== '';
  });
}

/** The key's fingerprint and path from the master key, when the file says (or the key is a master key). */
function originOf(keystore: z.infer<typeof KeystoreSchema>, xpub: string, where: string): string {
  const { root_fingerprint: rootFingerprint, ckcc_xfp: coldcardXfp } = keystore;
  const derivation = keystore.derivation?.replace(/h/g, "'");
  let fingerprint: string | undefined;
  if (rootFingerprint && /^[0-9a-fA-F]{8}$/.test(rootFingerprint))
    fingerprint = rootFingerprint.toLowerCase();
  else if (coldcardXfp != null) {
    fingerprint = Buffer.from(Uint32Array.of(coldcardXfp).buffer).toString('hex');
  }
  const key = parseKeyExpression(xpub, where).key;
  // Older Electrum files hold master keys with no origin; a master key is its own origin.
  if (key.depth === 0 && (derivation === undefined || derivation === 'm')) {
    const network = bitcoinNetwork(key.mainnet ? 'mainnet' : 'testnet');
    const own = fingerprintHex(bip32.fromBase58(key.xpub, network));
    if (fingerprint && fingerprint !== own) {
      throw badInput(
        'KEY_ORIGIN_MISMATCH',
        `${where} is a master key whose fingerprint differs from the file's`,
      );
    }
    return `[${own}]`;
  }
  if (!fingerprint || !derivation || !/^m(\/\d{1,10}')*(\/\d{1,10}'?)*$/.test(derivation)) {
    throw badInput(
      'KEY_ORIGIN_MISSING',
      `${where} has no master fingerprint or derivation path; its signatures cannot be checked`,
    );
  }
  return `[${fingerprint}${derivation.slice(1)}]`;
}

function scriptTypeOf(keys: KeyExpression[]): ScriptType {
  const types = new Set(
    keys.map(({ key }) =>
      key.purpose === 'multisig-p2wsh'
        ? 'p2wsh'
        : key.purpose === 'multisig-p2sh-p2wsh'
          ? 'p2sh-p2wsh'
          : 'p2sh',
    ),
  );
  const [only, ...others] = [...types];
  if (!only || others.length > 0) {
    throw badInput('WALLET_FILE_INVALID', "the Electrum wallet's keys are of different script types");
  }
  return only;
}

/** Reads an Electrum multisig wallet file; seeds and private keys in it are dropped, never read further. */
export function parseElectrumWallet(document: Record<string, unknown>): ElectrumWallet {
  const walletType = String(document.wallet_type).slice(0, 20);
  const policy = /^(\d{1,2})of(\d{1,2})$/.exec(walletType);
  if (!policy) {
    throw badInput(
      'WALLET_FILE_UNSUPPORTED',
      `the Electrum wallet is of type "${walletType.replace(/[^\w-]/g, '')}", not a multisig wallet (such as "2of3")`,
    );
  }
  const [threshold, total] = [Number(policy[1]), Number(policy[2])];
  if (total < 1 || total > MAX_COSIGNERS) {
    throw badInput(
      'WALLET_FILE_INVALID',
      `the Electrum wallet has ${total} cosigners; at most ${MAX_COSIGNERS}`,
    );
  }
  const secretsDroppedFrom: number[] = [];
  const keys = Array.from({ length: total }, (_, i) => {
    const where = `cosigner ${i + 1}`;
    const raw = document[`x${i + 1}/`];
    if (typeof raw !== 'object' || raw === null) {
      throw badInput('WALLET_FILE_INVALID', `the Electrum wallet has no keystore x${i + 1}/ for ${where}`);
    }
    if (carriesSecret(raw as Record<string, unknown>)) secretsDroppedFrom.push(i + 1);
    const keystore = KeystoreSchema.safeParse(raw);
    if (!keystore.success) {
      throw badInput('WALLET_FILE_INVALID', `the Electrum keystore of ${where} has no extended public key`);
    }
    const { xpub } = keystore.data;
    return parseKeyExpression(`${originOf(keystore.data, xpub, where)}${xpub}/<0;1>/*`, where);
  });
  // Electrum always sorts multisig keys (BIP-67), as sortedmulti does.
  return {
    parsed: { scriptType: scriptTypeOf(keys), sorted: true, threshold, keys },
    secretsDroppedFrom,
  };
}

/** The plain note for an import that dropped secrets; names cosigners by number only. */
export function droppedSecretsNote(cosigners: readonly number[]): string | null {
  if (cosigners.length === 0) return null;
  const list = cosigners.length === 1 ? `cosigner ${cosigners[0]}` : `cosigners ${cosigners.join(', ')}`;
  return `the file also held the seed or private key of ${list}; Airlock ignored them and stored only the public keys. Keep that file offline or delete it.`;
}
