import jsQR from 'jsqr';

/**
 * The scanner's decode path, free of the DOM so the worker and bench/qr-decode.ts run the same code:
 * which rectangle of a camera frame to read and at what scale, given where the last code was and how
 * big its modules were. jsQR's cost is its binarisation and finder search over every pixel it is
 * handed, so the area handed to it is what matters: a code held in front of the camera moves little
 * between frames, so the region around the last code (downscaled to a few pixels per module) is read
 * first; when that misses, the whole frame downscaled; and only then the whole frame at full
 * resolution, so small codes are never lost.
 */

/** A rectangle in camera-frame pixels. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** RGBA pixels, row-major, 4 bytes a pixel (ImageData's layout, which jsQR takes). */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * Pixels of a camera frame: `read` returns pixels covering at least `region`, together with the
 * frame position of their top-left pixel (a whole decoded frame in the bench; a getImageData of just
 * the region in the worker).
 */
export interface FrameSource {
  width: number;
  height: number;
  read(region: Region): { pixels: Pixels; origin: Point };
}

/** Where the last code was, in frame pixels, the size of one of its modules, and how finely to read it. */
export interface TrackedCode {
  box: Region;
  modulePixels: number;
  /**
   * Pixels per module its region is scaled to: TARGET_MODULE_PIXELS, raised to what worked when a
   * coarser read of the region missed (tilt and blur want more), easing back on each region read.
   */
  readModulePixels: number;
}

export type AttemptKind = 'region' | 'frame-downscaled' | 'frame';

/** One decode attempt: `region` of the frame, resampled by `scale` (<= 1). */
export interface DecodeAttempt {
  kind: AttemptKind;
  region: Region;
  scale: number;
}

export interface FrameDecode {
  text: string;
  /** The code's corners in frame pixels: top-left, top-right, bottom-right, bottom-left. */
  corners: Point[];
  /** Which attempt read it (the others before it missed). */
  kind: AttemptKind;
  /** Attempts made, the successful one included. */
  attempts: number;
}

/** Longest side the whole frame is scaled to for the downscaled search. */
export const FRAME_SEARCH_SIZE = 640;
/** Pixels per module a code's region is scaled to: jsQR reads 2 reliably, 3 leaves room for blur and tilt. */
export const TARGET_MODULE_PIXELS = 3;
/** How much readModulePixels eases back towards TARGET_MODULE_PIXELS after each read of the region. */
const READ_EASING = 0.1;
/** Below this many pixels per module a downscaled search is not worth trying. */
export const MIN_MODULE_PIXELS = 2;
/** Margin around the last code, per side: a fraction of its size plus the quiet zone in modules. */
const MARGIN_FRACTION = 0.2;
const MARGIN_MODULES = 4;
/** jsQR binarises in 8x8 blocks; sides that are multiples of 8 keep its last row of blocks defined. */
const BLOCK = 8;

/**
 * The attempts for the next frame, cheapest first. With a code seen before: its region, scaled to
 * about TARGET_MODULE_PIXELS a module; then the whole frame downscaled to FRAME_SEARCH_SIZE (unless
 * that would shrink the code's modules below MIN_MODULE_PIXELS); then the whole frame at full
 * resolution. Attempts that would repeat an earlier one are left out.
 */
export function planAttempts({
  frameWidth,
  frameHeight,
  lastCode,
}: {
  frameWidth: number;
  frameHeight: number;
  lastCode: TrackedCode | null;
}): DecodeAttempt[] {
  const whole: Region = { x: 0, y: 0, width: frameWidth, height: frameHeight };
  const attempts: DecodeAttempt[] = [];
  if (lastCode) {
    const region = regionAround({ code: lastCode, frameWidth, frameHeight });
    const scale = Math.min(1, lastCode.readModulePixels / lastCode.modulePixels);
    if (region.width * region.height < frameWidth * frameHeight)
      attempts.push({ kind: 'region', region, scale });
  }
  const searchScale = Math.min(1, FRAME_SEARCH_SIZE / Math.max(frameWidth, frameHeight));
  // Not when it would read the last code coarser than it needs (a small code, or one that tilt or
  // blur made unreadable at that resolution): the full-resolution search comes next anyway.
  const needed =
    lastCode && lastCode.readModulePixels > TARGET_MODULE_PIXELS
      ? lastCode.readModulePixels
      : MIN_MODULE_PIXELS;
  const codeTooSmall = lastCode !== null && lastCode.modulePixels * searchScale < needed;
  if (searchScale < 1 && !codeTooSmall)
    attempts.push({ kind: 'frame-downscaled', region: whole, scale: searchScale });
  attempts.push({ kind: 'frame', region: whole, scale: 1 });
  return attempts;
}

/** The last code's bounding box plus margin, clipped to the frame. */
export function regionAround({
  code,
  frameWidth,
  frameHeight,
}: {
  code: TrackedCode;
  frameWidth: number;
  frameHeight: number;
}): Region {
  const { box } = code;
  const margin = Math.max(box.width, box.height) * MARGIN_FRACTION + code.modulePixels * MARGIN_MODULES;
  const x = Math.max(0, Math.floor(box.x - margin));
  const y = Math.max(0, Math.floor(box.y - margin));
  const right = Math.min(frameWidth, Math.ceil(box.x + box.width + margin));
  const bottom = Math.min(frameHeight, Math.ceil(box.y + box.height + margin));
  return { x, y, width: Math.max(1, right - x), height: Math.max(1, bottom - y) };
}

/** Output size for `length` source pixels at `scale`: a multiple of the block size, at least one block. */
function sampledLength(length: number, scale: number): number {
  const exact = Math.round(length * scale);
  return exact <= BLOCK ? exact : exact - (exact % BLOCK);
}

