import type { DecodeReply, DecodeRequest } from './messages';

export type ScannerErrorCode =
  | 'NO_CAMERA'
  | 'CAMERA_DENIED'
  | 'CAMERA_UNSUPPORTED'
  | 'CAMERA_FAILED'
  | 'DECODER_FAILED';

export interface ScannerError {
  code: ScannerErrorCode;
  message: string;
}

export interface ScannerProgress {
  /** Camera frames offered to the scanner. */
  framesSeen: number;
  /** Frames actually decoded (the rest were skipped while the worker was busy). */
  framesDecoded: number;
  /** Frames in which a QR code was found. */
  codesFound: number;
}

export interface ScannerOptions {
  /** The element that shows the camera; the scanner attaches the stream to it. */
  video: HTMLVideoElement;
  /** URL of the bundled decode worker (renderer/scan/decode-worker.ts). */
  workerUrl: string | URL;
  /** URL of the bundled zxing_reader.wasm, on the app's own origin (the worker fetches it). */
  wasmUrl: string | URL;
  /** Each QR text read; a text repeated in consecutive frames is reported once. */
  onFrame: (text: string) => void;
  onProgress?: (progress: ScannerProgress) => void;
  onError?: (error: ScannerError) => void;
  /** Aborting stops the camera and the worker (call it when the assembler completes or on cancel). */
  signal: AbortSignal;
}

function describeCameraFailure(reason: unknown): ScannerError {
  const name = reason instanceof DOMException ? reason.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return { code: 'CAMERA_DENIED', message: 'Camera access was denied; allow the camera to scan QR codes.' };
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError')
    return { code: 'NO_CAMERA', message: 'No usable camera was found; connect a camera to scan QR codes.' };
  return { code: 'CAMERA_FAILED', message: 'The camera could not be started.' };
}

/**
 * Reads QR codes from the camera. Each frame goes whole to a Web Worker, which reads the region
 * around the last code at a few pixels per module and falls back to the whole frame
 * (decode-plan.ts, with ZXing in WebAssembly); while the worker is busy, camera frames are skipped,
 * so the decode rate adapts to the machine and the UI never blocks. No frame is offered before the
 * worker's decoder has loaded; if it cannot load, onError gets DECODER_FAILED and the camera stops.
 * Resolves once the camera is running; stops everything when `signal` aborts.
 */
export async function startScanner(options: ScannerOptions): Promise<void> {
  const { video, signal, onFrame, onProgress, onError } = options;
  if (
    !navigator.mediaDevices?.getUserMedia ||
    typeof createImageBitmap !== 'function' ||
    typeof Worker !== 'function'
  ) {
    onError?.({ code: 'CAMERA_UNSUPPORTED', message: 'This browser cannot read the camera.' });
    return;
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: false,
    });
  } catch (reason) {
    onError?.(describeCameraFailure(reason));
    return;
  }
  const stopCamera = () => {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  if (signal.aborted) {
    stopCamera();
    return;
  }
  const worker = new Worker(options.workerUrl, { type: 'module' });
  const progress: ScannerProgress = { framesSeen: 0, framesDecoded: 0, codesFound: 0 };
  // Busy until the decoder has loaded.
  let busy = true;
  let lastText = '';
  let inFlight: number | null = null;
  let nextId = 1;
  // A camera frame came while the worker was busy: decode the newest one as soon as it is free, not
  // at the next frame, so a coordinator's code shown for two camera frames is not missed when one
  // decode takes a little longer than a frame.
  let skippedWhileBusy = false;

  // Set by stopAll, which an abort runs too. Once stopped, nothing more is reported: a stopped camera
  // makes a pending video.play() reject, which is a consequence, not a second error.
  let stopped = false;
  const stopAll = () => {
    stopped = true;
    worker.terminate();
    stopCamera();
  };
  const failDecoder = (detail: string) => {
    if (stopped) return;
    onError?.({ code: 'DECODER_FAILED', message: `The QR decoder could not be loaded (${detail}).` });
    stopAll();
  };
  worker.onerror = (event) => failDecoder(event.message || 'the decode worker did not start');
  worker.onmessage = (event: MessageEvent<DecodeReply>) => {
    const reply = event.data;
    if (reply.type === 'failed') return failDecoder(reply.message);
    busy = false;
    if (reply.type === 'ready') return;
    if (reply.id !== inFlight || stopped) return;
    if (reply.text !== null) {
      progress.codesFound++;
      if (reply.text !== lastText) {
        lastText = reply.text;
        onFrame(reply.text);
      }
    }
    onProgress?.({ ...progress });
    if (skippedWhileBusy) void decodeCurrentFrame();
  };

  const decodeCurrentFrame = async () => {
    skippedWhileBusy = false;
    busy = true;
    const id = nextId++;
    inFlight = id;
    try {
      const bitmap = await createImageBitmap(video);
      progress.framesDecoded++;
      const request: DecodeRequest = { type: 'frame', id, bitmap };
      worker.postMessage(request, [bitmap]);
    } catch {
      busy = false;
    }
  };

  const offerFrame = async () => {
    if (stopped) return;
    progress.framesSeen++;
    if (busy) skippedWhileBusy = inFlight !== null;
    else if (video.videoWidth > 0) await decodeCurrentFrame();
    scheduleNext();
  };
  const scheduleNext = () => {
    if (stopped) return;
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => void offerFrame());
    else requestAnimationFrame(() => void offerFrame());
  };

  signal.addEventListener('abort', stopAll, { once: true });
  const init: DecodeRequest = { type: 'init', wasmUrl: new URL(options.wasmUrl, location.href).href };
  worker.postMessage(init);
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  try {
    await video.play();
  } catch {
    if (stopped) return;
    onError?.({ code: 'CAMERA_FAILED', message: 'The camera could not be started.' });
    stopAll();
    return;
  }
  scheduleNext();
}
