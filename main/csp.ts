/**
 * The one Content-Security-Policy of the app: sent as a header by both adapters and written into
 * index.html as a meta tag at build time (where frame-ancestors is ignored, hence the header).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');
