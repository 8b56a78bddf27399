import { prepareZXingModule, type ReaderOptions, readBarcodes } from 'zxing-wasm/reader';
import type { Pixels, QrReader } from './decode-plan';

/**
 * The scanner's QR reader: ZXing-C++ compiled to WebAssembly (zxing-wasm). Its cost grows with the
 * pixels it is handed, not with the code's modules as jsQR's does, and it reads the small, dense
 * and tilted codes jsQR misses (bench/qr-decode.ts). DOM-free, so the worker, the bench and the
 * unit tests run the same reader.
 */
export const QR_READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  // Measured on the bench's clips: no slower than without, and it is ZXing's more thorough search.
  tryHarder: true,
  // Camera frames are upright enough for the QR finder patterns, and codes are dark on light.
  tryRotate: false,
  tryInvert: false,
  // Large codes on a whole frame are found on ZXing's own downscaled copies.
  tryDownscale: true,
  maxNumberOfSymbols: 1,
};

/**
 * Instantiates the WebAssembly module from `wasmBinary` (the bundled zxing_reader.wasm, read by the
 * caller: never fetched by zxing-wasm itself, whose default would be a CDN) and returns the reader.
 * Rejects when the module cannot be compiled (a corrupt file, or a CSP without 'wasm-unsafe-eval').
 */
export async function loadZxingReader(wasmBinary: ArrayBuffer): Promise<QrReader> {
  await prepareZXingModule({
    // locateFile only names the binary here (wasmBinary is used as it is); overriding it keeps the
    // package's CDN address out of the module entirely.
    overrides: { wasmBinary, locateFile: (name: string) => name },
    fireImmediately: true,
  });
  return async (pixels: Pixels) => {
    const [code] = await readBarcodes(pixels as ImageData, QR_READER_OPTIONS);
    if (!code?.isValid) return null;
    const { topLeft, topRight, bottomRight, bottomLeft } = code.position;
    return {
      text: code.text,
      corners: [topLeft, topRight, bottomRight, bottomLeft],
      version: Number(code.version),
    };
  };
}
