import { main } from './main';

// The CLI process from source: bin/airlock.js runs this through tsx while the bundle (scripts/build-cli.mjs,
// from bundle-entry.ts) is missing or older than the source.
process.exitCode = await main(process.argv.slice(2));
