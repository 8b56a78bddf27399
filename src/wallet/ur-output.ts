import {
  Bytes,
  CryptoHDKey,
  type CryptoKeypath,
  CryptoOutput,
  ScriptExpressions,
} from '@keystonehq/bc-ur-registry';
import { URDecoder } from '@ngraveio/bc-ur';
import { badInput } from '../common/errors';
import { type CborValue, readCbor } from '../qr/cbor';
import { assertWellFormedCbor } from '../qr/cbor-guard';
import { encodeExtendedKey, keyExpressionFromHdKey, TAG } from '../qr/hdkey';

/**
 * BCR-2020-010 `crypto-output` (UR type `ur:crypto-output`): the CBOR form of an output descriptor
 * that Sparrow, Keystone, BlueWallet and SeedHammer show as a QR code. Converted to descriptor text
 * here, so a scanned wallet goes through exactly the same checks as a typed one.
 */

const HARDENED_OFFSET = 0x80000000;

function urInvalid(message: string) {
  return badInput('UR_INVALID', message);
}

function pathText(keypath: CryptoKeypath | undefined): string {
  return (keypath?.getComponents() ?? [])
    .map((c) => (c.isWildcard() ? '*' : `${c.getIndex()}${c.isHardened() ? 'h' : ''}`))
    .join('/');
}

/** Rebuilds the BIP-32 serialisation from the key's parts; version from its use-info network. */
function extendedKey(hdKey: CryptoHDKey, where: string): string {
  if (hdKey.isPrivateKey() || hdKey.isMaster()) {
    throw badInput('PRIVATE_KEY_REFUSED', `${where} is a private key; Airlock accepts no private key here`);
  }
  const key = hdKey.getKey();
  const chainCode = hdKey.getChainCode();
  if (key?.length !== 33 || chainCode?.length !== 32) throw urInvalid(`${where} lacks its key or chain code`);
  const origin = hdKey.getOrigin();
  const components = origin?.getComponents() ?? [];
  const last = components.at(-1);
  // Without an explicit parent fingerprint, a key one step below the master has the master's as parent.
  const parent =
    hdKey.getParentFingerprint() ??
    (components.length === 1 ? origin?.getSourceFingerprint() : undefined) ??
    Buffer.alloc(4);
  return encodeExtendedKey({
    key,
    chainCode,
    depth: components.length || origin?.getDepth() || 0,
    parentFingerprint: parent,
    childIndex: last && !last.isWildcard() ? last.getIndex() + (last.isHardened() ? HARDENED_OFFSET : 0) : 0,
    testnet: hdKey.getUseInfo()?.getNetwork() === 1,
  });
}

function keyExpression(hdKey: CryptoHDKey, where: string): string {
  const origin = hdKey.getOrigin();
  const fingerprint = origin?.getSourceFingerprint();
  const originText = fingerprint
    ? `[${fingerprint.toString('hex')}${origin?.getComponents().length ? `/${pathText(origin)}` : ''}]`
    : '';
  const children = pathText(hdKey.getChildren());
  return `${originText}${extendedKey(hdKey, where)}${children ? `/${children}` : ''}`;
}

