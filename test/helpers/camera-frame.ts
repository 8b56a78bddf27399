import QRCode from 'qrcode';

/**
 * Camera-like frames of a real QR code (rendered from the `qrcode` package's module matrix): a grey
 * room with a lighting gradient, the code (quiet zone included) as a possibly rotated and
 * keystoned quad at a given module size, optional box blur (focus or motion), and sensor noise.
 * Deterministic for a given seed. Used by the scanner's unit tests and bench/qr-decode.ts.
 */
export interface CodePlacement {
  /** Centre of the code in frame pixels. */
  centerX: number;
  centerY: number;
  /** Frame pixels per QR module. */
  modulePixels: number;
  /** Rotation in degrees (a tilted phone). */
  rotationDegrees?: number;
  /** 0..0.3: how much narrower the top edge is than the bottom (the screen tipped back). */
  keystone?: number;
}

export interface CameraFrameOptions {
  width: number;
  height: number;
  text: string;
  /** QR version to render at (the text must fit); the smallest that fits when left out. */
  version?: number;
  placement: CodePlacement;
  /** Box-blur radius in pixels, horizontal and vertical (0: sharp). */
  blurX?: number;
  blurY?: number;
  /** Peak sensor noise added to each pixel, in grey levels. */
  noise?: number;
  /** Seeds the sensor noise. */
  seed?: number;
  /** Seeds the room behind the code (the same room in every frame of a clip). */
  roomSeed?: number;
}

export interface CameraFrame {
  /** RGBA, as a canvas's getImageData gives it. */
  rgba: Uint8ClampedArray;
  /** BT.601 luminance, one byte a pixel (what zbar takes). */
  gray: Uint8Array;
  width: number;
  height: number;
}

type Matrix3 = [number, number, number, number, number, number, number, number, number];

