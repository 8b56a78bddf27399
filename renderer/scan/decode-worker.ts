/// <reference lib="webworker" />
import { FrameDecoder, type FrameSource, type Region } from './decode-plan';
import type { DecodeReply, DecodeRequest } from './messages';

/**
 * Decodes camera frames off the UI thread with the scanner's decode path (decode-plan.ts): each
 * whole frame arrives as an ImageBitmap and is drawn on a worker-owned canvas, and only the pixels
 * an attempt needs are read back (the region around the last code, else the whole frame).
 */
let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;
const decoder = new FrameDecoder();

self.onmessage = (event: MessageEvent<DecodeRequest>) => {
  const { bitmap, id } = event.data;
  const { width, height } = bitmap;
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  const drawn = context;
  if (!drawn) {
    bitmap.close();
    const reply: DecodeReply = { id, text: null, corners: null };
    self.postMessage(reply);
    return;
  }
  drawn.drawImage(bitmap, 0, 0);
  bitmap.close();
  const frame: FrameSource = {
    width,
    height,
    read: (region: Region) => {
      const image = drawn.getImageData(region.x, region.y, region.width, region.height);
      return { pixels: image, origin: { x: region.x, y: region.y } };
    },
  };
  const result = decoder.decode(frame);
  const reply: DecodeReply = result
    ? { id, text: result.text, corners: result.corners }
    : { id, text: null, corners: null };
  self.postMessage(reply);
};