/** The descriptor text of a multisig crypto-output (without checksum). */
export function descriptorFromCryptoOutput(cbor: Uint8Array): string {
  assertWellFormedCbor(cbor);
  let output: CryptoOutput;
  try {
    output = CryptoOutput.fromCBOR(Buffer.from(cbor));
  } catch {
    throw urInvalid('the crypto-output does not decode as CBOR of BCR-2020-010');
  }
  const wrappers = output.getScriptExpressions().map((e) => e.getTag());
  const { SCRIPT_HASH, WITNESS_SCRIPT_HASH, MULTISIG, SORTED_MULTISIG } = ScriptExpressions;
  const [multiTag, ...outer] = [...wrappers].reverse();
  const outerText = outer.join(',');
  const supportedOuter = [
    `${WITNESS_SCRIPT_HASH.getTag()}`,
    `${SCRIPT_HASH.getTag()}`,
    `${WITNESS_SCRIPT_HASH.getTag()},${SCRIPT_HASH.getTag()}`,
  ];
  const multi = output.getMultiKey();
  if ((multiTag !== MULTISIG.getTag() && multiTag !== SORTED_MULTISIG.getTag()) || !multi) {
    throw badInput('DESCRIPTOR_UNSUPPORTED', 'the scanned output descriptor is not a multisig wallet');
  }
  if (!supportedOuter.includes(outerText)) {
    throw badInput(
      'DESCRIPTOR_UNSUPPORTED',
      'the scanned multisig is not wrapped in wsh(), sh(wsh()) or sh()',
    );
  }
  const keys = multi.getKeys().map((key, i) => {
    if (!(key instanceof CryptoHDKey)) {
      throw badInput(
        'DESCRIPTOR_INVALID',
        `cosigner ${i + 1} is a single public key; a wallet needs extended keys`,
      );
    }
    return keyExpression(key, `cosigner ${i + 1}`);
  });
  const name = multiTag === SORTED_MULTISIG.getTag() ? 'sortedmulti' : 'multi';
  let text = `${name}(${multi.getThreshold()},${keys.join(',')})`;
  for (const tag of outer) text = `${tag === SCRIPT_HASH.getTag() ? 'sh' : 'wsh'}(${text})`;
  return text;
}

/**
 * BCR-2023-010 `output-descriptor` (UR type `ur:output-descriptor`, which replaces crypto-output): the
 * descriptor text with `@0`, `@1`… standing for the keys that follow it as version 2 hdkeys.
 */
export function descriptorFromOutputDescriptor(cbor: Uint8Array): { descriptor: string; name?: string } {
  let value: CborValue = readCbor(cbor);
  if (typeof value === 'object' && value !== null && 'tag' in value && value.tag === TAG.OUTPUT_DESCRIPTOR) {
    value = value.value;
  }
  if (!(value instanceof Map)) throw urInvalid('the output-descriptor is not a CBOR map (BCR-2023-010)');
  const [source, keys = [], name] = [value.get(1), value.get(2), value.get(3)];
  if (typeof source !== 'string' || !Array.isArray(keys)) {
    throw urInvalid('the output-descriptor lacks its descriptor text or key list (BCR-2023-010)');
  }
  const expressions = keys.map((key, i) => {
    const tag = typeof key === 'object' && key !== null && 'tag' in key ? key.tag : TAG.HDKEY;
    if (tag !== TAG.HDKEY) {
      throw badInput(
        'DESCRIPTOR_INVALID',
        `cosigner ${i + 1} is a single key or address; a wallet needs extended keys`,
      );
    }
    return keyExpressionFromHdKey(key, `cosigner ${i + 1}`);
  });
  const descriptor = source.replace(/@(\d+)/g, (_, n: string) => {
    const expression = expressions[Number(n)];
    if (expression === undefined)
      throw urInvalid(`the output-descriptor refers to key @${n}, which it does not hold`);
    return expression;
  });
  return { descriptor, ...(typeof name === 'string' ? { name } : {}) };
}

/** Decodes a single-part UR (`ur:crypto-output/…` or `ur:bytes/…`); animated URs are assembled by src/qr. */
export function decodeSinglePartUr(text: string): { type: string; cbor: Uint8Array } {
  if (/^ur:[a-z0-9-]+\/\d+-\d+\//i.test(text)) {
    throw urInvalid('this is one part of an animated UR; scan all its parts to assemble it first');
  }
  try {
    const ur = URDecoder.decode(text.toLowerCase());
    return { type: ur.type, cbor: new Uint8Array(ur.cbor) };
  } catch {
    throw urInvalid('the UR text does not decode');
  }
}

/** The text inside a `ur:bytes` payload (a CBOR byte string), as BlueWallet shares its multisig file. */
export function textFromUrBytes(cbor: Uint8Array): string {
  assertWellFormedCbor(cbor);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Bytes.fromCBOR(Buffer.from(cbor)).getData());
  } catch {
    throw urInvalid('the ur:bytes payload is not a CBOR byte string of UTF-8 text');
  }
}
