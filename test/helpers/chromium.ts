import { execFileSync } from 'node:child_process';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; the pre-test step installs it, so a missing binary is a loud failure. */
export function chromiumPath(): string {
  return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
}

const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Headless Chromium; with `fakeVideo` (a y4m file) the page's camera plays that video. */
export async function launchChromium({
  fakeVideo,
  headless = true,
}: {
  fakeVideo?: string;
  headless?: boolean;
} = {}): Promise<Browser> {
  const cameraArgs = fakeVideo
    ? [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${fakeVideo}`,
      ]
    : [];
  return chromium.launch({ executablePath: chromiumPath(), headless, args: [...BASE_ARGS, ...cameraArgs] });
}
