#!/usr/bin/env node
// Runs @doyensec/electronegativity over the Electron adapter. Its TypeScript parser needs the
// classic TypeScript JS API, which TypeScript 7 (our compiler) no longer ships, so `typescript`
// is resolved to the typescript5 alias for this tool only.
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === 'typescript' ? 'typescript5' : request, ...rest);
};
process.argv = [process.argv[0], 'electronegativity', ...process.argv.slice(2)];
require('@doyensec/electronegativity/dist/index.js');
