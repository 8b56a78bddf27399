import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { QrReader } from '../../renderer/scan/decode-plan';
import { loadZxingReader } from '../../renderer/scan/zxing-reader';

/** Path of the installed package's zxing_reader.wasm, the file the renderer bundles. */
export const ZXING_WASM_PATH = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');

/** The scanner's QR reader in Node (unit tests, bench), loaded from the installed package. */
export function nodeQrReader(): Promise<QrReader> {
  const bytes = readFileSync(ZXING_WASM_PATH);
  return loadZxingReader(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
}
