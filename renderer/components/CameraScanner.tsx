import { useEffect, useRef, useState } from 'react';
import { en } from '../i18n/en';

/** Longest side a camera frame is scaled to before decoding: enough for a laptop-distance QR. */
const DECODE_SIZE = 640;
const DECODE_INTERVAL_MS = 60;

/**
 * The live camera view: frames are downscaled and decoded with jsQR in a Web Worker (the UI thread
 * never blocks), one frame in flight at a time; each payload that differs from the previous one is
 * reported. The camera and the worker stop when the view goes away.
 */
export function CameraScanner({ onPayload }: { onPayload: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const report = useRef(onPayload);
  report.current = onPayload;
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    let last = '';
    let busy = false;
    const worker = new Worker(new URL('./qr-decode.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<string | null>) => {
      busy = false;
      if (event.data && event.data !== last) {
        last = event.data;
        report.current(event.data);
      }
    };
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const decode = () => {
      const element = video.current;
      if (busy || !element || !context || element.readyState < 2 || element.videoWidth === 0) return;
      const scale = Math.min(1, DECODE_SIZE / Math.max(element.videoWidth, element.videoHeight));
      canvas.width = Math.round(element.videoWidth * scale);
      canvas.height = Math.round(element.videoHeight * scale);
      context.drawImage(element, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      busy = true;
      worker.postMessage({ data: image.data, width: image.width, height: image.height }, [image.data.buffer]);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false })
      .then(async (media) => {
        if (stopped) {
          for (const track of media.getTracks()) track.stop();
          return;
        }
        stream = media;
        if (video.current) {
          video.current.srcObject = media;
          await video.current.play();
        }
        timer = setInterval(decode, DECODE_INTERVAL_MS);
      })
      .catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
    return () => {
      stopped = true;
      clearInterval(timer);
      worker.terminate();
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  return (
    <div className="camera">
      <video ref={video} muted playsInline aria-label={en.scan.hint} />
      {error && (
        <p className="notice notice-warning" role="alert">
          {en.scan.cameraError(error)}
        </p>
      )}
    </div>
  );
}
