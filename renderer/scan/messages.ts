/** UI thread -> decode worker: one whole camera frame. */
export interface DecodeRequest {
  id: number;
  bitmap: ImageBitmap;
}

/** Decode worker -> UI thread: the QR text and its corners (in frame pixels), or nulls. */
export interface DecodeReply {
  id: number;
  text: string | null;
  corners: { x: number; y: number }[] | null;
}
