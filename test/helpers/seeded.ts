/** mulberry32: a small seeded PRNG giving numbers in [0, 1), the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Independent seeded loss: each call says whether the next frame is missed, with probability `loss`. */
export function seededLoss(seed: number, loss = 0.2): () => boolean {
  const random = seededRandom(seed);
  return () => random() < loss;
}
