import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { verifyAuditLog } from '../src/audit/verify';
import { isAirlockError } from '../src/common/errors';
import { CHANNEL_NAMES } from '../src/ipc/channel-names';
import { CHANNELS } from '../src/ipc/channels';
import { decodeShare } from '../src/keys/slip39-share';
import { parsePolicy } from '../src/policy/load';
import { parsePsbt } from '../src/psbt/parse';
import { createAssembler } from '../src/qr/assembler';
import { decodeSingleFramePsbt, parseSpecterPart } from '../src/qr/base64';
import { encodeFrames } from '../src/qr/encoder';
import { readUrPart } from '../src/qr/ur';
import { parseDescriptor } from '../src/wallet/descriptor';
import { importWallet } from '../src/wallet/import';

/**
 * `npm run fuzz`: fast-check campaigns over every parser that takes outside input (coverage-guided
 * Jazzer.js does not build here). A case fails on an untyped error (anything but an AirlockError, or
 * a throw from a function that must not throw) or on a case slower than HANG_MS. Cases per parser:
 * FUZZ_RUNS (default 100000); one parser: `npm run fuzz -- psbt`.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100_000);
const HANG_MS = 2000;
const only = process.argv.slice(2);
const fixture = (path: string) => readFileSync(join('test/fixtures', path), 'utf8');

/** Valid inputs with bytes or characters changed, inserted or cut: most cases get past the first check. */
function mutated(seeds: string[]): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat(),
    cut: fc.nat({ max: 8 }),
    insert: fc.string({ maxLength: 8, unit: 'binary-ascii' }),
  });
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 4 }))
    .map(([seed, edits]) =>
      edits.reduce((text, { at, cut, insert }) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + cut);
      }, seed),
    );
}
const textInput = (seeds: string[]) => fc.oneof(mutated(seeds), fc.string({ maxLength: 300 }));

type Check = (input: never) => void;
const typedOnly =
  <T>(parse: (input: T) => unknown): Check =>
  (input: never) => {
    try {
      parse(input as T);
    } catch (error) {
      if (!isAirlockError(error)) throw error;
    }
  };
const neverThrows =
  <T>(parse: (input: T) => unknown): Check =>
  (input: never) => {
    parse(input as T);
  };

const psbtV0 = (JSON.parse(fixture('psbt/bip174-vectors.json')).valid as Array<{ base64: string }>).map(
  (v) => v.base64,
);
const psbtV2 = (JSON.parse(fixture('psbt/bip370-vectors.json')).valid as Array<{ base64: string }>).map(
  (v) => v.base64,
);
const descriptor = readFileSync('assets/examples/treasury.descriptor', 'utf8').trim();
const walletFiles = ['coldcard', 'sparrow', 'caravan', 'nunchuk'].flatMap((dir) =>
  readdirSync(join('test/fixtures/wallet', dir), { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('expected'))
    .map((entry) => entry.name)
    .map((f) => fixture(`wallet/${dir}/${f}`)),
);
const psbtBytes = Uint8Array.from(Buffer.from(psbtV0[0] ?? '', 'base64'));
const urFrames = encodeFrames({ bytes: psbtBytes, format: 'ur', maxFragmentLength: 40 });
const bbqrFrames = encodeFrames({ bytes: psbtBytes, format: 'bbqr', density: 'low' });
const shares = (JSON.parse(fixture('slip39/vectors.json')) as Array<[string, string[]]>).flatMap(
  ([, m]) => m,
);
const policy = JSON.stringify({
  wallet: 'treasury',
  maxPerTransaction: 5_000_000,
  fees: { maxFee: 50_000, maxFeeRate: 100 },
  approvals: { required: 1, approvers: ['alice'] },
});
const auditDir = mkdtempSync(join(tmpdir(), 'airlock-fuzz-'));
const auditLine = JSON.stringify({
  seq: 0,
  time: new Date(0).toISOString(),
  prev: '0'.repeat(64),
  event: 'start',
});

const campaigns: Array<{ name: string; input: fc.Arbitrary<unknown>; check: Check }> = [
  { name: 'psbt-v0', input: textInput(psbtV0), check: typedOnly(parsePsbt) },
  { name: 'psbt-v2', input: textInput(psbtV2), check: typedOnly(parsePsbt) },
  { name: 'psbt-bytes', input: fc.uint8Array({ maxLength: 400 }), check: typedOnly(parsePsbt) },
  {
    name: 'descriptor',
    input: textInput([descriptor]),
    check: typedOnly((text: string) => parseDescriptor(text, { name: 'fuzz', network: 'testnet' })),
  },
  {
    name: 'wallet-files',
    input: textInput([descriptor, ...walletFiles]),
    check: typedOnly((text: string) => importWallet({ text })),
  },
  { name: 'ur-part', input: textInput(urFrames), check: typedOnly(readUrPart) },
  {
    name: 'assembler-ur-bbqr-base64-specter',
    input: fc.array(textInput([...urFrames, ...bbqrFrames, psbtV0[0] ?? '', 'p1of2 cHNidP8B', 'B$HP0200']), {
      maxLength: 6,
    }),
    check: typedOnly((frames: string[]) => {
      const assembler = createAssembler();
      for (const frame of frames) assembler.receive(frame);
    }),
  },
  { name: 'base64-frame', input: textInput([psbtV0[0] ?? '']), check: typedOnly(decodeSingleFramePsbt) },
  {
    name: 'specter-frame',
    input: textInput(['p1of3 cHNidP8BAH', 'p3of3 AAAA']),
    check: typedOnly(parseSpecterPart),
  },
  { name: 'slip39-share', input: textInput(shares), check: typedOnly(decodeShare) },
  { name: 'policy', input: textInput([policy]), check: typedOnly((text: string) => parsePolicy(text)) },
  {
    name: 'audit-line',
    input: textInput([auditLine]),
    check: neverThrows((line: string) => {
      writeFileSync(join(auditDir, 'audit.log'), `${line}\n`);
      return verifyAuditLog(auditDir);
    }),
  },
  {
    name: 'ipc-messages',
    input: fc.tuple(fc.constantFrom(...CHANNEL_NAMES), fc.jsonValue()),
    check: neverThrows(([name, request]: [keyof typeof CHANNELS, unknown]) =>
      CHANNELS[name].request.safeParse(request),
    ),
  },
];

const results: string[] = [];
let failed = false;
for (const { name, input, check } of campaigns) {
  if (only.length > 0 && !only.includes(name)) continue;
  const started = performance.now();
  let slowest = 0;
  const outcome = fc.check(
    fc.property(input, (value) => {
      const t0 = performance.now();
      check(value as never);
      const took = performance.now() - t0;
      slowest = Math.max(slowest, took);
      if (took > HANG_MS) throw new Error(`case took ${took.toFixed(0)} ms`);
    }),
    { numRuns: RUNS },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const line = `${name}: ${outcome.numRuns} cases in ${seconds} s, slowest ${slowest.toFixed(0)} ms, ${outcome.failed ? 'FAILED' : 'no finding'}`;
  results.push(line);
  console.log(line);
  if (outcome.failed) {
    failed = true;
    console.log(`  counterexample: ${JSON.stringify(outcome.counterexample)}`);
    console.log(`  error: ${String(outcome.errorInstance).split('\n')[0]}`);
  }
}
console.log(
  `fuzz ${new Date().toISOString().slice(0, 10)}: ${results.length} parsers, ${failed ? 'findings above' : 'no finding'}`,
);
process.exitCode = failed ? 1 : 0;
