import { networks } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { bip32 } from '../../../src/common/ecc';
import type { NetworkName } from '../../../src/common/network';
import { addDescriptorChecksum, isValidDescriptorChecksum } from '../../../src/wallet/checksum';
import { WalletDeriver } from '../../../src/wallet/derive';
import { formatDescriptor, parseDescriptor } from '../../../src/wallet/descriptor';
import { errorCodeOf } from './support';

// Account keys of the Coldcard test wallet (Coldcard/firmware testing/data/multisig/desc-p2wsh-myself.txt).
const KEYS = [
  [
    '0f056943',
    'tpubDF2rnouQaaYrXF4noGTv6rQYmx87cQ4GrUdhpvXkhtChwQPbdGTi8GA88NUaSrwZBwNsTkC9bFkkC8vDyGBVVAQTZ2AS6gs68RQXtXcCvkP',
  ],
  [
    '6ba6cfd0',
    'tpubDFcrvj5n7gyaxWQkoX69k2Zij4vthiAwvN2uhYjDrE6wktKoQaE7gKVZRiTbYdrAYH1UFPGdzdtWJc6WfR2gFMq6XpxA12gCdQmoQNU9mgm',
  ],
  [
    '747b698e',
    'tpubDExj5FnaUnPAn7sHGUeBqD3buoNH5dqmjAT6884vbDpH1iDYWigb7kFo2cA97dc8EHb54u13TRcZxC4kgRS9gc3Ey2xc8c5urytEzTcp3ac',
  ],
] as const;
// Same keys as the Coldcard file's Vpub/vpub would carry: the Coldcard ccxp export of 0f056943.
const VPUB_0F056943 =
  'Vpub5mtnnUUL8u4oyRf5d2NZJqDypgmpx8FontedpqxNyjXTi6fLp8fmpp2wedS6UyuNpDgLDoVH23c6rYpFSEfB9jhdbD8gek2stjxhwJeE1Eq';
// A mainnet account key (sparrowwallet/sparrow cc-multisig-export-1.txt).
const XPUB_MAINNET =
  'xpub6EfEGa5isJbQFSswM5Uptw5BSq2Td1ZDJr3QUNUcMySpC7itZ3ccypVHtLPnvMzKQ2qxrAgH49vhVxRcaQLFbixAVRR8RACrYTp88Uv9h8Z';
const XPRV_BIP32_VECTOR_1 =
  'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi';

const key = (i: number, suffix = '/<0;1>/*', marker = 'h') =>
  `[${KEYS[i]?.[0]}/48${marker}/1${marker}/0${marker}/2${marker}]${KEYS[i]?.[1]}${suffix}`;
const wsh = (inner: string) => `wsh(${inner})`;
const sorted2of3 = (suffix?: string, marker?: string) =>
  `sortedmulti(2,${key(0, suffix, marker)},${key(1, suffix, marker)},${key(2, suffix, marker)})`;

const codeOf = (text: string, network?: NetworkName) =>
  errorCodeOf(() => parseDescriptor(text, { name: 'w', network }));