/** Homography taking the unit square's corners (0,0),(1,0),(1,1),(0,1) to the quad's (Heckbert). */
function squareToQuad(q: [number, number][]): Matrix3 {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = q as [
    [number, number],
    [number, number],
    [number, number],
    [number, number],
  ];
  const sx = x0 - x1 + x2 - x3;
  const sy = y0 - y1 + y2 - y3;
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const det = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / det;
  const h = (dx1 * sy - sx * dy1) / det;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

function invert(m: Matrix3): Matrix3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

/** xorshift32: small, seeded, the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

function boxBlur(plane: Float32Array, width: number, height: number, radiusX: number, radiusY: number) {
  const tmp = new Float32Array(plane.length);
  if (radiusX > 0) {
    for (let y = 0; y < height; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) {
        let sum = 0;
        let count = 0;
        for (let k = Math.max(0, x - radiusX); k <= Math.min(width - 1, x + radiusX); k++, count++)
          sum += plane[row + k] as number;
        tmp[row + x] = sum / count;
      }
    }
    plane.set(tmp);
  }
  if (radiusY > 0) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let sum = 0;
        let count = 0;
        for (let k = Math.max(0, y - radiusY); k <= Math.min(height - 1, y + radiusY); k++, count++)
          sum += plane[k * width + x] as number;
        tmp[y * width + x] = sum / count;
      }
    }
    plane.set(tmp);
  }
}

/** The code's corners (quiet zone included) in frame pixels: top-left, top-right, bottom-right, bottom-left. */
export function codeQuad({
  placement,
  modules,
}: {
  placement: CodePlacement;
  modules: number;
}): [number, number][] {
  const half = ((modules + 8) * placement.modulePixels) / 2;
  const keystone = placement.keystone ?? 0;
  const angle = ((placement.rotationDegrees ?? 0) * Math.PI) / 180;
  const local: [number, number][] = [
    [-half * (1 - keystone), -half],
    [half * (1 - keystone), -half],
    [half, half],
    [-half, half],
  ];
  return local.map(([x, y]) => [
    placement.centerX + x * Math.cos(angle) - y * Math.sin(angle),
    placement.centerY + x * Math.sin(angle) + y * Math.cos(angle),
  ]);
}

const rooms = new Map<string, Float32Array>();

/** A lighting gradient with a few soft blobs of furniture; cached, as a clip reuses its room. */
function room({ width, height, seed }: { width: number; height: number; seed: number }): Float32Array {
  const key = `${width}x${height}:${seed}`;
  const cached = rooms.get(key);
  if (cached) return cached;
  const next = random(seed);
  const plane = new Float32Array(width * height);
  const blobs = Array.from({ length: 4 }, () => ({
    x: next() * width,
    y: next() * height,
    r: (0.1 + next() * 0.2) * width,
    d: (next() - 0.5) * 60,
  }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 95 + (70 * x) / width + (25 * y) / height;
      for (const b of blobs) {
        const q = ((x - b.x) ** 2 + (y - b.y) ** 2) / (b.r * b.r);
        if (q < 1) v += b.d * (1 - q);
      }
      plane[y * width + x] = v;
    }
  }
  rooms.set(key, plane);
  return plane;
}

export function renderCameraFrame(options: CameraFrameOptions): CameraFrame {
  const { width, height, text, placement } = options;
  const qr = QRCode.create(text, {
    errorCorrectionLevel: 'L',
    ...(options.version ? { version: options.version } : {}),
  });
  const size = qr.modules.size;
  const total = size + 8;
  const next = random(options.seed ?? 1);
  const plane = Float32Array.from(room({ width, height, seed: options.roomSeed ?? 1 }));
  // The code, sampled 2x2 per pixel so its edges are anti-aliased like a lens's.
  const quad = codeQuad({ placement, modules: size });
  const toSquare = invert(squareToQuad(quad));
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const [a, b, c, d, e, f, g, h, i] = toSquare;
  for (
    let y = Math.max(0, Math.floor(Math.min(...ys)));
    y < Math.min(height, Math.ceil(Math.max(...ys)));
    y++
  ) {
    for (
      let x = Math.max(0, Math.floor(Math.min(...xs)));
      x < Math.min(width, Math.ceil(Math.max(...xs)));
      x++
    ) {
      let sum = 0;
      let inside = 0;
      for (const [ox, oy] of [
        [0.25, 0.25],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.75, 0.75],
      ] as const) {
        const px = x + ox;
        const py = y + oy;
        const w = g * px + h * py + i;
        const u = (a * px + b * py + c) / w;
        const v = (d * px + e * py + f) / w;
        if (u < 0 || u >= 1 || v < 0 || v >= 1) continue;
        inside++;
        const mx = Math.floor(u * total) - 4;
        const my = Math.floor(v * total) - 4;
        const dark = mx >= 0 && my >= 0 && mx < size && my < size && qr.modules.get(my, mx) === 1;
        // A screen: not quite black, not quite white, slightly brighter at the top.
        sum += dark ? 40 + 10 * v : 215 - 20 * v;
      }
      if (inside > 0) {
        const index = y * width + x;
        plane[index] = (plane[index] as number) * ((4 - inside) / 4) + sum / 4;
      }
    }
  }
  boxBlur(plane, width, height, options.blurX ?? 0, options.blurY ?? 0);
  const noise = options.noise ?? 0;
  const rgba = new Uint8ClampedArray(width * height * 4);
  const gray = new Uint8Array(width * height);
  for (let p = 0; p < plane.length; p++) {
    const v = (plane[p] as number) + (next() * 2 - 1) * noise;
    // A slight warm cast, so the channels differ as a camera's do.
    const r = Math.min(255, Math.max(0, Math.round(v + 6)));
    const gr = Math.min(255, Math.max(0, Math.round(v)));
    const bl = Math.min(255, Math.max(0, Math.round(v - 8)));
    rgba[p * 4] = r;
    rgba[p * 4 + 1] = gr;
    rgba[p * 4 + 2] = bl;
    rgba[p * 4 + 3] = 255;
    gray[p] = (r * 77 + gr * 150 + bl * 29) >> 8;
  }
  return { rgba, gray, width, height };
}
