import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { join } from 'node:path';
import { CryptoAccount, type CryptoHDKey } from '@keystonehq/bc-ur-registry';
import { URDecoder } from '@ngraveio/bc-ur';
import { describe, expect, it } from 'vitest';
import { createAirlockMain } from '../../../main/api/app';
import type { CardPrinter } from '../../../main/api/context';
import { airlockCore } from '../../../main/api/core';
import { auditPath } from '../../../src/audit/log';
import { verifyAuditLog } from '../../../src/audit/verify';
import type { InterfaceLister } from '../../../src/ceremony/interfaces';
import { toHex, wipe } from '../../../src/common/bytes';
import { bip32 } from '../../../src/common/ecc';
import { bitcoinNetwork } from '../../../src/common/network';
import { CosignerRecordSchema, cosignersDir } from '../../../src/keys/cosigner-record';
import { accountXpub, formatKeyWithOrigin } from '../../../src/keys/hd';
import type { IdleTimer } from '../../../src/keys/idle-deadline';
import { combineShares } from '../../../src/keys/slip39';
import { decodeShare } from '../../../src/keys/slip39-share';
import { type CborValue, readCbor } from '../../../src/qr/cbor';
import { keyExpressionFromHdKey } from '../../../src/qr/hdkey';
import { tempDir } from '../../helpers/cli';
import { errorCode, value } from '../../helpers/ipc-result';

const offline: InterfaceLister = () => ({
  lo: [{ address: '127.0.0.1', internal: true, family: 'IPv4' } as NetworkInterfaceInfo],
});
const online: InterfaceLister = () => ({
  ...offline(),
  eth0: [{ address: '10.0.0.7', internal: false, family: 'IPv4' } as NetworkInterfaceInfo],
});

/** A print surface that keeps what it was given, so the test reads the cards as an officer would. */
function recordingPrinter() {
  const cards: string[] = [];
  const state = { answer: 'printed' as 'printed' | 'cancelled' };
  const printer: CardPrinter = {
    printHtml: async (html) => {
      cards.push(html);
      return state.answer;
    },
  };
  return { printer, cards, state };
}

function app({
  listInterfaces = offline,
  printer,
  timers,
}: {
  listInterfaces?: InterfaceLister;
  printer?: CardPrinter;
  timers?: IdleTimer;
}) {
  const dataDir = tempDir();
  const { handlers, context } = createAirlockMain({
    dataDir,
    core: airlockCore,
    appVersion: 'test',
    listInterfaces,
    ...(printer ? { printer } : {}),
    ...(timers ? { idle: { idleMs: 1000, timers } } : {}),
  });
  return { dataDir, handlers, context };
}

/** The share words as the card prints them, in order. */
function wordsOnCard(html: string): string {
  return [...html.matchAll(/<li>([a-z]+)<\/li>/g)].map((m) => m[1]).join(' ');
}

