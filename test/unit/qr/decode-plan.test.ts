import { beforeAll, describe, expect, it } from 'vitest';
import {
  FrameDecoder,
  planAttempts,
  type QrReader,
  regionAround,
  samplePixels,
  TARGET_MODULE_PIXELS,
  wholeFrame,
} from '../../../renderer/scan/decode-plan';
import { type CodePlacement, renderCameraFrame } from '../../helpers/camera-frame';
import { nodeQrReader } from '../../helpers/qr-reader';

/**
 * The scanner's decode path on camera-like frames of real QR codes (rendered from the `qrcode`
 * package's matrix): which part of the frame it reads, at what scale, and that its reader (ZXing in
 * WebAssembly, loaded from the installed package's wasm as the worker loads the bundled one) reads
 * the text.
 */
const WIDTH = 1280;
const HEIGHT = 720;
const TEXT_A = 'B$2P0400ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJ';
const TEXT_B = 'B$2P0401MZXCVBNMASDFGHJKLQWERTYUIOP234567MZXCVBNMASDFGHJKLQWERTYUIOP234567MZXCVBNM';

let reader: QrReader;
beforeAll(async () => {
  reader = await nodeQrReader();
});

function frame(text: string, placement: CodePlacement, seed = 1, version = 10) {
  const { rgba } = renderCameraFrame({
    width: WIDTH,
    height: HEIGHT,
    text,
    version,
    placement,
    blurX: 1,
    blurY: 1,
    noise: 6,
    seed,
  });
  return wholeFrame({ data: rgba, width: WIDTH, height: HEIGHT });
}

