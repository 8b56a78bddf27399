import { createHash } from 'node:crypto';

/**
 * The fragments a UR fountain part mixes, computed as the reference implementation
 * (@ngraveio/bc-ur `chooseFragments`) does, bit for bit, but about a thousand times faster: the
 * reference runs Xoshiro256** on JSBI and BigNumber and shuffles every fragment index, where only the
 * first `degree` of the shuffle are used. Choosing which parts to show means looking at many
 * candidate parts, so speed matters here; test/unit/qr/fountain.test.ts checks equality.
 */
export function fountainFragmentIndexes(seqNum: number, seqLength: number, checksum: number): number[] {
  if (seqNum <= seqLength) return [seqNum - 1];
  const { rng, degree } = startMixedPart(seqNum, seqLength, checksum);
  // The reference shuffles by removing a random element of the remaining list each step. A Fenwick
  // tree counting the remaining indexes finds that element by its rank in O(log n), so parts mixing
  // thousands of fragments cost milliseconds, not seconds.
  const remaining = new Int32Array(seqLength + 1);
  for (let i = 1; i <= seqLength; i++) remaining[i] = i & -i;
  let top = 1;
  while (top * 2 <= seqLength) top *= 2;
  const chosen: number[] = [];
  for (let step = 0; step < degree; step++) {
    let wanted = Math.floor(rng.nextDouble() * (seqLength - step)) + 1;
    let position = 0;
    for (let span = top; span > 0; span >>= 1) {
      const next = position + span;
      if (next <= seqLength && (remaining[next] as number) < wanted) {
        position = next;
        wanted -= remaining[next] as number;
      }
    }
    // `position` is the count of tree slots before the element, i.e. its 0-based fragment index.
    chosen.push(position);
    for (let i = position + 1; i <= seqLength; i += i & -i) remaining[i] = (remaining[i] as number) - 1;
  }
  return chosen;
}

/** How many fragments part `seqNum` mixes, without choosing them. */
export function fountainDegree(seqNum: number, seqLength: number, checksum: number): number {
  return seqNum <= seqLength ? 1 : startMixedPart(seqNum, seqLength, checksum).degree;
}

function startMixedPart(
  seqNum: number,
  seqLength: number,
  checksum: number,
): { rng: Xoshiro; degree: number } {
  const seed = Buffer.alloc(8);
  seed.writeUInt32BE(seqNum >>> 0, 0);
  seed.writeUInt32BE(checksum >>> 0, 4);
  const rng = new Xoshiro(seed);
  const alias = aliasTable(seqLength);
  // The reference's alias sampler: pick a column, then it or its alias.
  const column = Math.floor(rng.nextDouble() * seqLength);
  const degree =
    (rng.nextDouble() < (alias.prob[column] as number) ? column : (alias.alias[column] as number)) + 1;
  return { rng, degree };
}

const MASK = (1n << 64n) - 1n;
const TEN_POW_20 = 10n ** 20n;
/** The reference divides by `new BigNumber(0xFFFFFFFFFFFFFFFF + 1)`, which is this (not 2^64). */
const REFERENCE_DIVISOR = 18446744073709552000n;

function rotl(x: bigint, k: bigint): bigint {
  return ((x << k) & MASK) | (x >> (64n - k));
}

class Xoshiro {
  private readonly s: bigint[];

  constructor(seed: Buffer) {
    const digest = createHash('sha256').update(seed).digest();
    this.s = [0, 1, 2, 3].map((i) => digest.readBigUInt64BE(i * 8));
  }

  private roll(): bigint {
    const s = this.s as [bigint, bigint, bigint, bigint];
    const result = (rotl((s[1] * 5n) & MASK, 7n) * 9n) & MASK;
    const t = (s[1] << 17n) & MASK;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45n);
    return result;
  }

  /** The reference's BigNumber division: rounded half up to 20 decimal places, then read as a double. */
  nextDouble(): number {
    const scaled = this.roll() * TEN_POW_20 * 2n + REFERENCE_DIVISOR;
    return Number(`${scaled / (REFERENCE_DIVISOR * 2n)}e-20`);
  }
}

interface AliasTable {
  prob: number[];
  alias: number[];
}

const aliasTables = new Map<number, AliasTable>();

/** Vose's alias table for degree probabilities 1/1, 1/2 .. 1/n, built in the reference's order. */
function aliasTable(n: number): AliasTable {
  const cached = aliasTables.get(n);
  if (cached) return cached;
  const p = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  const sum = p.reduce((acc, value) => acc + value, 0);
  const scaled = p.map((value) => (value * n) / sum);
  const table: AliasTable = { prob: new Array<number>(n), alias: new Array<number>(n) };
  const small: number[] = [];
  const large: number[] = [];
  for (let i = n - 1; i >= 0; i--) (scaled[i] as number) < 1 ? small.push(i) : large.push(i);
  while (small.length > 0 && large.length > 0) {
    const less = small.pop() as number;
    const more = large.pop() as number;
    table.prob[less] = scaled[less] as number;
    table.alias[less] = more;
    scaled[more] = (scaled[more] as number) + (scaled[less] as number) - 1;
    (scaled[more] as number) < 1 ? small.push(more) : large.push(more);
  }
  while (large.length > 0) table.prob[large.pop() as number] = 1;
  while (small.length > 0) table.prob[small.pop() as number] = 1;
  if (aliasTables.size > 64) aliasTables.clear();
  aliasTables.set(n, table);
  return table;
}

