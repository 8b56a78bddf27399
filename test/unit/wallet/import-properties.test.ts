import { networks } from 'bitcoinjs-lib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bip32 } from '../../../src/common/ecc';
import { isAirlockError } from '../../../src/common/errors';
import type { NetworkName } from '../../../src/common/network';
import { formatDescriptor, parseDescriptor } from '../../../src/wallet/descriptor';
import { importWallet } from '../../../src/wallet/import';
import { type ScriptType, WalletSchema } from '../../../src/wallet/types';
import { descriptorFromCryptoOutput } from '../../../src/wallet/ur-output';
import { fixture } from './support';

const SEEDS = [
  fixture('coldcard/desc-p2wsh-myself.txt').trim(),
  // Without its checksum, so mutations reach the key expressions instead of stopping at the checksum.
  fixture('coldcard/desc-p2sh-myself.txt').trim().replace(/#.*$/, ''),
  fixture('coldcard/export-p2sh-p2wsh-myself.txt'),
  fixture('sparrow/bsms/multisig-3.bsms'),
  fixture('caravan/bitcoin-2-of-2-P2WSH_TESTNET.json'),
  fixture('nunchuk/nested-1of3-descriptors.txt'),
];

/** Characters that matter to the grammars: structure, separators, base58 and hex. */
const INTERESTING = '()[]<>;,/*#h\'{}":\n 0123456789abcdefABCDEFxpubtpubVpubxprv';

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), char: fc.constantFrom(...INTERESTING) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), char: fc.constantFrom(...INTERESTING) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % text.length;
  switch (m.kind) {
    case 'replace':
      return text.slice(0, at) + m.char + text.slice(at + 1);
    case 'insert':
      return text.slice(0, at) + m.char + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'truncate':
      return text.slice(0, at);
    case 'repeat':
      return text.slice(0, at + m.length) + text.slice(at);
  }
}

/** The only acceptable outcomes: a schema-valid wallet, or a typed AirlockError. */
function importsOrFailsTyped(text: string): void {
  try {
    const wallet = importWallet({ text });
    expect(WalletSchema.safeParse(wallet).success).toBe(true);
  } catch (error) {
    if (!isAirlockError(error)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.message).not.toContain('\n');
  }
}

describe('wallet import under hostile input', () => {
  it('mutated real exports end in a valid wallet or a typed error', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (seed, ms) => {
          importsOrFailsTyped(ms.reduce(mutate, seed));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('random text ends in a typed error', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...INTERESTING), maxLength: 400 }), (text) => {
        importsOrFailsTyped(text);
      }),
      { numRuns: 300 },
    );
  });

  it('random JSON ends in a typed error', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 3 }), (text) => {
        importsOrFailsTyped(text);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses input past the size limit before parsing it', () => {
    const huge = `wsh(sortedmulti(1,${'['.repeat(70 * 1024)}))`;
    try {
      importWallet({ text: huge });
      expect.unreachable();
    } catch (error) {
      expect(isAirlockError(error) && error.code).toBe('WALLET_FILE_TOO_LARGE');
    }
  });

  it('handles deeply repeated structure without hanging', () => {
    const nested = `${'sh('.repeat(5000)}wsh(sortedmulti(1,x))${')'.repeat(5000)}`;
    importsOrFailsTyped(nested);
    importsOrFailsTyped(`wsh(sortedmulti(1,${'<0;'.repeat(3000)}))`);
  });
});

describe('canonical descriptor round trip', () => {
  const accountKey = (seed: number, account: number) => {
    const master = bip32.fromSeed(Buffer.alloc(32, seed), networks.testnet);
    return {
      fingerprint: Buffer.from(master.fingerprint).toString('hex'),
      path: `m/48'/1'/${account}'/2'`,
      xpub: master.derivePath(`m/48'/1'/${account}'/2'`).neutered().toBase58(),
    };
  };

  it('formatDescriptor and parseDescriptor invert each other for any wallet', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 255 }), { minLength: 1, maxLength: 5 }),
        fc.nat({ max: 4 }),
        fc.nat({ max: 100 }),
        fc.constantFrom('p2wsh', 'p2sh-p2wsh', 'p2sh') as fc.Arbitrary<ScriptType>,
        fc.boolean(),
        fc.constantFrom('testnet', 'signet', 'regtest') as fc.Arbitrary<NetworkName>,
        (seeds, thresholdOffset, account, scriptType, sorted, network) => {
          const cosigners = seeds.map((seed) => accountKey(seed, account));
          const threshold = 1 + (thresholdOffset % cosigners.length);
          const descriptor = formatDescriptor({ scriptType, sorted, threshold, cosigners });
          const wallet = parseDescriptor(descriptor, { name: 'w', network });
          expect(wallet).toEqual({
            name: 'w',
            network,
            scriptType,
            sorted,
            threshold,
            cosigners,
            descriptor,
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('crypto-output CBOR under hostile input', () => {
  const { vectors } = JSON.parse(fixture('ur/crypto-output-vectors.json')) as {
    vectors: { cborHex: string }[];
  };
  const seeds = vectors.map((v) => Buffer.from(v.cborHex, 'hex'));

  it('mutated and random CBOR ends in descriptor text or a typed error', () => {
    const mutatedCbor = fc
      .tuple(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
      )
      .map(([seed, edits]) => {
        const bytes = Uint8Array.from(seed);
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        return bytes;
      });
    fc.assert(
      fc.property(fc.oneof(mutatedCbor, fc.uint8Array({ maxLength: 300 })), (cbor) => {
        try {
          expect(typeof descriptorFromCryptoOutput(cbor)).toBe('string');
        } catch (error) {
          if (!isAirlockError(error)) throw error;
        }
      }),
      { numRuns: 300 },
    );
  });
});
