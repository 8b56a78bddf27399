/**
 * UI thread -> decode worker: first the address of the bundled zxing_reader.wasm (on the app's own
 * origin), then whole camera frames.
 */
export type DecodeRequest =
  | { type: 'init'; wasmUrl: string }
  | { type: 'frame'; id: number; bitmap: ImageBitmap };

/**
 * Decode worker -> UI thread: the reader is ready, or could not be loaded (why); per frame, the QR
 * text and its corners (in frame pixels), or nulls.
 */
export type DecodeReply =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'frame'; id: number; text: string | null; corners: { x: number; y: number }[] | null };
