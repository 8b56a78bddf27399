/// <reference lib="webworker" />
import jsQR from 'jsqr';
import type { DecodeReply, DecodeRequest } from './messages';

/**
 * Decodes one camera frame off the UI thread. The frame arrives as an ImageBitmap already cropped
 * to the search region and downscaled; it is drawn on a worker-owned OffscreenCanvas, turned to
 * grayscale (jsQR then binarises one channel instead of three) and decoded.
 */
let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

function grayscaleInPlace(rgba: Uint8ClampedArray): void {
  for (let i = 0; i < rgba.length; i += 4) {
    // Integer BT.601 luma; jsQR reads the result back as an equal-channel image.
    const luma =
      ((rgba[i] as number) * 77 + (rgba[i + 1] as number) * 150 + (rgba[i + 2] as number) * 29) >> 8;
    rgba[i] = luma;
    rgba[i + 1] = luma;
    rgba[i + 2] = luma;
  }
}

self.onmessage = (event: MessageEvent<DecodeRequest>) => {
  const { bitmap, id } = event.data;
  const { width, height } = bitmap;
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!context) {
    bitmap.close();
    const reply: DecodeReply = { id, text: null, corners: null };
    self.postMessage(reply);
    return;
  }
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const image = context.getImageData(0, 0, width, height);
  grayscaleInPlace(image.data);
  const code = jsQR(image.data, width, height, { inversionAttempts: 'dontInvert' });
  const reply: DecodeReply = code
    ? {
        id,
        text: code.data,
        corners: [
          code.location.topLeftCorner,
          code.location.topRightCorner,
          code.location.bottomRightCorner,
          code.location.bottomLeftCorner,
        ],
      }
    : { id, text: null, corners: null };
  self.postMessage(reply);
};
