import { describe, expect, it } from 'vitest';
import {
  FrameDecoder,
  planAttempts,
  regionAround,
  samplePixels,
  TARGET_MODULE_PIXELS,
  wholeFrame,
} from '../../../renderer/scan/decode-plan';
import { type CodePlacement, renderCameraFrame } from '../../helpers/camera-frame';

/**
 * The scanner's decode path on camera-like frames of real QR codes (rendered from the `qrcode`
 * package's matrix): which part of the frame it reads, at what scale, and that it reads the text.
 */
const WIDTH = 1280;
const HEIGHT = 720;
const TEXT_A = 'B$2P0400ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJ';
const TEXT_B = 'B$2P0401MZXCVBNMASDFGHJKLQWERTYUIOP234567MZXCVBNMASDFGHJKLQWERTYUIOP234567MZXCVBNM';

function frame(text: string, placement: CodePlacement, seed = 1) {
  const { rgba } = renderCameraFrame({
    width: WIDTH,
    height: HEIGHT,
    text,
    version: 10,
    placement,
    blurX: 1,
    blurY: 1,
    noise: 6,
    seed,
  });
  return wholeFrame({ data: rgba, width: WIDTH, height: HEIGHT });
}

describe('scanner decode plan', () => {
  it('searches the whole frame, downscaled then at full resolution, when no code was seen', () => {
    expect(planAttempts({ frameWidth: WIDTH, frameHeight: HEIGHT, lastCode: null })).toEqual([
      { kind: 'frame-downscaled', region: { x: 0, y: 0, width: 1280, height: 720 }, scale: 0.5 },
      { kind: 'frame', region: { x: 0, y: 0, width: 1280, height: 720 }, scale: 1 },
    ]);
    // A 640x480 frame is already at the search size: one attempt.
    expect(planAttempts({ frameWidth: 640, frameHeight: 480, lastCode: null })).toEqual([
      { kind: 'frame', region: { x: 0, y: 0, width: 640, height: 480 }, scale: 1 },
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

  it('follows a code that moves: the next frame is read from the region around it', () => {
    const decoder = new FrameDecoder();
    const first = decoder.decode(frame(TEXT_A, { centerX: 600, centerY: 360, modulePixels: 5 }));
    expect(first?.text).toBe(TEXT_A);
    expect(first?.kind).toBe('frame-downscaled');
    // Moved by 40 px and turned a little: still inside the region around the last code.
    const moved = decoder.decode(
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

  it('falls back to the whole frame when the code has left the region', () => {
    const decoder = new FrameDecoder();
    expect(decoder.decode(frame(TEXT_A, { centerX: 300, centerY: 360, modulePixels: 5 }))?.text).toBe(TEXT_A);
    const jumped = decoder.decode(frame(TEXT_B, { centerX: 1000, centerY: 380, modulePixels: 5 }, 2));
    expect(jumped).toMatchObject({ text: TEXT_B, kind: 'frame-downscaled', attempts: 2 });
    // And tracks it at its new place.
    expect(decoder.decode(frame(TEXT_A, { centerX: 1004, centerY: 378, modulePixels: 5 }, 3))).toMatchObject({
      text: TEXT_A,
      kind: 'region',
    });
  });

  it('reads a small code at full resolution, and then its region unscaled', () => {
    const decoder = new FrameDecoder();
    // 2.6 px a module: too fine for the half-size search.
    const small = { centerX: 900, centerY: 250, modulePixels: 2.6 };
    const first = decoder.decode(frame(TEXT_A, small));
    expect(first).toMatchObject({ text: TEXT_A, kind: 'frame', attempts: 2 });
    const [region] = planAttempts({ frameWidth: WIDTH, frameHeight: HEIGHT, lastCode: decoder.lastCode });
    expect(region?.kind).toBe('region');
    expect(region?.scale).toBe(1);
    expect(decoder.decode(frame(TEXT_B, small, 2))).toMatchObject({
      text: TEXT_B,
      kind: 'region',
      attempts: 1,
    });
  });

  it('downscales the region of a large code and still reads it', () => {
    const decoder = new FrameDecoder();
    const large = { centerX: 640, centerY: 360, modulePixels: 10 };
    expect(decoder.decode(frame(TEXT_A, large))?.text).toBe(TEXT_A);
    const [region] = planAttempts({ frameWidth: WIDTH, frameHeight: HEIGHT, lastCode: decoder.lastCode });
    expect(region?.kind).toBe('region');
    // Read at about TARGET_MODULE_PIXELS a module rather than 10.
    expect(region?.scale).toBeLessThan(0.6);
    expect((decoder.lastCode?.modulePixels ?? 0) * (region?.scale ?? 1)).toBeGreaterThanOrEqual(
      TARGET_MODULE_PIXELS,
    );
    expect(decoder.decode(frame(TEXT_B, { ...large, centerX: 630 }, 2))).toMatchObject({
      text: TEXT_B,
      kind: 'region',
      attempts: 1,
    });
  });

  it('reports nothing, and keeps looking where the code was, on a frame without a code', () => {
    const decoder = new FrameDecoder();
    expect(decoder.decode(frame(TEXT_A, { centerX: 640, centerY: 360, modulePixels: 5 }))?.text).toBe(TEXT_A);
    const tracked = decoder.lastCode;
    const blank = renderCameraFrame({
      width: WIDTH,
      height: HEIGHT,
      text: TEXT_A,
      version: 10,
      placement: { centerX: -2000, centerY: -2000, modulePixels: 5 },
    });
    expect(decoder.decode(wholeFrame({ data: blank.rgba, width: WIDTH, height: HEIGHT }))).toBeNull();
    expect(decoder.lastCode).toEqual(tracked);
  });
});
