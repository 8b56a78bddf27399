import { describe, expect, it } from 'vitest';
import { codeBoxInFrame, decodeScale, nextRegion } from '../../../renderer/scan/region';

describe('scanner search region', () => {
  it('searches the whole frame when no code was found last', () => {
    expect(nextRegion({ frameWidth: 1280, frameHeight: 720, lastCode: null })).toEqual({
      x: 0,
      y: 0,
      width: 1280,
      height: 720,
    });
  });

  it('searches around the last code with a margin, clipped to the frame', () => {
    const around = nextRegion({
      frameWidth: 1280,
      frameHeight: 720,
      lastCode: { x: 500, y: 200, width: 200, height: 200 },
    });
    expect(around).toEqual({ x: 430, y: 130, width: 340, height: 340 });
    const atEdge = nextRegion({
      frameWidth: 1280,
      frameHeight: 720,
      lastCode: { x: 0, y: 600, width: 200, height: 120 },
    });
    expect(atEdge).toEqual({ x: 0, y: 558, width: 270, height: 162 });
  });

  it('downscales large regions and never upscales small ones', () => {
    expect(decodeScale({ region: { x: 0, y: 0, width: 1280, height: 720 }, isFullFrame: true })).toBe(0.5);
    expect(decodeScale({ region: { x: 0, y: 0, width: 960, height: 600 }, isFullFrame: false })).toBe(0.5);
    expect(decodeScale({ region: { x: 0, y: 0, width: 300, height: 300 }, isFullFrame: false })).toBe(1);
  });

  it('maps corners found in a scaled region back to frame pixels', () => {
    const box = codeBoxInFrame({
      corners: [
        { x: 10, y: 20 },
        { x: 110, y: 20 },
        { x: 110, y: 120 },
        { x: 10, y: 120 },
      ],
      region: { x: 400, y: 100, width: 800, height: 600 },
      scale: 0.5,
    });
    expect(box).toEqual({ x: 420, y: 140, width: 200, height: 200 });
  });
});
