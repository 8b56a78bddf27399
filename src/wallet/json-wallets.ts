import { z } from 'zod';
import { badInput } from '../common/errors';
import type { NetworkName } from '../common/network';
import type { ParsedDescriptor } from './descriptor';
import { MAX_COSIGNERS } from './descriptor';
import { looksLikeElectrumWallet, parseElectrumWallet } from './electrum-wallet';
import { parseKeyExpression } from './key-expression';
import type { ScriptType } from './types';

/** JSON wallet exports: Caravan's wallet configuration, Electrum's wallet file, and files with a descriptor field. */

const CaravanKeySchema = z.object({
  name: z.string().optional(),
  bip32Path: z.string(),
  xpub: z.string(),
  xfp: z.string().optional(),
});

const CaravanConfigSchema = z.object({
  name: z.string().optional(),
  addressType: z.enum(['P2WSH', 'P2SH-P2WSH', 'P2SH_P2WSH', 'P2SH']),
  network: z.enum(['mainnet', 'testnet', 'signet', 'regtest']),
  quorum: z.object({
    requiredSigners: z.number().int(),
    totalSigners: z.number().int(),
  }),
  extendedPublicKeys: z.array(CaravanKeySchema).min(1).max(MAX_COSIGNERS),
});

/** Specter Desktop, Sparrow and Nunchuk exports: `{ "label" | "name", "descriptor" }`. */
const DescriptorJsonSchema = z.object({
  label: z.string().optional(),
  name: z.string().optional(),
  descriptor: z.string(),
});

/** Bitcoin Core `listdescriptors`: receive and change descriptors of one wallet. */
const CoreDescriptorsSchema = z.object({
  wallet_name: z.string().optional(),
  descriptors: z
    .array(z.object({ desc: z.string() }))
    .min(1)
    .max(8),
});

const CARAVAN_TYPES: Record<z.infer<typeof CaravanConfigSchema>['addressType'], ScriptType> = {
  P2WSH: 'p2wsh',
  'P2SH-P2WSH': 'p2sh-p2wsh',
  P2SH_P2WSH: 'p2sh-p2wsh',
  P2SH: 'p2sh',
};

export type JsonWallet =
  | { format: 'caravan'; name?: string; network: NetworkName; parsed: ParsedDescriptor }
  | { format: 'json-descriptor'; name?: string; descriptors: string[] }
  | { format: 'electrum'; parsed: ParsedDescriptor; secretsDroppedFrom: number[] };

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'the document'}: ${issue.message}` : 'unknown shape';
}

function caravanWallet(config: z.infer<typeof CaravanConfigSchema>): JsonWallet {
  const keys = config.extendedPublicKeys.map((entry, i) => {
    const where = `cosigner ${i + 1}`;
    // Caravan's mark for a key whose path it was not told (Unchained's platform key): origin unknown.
    if (entry.bip32Path.trim().toLowerCase() === 'unknown') {
      return parseKeyExpression(`${entry.xpub}/<0;1>/*`, where);
    }
    if (!entry.xfp || !/^[0-9a-fA-F]{8}$/.test(entry.xfp)) {
      throw badInput(
        'KEY_ORIGIN_MISSING',
        `${where} has no master fingerprint (xfp); its signatures cannot be checked`,
      );
    }
    const path = entry.bip32Path.replace(/h/g, "'");
    if (!/^m(\/\d{1,10}'?)*$/.test(path)) {
      throw badInput(
        'KEY_ORIGIN_MISSING',
        `${where} has no usable BIP-32 path; its signatures cannot be checked`,
      );
    }
    return parseKeyExpression(`[${entry.xfp}${path.slice(1)}]${entry.xpub}/<0;1>/*`, where);
  });
  if (config.quorum.totalSigners !== keys.length) {
    throw badInput(
      'WALLET_FILE_INVALID',
      `the configuration declares ${config.quorum.totalSigners} signers but lists ${keys.length} keys`,
    );
  }
  return {
    format: 'caravan',
    name: config.name,
    network: config.network,
    // Caravan orders keys by BIP-67, as sortedmulti does.
    parsed: {
      scriptType: CARAVAN_TYPES[config.addressType],
      sorted: true,
      threshold: config.quorum.requiredSigners,
      keys,
    },
  };
}

export function parseJsonWallet(text: string): JsonWallet {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw badInput('WALLET_FILE_INVALID', 'the wallet file looks like JSON but does not parse');
  }
  if (typeof document === 'object' && document !== null && 'extendedPublicKeys' in document) {
    const config = CaravanConfigSchema.safeParse(document);
    if (!config.success) {
      throw badInput(
        'WALLET_FILE_INVALID',
        `the Caravan wallet configuration is invalid at ${firstIssue(config.error)}`,
      );
    }
    return caravanWallet(config.data);
  }
  if (looksLikeElectrumWallet(document)) return { format: 'electrum', ...parseElectrumWallet(document) };
  const single = DescriptorJsonSchema.safeParse(document);
  if (single.success) {
    return {
      format: 'json-descriptor',
      name: single.data.label ?? single.data.name,
      descriptors: [single.data.descriptor],
    };
  }
  const core = CoreDescriptorsSchema.safeParse(document);
  if (core.success) {
    return {
      format: 'json-descriptor',
      name: core.data.wallet_name,
      descriptors: core.data.descriptors.map((d) => d.desc),
    };
  }
  throw badInput(
    'WALLET_FILE_INVALID',
    'the JSON file is neither a Caravan wallet configuration, an Electrum wallet file nor a file with a "descriptor" field',
  );
}
