import { startScanner } from './scanner';

/**
 * Standalone scanner page for end-to-end tests: every QR text read goes to `window.airlockScanned`
 * (exposed by the test, playing the part of the main-process assembler); `window.airlockStopScan()`
 * stops the camera.
 */
declare global {
  interface Window {
    airlockScanned: (text: string) => Promise<void>;
    airlockScanError: (message: string) => Promise<void>;
    airlockStopScan: () => void;
  }
}

const controller = new AbortController();
window.airlockStopScan = () => controller.abort();
const video = document.createElement('video');
document.body.append(video);
void startScanner({
  video,
  workerUrl: new URL('./decode-worker.js', import.meta.url),
  // The tests copy the package's zxing_reader.wasm next to the bundle; ?wasm= names another file (a
  // missing one, to see the scanner report a decoder that cannot load).
  wasmUrl: new URL(
    new URLSearchParams(location.search).get('wasm') ?? './zxing_reader.wasm',
    import.meta.url,
  ),
  signal: controller.signal,
  onFrame: (text) => void window.airlockScanned(text),
  onError: (error) => void window.airlockScanError(`${error.code}: ${error.message}`),
});
