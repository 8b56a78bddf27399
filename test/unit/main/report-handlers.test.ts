import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { address, networks } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { createAirlockMain } from '../../../main/api/app';
import type { CardPrinter } from '../../../main/api/context';
import { airlockCore } from '../../../main/api/core';
import { auditPath, sha256Hex } from '../../../src/audit/log';
import { ReconciliationReportSchema } from '../../../src/audit/report-model';
import { prepareProofOfReserves } from '../../../src/psbt/reserves-proof';
import { createAssembler } from '../../../src/qr/assembler';
import { WalletDeriver } from '../../../src/wallet/derive';
import { partitionedWallet } from '../../helpers/app';
import { runCli, tempDir } from '../../helpers/cli';
import { errorCode, value } from '../../helpers/ipc-result';
import { buildPsbt, EXTERNAL_SCRIPT, testWallet } from '../../helpers/multisig-psbt';
import { shareIndices } from '../../helpers/shares';

const { wallet, shares } = partitionedWallet();
const warm = testWallet({ name: 'customer-warm' });
const WARM_SCRIPT = new WalletDeriver(warm).script(0, 2).outputScript;
const EXTERNAL_ADDRESS = address.fromOutputScript(Buffer.from(EXTERNAL_SCRIPT), networks.testnet);
const MESSAGE = 'Reserves of the customer cold wallet, 2026-12-02';

/** Signed in the app: 0.2 BTC out, 0.05 BTC to the customer warm wallet, fee 10 000 sats. */
const appPayment = buildPsbt({
  wallet,
  inputs: [{ index: 0, amount: 50_000_000n }],
  outputs: [
    { script: EXTERNAL_SCRIPT, amount: 20_000_000n },
    { script: WARM_SCRIPT, amount: 5_000_000n },
    { change: { index: 3 }, amount: 24_990_000n },
  ],
});
/** Signed by the CLI on the same device: 0.01 BTC out, fee 2 000 sats. */
const cliPayment = buildPsbt({
  wallet,
  inputs: [{ index: 1, amount: 3_000_000n }],
  outputs: [
    { script: EXTERNAL_SCRIPT, amount: 1_000_000n },
    { change: { index: 4 }, amount: 1_998_000n },
  ],
});
/** Proves 0.0125 BTC in two coins. */
const proof = prepareProofOfReserves({
  coins: buildPsbt({
    wallet,
    inputs: [
      { index: 5, amount: 1_000_000n },
      { chain: 1, index: 9, amount: 250_000n },
    ],
    outputs: [{ script: EXTERNAL_SCRIPT, amount: 1_240_000n }],
  }),
  wallet,
  message: MESSAGE,
});

function recordingPrinter(): CardPrinter & { printed: string[] } {
  const printed: string[] = [];
  return {
    printed,
    async printHtml(html) {
      printed.push(html);
      return 'printed';
    },
  };
}

async function deviceWithSignatures() {
  const dataDir = tempDir();
  const printer = recordingPrinter();
  const { handlers } = createAirlockMain({
    dataDir,
    core: airlockCore,
    appVersion: 'test',
    listInterfaces: () => ({}),
    printer,
  });
  await value(handlers.importWallet({ text: wallet.descriptor, name: 'treasury', owner: 'customer' }));
  await value(handlers.importWallet({ text: warm.descriptor, name: 'customer-warm', owner: 'customer' }));
  for (const psbt of [appPayment, proof]) {
    await value(handlers.selectWallet({ name: 'treasury' }));
    await value(handlers.loadPsbtText({ text: psbt.toBase64() }));
    await value(handlers.reviewCurrent({}));
    await value(handlers.confirmReview({}));
    await value(handlers.addShare({ indices: shareIndices(shares[0] ?? '') }));
    await value(handlers.addShare({ indices: shareIndices(shares[1] ?? '') }));
    await value(handlers.sign({ format: 'base64' }));
  }
  const files = [shares[1], shares[2]].map((share, i) => {
    const file = join(dataDir, `share-${i}.txt`);
    writeFileSync(file, share ?? '');
    return file;
  });
  const psbtFile = join(dataDir, 'cli.psbt');
  writeFileSync(psbtFile, cliPayment.toBase64());
  const cli = await runCli([
    '--data-dir',
    dataDir,
    'sign',
    psbtFile,
    '--wallet',
    'treasury',
    ...files.flatMap((f) => ['--share-file', f]),
    '--out',
    join(dataDir, 'cli-signed.psbt'),
  ]);
  expect(cli.stderr).toContain('signed 1 input(s)');
  return { dataDir, handlers, printer };
}

