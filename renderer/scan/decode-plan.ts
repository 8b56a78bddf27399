/**
 * The scanner's decode path, free of the DOM so the worker and bench/qr-decode.ts run the same code:
 * which rectangle of a camera frame to read and at what scale, given where the last code was and how
 * big its modules were, and a QR reader (zxing-reader.ts) to read it. A code held in front of the
 * camera moves little between frames, so the region around the last code, averaged down to a few
 * pixels per module, is read first (on the bench's clips that is about twice as fast as ZXing on the
 * whole frame); when that misses, the whole frame at full resolution (ZXing tries its own downscaled
 * copies of it, so large codes need no separate downscaled search and small codes are never lost).
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

/** RGBA pixels, row-major, 4 bytes a pixel (ImageData's layout, which the readers take). */
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
   * Pixels per module its region is scaled to: TARGET_MODULE_PIXELS, raised a step when a read of the
   * region missed and the whole frame read the code (tilt and blur want more), easing back on each
   * region read.
   */
  readModulePixels: number;
}

export type AttemptKind = 'region' | 'frame';

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

/** Pixels per module a code's region is scaled to: 2 is readable, 3 leaves room for blur and tilt. */
export const TARGET_MODULE_PIXELS = 3;
/** How much readModulePixels eases back towards TARGET_MODULE_PIXELS after each read of the region. */
const READ_EASING = 0.1;
/** How much readModulePixels rises when the region missed and the whole frame read the code. */
const READ_RAISE = 1;
/** Margin around the last code, per side: a fraction of its size plus the quiet zone in modules. */
const MARGIN_FRACTION = 0.2;
const MARGIN_MODULES = 4;

/**
 * The attempts for the next frame, cheapest first. With a code seen before: its region, scaled to
 * about TARGET_MODULE_PIXELS a module (unless the region is the whole frame); then the whole frame
 * at full resolution.
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

/** Output size for `length` source pixels at `scale`: at least one pixel. */
function sampledLength(length: number, scale: number): number {
  return Math.max(1, Math.round(length * scale));
}

/**
 * `region` of the frame resampled by `scale`, in one pass, as the RGBA the readers take: rows are
 * copied whole when nothing is scaled (the reader does its own luminance), otherwise each output pixel is the
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

/** What a QR reader found in the pixels it was handed (corners in those pixels' coordinates). */
export interface QrRead {
  text: string;
  /** Top-left, top-right, bottom-right, bottom-left. */
  corners: Point[];
  version: number;
}

/** Reads at most one QR code from pixels (zxing-reader.ts); null when there is none it can read. */
export type QrReader = (pixels: Pixels) => Promise<QrRead | null>;

/**
 * Reads camera frames one after another with `reader`, remembering where the last code was.
 * `decode` runs the planned attempts in order until one reads a code; the code it reads becomes the
 * one tracked. A frame where every attempt misses keeps the last position (the code is usually still
 * there, only blurred for a moment, and a code found elsewhere replaces it anyway).
 */
export class FrameDecoder {
  lastCode: TrackedCode | null = null;

  constructor(private readonly reader: QrReader) {}

  async decode(frame: FrameSource): Promise<FrameDecode | null> {
    const attempts = planAttempts({
      frameWidth: frame.width,
      frameHeight: frame.height,
      lastCode: this.lastCode,
    });
    for (const [index, attempt] of attempts.entries()) {
      const { pixels: source, origin } = frame.read(attempt.region);
      const { pixels, step } = samplePixels({ source, origin, region: attempt.region, scale: attempt.scale });
      const code = await this.reader(pixels);
      if (!code) continue;
      const corners = code.corners.map((c) => ({
        x: attempt.region.x + c.x * step.x,
        y: attempt.region.y + c.y * step.y,
      }));
      const modulePixels = modulePixelsOf({ corners, version: code.version });
      const readModulePixels = this.nextReadModulePixels(attempt.kind, modulePixels);
      this.lastCode = { box: boundingBox(corners), modulePixels, readModulePixels };
      return { text: code.text, corners, kind: attempt.kind, attempts: index + 1 };
    }
    return null;
  }

  /**
   * A read of the region eases its resolution back towards TARGET_MODULE_PIXELS; a whole-frame read
   * after the region missed raises it a step (tilt or blur may have wanted more); a first sighting
   * starts at TARGET_MODULE_PIXELS.
   */
  private nextReadModulePixels(kind: AttemptKind, modulePixels: number): number {
    const last = this.lastCode;
    if (!last) return TARGET_MODULE_PIXELS;
    if (kind === 'region') return Math.max(TARGET_MODULE_PIXELS, last.readModulePixels - READ_EASING);
    return Math.max(TARGET_MODULE_PIXELS, Math.min(modulePixels, last.readModulePixels + READ_RAISE));
  }
}

/** A whole frame already in memory as one source (the bench and tests). */
export function wholeFrame(pixels: Pixels): FrameSource {
  return { width: pixels.width, height: pixels.height, read: () => ({ pixels, origin: { x: 0, y: 0 } }) };
}
