import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A y4m video (for Chromium's fake camera) showing each PNG in turn, each held for `holdFrames`
 * video frames at 15 frames/s, centred on a white `width` x `height` canvas, made with ffmpeg.
 * Returns `out`.
 */
export function makeY4mFromPngs({
  pngs,
  out,
  holdFrames,
  width = 640,
  height = 480,
}: {
  pngs: string[];
  out: string;
  holdFrames: number;
  width?: number;
  height?: number;
}): string {
  if (pngs.length === 0) throw new Error('makeY4mFromPngs needs at least one PNG');
  // ffmpeg's image sequence input wants consecutive names; copy into a private directory.
  const work = mkdtempSync(join(tmpdir(), 'airlock-y4m-'));
  try {
    for (const [i, png] of pngs.entries())
      copyFileSync(png, join(work, `f-${String(i).padStart(5, '0')}.png`));
    const fps = 15;
    execFileSync('ffmpeg', [
      '-loglevel',
      'error',
      '-y',
      '-framerate',
      `${fps}/${holdFrames}`,
      '-i',
      join(work, 'f-%05d.png'),
      '-vf',
      `scale=w=${width}:h=${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p`,
      '-r',
      String(fps),
      out,
    ]);
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
