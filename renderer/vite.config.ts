import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../main/csp';

/** Writes the app's CSP into index.html as a meta tag, from the same constant the adapters send. */
function cspMetaTag(): Plugin {
  return {
    name: 'airlock-csp-meta',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Relative asset paths so the same build loads from app://, file:// and the local test server.
  base: './',
  plugins: [cspMetaTag()],
  // React's automatic JSX runtime through vite's built-in oxc transform, no plugin needed.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // Inline nothing: the CSP allows no data: scripts or styles.
    assetsInlineLimit: 0,
    // One offline bundle (React, zod, QR codec); nothing is fetched over a network, so no splitting.
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
});
