import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { NetworkName } from '../../src/common/network';
import { accountXpub } from '../../src/keys/hd';
import { combineShares, splitMasterSecret } from '../../src/keys/slip39';
import vectors from '../fixtures/slip39/vectors.json';

const ElectrumKeysSchema = z.object({ fingerprint: z.string(), keys: z.record(z.string(), z.string()) });

/** Asks Debian's Electrum (python3-electrum) for the account keys these shares give. */
function electrumKeys(request: {
  network: NetworkName;
  passphrase: string;
  mnemonics: string[];
  paths: string[];
}) {
  const result = spawnSync('/usr/bin/python3', [join(import.meta.dirname, 'electrum_slip39.py')], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`Electrum failed: ${result.stderr}`);
  return ElectrumKeysSchema.parse(JSON.parse(result.stdout));
}

function airlockKeys({
  mnemonics,
  passphrase,
  network,
}: {
  mnemonics: string[];
  passphrase: string;
  network: NetworkName;
}) {
  const seed = combineShares({ mnemonics, passphrase });
  return (['p2wsh', 'p2sh-p2wsh'] as const).map((scriptType) => accountXpub({ seed, scriptType, network }));
}

type Vector = [string, string[], string, string];
// Electrum 4.3 predates SLIP-39's extendable flag, so only the original-format vectors are compared.
const comparable = (vectors as Vector[]).filter(
  ([description, , secret]) => secret && !description.includes('xtendable'),
);

describe('SLIP-39 parity with Electrum', () => {
  it('has original-format vectors to compare', () => {
    expect(comparable.length).toBeGreaterThanOrEqual(10);
  });

  for (const [description, mnemonics] of comparable) {
    it(`gives Electrum's BIP-48 keys for vector "${description}"`, () => {
      for (const network of ['mainnet', 'testnet'] as const) {
        const ours = airlockKeys({ mnemonics, passphrase: 'TREZOR', network });
        const theirs = electrumKeys({
          network,
          passphrase: 'TREZOR',
          mnemonics,
          paths: ours.map((k) => k.path),
        });
        expect(ours.map((k) => k.fingerprint)).toEqual([theirs.fingerprint, theirs.fingerprint]);
        expect(ours.map((k) => k.xpub)).toEqual(ours.map((k) => theirs.keys[k.path]));
      }
    });
  }

  it('Electrum reads shares that Airlock splits (2 of 3 groups, passphrase) to the same key', () => {
    const secret = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
    const groups = splitMasterSecret({
      masterSecret: secret,
      groupThreshold: 2,
      groups: [
        { threshold: 2, count: 3 },
        { threshold: 3, count: 5 },
        { threshold: 1, count: 1 },
      ],
      passphrase: 'custody',
      iterationExponent: 1,
    });
    const mnemonics = [groups[1]![4]!, groups[1]![0]!, groups[1]![2]!, groups[2]![0]!];
    const ours = airlockKeys({ mnemonics, passphrase: 'custody', network: 'testnet' });
    const theirs = electrumKeys({
      network: 'testnet',
      passphrase: 'custody',
      mnemonics,
      paths: ours.map((k) => k.path),
    });
    expect(ours.map((k) => k.xpub)).toEqual(ours.map((k) => theirs.keys[k.path]));
  });
});
