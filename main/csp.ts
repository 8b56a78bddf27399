/**
 * The one Content-Security-Policy of the app: sent as a header by both adapters and written into
 * index.html as a meta tag at build time (where frame-ancestors is ignored, hence the header).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // The QR scanner's decoder is WebAssembly (zxing-wasm), compiled from the app's own file; no eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');
