import { performance } from 'node:perf_hooks';
import { ChildKeyPool } from '../src/keys/ckd-pool';
import { parsePsbt } from '../src/psbt/parse';
import { prepareDeriver, reviewPsbt } from '../src/psbt/review';
import { buildPsbt, EXTERNAL_SCRIPT, testWallet } from '../test/helpers/multisig-psbt';
const wallet = testWallet();
const bytes = new Uint8Array(buildPsbt({ wallet, inputs: Array.from({ length: 500 }, (_, i) => ({ index: i, amount: 100_000n + BigInt(i) })), outputs: [{ script: EXTERNAL_SCRIPT, amount: 25_000_000n }, { change: { index: 0 }, amount: 20_000_000n }] }).toBuffer());
const pools = { shared: new ChildKeyPool({ size: 1 }), alone: new ChildKeyPool({ size: 0 }) };
pools.shared.warm();
const best: Record<string, number> = {};
for (let r = 0; r < 9; r++) for (const [name, pool] of Object.entries(pools)) {
  const t = performance.now();
  const psbt = parsePsbt(bytes);
  reviewPsbt({ psbt, wallet, deriver: await prepareDeriver(psbt, wallet, pool) });
  best[name] = Math.min(best[name] ?? 1e9, performance.now() - t);
}
console.log(best, (best.alone! / best.shared!).toFixed(2));
await pools.shared.close();
