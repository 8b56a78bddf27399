import { performance } from 'node:perf_hooks';
import { BIP32Factory, type BIP32Interface } from 'bip32';
import { Psbt } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { bip32 } from '../src/common/ecc';
import { bitcoinNetwork } from '../src/common/network';
import { childPublicKey } from '../src/keys/ckd';
import { sharedChildKeyPool } from '../src/keys/ckd-pool';
import { parsePsbt } from '../src/psbt/parse';
import { prepareDeriver } from '../src/psbt/review';
import { signPsbt } from '../src/psbt/sign';
import { electrumSign } from '../test/helpers/electrum';
import { seedOf, TEST_MNEMONICS } from '../test/helpers/multisig-psbt';
import { benchPsbt, benchWallet as wallet } from './fixture';

/**
 * Review + sign time of 2-of-3 P2WSH PSBTs with full previous transactions (1, 50, 500 inputs), the
 * growth ratio t(500)/t(50) (linear cost: <= 12), and bitcoinjs-lib's signAllInputsHD on the same
 * 500-input PSBT for scale. Times are the best of 9 interleaved rounds, wall clock and CPU: the machine is shared
 * and noisy, and CPU time shows the cost of the work itself when other jobs take the cores.
 */
const seed = seedOf(TEST_MNEMONICS[0]);

interface Timing {
  /** Wall-clock milliseconds of the fastest run. */
  wall: number;
  /** CPU milliseconds (user + system) of the run with the least: what the work costs when the shared machine is busy. */
  cpu: number;
}

type Task = () => void | Promise<void>;

/** Wall time, and this process's CPU time (all its threads: the review's workers count too). */
async function timed(task: Task): Promise<Timing> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await task();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/**
 * The fastest of `rounds` runs of each task, the tasks taking turns within each round: the shared
 * host's speed drifts over seconds, and taking turns lets every task meet the same quiet moments, so
 * their ratios stay fair.
 */
async function bestInterleaved<K extends string>(
  rounds: number,
  tasks: Record<K, Task>,
): Promise<Record<K, Timing>> {
  const names = Object.keys(tasks) as K[];
  const fastest = Object.fromEntries(
    names.map((name) => [name, { wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY }]),
  ) as Record<K, Timing>;
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const t = await timed(tasks[name]);
      fastest[name] = { wall: Math.min(fastest[name].wall, t.wall), cpu: Math.min(fastest[name].cpu, t.cpu) };
    }
  }
  return fastest;
}

/**
 * As the app and the CLI sign: the public derivations the PSBT claims, shared with the worker pool,
 * then signPsbt, which reviews first (the review it signed against is in its result).
 */
const airlockSign = (base64: string) => async () => {
  const psbt = parsePsbt(base64);
  const deriver = await prepareDeriver(psbt, wallet, sharedChildKeyPool());
  signPsbt({ psbt, wallet, seed, deriver });
};

function bitcoinjsSign(base64: string): () => void {
  const root: BIP32Interface = BIP32Factory(ecc).fromSeed(seed);
  return () => {
    Psbt.fromBase64(base64).signAllInputsHD(root);
  };
}

/** Electrum (Debian's python3-electrum) signing the same PSBT as the second cosigner, one process per run. */
function electrumTime(base64: string, inputs: number): number {
  const start = performance.now();
  electrumSign({ wallet, psbt: base64, mnemonic: TEST_MNEMONICS[1], indexes: [[0, inputs - 1]] });
  return performance.now() - start;
}

/**
 * The review's unavoidable cost: one BIP-32 public derivation per cosigner and input, on this thread
 * alone and shared with the worker pool.
 */
function derivationFloor(inputs: number, shared: boolean): Task {
  const network = bitcoinNetwork(wallet.network);
  const chainNodes = wallet.cosigners.map((c) => bip32.fromBase58(c.xpub, network).derive(0));
  const jobs = Array.from({ length: inputs }, (_, index) =>
    chainNodes.map((parent) => ({ parent, index })),
  ).flat();
  if (shared) {
    return async () => {
      await sharedChildKeyPool().childPublicKeys(jobs);
    };
  }
  return () => {
    for (const { parent, index } of jobs) childPublicKey(parent, index);
  };
}

const both = (t: Timing) => `${t.wall.toFixed(1)} ms (CPU ${t.cpu.toFixed(1)} ms)`;

export default async function benchSign(): Promise<void> {
  const psbts = new Map([1, 50, 500].map((n) => [n, benchPsbt(n).toBase64()]));
  // The app's pool lives as long as the app; its workers start once, not per review.
  sharedChildKeyPool().warm();
  const times = await bestInterleaved(9, {
    airlock1: airlockSign(psbts.get(1)!),
    airlock50: airlockSign(psbts.get(50)!),
    airlock500: airlockSign(psbts.get(500)!),
    floor: derivationFloor(500, false),
    floorShared: derivationFloor(500, true),
    bitcoinjs: bitcoinjsSign(psbts.get(500)!),
  });
  const [t1, t50, t500] = [times.airlock1, times.airlock50, times.airlock500];
  for (const [n, t] of [
    [1, t1],
    [50, t50],
    [500, t500],
  ] as const) {
    console.log(`sign: ${n} inputs reviewed and signed in ${both(t)}`);
  }
  console.log(
    `sign: t(500)/t(50) = ${(t500.wall / t50.wall).toFixed(2)} (CPU ${(t500.cpu / t50.cpu).toFixed(2)}) (target <= 12)`,
  );
  console.log(
    `sign: 500 inputs in ${(t500.wall / 1000).toFixed(3)} s (CPU ${(t500.cpu / 1000).toFixed(3)} s) (target <= 0.3 s)`,
  );
  console.log(
    `sign: of which re-deriving 3 cosigner keys for each of 500 inputs (elliptic-curve work alone) takes ${both(times.floor)} on one thread, ${both(times.floorShared)} shared with ${sharedChildKeyPool().size} worker(s)`,
  );
  const reference = times.bitcoinjs;
  console.log(
    `sign: bitcoinjs-lib signAllInputsHD on the same 500 inputs: ${both(reference)} (${(reference.wall / t500.wall).toFixed(2)}x Airlock's time)`,
  );
  // The issue timed bitcoinjs-lib at about 0.9 s here; the host's speed drifts, the ratio does not.
  console.log(
    `sign: at the issue's reference speed (bitcoinjs-lib 0.9 s for these 500 inputs) Airlock's time would be ${((0.9 * t500.wall) / reference.wall).toFixed(3)} s (target <= 0.3 s)`,
  );
  const electrum500 = electrumTime(psbts.get(500)!, 500);
  const electrum1 = electrumTime(psbts.get(1)!, 1);
  console.log(
    `sign: Electrum 4.3 signing the same 500 inputs: ${electrum500.toFixed(0)} ms as a process (${electrum1.toFixed(0)} ms for 1 input: start-up), ${(electrum500 / t500.wall).toFixed(1)}x Airlock's time`,
  );
}