describe('multisig descriptor parsing', () => {
  const reference = parseDescriptor(wsh(sorted2of3()), { name: 'w' });

  it.each([
    ['/0/*', 'h'],
    ['/1/*', 'h'],
    ['/<0;1>/*', "'"],
    ['/**', 'h'],
    ['/0/*', "'"],
  ])('reads keys ending in %s with %s hardened markers as the same wallet', (suffix, marker) => {
    const text = wsh(sorted2of3(suffix, marker));
    expect(parseDescriptor(text, { name: 'w' })).toEqual(reference);
    expect(parseDescriptor(addDescriptorChecksum(text), { name: 'w' })).toEqual(reference);
  });

  it.each([
    ['wsh', 'sortedmulti', 'p2wsh', true],
    ['wsh', 'multi', 'p2wsh', false],
    ['sh-wsh', 'sortedmulti', 'p2sh-p2wsh', true],
    ['sh-wsh', 'multi', 'p2sh-p2wsh', false],
    ['sh', 'sortedmulti', 'p2sh', true],
    ['sh', 'multi', 'p2sh', false],
  ] as const)('reads %s(%s(…)) as a %s wallet', (wrapper, fn, scriptType, isSorted) => {
    const inner = `${fn}(2,${key(0)},${key(1)},${key(2)})`;
    const text =
      wrapper === 'wsh' ? `wsh(${inner})` : wrapper === 'sh' ? `sh(${inner})` : `sh(wsh(${inner}))`;
    const wallet = parseDescriptor(text, { name: 'w' });
    expect(wallet).toMatchObject({ scriptType, sorted: isSorted, threshold: 2, network: 'testnet' });
    expect(wallet.cosigners).toEqual(
      KEYS.map(([fingerprint, xpub]) => ({ fingerprint, path: "m/48'/1'/0'/2'", xpub })),
    );
    expect(wallet.descriptor).toBe(addDescriptorChecksum(text));
  });

  it('formats the canonical descriptor with <0;1>/*, h markers and a valid checksum, and parses it back', () => {
    const wallet = parseDescriptor(wsh(sorted2of3('/0/*', "'")), { name: 'w' });
    expect(wallet.descriptor).toBe(addDescriptorChecksum(wsh(sorted2of3())));
    expect(isValidDescriptorChecksum(wallet.descriptor)).toBe(true);
    expect(formatDescriptor(wallet)).toBe(wallet.descriptor);
    expect(parseDescriptor(wallet.descriptor, { name: 'w' })).toEqual(wallet);
  });

  it('keeps multi() key order and sorts sortedmulti() keys when deriving', () => {
    const listed = parseDescriptor(wsh(`multi(2,${key(2)},${key(0)},${key(1)})`), { name: 'w' });
    const sortedWallet = parseDescriptor(wsh(`sortedmulti(2,${key(2)},${key(0)},${key(1)})`), { name: 'w' });
    const expectedOrder = KEYS.map((_, i) => (i === 0 ? 2 : i - 1)).map(
      (i) =>
        bip32
          .fromBase58(KEYS[i]?.[1] as string, networks.testnet)
          .derive(0)
          .derive(5).publicKey,
    );
    expect(new WalletDeriver(listed).script(0, 5).pubkeys.map((k) => Buffer.from(k).toString('hex'))).toEqual(
      expectedOrder.map((k) => Buffer.from(k).toString('hex')),
    );
    const sortedKeys = new WalletDeriver(sortedWallet)
      .script(0, 5)
      .pubkeys.map((k) => Buffer.from(k).toString('hex'));
    expect(sortedKeys).toEqual([...sortedKeys].sort());
  });

  it('normalises SLIP-132 keys and checks them against the script type', () => {
    const vpubKey = `[0f056943/48h/1h/0h/2h]${VPUB_0F056943}/0/*`;
    const wallet = parseDescriptor(wsh(`sortedmulti(1,${vpubKey},${key(1, '/0/*')})`), { name: 'w' });
    expect(wallet.cosigners[0]?.xpub).toBe(KEYS[0][1]);
    expect(codeOf(`sh(wsh(sortedmulti(1,${vpubKey},${key(1, '/0/*')})))`)).toBe('SLIP132_MISMATCH');
  });

  it('tells test networks apart only when asked, and refuses a mismatch', () => {
    expect(parseDescriptor(wsh(sorted2of3()), { name: 'w' }).network).toBe('testnet');
    expect(parseDescriptor(wsh(sorted2of3()), { name: 'w', network: 'regtest' }).network).toBe('regtest');
    expect(parseDescriptor(wsh(sorted2of3()), { name: 'w', network: 'signet' }).network).toBe('signet');
    expect(codeOf(wsh(sorted2of3()), 'mainnet')).toBe('NETWORK_MISMATCH');
    const mainnet = `[06b57041/48h/0h/0h/2h]${XPUB_MAINNET}/0/*`;
    expect(parseDescriptor(wsh(`sortedmulti(1,${mainnet})`), { name: 'w' }).network).toBe('mainnet');
    expect(codeOf(wsh(`sortedmulti(1,${mainnet},${key(0)})`))).toBe('MIXED_NETWORKS');
  });

  it('accepts 15 keys and refuses 16', () => {
    const keys = Array.from({ length: 16 }, (_, i) => {
      const master = bip32.fromSeed(Buffer.alloc(32, i + 1), networks.testnet);
      const fp = Buffer.from(master.fingerprint).toString('hex');
      return `[${fp}/48h/1h/0h/2h]${master.derivePath("m/48'/1'/0'/2'").neutered().toBase58()}/0/*`;
    });
    expect(
      parseDescriptor(wsh(`sortedmulti(15,${keys.slice(0, 15).join(',')})`), { name: 'w' }).cosigners,
    ).toHaveLength(15);
    expect(codeOf(wsh(`sortedmulti(2,${keys.join(',')})`))).toBe('TOO_MANY_KEYS');
  });
});

