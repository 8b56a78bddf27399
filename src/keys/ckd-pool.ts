import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { childTweak, type ParentKey, uncompressedParentKey } from './ckd';
import { BATCH_BYTES, type Batch, childFromTweak, type WorkerReply, type WorkerRequest } from './ckd-batch';

/**
 * Public BIP-32 derivations (CKDpub) spread over worker threads. A review of a large PSBT re-derives
 * every cosigner's key at every input's index, and that elliptic-curve work is most of its cost; the
 * other cores can share it. Only public data crosses threads: parents' public keys and the IL
 * tweaks (computed here from the public key and chain code), and child public keys back. Private keys
 * and signatures never leave the calling thread.
 *
 * The worker (ckd-worker.ts) runs ckd-batch.ts's childFromTweak, as this thread does; a worker that
 * cannot start or fails leaves its share to the calling thread, so the result never depends on them.
 */
export interface ChildKeyJob {
  parent: ParentKey;
  index: number;
}

/**
 * The worker module beside this one: ckd-worker.mjs, built next to the CLI and app bundles
 * (scripts/build-cli.mjs, scripts/build.mjs); from source, ckd-worker.ts through tsx's require hook.
 */
const workerUrl = () =>
  new URL(import.meta.url.endsWith('.ts') ? './ckd-worker-source.cjs' : './ckd-worker.mjs', import.meta.url);

/** Below this many derivations the calling thread alone is quicker than posting work. */
const MIN_PARALLEL_JOBS = 256;

export class ChildKeyPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (children: Uint8Array) => void; reject: () => void }
  >();
  private nextId = 1;
  private failed = false;
  private workerDerivations = 0;

  readonly size: number;
  private readonly minParallelJobs: number;

  /**
   * `size` workers beside the calling thread (default: one per other core, at most three); batches
   * under `minParallelJobs` derivations stay on the calling thread.
   */
  constructor({
    size = Math.min(3, Math.max(0, availableParallelism() - 1)),
    minParallelJobs = MIN_PARALLEL_JOBS,
  }: { size?: number; minParallelJobs?: number } = {}) {
    this.size = size;
    this.minParallelJobs = minParallelJobs;
  }

  private start(): Worker[] {
    if (this.failed || this.workers.length > 0 || this.size === 0) return this.workers;
    const url = workerUrl();
    for (let i = 0; i < this.size; i++) {
      // No inherited flags: the worker gets only what its module needs.
      const worker = new Worker(url, { execArgv: [] });
      worker.on('message', (reply: WorkerReply) => {
        const waiter = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        this.refWhileBusy();
        waiter?.resolve(reply.children);
      });
      worker.on('error', () => this.fail());
      worker.on('exit', () => this.fail());
      // An idle pool never keeps a process alive (the CLI exits when its work is done); unref comes
      // after the listeners, which would otherwise ref the worker again.
      worker.unref();
      this.workers.push(worker);
    }
    return this.workers;
  }

  /** A broken worker stops the pool: whatever it held is derived on the calling thread instead. */
  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    for (const waiter of this.pending.values()) waiter.reject();
    this.pending.clear();
    for (const worker of this.workers) void worker.terminate();
    this.workers.length = 0;
  }

  /** Workers are referenced while they hold work, so the process waits for their replies. */
  private refWhileBusy(): void {
    for (const worker of this.workers) {
      if (this.pending.size > 0) worker.ref();
      else worker.unref();
    }
  }

  private post(worker: Worker, batch: Batch): Promise<Uint8Array> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.refWhileBusy();
      const request: WorkerRequest = { id, ...batch };
      worker.postMessage(request, [batch.points.buffer, batch.tweaks.buffer]);
    });
  }

  /** Children derived by the workers so far (the rest were derived on the calling thread). */
  get derivedByWorkers(): number {
    return this.workerDerivations;
  }

  /** Starts the workers now, so the first large review does not wait for them to load. */
  warm(): void {
    this.start();
  }

  /**
   * Child public keys (compressed) for every job, in order; null where BIP-32 says to skip the index.
   * The calling thread derives its own share while the workers derive theirs.
   */
  async childPublicKeys(jobs: ChildKeyJob[]): Promise<Array<Uint8Array | null>> {
    // Every index is checked (childTweak throws on a hardened one) before any work is posted.
    const tweaks = jobs.map((job) => childTweak(job.parent, job.index));
    const derive = (i: number) => childFromTweak(uncompressedParentKey(jobs[i]!.parent), tweaks[i]!);
    const workers = jobs.length >= this.minParallelJobs ? this.start() : [];
    const perShare = Math.ceil(jobs.length / (workers.length + 1));
    const posted = workers.map((worker, w) => {
      const start = w * perShare;
      const count = Math.max(0, Math.min(perShare, jobs.length - start));
      const batch: Batch = {
        points: new Uint8Array(count * BATCH_BYTES.point),
        tweaks: new Uint8Array(count * BATCH_BYTES.tweak),
      };
      for (let i = 0; i < count; i++) {
        batch.points.set(uncompressedParentKey(jobs[start + i]!.parent), i * BATCH_BYTES.point);
        batch.tweaks.set(tweaks[start + i]!, i * BATCH_BYTES.tweak);
      }
      return { start, count, reply: this.post(worker, batch) };
    });
    const results: Array<Uint8Array | null> = new Array(jobs.length).fill(null);
    for (let i = workers.length * perShare; i < jobs.length; i++) results[i] = derive(i);
    for (const { start, count, reply } of posted) {
      const children = await reply.catch(() => null);
      if (children) this.workerDerivations += count;
      for (let i = 0; i < count; i++) {
        const child = children?.subarray(i * BATCH_BYTES.child, (i + 1) * BATCH_BYTES.child);
        // No reply (the worker failed): this thread derives the share itself.
        results[start + i] = !child ? derive(start + i) : child[0] === 0 ? null : Uint8Array.from(child);
      }
    }
    return results;
  }

  /** Stops the workers (work they held is derived on the calling thread, as later calls are). */
  async close(): Promise<void> {
    const workers = [...this.workers];
    this.fail();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

let shared: ChildKeyPool | null = null;

/** The process's pool, created on first use. */
export function sharedChildKeyPool(): ChildKeyPool {
  shared ??= new ChildKeyPool();
  return shared;
}
