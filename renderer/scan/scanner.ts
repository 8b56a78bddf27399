import type { DecodeReply, DecodeRequest } from './messages';

export type ScannerErrorCode = 'NO_CAMERA' | 'CAMERA_DENIED' | 'CAMERA_UNSUPPORTED' | 'CAMERA_FAILED';

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
 * (decode-plan.ts); while the worker is busy, camera frames are skipped, so the decode rate adapts
 * to the machine and the UI never blocks.
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
  let busy = false;
  let lastText = '';
  let inFlight: number | null = null;
  let nextId = 1;

  worker.onmessage = (event: MessageEvent<DecodeReply>) => {
    busy = false;
    const reply = event.data;
    if (reply.id !== inFlight || signal.aborted) return;
    if (reply.text !== null) {
      progress.codesFound++;
      if (reply.text !== lastText) {
        lastText = reply.text;
        onFrame(reply.text);
      }
    }
    onProgress?.({ ...progress });
  };

  const offerFrame = async () => {
    if (signal.aborted) return;
    progress.framesSeen++;
    if (!busy && video.videoWidth > 0) {
      busy = true;
      const id = nextId++;
      inFlight = id;
      try {
        const bitmap = await createImageBitmap(video);
        progress.framesDecoded++;
        const request: DecodeRequest = { id, bitmap };
        worker.postMessage(request, [bitmap]);
      } catch {
        busy = false;
      }
    }
    scheduleNext();
  };
  const scheduleNext = () => {
    if (signal.aborted) return;
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => void offerFrame());
    else requestAnimationFrame(() => void offerFrame());
  };

  signal.addEventListener(
    'abort',
    () => {
      worker.terminate();
      stopCamera();
    },
    { once: true },
  );
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  try {
    await video.play();
  } catch {
    onError?.({ code: 'CAMERA_FAILED', message: 'The camera could not be started.' });
    worker.terminate();
    stopCamera();
    return;
  }
  scheduleNext();
}
