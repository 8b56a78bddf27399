/// <reference lib="webworker" />
import jsQR from 'jsqr';

/** Decodes one grayscale-ready RGBA frame off the UI thread; answers with the payload or null. */
self.onmessage = (event: MessageEvent<{ data: Uint8ClampedArray; width: number; height: number }>) => {
  const { data, width, height } = event.data;
  const code = jsQR(data, width, height, { inversionAttempts: 'dontInvert' });
  self.postMessage(code?.data ?? null);
};
