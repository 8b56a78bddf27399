import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, ipcChannel, isChannelName } from '../../../src/ipc/channel-names';
import { CHANNELS, resultSchema } from '../../../src/ipc/channels';
import { StatusSchema } from '../../../src/ipc/models';
import { splitMasterSecret } from '../../../src/keys/slip39';
import { shareIndices } from '../../helpers/shares';

const SHARE_20 =
  'duckling enlarge academic academic agency result length solution fridge kidney coal piece deal husband erode duke ajar critical decision keyboard';

const [[SHARE_33 = ''] = []] = splitMasterSecret({
  masterSecret: new Uint8Array(32).fill(7),
  groups: [{ threshold: 2, count: 2 }],
});

describe('IPC schemas', () => {
  it('defines a request and a response schema for every channel name, and nothing else', () => {
    expect(Object.keys(CHANNELS).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(ipcChannel('sign')).toBe('airlock:sign');
    expect(isChannelName('sign')).toBe(true);
    expect(isChannelName('__proto__')).toBe(false);
  });

  it('rejects extra fields, so a request cannot smuggle anything through', () => {
    expect(CHANNELS.getStatus.request.safeParse({}).success).toBe(true);
    expect(CHANNELS.getStatus.request.safeParse({ debug: true }).success).toBe(false);
    expect(CHANNELS.scanFrame.request.safeParse({ text: 'ur:crypto-psbt/1-2/abc', extra: 1 }).success).toBe(
      false,
    );
  });

  it('rejects wrong types and empty or oversized strings', () => {
    expect(CHANNELS.scanFrame.request.safeParse({ text: 42 }).success).toBe(false);
    expect(CHANNELS.scanFrame.request.safeParse({ text: '' }).success).toBe(false);
    expect(CHANNELS.scanFrame.request.safeParse({ text: 'x'.repeat(8001) }).success).toBe(false);
    expect(CHANNELS.importWallet.request.safeParse(null).success).toBe(false);
    expect(CHANNELS.importWallet.request.safeParse({ text: 'wsh(...)', name: '' }).success).toBe(false);
  });

  it('accepts only digit PINs and codes for an approval', () => {
    const ok = { name: 'alice', pin: 'tulip anchor 482913', code: '123456' };
    expect(CHANNELS.approve.request.safeParse(ok).success).toBe(true);
    expect(CHANNELS.approve.request.safeParse({ ...ok, pin: '12' }).success).toBe(false);
    expect(CHANNELS.approve.request.safeParse({ ...ok, code: '12345a' }).success).toBe(false);
    expect(CHANNELS.approve.request.safeParse({ name: 'alice', pin: 'tulip anchor 482913' }).success).toBe(
      false,
    );
  });

  it('takes a share only as 20 or 33 word indices of the list, never as text', () => {
    const indices = shareIndices(SHARE_20);
    const parsed = CHANNELS.addShare.request.parse({ indices });
    expect(Array.from(parsed.indices)).toEqual(Array.from(indices));
    expect(Array.from(shareIndices(SHARE_33)).length).toBe(33);
    expect(CHANNELS.addShare.request.safeParse({ indices: shareIndices(SHARE_33) }).success).toBe(true);
    // Text in any form is refused: the words must never cross as a string.
    for (const text of [SHARE_20, SHARE_20.split(' ')]) {
      expect(CHANNELS.addShare.request.safeParse({ indices: text }).success).toBe(false);
      expect(CHANNELS.addShare.request.safeParse({ words: text }).success).toBe(false);
    }
    // A plain number array, a wider typed array, a short share and a number off the 1024-word list.
    expect(CHANNELS.addShare.request.safeParse({ indices: Array.from(indices) }).success).toBe(false);
    expect(CHANNELS.addShare.request.safeParse({ indices: Uint32Array.from(indices) }).success).toBe(false);
    expect(CHANNELS.addShare.request.safeParse({ indices: indices.slice(0, 19) }).success).toBe(false);
    const offList = indices.slice();
    offList[5] = 1024;
    expect(CHANNELS.addShare.request.safeParse({ indices: offList }).success).toBe(false);
    expect(
      CHANNELS.acceptChanges.request.safeParse({ shares: [SHARE_20] }).success,
      'a config ceremony takes its shares the same way',
    ).toBe(false);
    expect(CHANNELS.acceptChanges.request.safeParse({ shares: [indices] }).success).toBe(true);
  });

  it("keeps a share's indices a Uint16Array through the structured clone Electron's IPC uses", () => {
    // Electron serialises IPC with V8's structured clone, as structuredClone does; the Chromium
    // adapter's binding is exercised end to end in test/e2e/app-key-shares.
    const cloned = structuredClone({ indices: shareIndices(SHARE_20) });
    expect(cloned.indices).toBeInstanceOf(Uint16Array);
    expect(CHANNELS.addShare.request.safeParse(cloned).success).toBe(true);
  });

  it('requires an explicit confirmation and a reason to override the air gap', () => {
    expect(CHANNELS.overrideAirgap.request.safeParse({ confirm: true, reason: 'lab bench' }).success).toBe(
      true,
    );
    expect(CHANNELS.overrideAirgap.request.safeParse({ confirm: false, reason: 'lab bench' }).success).toBe(
      false,
    );
    expect(CHANNELS.overrideAirgap.request.safeParse({ confirm: true, reason: '  ' }).success).toBe(false);
  });

  it('bounds QR density', () => {
    expect(CHANNELS.sign.request.safeParse({ format: 'ur', density: 'high' }).success).toBe(true);
    expect(CHANNELS.sign.request.safeParse({ format: 'ur', density: 'huge' }).success).toBe(false);
    expect(CHANNELS.sign.request.safeParse({ format: 'ur', maxFragmentLength: 200 }).success).toBe(false);
    expect(CHANNELS.sign.request.safeParse({ format: 'png' }).success).toBe(false);
  });

  it('refuses responses that carry fields beyond the schema, such as a secret', () => {
    const status = {
      appVersion: '0.1.0',
      airgap: { state: 'isolated', interfaces: [], signingAllowed: true },
      wallet: null,
      stage: 'idle',
      acceptance: null,
    };
    expect(StatusSchema.safeParse(status).success).toBe(true);
    expect(StatusSchema.safeParse({ ...status, seed: '00'.repeat(32) }).success).toBe(false);
    const envelope = resultSchema(CHANNELS.shareWordlist.response);
    expect(
      envelope.safeParse({ ok: false, error: { kind: 'refused', code: 'NO_PSBT', message: 'x' } }).success,
    ).toBe(true);
    expect(
      envelope.safeParse({ ok: false, error: { kind: 'oops', code: 'NO_PSBT', message: 'x' } }).success,
    ).toBe(false);
    expect(envelope.safeParse({ ok: true, value: ['a'] }).success).toBe(false);
  });

  it('accepts only key layouts SLIP-39 allows, and never a secret in a key-creation answer', () => {
    const request = CHANNELS.createPartitionedKey.request;
    const plan = { groups: [{ threshold: 2, count: 3 }], strength: 128, network: 'mainnet' };
    expect(request.safeParse(plan).success).toBe(true);
    expect(request.safeParse({ ...plan, diceRolls: '16 2534' }).success).toBe(true);
    expect(
      request.safeParse({ ...plan, groups: [{ threshold: 16, count: 16 }], strength: 256 }).success,
    ).toBe(true);
    for (const groups of [
      [{ threshold: 1, count: 2 }],
      [{ threshold: 3, count: 2 }],
      [{ threshold: 1, count: 1 }],
      [{ threshold: 2, count: 17 }],
      [],
    ]) {
      expect(request.safeParse({ ...plan, groups }).success).toBe(false);
    }
    const twoGroups = [
      { threshold: 2, count: 3 },
      { threshold: 1, count: 1 },
    ];
    expect(request.safeParse({ ...plan, groups: twoGroups, groupThreshold: 2 }).success).toBe(true);
    expect(request.safeParse({ ...plan, groups: twoGroups, groupThreshold: 3 }).success).toBe(false);
    expect(request.safeParse({ ...plan, diceRolls: '1 2 0' }).success).toBe(false);
    expect(request.safeParse({ ...plan, strength: '128' }).success).toBe(false);

    const view = {
      fingerprint: '0a1b2c3d',
      network: 'mainnet',
      keys: [],
      groupThreshold: 1,
      groups: [{ threshold: 2, count: 3, printed: [false, false, false] }],
      allPrinted: false,
    };
    expect(CHANNELS.printShareCard.response.safeParse(view).success).toBe(true);
    expect(CHANNELS.printShareCard.response.safeParse({ ...view, shares: [SHARE_20] }).success).toBe(false);
    expect(
      CHANNELS.printShareCard.response.safeParse({
        ...view,
        groups: [{ ...view.groups[0], words: SHARE_20 }],
      }).success,
    ).toBe(false);
    expect(CHANNELS.finishKeyCreation.request.safeParse({ abandon: false }).success).toBe(false);
  });
});
