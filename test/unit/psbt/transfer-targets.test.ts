import { afterAll, describe, expect, it } from 'vitest';
import { ChildKeyPool } from '../../../src/keys/ckd-pool';
import { prepareTransferTargets, TRANSFER_SEARCH_RANGE, transferTarget } from '../../../src/psbt/transfers';
import { WalletDeriver } from '../../../src/wallet/derive';
import { testWallet } from '../../helpers/multisig-psbt';

const company = testWallet({ name: 'company-cold', threshold: 1 });
const pool = new ChildKeyPool({ size: 1, minParallelJobs: 1 });
afterAll(() => pool.close());

const scriptAt = (chain: 0 | 1, index: number) =>
  new WalletDeriver(company).script(chain, index).outputScript;
const target = (outputScript: Uint8Array) =>
  transferTarget({ wallets: [company], outputScript, derivations: undefined })?.name ?? null;

describe("another wallet's first addresses derived ahead of the review", () => {
  it('are derived once with the workers, even when asked for twice at the same time', async () => {
    await Promise.all([prepareTransferTargets([company], pool), prepareTransferTargets([company], pool)]);
    // Both branches, every index, three cosigners each, split evenly between this thread and the
    // one worker: asked for twice, the worker would have derived all of them.
    const derivations = 2 * TRANSFER_SEARCH_RANGE * company.cosigners.length;
    expect(pool.derivedByWorkers).toBe(derivations / 2);
    await prepareTransferTargets([company], pool);
    expect(pool.derivedByWorkers).toBe(derivations / 2);
  });

  it('name the wallet for its first and last searched receive and change addresses, and not beyond', () => {
    expect(target(scriptAt(0, 0))).toBe('company-cold');
    expect(target(scriptAt(0, TRANSFER_SEARCH_RANGE - 1))).toBe('company-cold');
    expect(target(scriptAt(1, TRANSFER_SEARCH_RANGE - 1))).toBe('company-cold');
    expect(target(scriptAt(0, TRANSFER_SEARCH_RANGE))).toBeNull();
    expect(target(scriptAt(1, TRANSFER_SEARCH_RANGE))).toBeNull();
  });
});
