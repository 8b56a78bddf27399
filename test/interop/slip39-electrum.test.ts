import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { NetworkName } from '../../src/common/network';
import { accountXpub } from '../../src/keys/hd';
import { combineShares, splitMasterSecret } from '../../src/keys/slip39';
import vectors from '../fixtures/slip39/vectors.json';

const ElectrumKeysSchema = z.array(
  z.object({ fingerprint: z.string(), keys: z.record(z.string(), z.string()) }),
);

interface ElectrumRequest {
  network: NetworkName;
  passphrase: string;
  mnemonics: string[];
  paths: string[];
}

/** Asks Debian's Electrum (python3-electrum) for the account keys each share set gives, in one process. */
function electrumKeys(requests: ElectrumRequest[]) {
  const result = spawnSync('/usr/bin/python3', [join(import.meta.dirname, 'electrum_slip39.py')], {
    input: JSON.stringify(requests),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`Electrum failed: ${result.stderr}`);
  const answers = ElectrumKeysSchema.parse(JSON.parse(result.stdout));
  expect(answers).toHaveLength(requests.length);
  return answers;
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

  it("gives Electrum's BIP-48 keys for every original-format vector, on mainnet and testnet", () => {
    const cases = comparable.flatMap(([description, mnemonics]) =>
      (['mainnet', 'testnet'] as const).map((network) => ({
        description,
        network,
        mnemonics,
        ours: airlockKeys({ mnemonics, passphrase: 'TREZOR', network }),
      })),
    );
    const theirs = electrumKeys(
      cases.map(({ network, mnemonics, ours }) => ({
        network,
        passphrase: 'TREZOR',
        mnemonics,
        paths: ours.map((k) => k.path),
      })),
    );
    cases.forEach(({ description, network, ours }, i) => {
      const answer = theirs[i]!;
      const where = `${description} (${network})`;
      expect(
        ours.map((k) => k.fingerprint),
        where,
      ).toEqual([answer.fingerprint, answer.fingerprint]);
      expect(
        ours.map((k) => k.xpub),
        where,
      ).toEqual(ours.map((k) => answer.keys[k.path]));
    });
  });

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
    const [theirs] = electrumKeys([
      { network: 'testnet', passphrase: 'custody', mnemonics, paths: ours.map((k) => k.path) },
    ]);
    expect(ours.map((k) => k.xpub)).toEqual(ours.map((k) => theirs!.keys[k.path]));
  });
});
