/// <reference lib="webworker" />
import { FrameDecoder, type FrameSource, type Region } from './decode-plan';
import type { DecodeReply, DecodeRequest } from './messages';
import { loadZxingReader } from './zxing-reader';

/**
 * Decodes camera frames off the UI thread with the scanner's decode path (decode-plan.ts) and its
 * ZXing reader: the first message names the bundled wasm, which is fetched from there (the app's own
 * origin) and compiled before any frame; each whole frame then arrives as an ImageBitmap and is drawn
 * on a worker-owned canvas, and only the pixels an attempt needs are read back (the region around the
 * last code, else the whole frame). Frames are decoded one at a time, in order.
 */
let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;
let decoder: FrameDecoder | null = null;

function reply(message: DecodeReply): void {
  self.postMessage(message);
}

async function load(wasmUrl: string): Promise<void> {
  try {
    const response = await fetch(wasmUrl);
    if (!response.ok) throw new Error(`${response.status} fetching the decoder`);
    decoder = new FrameDecoder(await loadZxingReader(await response.arrayBuffer()));
    reply({ type: 'ready' });
  } catch (reason) {
    reply({ type: 'failed', message: reason instanceof Error ? reason.message : String(reason) });
  }
}

async function decodeFrame(id: number, bitmap: ImageBitmap): Promise<void> {
  const { width, height } = bitmap;
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  const drawn = context;
  if (!drawn || !decoder) {
    bitmap.close();
    reply({ type: 'frame', id, text: null, corners: null });
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
  const result = await decoder.decode(frame);
  reply(
    result
      ? { type: 'frame', id, text: result.text, corners: result.corners }
      : { type: 'frame', id, text: null, corners: null },
  );
}

// One message at a time, so frames never overlap on the shared canvas and the decoder's tracking.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<DecodeRequest>) => {
  const request = event.data;
  queue = queue.then(() =>
    request.type === 'init' ? load(request.wasmUrl) : decodeFrame(request.id, request.bitmap),
  );
};
