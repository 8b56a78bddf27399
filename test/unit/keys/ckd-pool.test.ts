import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { toHex } from '../../../src/common/bytes';
import { childPublicKey } from '../../../src/keys/ckd';
import { ChildKeyPool } from '../../../src/keys/ckd-pool';
import { masterNode } from '../../../src/keys/hd';
import { nonHardenedVectorSteps } from '../../helpers/bip32-vectors';

// Every batch goes to the workers (by default small batches stay on the calling thread).
const pool = new ChildKeyPool({ size: 2, minParallelJobs: 1 });
afterAll(() => pool.close());

describe('worker-thread CKDpub pool', () => {
  it('derives the BIP-32 vectors’ non-hardened children on its workers', async () => {
    const steps = nonHardenedVectorSteps();
    expect(steps).toHaveLength(6);
    const before = pool.derivedByWorkers;
    const keys = await pool.childPublicKeys(steps);
    expect(keys.map((k) => toHex(k!))).toEqual(steps.map((step) => toHex(step.child.publicKey)));
    // Two workers took two shares of three; the calling thread derived the last.
    expect(pool.derivedByWorkers - before).toBe(4);
  });

  it('agrees with the calling thread for random parents and indexes, in order, whatever the split', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.uint8Array({ minLength: 16, maxLength: 64 }), fc.nat({ max: 0x7fffffff })), {
          minLength: 1,
          maxLength: 40,
        }),
        async (cases) => {
          const jobs = cases.map(([seed, index]) => ({ parent: masterNode(seed, 'testnet'), index }));
          const keys = await pool.childPublicKeys(jobs);
          expect(keys.map((k) => toHex(k!))).toEqual(
            jobs.map(({ parent, index }) => toHex(childPublicKey(parent, index)!)),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses hardened indexes before anything reaches a worker', async () => {
    const parent = masterNode(new Uint8Array(32).fill(1), 'mainnet');
    await expect(pool.childPublicKeys([{ parent, index: 0x80000000 }])).rejects.toThrow(RangeError);
  });

  it('derives on the calling thread once closed', async () => {
    const closed = new ChildKeyPool({ size: 1, minParallelJobs: 1 });
    const parent = masterNode(new Uint8Array(32).fill(7), 'testnet');
    // Two jobs: one for the worker, one for the calling thread.
    await closed.childPublicKeys([0, 1].map((index) => ({ parent, index })));
    expect(closed.derivedByWorkers).toBe(1);
    await closed.close();
    const keys = await closed.childPublicKeys([3, 4, 5].map((index) => ({ parent, index })));
    expect(keys.map((k) => toHex(k!))).toEqual([3, 4, 5].map((i) => toHex(childPublicKey(parent, i)!)));
    expect(closed.derivedByWorkers).toBe(1);
  });
});

describe('a pool closed while its workers hold work', () => {
  it('derives their share on the calling thread', async () => {
    const closing = new ChildKeyPool({ size: 1, minParallelJobs: 1 });
    const parent = masterNode(new Uint8Array(32).fill(9), 'testnet');
    const indexes = Array.from({ length: 200 }, (_, i) => i);
    const pending = closing.childPublicKeys(indexes.map((index) => ({ parent, index })));
    await closing.close();
    const keys = await pending;
    expect(keys.map((k) => toHex(k!))).toEqual(indexes.map((i) => toHex(childPublicKey(parent, i)!)));
    expect(closing.derivedByWorkers).toBe(0);
  });
});