/**
 * Target degrees of the mixed parts: a soliton-like spread over 1..8 fragments the receiver is
 * still missing, scaled by 5 because about one in five fragments is missing at 20% loss. Tuned by
 * simulation (bench/qr.ts measures the outcome): plain bc-ur parts (degree 1/d, mostly 1-3) are
 * usually all known already at 20% loss, and fixed degrees either waste parts or stall the peeling.
 */
const MISSING_DEGREE_WEIGHTS = [0.1, 1 / 2, 1 / 6, 1 / 12, 1 / 20, 1 / 30, 1 / 42, 1 / 56];
const DEGREE_SCALE = 5;
/** Candidates of the wanted degree compared for each slot; more balance coverage better but cost time. */
const CANDIDATES_PER_SLOT = 48;
const GOLDEN = 0.6180339887498949;

function targetDegree(slot: number, seqLength: number): number {
  const total = MISSING_DEGREE_WEIGHTS.reduce((a, b) => a + b, 0);
  const u = (slot * GOLDEN + 0.5) % 1;
  let acc = 0;
  let missing = MISSING_DEGREE_WEIGHTS.length;
  for (const [i, weight] of MISSING_DEGREE_WEIGHTS.entries()) {
    acc += weight / total;
    if (u < acc) {
      missing = i + 1;
      break;
    }
  }
  return Math.max(2, Math.min(seqLength, missing * DEGREE_SCALE));
}

/**
 * Sequence numbers of `count` mixed fountain parts to show after the pure fragments 1..seqLength.
 * Every UR sequence number is a valid part (its fragments follow from the number and the checksum),
 * so any standard decoder reads these; choosing them instead of counting on gives each part a useful
 * degree and spreads the parts evenly over the fragments, so a receiver that missed frames finishes
 * sooner. Deterministic: the same message always gives the same sequence.
 */
export function chooseMixedSeqNums(
  seqLength: number,
  checksum: number,
  count: number,
  maxSeqNum = 0xffff,
): number[] {
  interface Candidate {
    seqNum: number;
    degree: number;
    indexes?: number[];
  }
  const candidates: Candidate[] = [];
  // Enough for the wanted degrees at any length; small transfers have few distinct parts to find.
  const scanLimit = 12 * seqLength + 1024;
  const coverage = new Array<number>(seqLength).fill(0);
  const shown = new Set<string>(Array.from({ length: seqLength }, (_, i) => String(i)));
  const used = new Set<number>();
  const cursors = new Map<string, number>();
  const chosen: number[] = [];
  const candidateAt = (i: number): Candidate | undefined => {
    while (candidates.length <= i) {
      const seqNum = seqLength + 1 + candidates.length;
      if (seqNum > maxSeqNum || candidates.length >= scanLimit) return undefined;
      candidates.push({ seqNum, degree: fountainDegree(seqNum, seqLength, checksum) });
    }
    return candidates[i];
  };
  const indexesOf = (c: Candidate): number[] => {
    c.indexes ??= fountainFragmentIndexes(c.seqNum, seqLength, checksum);
    return c.indexes;
  };
  const keyOf = (indexes: number[]): string => [...indexes].sort((a, b) => a - b).join(',');
  /** Unused candidates with a degree in [low, high] and fragments not already shown together. */
  const gather = (low: number, high: number): Candidate[] => {
    const rangeKey = `${low}-${high}`;
    let i = cursors.get(rangeKey) ?? 0;
    const found: Candidate[] = [];
    let firstOpen = -1;
    for (let c = candidateAt(i); c && found.length < CANDIDATES_PER_SLOT; c = candidateAt(++i)) {
      if (used.has(c.seqNum) || c.degree < low || c.degree > high) continue;
      if (shown.has(keyOf(indexesOf(c)))) {
        used.add(c.seqNum);
        continue;
      }
      if (firstOpen < 0) firstOpen = i;
      found.push(c);
    }
    cursors.set(rangeKey, firstOpen < 0 ? i : firstOpen);
    return found;
  };
  for (let slot = 0; slot < count; slot++) {
    const target = targetDegree(slot, seqLength);
    let found = gather(Math.max(2, Math.floor(target * 0.75)), Math.ceil(target * 1.25));
    if (found.length === 0) found = gather(1, seqLength);
    if (found.length === 0) break;
    // Prefer the candidate whose fragments are covered least so far (rarely covered ones weigh most).
    let best = found[0] as Candidate;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const c of found) {
      const indexes = indexesOf(c);
      const score =
        -indexes.reduce((sum, f) => sum + 1 / (1 + (coverage[f] as number)) ** 2, 0) / indexes.length;
      if (score < bestScore) {
        bestScore = score;
        best = c;
      }
    }
    const indexes = indexesOf(best);
    for (const f of indexes) coverage[f] = (coverage[f] as number) + 1;
    used.add(best.seqNum);
    shown.add(keyOf(indexes));
    chosen.push(best.seqNum);
  }
  // Small transfers run out of distinct parts; plain consecutive parts fill the rest.
  for (let seqNum = seqLength + 1; chosen.length < count; seqNum++)
    if (!used.has(seqNum)) chosen.push(seqNum);
  return chosen;
}
