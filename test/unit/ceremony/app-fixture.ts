import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { createAirlockMain } from '../../../main/api/app';
import { airlockCore } from '../../../main/api/core';
import type { ApiHandlers } from '../../../main/api/handlers';
import { auditPath } from '../../../src/audit/log';
import { writePolicyFile } from '../../../src/ceremony/configuration';
import { enrollApprover } from '../../../src/policy/approvers';
import { walletId } from '../../../src/wallet/identity';
import { registerWallet } from '../../../src/wallet/registry';
import { partitionedWallet } from '../../helpers/app';
import { tempDir } from '../../helpers/cli';
import { value } from '../../helpers/ipc-result';
import { spendOf, testWallet } from '../../helpers/multisig-psbt';
import { shareIndices } from '../../helpers/shares';

/** The app's side of the tamper tests: a sealed device driven through the real handlers. */

export const { wallet, shares } = partitionedWallet();
export const offline = () => ({});
export const spend = (amount: bigint) => spendOf(wallet, amount);

/** One ceremony through the handlers: select, load, review, two shares, sign. */
export async function ceremony(handlers: ApiHandlers, amount = 1_000_000n) {
  await value(handlers.selectWallet({ name: 'treasury' }));
  await value(handlers.loadPsbtText({ text: spend(amount) }));
  await value(handlers.reviewCurrent({}));
  await value(handlers.confirmReview({}));
  await value(handlers.addShare({ indices: shareIndices(shares[0] ?? '') }));
  await value(handlers.addShare({ indices: shareIndices(shares[1] ?? '') }));
  return handlers.sign({ format: 'base64' });
}

/**
 * An app whose first quorum ceremony sealed the device and signed once under a 24-hour limit; with
 * `reserve`, a second sealed wallet (3-of-3, not the device's to sign) is registered beside it.
 */
export async function sealedApp({ reserve = false } = {}) {
  const dataDir = tempDir();
  enrollApprover(dataDir, { name: 'alice', pin: 'tulip anchor 482913' });
  if (reserve) registerWallet(dataDir, testWallet({ name: 'reserve', threshold: 3 }));
  const { handlers, context } = createAirlockMain({
    dataDir,
    core: airlockCore,
    appVersion: 'test',
    listInterfaces: offline,
  });
  await value(handlers.importWallet({ text: wallet.descriptor, name: 'treasury' }));
  writePolicyFile(dataDir, walletId(wallet), { wallet: 'treasury', maxPer24h: 3_000_000 });
  expect((await value(handlers.configStatus({}))).toBeSealed).toContain(
    'set the policy of wallet treasury: at most 3000000 sat per 24 hours',
  );
  const first = await value(ceremony(handlers));
  expect(first.auditHead).toMatch(/^\d+:[0-9a-f]{64}$/);
  expect((await value(handlers.configStatus({}))).sealed).toBe(true);
  return { dataDir, handlers, context };
}

/** Signing is refused with `code`, saying `says`; no new signature, and the refusal is the log's last entry. */
export async function expectRefused(
  handlers: ApiHandlers,
  dataDir: string,
  code: string,
  says: RegExp,
  amount?: bigint,
) {
  const signedBefore = readFileSync(auditPath(dataDir), 'utf8').split('"event":"signed"').length;
  const result = await ceremony(handlers, amount);
  expect(result).toMatchObject({ ok: false, error: { kind: 'refused', code } });
  expect(result.ok ? '' : result.error.message).toMatch(says);
  const log = readFileSync(auditPath(dataDir), 'utf8');
  expect(log.split('"event":"signed"').length).toBe(signedBefore);
  expect(log.trim().split('\n').at(-1)).toContain('"event":"refused"');
}
