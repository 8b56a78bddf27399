import { readFileSync, writeFileSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { auditPath } from '../../../src/audit/log';
import { AirgapGuard } from '../../../src/ceremony/airgap';
import { acceptChanges, configStatus } from '../../../src/ceremony/config-ceremony';
import { airgapFile } from '../../../src/ceremony/configuration';
import { type InterfaceLister, liveInterfaces } from '../../../src/ceremony/interfaces';
import { isAirlockError } from '../../../src/common/errors';
import { ISOLATED_MACHINE, tempDir } from '../../helpers/cli';
import { seedOf, TEST_MNEMONICS } from '../../helpers/multisig-psbt';

const quorum = <T>(use: (seed: Uint8Array) => T) => use(seedOf(TEST_MNEMONICS[0]));

// A link-local IPv6 address is enough to carry traffic: it counts as a network up.
const wifi: NetworkInterfaceInfo = {
  address: 'fe80::1c2d:3e4f:5a6b:7c8d',
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '3c:22:fb:00:11:22',
  internal: false,
  cidr: 'fe80::1c2d:3e4f:5a6b:7c8d/64',
  scopeid: 3,
};
const offline: InterfaceLister = ISOLATED_MACHINE;
const online: InterfaceLister = () => ({ ...ISOLATED_MACHINE(), wlan0: [wifi] });

function auditEvents(dataDir: string): Array<Record<string, unknown>> {
  return readFileSync(auditPath(dataDir), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('air-gap guard', () => {
  it('lists only non-loopback interfaces, link-local ones included', () => {
    expect(liveInterfaces(online)).toEqual([{ name: 'wlan0', address: wifi.address }]);
    expect(liveInterfaces(offline)).toEqual([]);
  });

  it('allows signing on a machine with only loopback', () => {
    const guard = new AirgapGuard({ dataDir: tempDir(), listInterfaces: offline });
    expect(guard.status()).toEqual({ state: 'isolated', interfaces: [], signingAllowed: true });
    expect(guard.assertSigningAllowed().state).toBe('isolated');
  });

  it('blocks signing while an interface is up and says which one', () => {
    const dataDir = tempDir();
    const guard = new AirgapGuard({ dataDir, listInterfaces: online });
    expect(guard.status().state).toBe('connected');
    let caught: unknown;
    try {
      guard.assertSigningAllowed();
    } catch (error) {
      caught = error;
    }
    expect(isAirlockError(caught) && caught.code).toBe('AIRGAP_BLOCKED');
    expect(isAirlockError(caught) && caught.kind).toBe('refused');
    expect((caught as Error).message).toContain('wlan0');
    expect(auditEvents(dataDir).at(-1)).toMatchObject({ event: 'airgap-check', outcome: 'connected' });
  });

  it('refuses a new key while an interface is up, by the same rule, audited', () => {
    const dataDir = tempDir();
    expect(new AirgapGuard({ dataDir, listInterfaces: offline }).assertKeyCreationAllowed().state).toBe(
      'isolated',
    );
    const guard = new AirgapGuard({ dataDir, listInterfaces: online });
    expect(() => guard.assertKeyCreationAllowed()).toThrow(
      'a new key is not created while a network interface is up (wlan0)',
    );
    expect(auditEvents(dataDir).at(-1)).toMatchObject({
      event: 'airgap-check',
      outcome: 'connected',
      details: { when: 'before-key-creation', interfaces: ['wlan0'] },
    });
  });

  it('an override asked for is only staged: signing stays blocked until a quorum seals it', () => {
    const dataDir = tempDir();
    const guard = new AirgapGuard({ dataDir, listInterfaces: online });
    guard.requestOverride({ reason: 'test bench without radio switch', source: 'flag' });
    expect(guard.status()).toMatchObject({ state: 'connected', signingAllowed: false });
    expect(() => guard.assertSigningAllowed()).toThrow(
      /no override is sealed: .*airlock airgap request REASON/,
    );
    expect(configStatus(dataDir).changes).toEqual([
      'allow signing while a network is up (test bench without radio switch)',
    ]);
    const [override] = auditEvents(dataDir);
    expect(override).toMatchObject({
      event: 'airgap-override',
      reason: 'test bench without radio switch',
      outcome: 'staged',
      details: { source: 'flag', interfaces: ['wlan0'] },
    });
    acceptChanges({ dataDir, withSeed: quorum });
    expect(guard.assertSigningAllowed()).toMatchObject({ state: 'overridden', signingAllowed: true });
    expect(auditEvents(dataDir).at(-1)).toMatchObject({ event: 'airgap-check', outcome: 'overridden' });
  });

  it('a withdrawal counts at once, a new request does not undo it, and the quorum seals it', () => {
    const dataDir = tempDir();
    const guard = new AirgapGuard({ dataDir, listInterfaces: online });
    guard.requestOverride({ reason: 'bench', source: 'operator' });
    acceptChanges({ dataDir, withSeed: quorum });
    expect(guard.status().state).toBe('overridden');
    guard.withdrawOverride({ reason: 'bench work done' });
    expect(guard.status().state).toBe('connected');
    expect(guard.requestOverride({ reason: 'again', source: 'flag' }).state).toBe('connected');
    expect(auditEvents(dataDir).at(-1)).toMatchObject({
      event: 'airgap-override',
      outcome: 'withdrawal-pending',
    });
    expect(configStatus(dataDir).changes).toEqual(['refuse signing while a network is up']);
    acceptChanges({ dataDir, withSeed: quorum });
    expect(JSON.parse(readFileSync(airgapFile(dataDir), 'utf8'))).toEqual({
      allowNetwork: false,
      reason: null,
    });
    expect(guard.status().state).toBe('connected');
  });

  it('a request withdrawn before the quorum saw it is dropped', () => {
    const dataDir = tempDir();
    const guard = new AirgapGuard({ dataDir, listInterfaces: online });
    guard.requestOverride({ reason: 'bench', source: 'operator' });
    guard.withdrawOverride({ reason: 'not needed' });
    expect(configStatus(dataDir).changes).toEqual([]);
    expect(auditEvents(dataDir).at(-1)).toMatchObject({
      event: 'airgap-override-withdrawn',
      outcome: 'request-dropped',
    });
  });

  it('a long reason from the start flag is staged cut to what the sealed setting keeps', () => {
    const dataDir = tempDir();
    const guard = new AirgapGuard({ dataDir, listInterfaces: online });
    const reason = 'r'.repeat(300);
    guard.requestOverride({ reason, source: 'flag' });
    expect(configStatus(dataDir).changes).toEqual([
      `allow signing while a network is up (${'r'.repeat(200)})`,
    ]);
    expect(auditEvents(dataDir).at(-1)).toMatchObject({ event: 'airgap-override', reason });
  });

  it('air-gap settings written to disk without the quorum allow nothing', () => {
    const dataDir = tempDir();
    const guard = new AirgapGuard({ dataDir, listInterfaces: online });
    acceptChanges({ dataDir, withSeed: quorum });
    writeFileSync(airgapFile(dataDir), JSON.stringify({ allowNetwork: true, reason: 'me' }));
    expect(guard.status().state).toBe('connected');
  });

  it('checks the interfaces again at every call, so a cable plugged in later blocks signing', () => {
    let plugged = false;
    const guard = new AirgapGuard({
      dataDir: tempDir(),
      listInterfaces: () => (plugged ? online() : offline()),
    });
    expect(guard.recordStart().state).toBe('isolated');
    plugged = true;
    expect(() => guard.assertSigningAllowed()).toThrow(/network interface is up/);
  });
});
