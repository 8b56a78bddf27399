import { main } from './main';

// The CLI process: bin/airlock.js runs this, bundled into dist/cli/ (scripts/build-cli.mjs) or from source.
process.exitCode = await main(process.argv.slice(2));
