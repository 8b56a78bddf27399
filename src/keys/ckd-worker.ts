import { parentPort } from 'node:worker_threads';
import { BATCH_BYTES, childFromTweak, type WorkerReply, type WorkerRequest } from './ckd-batch';

/**
 * A derivation worker of ckd-pool.ts: child public keys for a batch of parents' points and IL tweaks,
 * by the same childFromTweak as the calling thread. Only public data arrives here and leaves.
 */
const { point, tweak, child } = BATCH_BYTES;

parentPort?.on('message', ({ id, points, tweaks }: WorkerRequest) => {
  const count = tweaks.length / tweak;
  const children = new Uint8Array(count * child);
  for (let i = 0; i < count; i++) {
    const key = childFromTweak(
      points.subarray(i * point, (i + 1) * point),
      tweaks.subarray(i * tweak, (i + 1) * tweak),
    );
    // A skipped index stays all zeros: no compressed key starts with 0x00.
    if (key) children.set(key, i * child);
  }
  const reply: WorkerReply = { id, children };
  parentPort?.postMessage(reply, [children.buffer]);
});
