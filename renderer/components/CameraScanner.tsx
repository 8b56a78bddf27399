import { useEffect, useRef, useState } from 'react';
import zxingWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { useStrings } from '../i18n';
import decodeWorkerUrl from '../scan/decode-worker?worker&url';
import { type ScannerError, startScanner } from '../scan/scanner';
import { holdsSecretWords } from '../scan/secret-words';

/**
 * The live camera view over the scanner (renderer/scan/scanner.ts): each payload that differs from
 * the previous one is reported; a missing or refused camera, or a decoder that cannot load, is shown.
 * The camera and the decode worker stop when the view goes away. Vite bundles the worker and the
 * decoder's wasm into the app's own files, so nothing is fetched from anywhere else.
 * Words (a key share card, a seed phrase) are reported only where they are asked for (`acceptsWords`,
 * the Key shares step); anywhere else they are refused here and never reach main.
 */
export function CameraScanner({
  onPayload,
  acceptsWords = false,
}: {
  onPayload: (text: string) => void;
  acceptsWords?: boolean;
}) {
  const en = useStrings();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<ScannerError | null>(null);
  const [wordsRefused, setWordsRefused] = useState(false);
  const deliver = (text: string) => {
    const refuse = !acceptsWords && holdsSecretWords(text);
    setWordsRefused(refuse);
    if (!refuse) onPayload(text);
  };
  const report = useRef(deliver);
  report.current = deliver;

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
      {wordsRefused && (
        <p className="notice notice-warning" role="alert" data-words-refused>
          {en.scan.wordsRefused}
        </p>
      )}
    </div>
  );
}
