import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanGrayBuffer } from '@undecaf/zbar-wasm';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { encodeFrames } from '../src/qr/encoder';

/**
 * Decode throughput on synthetic camera-like frames: the scanner's decode path (downscale to the
 * decode size + grayscale + jsQR, then the region around the last code) against raw jsQR on the full
 * frame, zbar-wasm, and zbarimg (a process per image, for reference). Target >= 60 frames/s at
 * 1280x720 on one core.
 */
interface Scene {
  name: string;
  width: number;
  height: number;
  version: number;
  /** Pixels per QR module. */
  module: number;
  /** Shear per row, a cheap stand-in for a tilted phone. */
  shear: number;
  blur: boolean;
}

const SCENES: Scene[] = [
  { name: '1280x720 v12 large', width: 1280, height: 720, version: 12, module: 8, shear: 0, blur: false },
  {
    name: '1280x720 v16 tilted+blur',
    width: 1280,
    height: 720,
    version: 16,
    module: 6,
    shear: 0.08,
    blur: true,
  },
  { name: '1280x720 v25 small', width: 1280, height: 720, version: 25, module: 4, shear: 0, blur: false },
  { name: '640x480 v10', width: 640, height: 480, version: 10, module: 5, shear: 0.05, blur: true },
  { name: '640x480 v20 small', width: 640, height: 480, version: 20, module: 3, shear: 0, blur: false },
];

function sceneText(version: number): string {
  const frames = encodeFrames({
    bytes: new Uint8Array(randomBytes(8000)),
    format: 'bbqr',
    density: 'medium',
  });
  const text = frames[0] as string;
  // Trim to a length that lands on the wanted version.
  for (let n = text.length; n > 20; n -= 8) {
    if (QRCode.create(text.slice(0, n), { errorCorrectionLevel: 'L' }).version <= version)
      return text.slice(0, n);
  }
  return text.slice(0, 20);
}

/** Grey room-like background, the code drawn with the given module size, shear and optional blur. */
function renderScene(scene: Scene): { rgba: Uint8ClampedArray; text: string } {
  const text = sceneText(scene.version);
  const qr = QRCode.create(text, { errorCorrectionLevel: 'L', version: scene.version });
  const size = qr.modules.size;
  const gray = new Uint8ClampedArray(scene.width * scene.height);
  for (let i = 0; i < gray.length; i++) gray[i] = 150 + ((i * 2654435761) >>> 28);
  const side = (size + 8) * scene.module;
  const left = Math.floor((scene.width - side) / 2);
  const top = Math.floor((scene.height - side) / 2);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scene.module) - 4;
      const my = Math.floor(y / scene.module) - 4;
      const dark = mx >= 0 && my >= 0 && mx < size && my < size && qr.modules.get(my, mx) === 1;
      const px = left + x + Math.round((y - side / 2) * scene.shear);
      const py = top + y;
      if (px >= 0 && px < scene.width && py >= 0 && py < scene.height)
        gray[py * scene.width + px] = dark ? 30 : 235;
    }
  }
  const source = scene.blur ? boxBlur(gray, scene.width, scene.height) : gray;
  const rgba = new Uint8ClampedArray(scene.width * scene.height * 4);
  for (let i = 0; i < source.length; i++)
    rgba.fill(source[i] as number, i * 4, i * 4 + 3).fill(255, i * 4 + 3, i * 4 + 4);
  return { rgba, text };
}

function boxBlur(gray: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(gray.length);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      let sum = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) sum += gray[(y + dy) * width + x + dx] as number;
      out[y * width + x] = sum / 9;
    }
  }
  return out;
}

/** The scanner's path in Node terms: nearest-neighbour downscale to 640 px, grayscale, jsQR. */
function scannerDecode(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  const scale = Math.min(1, 640 / Math.max(width, height));
  const w = Math.round(width * scale);
  const h = Math.round(height * scale);
  const small = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    const sy = Math.floor(y / scale) * width;
    for (let x = 0; x < w; x++) {
      const s = (sy + Math.floor(x / scale)) * 4;
      const luma =
        ((rgba[s] as number) * 77 + (rgba[s + 1] as number) * 150 + (rgba[s + 2] as number) * 29) >> 8;
      const d = (y * w + x) * 4;
      small[d] = luma;
      small[d + 1] = luma;
      small[d + 2] = luma;
      small[d + 3] = 255;
    }
  }
  return jsQR(small, w, h, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

function rate(work: () => unknown, budgetMs = 1500): { fps: number; calls: number } {
  const start = performance.now();
  let calls = 0;
  while (performance.now() - start < budgetMs) {
    work();
    calls++;
  }
  return { fps: (calls * 1000) / (performance.now() - start), calls };
}

async function asyncRate(work: () => Promise<unknown>, budgetMs = 1500): Promise<number> {
  const start = performance.now();
  let calls = 0;
  while (performance.now() - start < budgetMs) {
    await work();
    calls++;
  }
  return (calls * 1000) / (performance.now() - start);
}

export default async function benchQrDecode(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-qr-'));
  try {
    for (const scene of SCENES) {
      const { rgba, text } = renderScene(scene);
      const { width, height } = scene;
      const gray = new Uint8Array(width * height);
      for (let i = 0; i < gray.length; i++) gray[i] = rgba[i * 4] as number;
      const ours = scannerDecode(rgba, width, height) === text;
      const raw = jsQR(rgba, width, height)?.data === text;
      const zbar = (await scanGrayBuffer(gray.slice().buffer, width, height))[0]?.decode() === text;
      const oursRate = rate(() => scannerDecode(rgba, width, height)).fps;
      const rawRate = rate(() => jsQR(rgba, width, height)).fps;
      const zbarRate = await asyncRate(() => scanGrayBuffer(gray.slice().buffer, width, height));
      const png = new PNG({ width, height });
      png.data = Buffer.from(rgba);
      const pngPath = join(dir, 'frame.png');
      writeFileSync(pngPath, PNG.sync.write(png));
      const zbarimgRate = rate(() => {
        try {
          execFileSync('zbarimg', ['-q', '--raw', pngPath], { stdio: 'ignore' });
        } catch {
          // exit 4 when nothing found; the rate is still meaningful
        }
      }, 1000).fps;
      const mark = (ok: boolean) => (ok ? 'read' : 'MISSED');
      console.log(
        `qr-decode: ${scene.name.padEnd(26)} scanner ${oursRate.toFixed(0)} fps (${mark(ours)}), raw jsQR ${rawRate.toFixed(0)} fps (${mark(raw)}), zbar-wasm ${zbarRate.toFixed(0)} fps (${mark(zbar)}), zbarimg ${zbarimgRate.toFixed(1)}/s; scanner/raw ${(oursRate / rawRate).toFixed(2)}x, scanner/zbar-wasm ${(oursRate / zbarRate).toFixed(2)}x`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
