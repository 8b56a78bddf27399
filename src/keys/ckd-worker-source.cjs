// The derivation worker from its TypeScript source (tests, tsx), compiled by tsx's require hook; the
// CLI and app bundles run the ckd-worker.mjs built beside them instead.
require('tsx/cjs');
require('./ckd-worker.ts');
