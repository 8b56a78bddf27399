import { useEffect, useRef, useState } from 'react';
import zxingWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { useStrings } from '../i18n';
import decodeWorkerUrl from '../scan/decode-worker?worker&url';
import { type ScannerError, startScanner } from '../scan/scanner';

/**
 * The live camera view over the scanner (renderer/scan/scanner.ts): each payload that differs from
 * the previous one is reported; a missing or refused camera, or a decoder that cannot load, is shown.
 * The camera and the decode worker stop when the view goes away. Vite bundles the worker and the
 * decoder's wasm into the app's own files, so nothing is fetched from anywhere else.
 */
export function CameraScanner({ onPayload }: { onPayload: (text: string) => void }) {
  const en = useStrings();
  const video = useRef<HTMLVideoElement>(null);
  const report = useRef(onPayload);
  report.current = onPayload;
  const [error, setError] = useState<ScannerError | null>(null);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    const controller = new AbortController();
    void startScanner({
      video: element,
      workerUrl: decodeWorkerUrl,
      wasmUrl: zxingWasmUrl,
      signal: controller.signal,
      onFrame: (text) => report.current(text),
      onError: setError,
    });
    return () => controller.abort();
  }, []);

  return (
    <div className="camera">
      <video ref={video} muted playsInline aria-label={en.scan.hint} />
      {error && (
        <p className="notice notice-warning" role="alert" data-scanner-error={error.code}>
          {en.scan.cameraErrors[error.code]}
        </p>
      )}
    </div>
  );
}
