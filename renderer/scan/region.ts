/** A rectangle in camera-frame pixels. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Longest side a full camera frame is scaled to before decoding. */
export const FULL_FRAME_DECODE_SIZE = 640;
/** Longest side a region around the last code is scaled to (a large code decodes fine smaller). */
export const REGION_DECODE_SIZE = 480;
/** How far the search region extends beyond the last code's bounding box, per side, in code widths. */
const REGION_MARGIN = 0.35;

/**
 * The region to decode next: around the code found last (codes move little between frames), or the
 * whole frame when there is none. Always inside the frame.
 */
export function nextRegion({
  frameWidth,
  frameHeight,
  lastCode,
}: {
  frameWidth: number;
  frameHeight: number;
  lastCode: Region | null;
}): Region {
  if (!lastCode) return { x: 0, y: 0, width: frameWidth, height: frameHeight };
  const marginX = lastCode.width * REGION_MARGIN;
  const marginY = lastCode.height * REGION_MARGIN;
  const x = Math.max(0, Math.floor(lastCode.x - marginX));
  const y = Math.max(0, Math.floor(lastCode.y - marginY));
  const right = Math.min(frameWidth, Math.ceil(lastCode.x + lastCode.width + marginX));
  const bottom = Math.min(frameHeight, Math.ceil(lastCode.y + lastCode.height + marginY));
  return { x, y, width: Math.max(1, right - x), height: Math.max(1, bottom - y) };
}

/** Scale factor (<= 1) that brings the region's longest side down to the decode size. */
export function decodeScale({ region, isFullFrame }: { region: Region; isFullFrame: boolean }): number {
  const target = isFullFrame ? FULL_FRAME_DECODE_SIZE : REGION_DECODE_SIZE;
  return Math.min(1, target / Math.max(region.width, region.height));
}

/** Bounding box of the code's corners found in a scaled region, mapped back to frame pixels. */
export function codeBoxInFrame({
  corners,
  region,
  scale,
}: {
  corners: { x: number; y: number }[];
  region: Region;
  scale: number;
}): Region {
  const xs = corners.map((c) => region.x + c.x / scale);
  const ys = corners.map((c) => region.y + c.y / scale);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}