/** Any two consecutive words of a share, whatever separates them (space, quote and comma, …). */
function shareRuns(share: string): RegExp[] {
  const words = share.split(' ');
  return words.slice(1).map((word, i) => new RegExp(`\\b${words[i]}\\W{1,4}${word}\\b`));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Fires the idle timeout on demand. */
class ManualTimer implements IdleTimer {
  readonly callbacks = new Map<number, () => void>();
  #next = 0;
  set(callback: () => void): unknown {
    this.callbacks.set(++this.#next, callback);
    return this.#next;
  }
  clear(handle: unknown): void {
    this.callbacks.delete(handle as number);
  }
  fire(): void {
    for (const callback of [...this.callbacks.values()]) callback();
  }
}

const TWO_OF_THREE = {
  groups: [{ threshold: 2, count: 3 }],
  strength: 128,
  diceRolls: '3 1 6 2 5 4 4 1',
  network: 'testnet',
} as const;

describe('creating a partitioned key in the app', () => {
  it('keeps the shares in main until printed, stores only public keys, and those keys are the shares’ own', async () => {
    const { printer, cards } = recordingPrinter();
    const { dataDir, handlers } = app({ printer });
    const responses: unknown[] = [];
    const created = await value(handlers.createPartitionedKey(TWO_OF_THREE));
    responses.push(created);
    expect(created.keys.map((k) => [k.scriptType, k.path])).toEqual([
      ['p2wsh', "m/48'/1'/0'/2'"],
      ['p2sh-p2wsh', "m/48'/1'/0'/1'"],
    ]);
    expect(created.groups).toEqual([{ threshold: 2, count: 3, printed: [false, false, false] }]);
    expect(created.allPrinted).toBe(false);

    const recordFile = join(cosignersDir(dataDir), `${created.fingerprint}.json`);
    const record = CosignerRecordSchema.parse(JSON.parse(readFileSync(recordFile, 'utf8')));
    expect(record).toMatchObject({ fingerprint: created.fingerprint, network: 'testnet', finishedAt: null });
    expect(record.keys).toEqual(created.keys);

    for (const index of [0, 1, 2]) responses.push(await value(handlers.printShareCard({ group: 0, index })));
    expect(responses.at(-1)).toMatchObject({ allPrinted: true, groups: [{ printed: [true, true, true] }] });
    const shares = cards.map(wordsOnCard);
    expect(shares.map((s) => s.split(' ').length)).toEqual([20, 20, 20]);
    expect(shares.map((s) => decodeShare(s).memberIndex)).toEqual([0, 1, 2]);
    for (const [i, card] of cards.entries()) {
      expect(card).toContain(`Share ${i + 1} of 3, 2 needed`);
      expect(card).toContain(`key fingerprint ${created.fingerprint}`);
    }

    // Independent check: any two printed cards rebuild a seed whose BIP-48 keys are the recorded ones.
    for (const pair of [
      [0, 2],
      [1, 2],
    ]) {
      const seed = combineShares({ mnemonics: pair.map((i) => shares[i] ?? '') });
      const expected = (['p2wsh', 'p2sh-p2wsh'] as const).map((scriptType) =>
        accountXpub({ seed, scriptType, network: 'testnet' }),
      );
      expect(expected.map((k) => k.fingerprint)).toEqual([created.fingerprint, created.fingerprint]);
      expect(expected.map((k) => k.xpub)).toEqual(record.keys.map((k) => k.xpub));

      // Nothing secret in the data directory or in any answer: neither the seed nor a run of share words.
      const seedHex = toHex(seed);
      wipe(seed);
      const texts = [...filesUnder(dataDir).map((f) => readFileSync(f, 'utf8')), JSON.stringify(responses)];
      for (const text of texts) {
        expect(text).not.toContain(seedHex);
        for (const share of shares) for (const run of shareRuns(share)) expect(text).not.toMatch(run);
      }
    }

    expect(await value(handlers.finishKeyCreation({}))).toEqual({
      fingerprint: created.fingerprint,
      outcome: 'finished',
    });
    expect(await value(handlers.keyCreationStatus({}))).toBeNull();
    expect(
      CosignerRecordSchema.parse(JSON.parse(readFileSync(recordFile, 'utf8'))).finishedAt,
    ).not.toBeNull();
    expect(await errorCode(handlers.printShareCard({ group: 0, index: 0 }))).toBe('NO_KEY_CREATION');

    const events = readFileSync(auditPath(dataDir), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; details?: Record<string, unknown> });
    expect(events.filter((e) => e.event.startsWith('key-') || e.event === 'share-card-printed')).toEqual([
      expect.objectContaining({ event: 'key-created', details: expect.objectContaining({ diceRolls: 8 }) }),
      ...[0, 1, 2].map((index) =>
        expect.objectContaining({ event: 'share-card-printed', details: expect.objectContaining({ index }) }),
      ),
      expect.objectContaining({ event: 'key-finished' }),
    ]);
    expect(verifyAuditLog(dataDir).ok).toBe(true);

    // The coordinator's view of this cosigner: ur:crypto-account read by the reference registry.
    const seed = combineShares({ mnemonics: [shares[0] ?? '', shares[1] ?? ''] });
    for (const scriptType of ['p2wsh', 'p2sh-p2wsh'] as const) {
      const expected = accountXpub({ seed, scriptType, network: 'testnet' });
      const ur = await value(handlers.cosignerExport({ scriptType, format: 'ur' }));
      expect(ur.text).toMatch(/^UR:CRYPTO-ACCOUNT\//);
      const account = CryptoAccount.fromCBOR(URDecoder.decode(ur.text.toLowerCase()).cbor);
      expect(account.getMasterFingerprint().toString('hex')).toBe(created.fingerprint);
      const [output] = account.getOutputDescriptors();
      expect(output?.getScriptExpressions().map((e) => e.getExpression())).toEqual(
        scriptType === 'p2wsh' ? ['wsh'] : ['sh', 'wsh'],
      );
      const key = output?.getCryptoKey() as CryptoHDKey;
      const node = bip32.fromBase58(expected.xpub, bitcoinNetwork('testnet'));
      expect(key.getKey().equals(Buffer.from(node.publicKey))).toBe(true);
      expect(key.getChainCode().equals(Buffer.from(node.chainCode))).toBe(true);
      expect(`m/${key.getOrigin().getPath()}`).toBe(expected.path);
      // The newer form of the same key (BCR-2023-019), read back with the BCR-2023-010 key reader.
      const descriptorUr = await value(
        handlers.cosignerExport({ scriptType, format: 'ur-account-descriptor' }),
      );
      expect(descriptorUr.text).toMatch(/^UR:ACCOUNT-DESCRIPTOR\//);
      const accountDescriptor = readCbor(
        new Uint8Array(URDecoder.decode(descriptorUr.text.toLowerCase()).cbor),
      ) as Map<number, unknown>;
      expect(accountDescriptor.get(1)).toBe(Number.parseInt(created.fingerprint, 16));
      const [descriptor] = accountDescriptor.get(2) as { value: Map<number, CborValue[]> }[];
      expect(keyExpressionFromHdKey(descriptor!.value.get(2)![0]!, 'key')).toBe(
        formatKeyWithOrigin(expected),
      );
      const text = await value(
        handlers.cosignerExport({
          fingerprint: created.fingerprint,
          scriptType,
          network: 'testnet',
          format: 'text',
        }),
      );
      expect(text.text).toBe(formatKeyWithOrigin(expected));
    }
    wipe(seed);
    expect(
      await errorCode(handlers.cosignerExport({ scriptType: 'p2wsh', network: 'mainnet', format: 'ur' })),
    ).toBe('NETWORK_MISMATCH');
    expect(await value(handlers.cosignerKeys({}))).toEqual([
      expect.objectContaining({ fingerprint: created.fingerprint, finished: true, keys: created.keys }),
    ]);
  });

  it('wipes the shares after the idle timeout as the quorum does: status follows, the log says so', async () => {
    const { printer } = recordingPrinter();
    const timer = new ManualTimer();
    const { dataDir, handlers, context } = app({ printer, timers: timer });
    const created = await value(handlers.createPartitionedKey(TWO_OF_THREE));
    await value(handlers.printShareCard({ group: 0, index: 0 }));
    const held = [0, 1, 2].map((index) => context.keyCreation!.share(0, index));
    expect(held.every((share) => share.some((word) => word !== 0))).toBe(true);
    expect(timer.callbacks.size).toBe(1);

    timer.fire();
    expect(held.every((share) => share.every((word) => word === 0))).toBe(true);
    expect(await value(handlers.keyCreationStatus({}))).toBeNull();
    expect(await errorCode(handlers.printShareCard({ group: 0, index: 1 }))).toBe('NO_KEY_CREATION');
    // Two cards unprinted: the key may never be recoverable, so it is discarded as abandon would.
    expect(await value(handlers.cosignerKeys({}))).toEqual([]);
    const events = readFileSync(auditPath(dataDir), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; outcome?: string; details?: Record<string, unknown> });
    expect(events.at(-1)).toMatchObject({
      event: 'key-creation-idle-wipe',
      outcome: 'abandoned',
      details: { fingerprint: created.fingerprint, unprinted: 2 },
    });
    expect(verifyAuditLog(dataDir).ok).toBe(true);
  });

  it('refuses an unknown card, keeps a cancelled card unprinted, refuses to finish early; abandon discards the key', async () => {
    const { printer, state } = recordingPrinter();
    const { dataDir, handlers } = app({ printer });
    const created = await value(
      handlers.createPartitionedKey({
        groups: [{ threshold: 2, count: 2 }],
        strength: 256,
        network: 'mainnet',
      }),
    );
    expect(created.keys[0]?.path).toBe("m/48'/0'/0'/2'");
    expect(created.keys[0]?.xpub).toMatch(/^xpub/);
    expect(await errorCode(handlers.printShareCard({ group: 0, index: 2 }))).toBe('SHARE_NOT_FOUND');
    expect(await errorCode(handlers.printShareCard({ group: 1, index: 0 }))).toBe('SHARE_NOT_FOUND');

    state.answer = 'cancelled';
    expect(await errorCode(handlers.printShareCard({ group: 0, index: 0 }))).toBe('PRINT_CANCELLED');
    expect((await value(handlers.keyCreationStatus({})))?.groups[0]?.printed).toEqual([false, false]);
    state.answer = 'printed';
    const afterOne = await value(handlers.printShareCard({ group: 0, index: 0 }));
    expect(afterOne.groups[0]?.printed).toEqual([true, false]);

    expect(await errorCode(handlers.finishKeyCreation({}))).toBe('CARDS_UNPRINTED');
    expect(await errorCode(handlers.createPartitionedKey(TWO_OF_THREE))).toBe('KEY_CREATION_OPEN');
    expect(
      await errorCode(
        handlers.cosignerExport({ fingerprint: created.fingerprint, scriptType: 'p2wsh', format: 'ur' }),
      ),
    ).toBe('COSIGNER_UNFINISHED');
    expect(await errorCode(handlers.cosignerExport({ scriptType: 'p2wsh', format: 'ur' }))).toBe(
      'COSIGNER_NOT_FOUND',
    );

    expect(await value(handlers.finishKeyCreation({ abandon: true }))).toEqual({
      fingerprint: created.fingerprint,
      outcome: 'abandoned',
    });
    expect(readdirSync(cosignersDir(dataDir))).toEqual([]);
    expect(await value(handlers.cosignerKeys({}))).toEqual([]);
    expect(await errorCode(handlers.printShareCard({ group: 0, index: 1 }))).toBe('NO_KEY_CREATION');
    expect(await errorCode(handlers.finishKeyCreation({ abandon: true }))).toBe('NO_KEY_CREATION');
  });

  it('after a restart, an unfinished key can be discarded; a finished key and the key being created cannot', async () => {
    const { printer } = recordingPrinter();
    const first = app({ printer });
    const finished = await value(first.handlers.createPartitionedKey(TWO_OF_THREE));
    for (const index of [0, 1, 2]) await value(first.handlers.printShareCard({ group: 0, index }));
    await value(first.handlers.finishKeyCreation({}));
    const unfinished = await value(first.handlers.createPartitionedKey(TWO_OF_THREE));
    await value(first.handlers.printShareCard({ group: 0, index: 0 }));
    expect(
      await errorCode(first.handlers.discardUnfinishedKey({ fingerprint: unfinished.fingerprint })),
    ).toBe('KEY_CREATION_OPEN');

    // The app closes with cards unprinted: the shares are gone, the public record stays behind.
    const { handlers } = createAirlockMain({
      dataDir: first.dataDir,
      core: airlockCore,
      appVersion: 'test',
      listInterfaces: offline,
      printer,
    });
    expect(await value(handlers.keyCreationStatus({}))).toBeNull();
    expect(await errorCode(handlers.discardUnfinishedKey({ fingerprint: finished.fingerprint }))).toBe(
      'COSIGNER_FINISHED',
    );
    expect(await errorCode(handlers.discardUnfinishedKey({ fingerprint: '00000000' }))).toBe(
      'COSIGNER_NOT_FOUND',
    );
    expect(await errorCode(handlers.discardUnfinishedKey({ fingerprint: 'not-hex' }))).toBe('BAD_REQUEST');
    const left = await value(handlers.discardUnfinishedKey({ fingerprint: unfinished.fingerprint }));
    expect(left.map((k) => [k.fingerprint, k.finished])).toEqual([[finished.fingerprint, true]]);
    expect(readdirSync(cosignersDir(first.dataDir))).toEqual([`${finished.fingerprint}.json`]);
    const audit = readFileSync(auditPath(first.dataDir), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(audit.at(-1)).toMatchObject({
      event: 'key-abandoned',
      details: { fingerprint: unfinished.fingerprint },
    });
    expect(verifyAuditLog(first.dataDir).ok).toBe(true);
  });

  it('splits into groups when asked: any 2 groups of 2-of-3 and 1-of-1 rebuild the recorded key', async () => {
    const { printer, cards } = recordingPrinter();
    const { handlers } = app({ printer });
    const created = await value(
      handlers.createPartitionedKey({
        groups: [
          { threshold: 2, count: 3 },
          { threshold: 1, count: 1 },
        ],
        groupThreshold: 2,
        strength: 128,
        network: 'regtest',
      }),
    );
    await value(handlers.printShareCard({ group: 0, index: 1 }));
    await value(handlers.printShareCard({ group: 0, index: 2 }));
    await value(handlers.printShareCard({ group: 1, index: 0 }));
    expect(await errorCode(handlers.finishKeyCreation({}))).toBe('CARDS_UNPRINTED');
    const seed = combineShares({ mnemonics: cards.map(wordsOnCard) });
    expect(accountXpub({ seed, scriptType: 'p2wsh', network: 'regtest' }).xpub).toBe(created.keys[0]?.xpub);
    wipe(seed);
    await value(handlers.printShareCard({ group: 0, index: 0 }));
    expect((await value(handlers.finishKeyCreation({}))).outcome).toBe('finished');
  });

  it('does not create a key while a network interface is up, and writes nothing', async () => {
    const { dataDir, handlers } = app({ listInterfaces: online, printer: recordingPrinter().printer });
    const result = await handlers.createPartitionedKey(TWO_OF_THREE);
    expect(result).toMatchObject({ ok: false, error: { kind: 'refused', code: 'AIRGAP_BLOCKED' } });
    expect(readdirSync(dataDir)).not.toContain('cosigners');
  });

  it('cannot print without a print surface', async () => {
    const { handlers } = app({});
    await value(handlers.createPartitionedKey(TWO_OF_THREE));
    expect(await errorCode(handlers.printShareCard({ group: 0, index: 0 }))).toBe('NO_PRINTER');
    expect((await value(handlers.finishKeyCreation({ abandon: true }))).outcome).toBe('abandoned');
  });

  it('rejects malformed key requests before any key is made', async () => {
    const { dataDir, handlers } = app({ printer: recordingPrinter().printer });
    const one = (threshold: number, count: number) => ({ ...TWO_OF_THREE, groups: [{ threshold, count }] });
    for (const [call, request] of [
      [handlers.createPartitionedKey, one(1, 3)],
      [handlers.createPartitionedKey, one(4, 3)],
      [handlers.createPartitionedKey, one(2, 17)],
      [handlers.createPartitionedKey, one(1, 1)],
      [handlers.createPartitionedKey, { ...TWO_OF_THREE, strength: 192 }],
      [handlers.createPartitionedKey, { ...TWO_OF_THREE, diceRolls: '1234 7' }],
      [handlers.createPartitionedKey, { ...TWO_OF_THREE, network: 'litecoin' }],
      [handlers.createPartitionedKey, { ...TWO_OF_THREE, groupThreshold: 2 }],
      [handlers.createPartitionedKey, { ...TWO_OF_THREE, masterSecret: '00'.repeat(16) }],
      [handlers.printShareCard, { group: -1, index: 0 }],
      [handlers.printShareCard, { group: 0, index: 16 }],
      [handlers.finishKeyCreation, { abandon: false }],
      [handlers.cosignerExport, { scriptType: 'p2sh', format: 'ur' }],
      [handlers.cosignerExport, { fingerprint: 'ABCDEF01', scriptType: 'p2wsh', format: 'ur' }],
    ] as const) {
      const result = await (call as (raw: unknown) => Promise<{ ok: boolean }>)(request);
      expect(result).toMatchObject({ ok: false, error: { kind: 'bad-input', code: 'BAD_REQUEST' } });
    }
    expect(readdirSync(dataDir)).not.toContain('cosigners');
  });
});