/** The signed entries exactly as the log file holds them, read without any of Airlock's readers. */
function signedInLog(dataDir: string) {
  return readFileSync(auditPath(dataDir), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .filter((e) => e.event === 'signed' && e.outcome === 'signed');
}

describe('the Audit screen: daily reconciliation report', () => {
  it("sums the app's and the CLI's signatures as the log holds them, lists transfers and the proof, ends on the head", async () => {
    const { dataDir, handlers } = await deviceWithSignatures();
    const { report, text, frames } = await value(handlers.auditReport({}));
    const log = signedInLog(dataDir);
    expect(log).toHaveLength(3);

    expect(report.rows).toHaveLength(1);
    const [row] = report.rows;
    expect(row).toMatchObject({ wallet: 'treasury', owner: 'customer', count: 3 });
    expect(row?.day).toBe(log[0].time.slice(0, 10));
    // The amounts each PSBT pays, and the same sums over the log's own entries.
    expect(row?.sent).toBe(20_000_000 + 5_000_000 + 1_000_000);
    expect(row?.sent).toBe(log.reduce((n, e) => n + e.summary.sent, 0));
    expect(row?.fees).toBe(10_000 + 2_000);
    expect(row?.fees).toBe(log.reduce((n, e) => n + (e.summary.fee ?? 0), 0));
    expect(row?.destinations).toEqual([
      { address: EXTERNAL_ADDRESS, amount: 20_000_000 },
      { address: new WalletDeriver(warm).address(0, 2), amount: 5_000_000 },
      { address: EXTERNAL_ADDRESS, amount: 1_000_000 },
    ]);
    expect(row?.transfers).toEqual([{ to: 'customer-warm', owner: 'customer', amount: 5_000_000 }]);
    expect(row?.proofs).toEqual([{ message: MESSAGE, total: 1_250_000 }]);
    expect(row?.messages).toEqual([]);

    const lines = readFileSync(auditPath(dataDir), 'utf8').trim().split('\n');
    expect(report.head).toEqual({
      seq: JSON.parse(lines.at(-1) ?? '{}').seq,
      hash: sha256Hex(lines.at(-1) ?? ''),
    });

    // One way to report: the app's file is byte for byte what `airlock audit report --json` prints.
    const cli = await runCli(['--data-dir', dataDir, '--json', 'audit', 'report']);
    expect(cli.status).toBe(0);
    expect(text).toBe(cli.stdout);
    expect(ReconciliationReportSchema.parse(JSON.parse(text))).toEqual(report);

    // The QR export is those bytes, as BBQr JSON the online side assembles.
    const assembler = createAssembler();
    let assembled: Uint8Array | undefined;
    for (const frame of frames) assembled = assembler.receive(frame).payload?.bytes ?? assembled;
    expect(frames[0]).toMatch(/^B\$.J/);
    expect(new TextDecoder().decode(assembled)).toBe(text);

    const tomorrow = new Date(Date.parse(`${row?.day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect((await value(handlers.auditReport({ since: tomorrow }))).report.rows).toEqual([]);
    expect((await value(handlers.auditReport({ since: row?.day ?? '' }))).report.rows).toHaveLength(1);
  }, 60_000);

  it('prints the page the screen shows only at the current head, on the isolated surface, in a script-less document', async () => {
    const { dataDir, handlers, printer } = await deviceWithSignatures();
    const { report } = await value(handlers.auditReport({}));
    const head = `${report.head.seq}:${report.head.hash}`;
    const body = `<section><h1>Daily reconciliation</h1><p class="head">${head}</p></section>`;
    expect(await value(handlers.printAuditReport({ html: body, title: 'Report <1>', lang: 'ja' }))).toEqual({
      outcome: 'printed',
    });
    const [printed] = printer.printed;
    expect(printed).toContain(body);
    expect(printed).toContain('<html lang="ja">');
    expect(printed).toContain('<title>Report &lt;1&gt;</title>');
    expect(printed).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    // The log says which head the paper shows; the page is stale from then on.
    const entries = readFileSync(auditPath(dataDir), 'utf8').trim().split('\n');
    expect(JSON.parse(entries.at(-1) ?? '')).toMatchObject({
      event: 'report-printed',
      outcome: 'printed',
      details: { head },
    });
    expect(await errorCode(handlers.printAuditReport({ html: body, title: 'r', lang: 'en' }))).toBe(
      'REPORT_STALE',
    );

    // A report older than the log (another signature since) is not printed.
    const stale = body.replace(head, `${report.head.seq - 1}:${'0'.repeat(64)}`);
    expect(await errorCode(handlers.printAuditReport({ html: stale, title: 'r', lang: 'en' }))).toBe(
      'REPORT_STALE',
    );
    expect(printer.printed).toHaveLength(1);
  }, 60_000);

  it('refuses a report over a log that does not verify, and printing where there is no print surface', async () => {
    const { dataDir, handlers } = await deviceWithSignatures();
    const lines = readFileSync(auditPath(dataDir), 'utf8').trim().split('\n');
    writeFileSync(auditPath(dataDir), `${lines.slice(0, -2).join('\n')}\n${lines.at(-1)}\n`);
    expect(await errorCode(handlers.auditReport({}))).toBe('AUDIT_TAMPERED');

    const bare = createAirlockMain({ dataDir: tempDir(), core: airlockCore, appVersion: 'test' }).handlers;
    // Starting the app logs its air-gap check: a head, and nothing signed.
    expect((await value(bare.auditReport({}))).report.rows).toEqual([]);
    expect(await errorCode(bare.printAuditReport({ html: 'x', title: 't', lang: 'en' }))).toBe('NO_PRINTER');
  }, 60_000);
});