describe('scanner decode plan', () => {
  it('searches the whole frame at full resolution when no code was seen', () => {
    // ZXing tries its own downscaled copies of a large frame, so there is no separate downscaled search.
    expect(planAttempts({ frameWidth: WIDTH, frameHeight: HEIGHT, lastCode: null })).toEqual([
      { kind: 'frame', region: { x: 0, y: 0, width: 1280, height: 720 }, scale: 1 },
    ]);
  });

  it('reads the region around a code seen before first, then the whole frame', () => {
    const code = { box: { x: 500, y: 200, width: 200, height: 200 }, modulePixels: 6, readModulePixels: 3 };
    expect(planAttempts({ frameWidth: WIDTH, frameHeight: HEIGHT, lastCode: code })).toEqual([
      { kind: 'region', region: { x: 436, y: 136, width: 328, height: 328 }, scale: 0.5 },
      { kind: 'frame', region: { x: 0, y: 0, width: 1280, height: 720 }, scale: 1 },
    ]);
  });

  it('reads around the last code with a margin, clipped to the frame', () => {
    const code = { box: { x: 500, y: 200, width: 200, height: 200 }, modulePixels: 4, readModulePixels: 3 };
    // Margin: 0.2 of the side (40) plus 4 modules (16).
    expect(regionAround({ code, frameWidth: WIDTH, frameHeight: HEIGHT })).toEqual({
      x: 444,
      y: 144,
      width: 312,
      height: 312,
    });
    const atEdge = { ...code, box: { x: 0, y: 600, width: 200, height: 120 } };
    expect(regionAround({ code: atEdge, frameWidth: WIDTH, frameHeight: HEIGHT })).toEqual({
      x: 0,
      y: 544,
      width: 256,
      height: 176,
    });
  });

  it('crops and averages down in one pass, and hands a whole unscaled frame over as it is', () => {
    // 4x2 source: a left half of grey 40 and a right half of grey 200 (r = g = b).
    const data = new Uint8ClampedArray(4 * 2 * 4);
    for (let p = 0; p < 8; p++) data.set(p % 4 < 2 ? [40, 40, 40, 255] : [200, 200, 200, 255], p * 4);
    const source = { data, width: 4, height: 2 };
    const whole = samplePixels({
      source,
      origin: { x: 0, y: 0 },
      region: { x: 0, y: 0, width: 4, height: 2 },
      scale: 1,
    });
    expect(whole.pixels.data).toBe(data);
    const half = samplePixels({
      source,
      origin: { x: 0, y: 0 },
      region: { x: 0, y: 0, width: 4, height: 2 },
      scale: 0.5,
    });
    expect([...half.pixels.data]).toEqual([40, 40, 40, 255, 200, 200, 200, 255]);
    expect(half.step).toEqual({ x: 2, y: 2 });
    const crop = samplePixels({
      source,
      origin: { x: 0, y: 0 },
      region: { x: 1, y: 1, width: 2, height: 1 },
      scale: 1,
    });
    expect([...crop.pixels.data]).toEqual([40, 40, 40, 255, 200, 200, 200, 255]);
  });

  it('follows a code that moves: the next frame is read from the region around it', async () => {
    const decoder = new FrameDecoder(reader);
    const first = await decoder.decode(frame(TEXT_A, { centerX: 600, centerY: 360, modulePixels: 5 }));
    expect(first?.text).toBe(TEXT_A);
    expect(first?.kind).toBe('frame');
    // Moved by 40 px and turned a little: still inside the region around the last code.
    const moved = await decoder.decode(
      frame(TEXT_B, { centerX: 640, centerY: 340, modulePixels: 5, rotationDegrees: 3 }, 2),
    );
    expect(moved).toMatchObject({ text: TEXT_B, kind: 'region', attempts: 1 });
    // The tracked box follows the code's corners (a 57-module code at 5 px: 285 px square).
    const box = decoder.lastCode?.box;
    expect(box).toBeDefined();
    expect(Math.abs((box?.x ?? 0) + (box?.width ?? 0) / 2 - 640)).toBeLessThan(6);
    expect(Math.abs((box?.y ?? 0) + (box?.height ?? 0) / 2 - 340)).toBeLessThan(6);
    expect(decoder.lastCode?.modulePixels).toBeCloseTo(5, 0);
  });

  it('falls back to the whole frame when the code has left the region', async () => {
    const decoder = new FrameDecoder(reader);
    expect((await decoder.decode(frame(TEXT_A, { centerX: 300, centerY: 360, modulePixels: 5 })))?.text).toBe(
      TEXT_A,
    );
    expect(decoder.lastCode?.readModulePixels).toBe(TARGET_MODULE_PIXELS);
    const jumped = await decoder.decode(frame(TEXT_B, { centerX: 1000, centerY: 380, modulePixels: 5 }, 2));
    expect(jumped).toMatchObject({ text: TEXT_B, kind: 'frame', attempts: 2 });
    // The region missed: its next read is a step finer.
    expect(decoder.lastCode?.readModulePixels).toBe(TARGET_MODULE_PIXELS + 1);
    // And tracks it at its new place.
    expect(
      await decoder.decode(frame(TEXT_A, { centerX: 1004, centerY: 378, modulePixels: 5 }, 3)),
    ).toMatchObject({
      text: TEXT_A,
      kind: 'region',
    });
  });

  it('reads a small code at full resolution, and then its region unscaled', async () => {
    const decoder = new FrameDecoder(reader);
    // 2.6 px a module: fewer than the region is ever scaled to.
    const small = { centerX: 900, centerY: 250, modulePixels: 2.6 };
    const first = await decoder.decode(frame(TEXT_A, small));
    expect(first).toMatchObject({ text: TEXT_A, kind: 'frame', attempts: 1 });
    const [region] = planAttempts({ frameWidth: WIDTH, frameHeight: HEIGHT, lastCode: decoder.lastCode });
    expect(region?.kind).toBe('region');
    expect(region?.scale).toBe(1);
    expect(await decoder.decode(frame(TEXT_B, small, 2))).toMatchObject({
      text: TEXT_B,
      kind: 'region',
      attempts: 1,
    });
  });

  it('downscales the region of a large code and still reads it', async () => {
    const decoder = new FrameDecoder(reader);
    const large = { centerX: 640, centerY: 360, modulePixels: 10 };
    expect((await decoder.decode(frame(TEXT_A, large)))?.text).toBe(TEXT_A);
    const [region] = planAttempts({ frameWidth: WIDTH, frameHeight: HEIGHT, lastCode: decoder.lastCode });
    expect(region?.kind).toBe('region');
    // Read at about TARGET_MODULE_PIXELS a module rather than 10.
    expect(region?.scale).toBeLessThan(0.6);
    expect((decoder.lastCode?.modulePixels ?? 0) * (region?.scale ?? 1)).toBeGreaterThanOrEqual(
      TARGET_MODULE_PIXELS,
    );
    expect(await decoder.decode(frame(TEXT_B, { ...large, centerX: 630 }, 2))).toMatchObject({
      text: TEXT_B,
      kind: 'region',
      attempts: 1,
    });
  });

  it('reads a tilted and keystoned code, and then from its region', async () => {
    const decoder = new FrameDecoder(reader);
    const tilted = { centerX: 560, centerY: 380, modulePixels: 5, rotationDegrees: 18, keystone: 0.15 };
    expect(await decoder.decode(frame(TEXT_A, tilted))).toMatchObject({ text: TEXT_A, kind: 'frame' });
    expect(await decoder.decode(frame(TEXT_B, { ...tilted, rotationDegrees: 20 }, 2))).toMatchObject({
      text: TEXT_B,
      kind: 'region',
      attempts: 1,
    });
  });

  it('reads a small, dense code (version 25 at 3 px a module)', async () => {
    const decoder = new FrameDecoder(reader);
    const dense = `B$2P0402${'QRSTUVWXYZ234567ABCDEFGHIJKLMNOP'.repeat(30)}`;
    const small = { centerX: 400, centerY: 300, modulePixels: 3, rotationDegrees: 4 };
    expect(await decoder.decode(frame(dense, small, 1, 25))).toMatchObject({ text: dense, kind: 'frame' });
    expect(decoder.lastCode?.modulePixels).toBeCloseTo(3, 0);
    const next = dense.replace('0402', '0403');
    expect(await decoder.decode(frame(next, small, 2, 25))).toMatchObject({ text: next, kind: 'region' });
  });

  it('reports nothing, and keeps looking where the code was, on a frame without a code', async () => {
    const decoder = new FrameDecoder(reader);
    expect((await decoder.decode(frame(TEXT_A, { centerX: 640, centerY: 360, modulePixels: 5 })))?.text).toBe(
      TEXT_A,
    );
    const tracked = decoder.lastCode;
    const blank = renderCameraFrame({
      width: WIDTH,
      height: HEIGHT,
      text: TEXT_A,
      version: 10,
      placement: { centerX: -2000, centerY: -2000, modulePixels: 5 },
    });
    expect(await decoder.decode(wholeFrame({ data: blank.rgba, width: WIDTH, height: HEIGHT }))).toBeNull();
    expect(decoder.lastCode).toEqual(tracked);
  });
});
