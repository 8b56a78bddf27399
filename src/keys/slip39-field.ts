/**
 * Shamir's secret sharing over GF(256) as SLIP-39 defines it: Rijndael's polynomial
 * x^8 + x^4 + x^3 + x + 1, generator x + 1, Lagrange interpolation on byte strings.
 */
const EXP = new Uint8Array(255);
const LOG = new Uint8Array(256);
{
  let poly = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = poly;
    LOG[poly] = i;
    poly = (poly << 1) ^ poly;
    if (poly & 0x100) poly ^= 0x11b;
  }
}

export interface SharePoint {
  x: number;
  value: Uint8Array;
}

/** Evaluates at `x` the polynomial through `points` (distinct x, equal value lengths checked by the caller). */
export function interpolate(points: readonly SharePoint[], x: number): Uint8Array {
  const known = points.find((p) => p.x === x);
  if (known) return Uint8Array.from(known.value);
  const length = points[0]?.value.length ?? 0;
  let logProduct = 0;
  for (const p of points) logProduct += LOG[p.x ^ x] as number;
  const result = new Uint8Array(length);
  for (const p of points) {
    let logBasis = logProduct - (LOG[p.x ^ x] as number);
    for (const other of points) if (other !== p) logBasis -= LOG[p.x ^ other.x] as number;
    logBasis = ((logBasis % 255) + 255) % 255;
    for (let i = 0; i < length; i++) {
      const byte = p.value[i] as number;
      if (byte !== 0)
        result[i] = (result[i] as number) ^ (EXP[((LOG[byte] as number) + logBasis) % 255] as number);
    }
  }
  return result;
}