/**
 * `region` of the frame resampled by `scale`, in one pass, as the RGBA jsQR takes: rows are copied
 * whole when nothing is scaled (jsQR does its own luminance), otherwise each output pixel is the
 * average luminance of the source pixels it covers, written as grey. Returns the source's own buffer
 * when the region is all of it, unscaled. `step` is the source pixels per output pixel on each axis.
 */
export function samplePixels({
  source,
  origin,
  region,
  scale,
}: {
  source: Pixels;
  origin: Point;
  region: Region;
  scale: number;
}): { pixels: Pixels; step: Point } {
  const left = region.x - origin.x;
  const top = region.y - origin.y;
  if (left < 0 || top < 0 || left + region.width > source.width || top + region.height > source.height)
    throw new RangeError('samplePixels: region outside the pixels read');
  if (
    scale >= 1 &&
    left === 0 &&
    top === 0 &&
    region.width === source.width &&
    region.height === source.height
  )
    return { pixels: source, step: { x: 1, y: 1 } };
  const width = sampledLength(region.width, scale);
  const height = sampledLength(region.height, scale);
  const from = new Uint32Array(source.data.buffer, source.data.byteOffset, source.width * source.height);
  const data = new Uint8ClampedArray(width * height * 4);
  const to = new Uint32Array(data.buffer);
  if (scale >= 1) {
    for (let y = 0; y < height; y++) {
      const start = (top + y) * source.width + left;
      to.set(from.subarray(start, start + width), y * width);
    }
    return { pixels: { data, width, height }, step: { x: 1, y: 1 } };
  }
  const stepX = region.width / width;
  const stepY = region.height / height;
  // Area average: every source pixel of the region lands in exactly one output pixel, which evens
  // out sensor noise; luminance (green-weighted, (r + 2g + b) / 4) is summed once per source pixel.
  const columnOf = new Uint32Array(region.width);
  const columnCount = new Uint32Array(width);
  for (let x = 0; x < region.width; x++) {
    const column = Math.min(width - 1, Math.floor(x / stepX));
    columnOf[x] = column;
    columnCount[column] = (columnCount[column] as number) + 1;
  }
  const sums = new Uint32Array(width);
  let sourceRow = 0;
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    const end = y === height - 1 ? region.height : Math.floor((y + 1) * stepY);
    const rows = end - sourceRow;
    for (; sourceRow < end; sourceRow++) {
      const base = (top + sourceRow) * source.width + left;
      for (let x = 0; x < region.width; x++) {
        const p = from[base + x] as number;
        const column = columnOf[x] as number;
        sums[column] = (sums[column] as number) + (p & 0xff) + ((p >>> 7) & 0x1fe) + ((p >>> 16) & 0xff);
      }
    }
    const out = y * width;
    for (let x = 0; x < width; x++) {
      const luma = ((sums[x] as number) / (4 * rows * (columnCount[x] as number))) | 0;
      to[out + x] = 0xff000000 | (luma << 16) | (luma << 8) | luma;
    }
  }
  return { pixels: { data, width, height }, step: { x: stepX, y: stepY } };
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Bounding box of corners (frame pixels). */
export function boundingBox(corners: Point[]): Region {
  const xs = corners.map((c) => c.x);
  const ys = corners.map((c) => c.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** Module size of a code of `version` with these corners: mean side length over modules per side. */
export function modulePixelsOf({ corners, version }: { corners: Point[]; version: number }): number {
  const [topLeft, topRight, bottomRight, bottomLeft] = corners as [Point, Point, Point, Point];
  const meanSide =
    (distance(topLeft, topRight) +
      distance(topRight, bottomRight) +
      distance(bottomRight, bottomLeft) +
      distance(bottomLeft, topLeft)) /
    4;
  return meanSide / (17 + 4 * version);
}

/**
 * Reads camera frames one after another, remembering where the last code was. `decode` runs the
 * planned attempts in order until one reads a code; the code it reads becomes the one tracked. A
 * frame where every attempt misses keeps the last position (the code is usually still there, only
 * blurred for a moment, and a code found elsewhere replaces it anyway).
 */
export class FrameDecoder {
  lastCode: TrackedCode | null = null;

  decode(frame: FrameSource): FrameDecode | null {
    const attempts = planAttempts({
      frameWidth: frame.width,
      frameHeight: frame.height,
      lastCode: this.lastCode,
    });
    for (const [index, attempt] of attempts.entries()) {
      const { pixels: source, origin } = frame.read(attempt.region);
      const { pixels, step } = samplePixels({ source, origin, region: attempt.region, scale: attempt.scale });
      const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'dontInvert' });
      if (!code) continue;
      const { topLeftCorner, topRightCorner, bottomRightCorner, bottomLeftCorner } = code.location;
      const corners = [topLeftCorner, topRightCorner, bottomRightCorner, bottomLeftCorner].map((c) => ({
        x: attempt.region.x + c.x * step.x,
        y: attempt.region.y + c.y * step.y,
      }));
      const modulePixels = modulePixelsOf({ corners, version: code.version });
      const readModulePixels =
        attempt.kind === 'region' && this.lastCode
          ? Math.max(TARGET_MODULE_PIXELS, this.lastCode.readModulePixels - READ_EASING)
          : Math.max(TARGET_MODULE_PIXELS, modulePixels * attempt.scale);
      this.lastCode = { box: boundingBox(corners), modulePixels, readModulePixels };
      return { text: code.data, corners, kind: attempt.kind, attempts: index + 1 };
    }
    return null;
  }
}

/** A whole frame already in memory as one source (the bench and tests). */
export function wholeFrame(pixels: Pixels): FrameSource {
  return { width: pixels.width, height: pixels.height, read: () => ({ pixels, origin: { x: 0, y: 0 } }) };
}