describe('descriptors that cannot be registered', () => {
  const good = wsh(sorted2of3());
  const checksum = addDescriptorChecksum(good).slice(-8);

  it.each([
    [
      'a wrong checksum',
      `${good}#${checksum.slice(0, 7)}${checksum[7] === 'q' ? 'p' : 'q'}`,
      'DESCRIPTOR_CHECKSUM',
    ],
    ['a checksum of another descriptor', `${wsh(sorted2of3('/0/*'))}#${checksum}`, 'DESCRIPTOR_CHECKSUM'],
    [
      'an extended private key',
      wsh(`sortedmulti(1,[00000000/48h/1h/0h/2h]${XPRV_BIP32_VECTOR_1}/0/*)`),
      'PRIVATE_KEY_REFUSED',
    ],
    [
      'a WIF private key',
      wsh('sortedmulti(1,L4rK1yDtCWekvXuE6oXD9jCYfFNV2cWRpVuPLBcCU2z8TrisoyY1)'),
      'PRIVATE_KEY_REFUSED',
    ],
    ['a duplicate key', wsh(`sortedmulti(2,${key(0)},${key(1)},${key(0)})`), 'DUPLICATE_KEY'],
    [
      'threshold above the key count',
      wsh(`sortedmulti(4,${key(0)},${key(1)},${key(2)})`),
      'THRESHOLD_INVALID',
    ],
    ['threshold zero', wsh(`sortedmulti(0,${key(0)},${key(1)})`), 'THRESHOLD_INVALID'],
    ['a non-numeric threshold', wsh(`sortedmulti(a,${key(0)},${key(1)})`), 'DESCRIPTOR_INVALID'],
    ['a hardened step after the xpub', wsh(`sortedmulti(1,${key(0, '/0h/*')})`), 'DESCRIPTOR_INVALID'],
    ['hardened children', wsh(`sortedmulti(1,${key(0, '/0/*h')})`), 'DESCRIPTOR_INVALID'],
    ['a key without origin', wsh(`sortedmulti(1,${KEYS[0][1]}/0/*)`), 'KEY_ORIGIN_MISSING'],
    [
      'an origin of the wrong depth',
      wsh(`sortedmulti(1,[0f056943/48h/1h/0h]${KEYS[0][1]}/0/*)`),
      'KEY_ORIGIN_MISMATCH',
    ],
    [
      'mixed derivations',
      wsh(`sortedmulti(1,${key(0, '/0/*')},${key(1, '/1/*')})`),
      'DESCRIPTOR_UNSUPPORTED',
    ],
    ['another multipath form', wsh(`sortedmulti(1,${key(0, '/<1;0>/*')})`), 'DESCRIPTOR_UNSUPPORTED'],
    ['a three-way multipath', wsh(`sortedmulti(1,${key(0, '/<0;1;2>/*')})`), 'DESCRIPTOR_UNSUPPORTED'],
    ['keys without a chain step', wsh(`sortedmulti(1,${key(0, '/*')})`), 'DESCRIPTOR_UNSUPPORTED'],
    ['a fixed address', wsh(`sortedmulti(1,${key(0, '/0/0')})`), 'DESCRIPTOR_UNSUPPORTED'],
    ['bare keys', wsh(`sortedmulti(1,${key(0, '')})`), 'DESCRIPTOR_UNSUPPORTED'],
    [
      'a single public key',
      wsh('sortedmulti(1,[deadbeef/0h]0260b2003c386519fc9eadf2b5cf124dd8eea4c4e68d5e154050a9346ea98ce600)'),
      'DESCRIPTOR_INVALID',
    ],
    ['a single-signature descriptor', `wpkh(${key(0, '/0/*')})`, 'DESCRIPTOR_UNSUPPORTED'],
    ['a bare multi()', `sortedmulti(1,${key(0)})`, 'DESCRIPTOR_UNSUPPORTED'],
    ['a taproot descriptor', `tr(${key(0)})`, 'DESCRIPTOR_UNSUPPORTED'],
    ['no keys', 'wsh(sortedmulti(1))', 'DESCRIPTOR_INVALID'],
    [
      'a single-signature SLIP-132 key',
      wsh(
        `sortedmulti(1,[0f056943/48h/1h/0h/2h]vpub5YXktPCwn8uMZFU64TRC2fC8Bb9aCRFCGLW1DpjK4ugZhDiPsuH7tUvJXLwEw7V589Ev9NJcsx455MNp4MY9esDDzADnKssRSTKQhgCrtoZ/0/*)`,
      ),
      'SINGLESIG_KEY',
    ],
  ])('refuses %s with %s', (_name, text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  // BIP-380 "Invalid expression" and BIP-389 "Invalid descriptors" vectors, placed inside a wallet descriptor.
  const xpub = KEYS[0][1];
  it.each([
    ['children indicator in key origin', `[deadbeef/0h/0h/0h/*]${xpub}/0/*`],
    ['trailing slash in key origin', `[deadbeef/0h/0h/0h/]${xpub}/0/*`],
    ['too short fingerprint', `[deadbef/0h/0h/0h]${xpub}/0/*`],
    ['too long fingerprint', `[deadbeeef/0h/0h/0h]${xpub}/0/*`],
    ['invalid hardened indicators f', `[deadbeef/0f/0f/0f]${xpub}/0/*`],
    ['invalid hardened indicators H', `[deadbeef/0H/0H/0H]${xpub}/0/*`],
    ['invalid hardened indicators -', `[deadbeef/-0/-0/-0]${xpub}/0/*`],
    ['derivation index out of range', `[deadbeef/48h/1h/0h/2h]${xpub}/2147483648/*`],
    ['invalid derivation index', `[deadbeef/48h/1h/0h/2h]${xpub}/1aa/*`],
    ['multiple key origins', `[aaaaaaaa][aaaaaaaa]${xpub}/0/*`],
    ['missing key origin start', `aaaaaaaa]${xpub}/0/*`],
    ['non hex fingerprint', `[gaaaaaaa/48h/1h/0h/2h]${xpub}/0/*`],
    ['key origin with no public key', '[deadbeef]'],
    ['multiple multipath specifiers', `[deadbeef/48h/1h/0h/2h]${xpub}/<0;1>/<2;3>`],
    ['multipath specifier in origin', `[deadbeef/<0;1>]${xpub}/0/*`],
    ['empty multipath specifier', `[deadbeef/48h/1h/0h/2h]${xpub}/<>/*`],
    ['missing multipath start', `[deadbeef/48h/1h/0h/2h]${xpub}/0>/*`],
    ['missing multipath end', `[deadbeef/48h/1h/0h/2h]${xpub}/<0/*`],
    ['missing index in multipath specifier', `[deadbeef/48h/1h/0h/2h]${xpub}/<0;>/*`],
    ['duplicate index in multipath specifier', `[deadbeef/48h/1h/0h/2h]${xpub}/<0;0>/*`],
  ])('rejects the key expression with %s as DESCRIPTOR_INVALID', (_name, keyExpression) => {
    expect(codeOf(wsh(`sortedmulti(1,${keyExpression})`))).toBe('DESCRIPTOR_INVALID');
  });

  it('never echoes a private key in its error message', () => {
    try {
      parseDescriptor(wsh(`sortedmulti(1,[00000000/48h/1h/0h/2h]${XPRV_BIP32_VECTOR_1}/0/*)`), { name: 'w' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain(XPRV_BIP32_VECTOR_1.slice(4, 24));
    }
  });
});
