// What the CLI bundle (scripts/build-cli.mjs) gives bin/airlock.js, which runs main; the build loads
// every command once through COMMANDS so that V8's code cache beside the bundle holds them compiled.
export { main } from './main';
export { COMMANDS } from './registry';
