import { readFileSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { AirgapGuard, type InterfaceLister, liveInterfaces } from '../../../main/airgap';
import { auditPath } from '../../../src/audit/log';
import { isAirlockError } from '../../../src/common/errors';
import { tempDir } from '../../helpers/cli';

const loopback: NetworkInterfaceInfo = {
  address: '127.0.0.1',
  netmask: '255.0.0.0',
  family: 'IPv4',
  mac: '00:00:00:00:00:00',
  internal: true,
  cidr: '127.0.0.1/8',
};
const wifi: NetworkInterfaceInfo = {
  address: 'fe80::1c2d:3e4f:5a6b:7c8d',
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '3c:22:fb:00:11:22',
  internal: false,
  cidr: 'fe80::1c2d:3e4f:5a6b:7c8d/64',
  scopeid: 3,
};
const offline: InterfaceLister = () => ({ lo: [loopback] });
const online: InterfaceLister = () => ({ lo: [loopback], wlan0: [wifi] });

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

  it('lets an explicit operator override through and writes it to the audit log', () => {
    const dataDir = tempDir();
    const guard = new AirgapGuard({ dataDir, listInterfaces: online });
    guard.setOverride({ reason: 'test bench without radio switch', source: 'operator' });
    expect(guard.assertSigningAllowed()).toMatchObject({ state: 'overridden', signingAllowed: true });
    const [override, check] = auditEvents(dataDir);
    expect(override).toMatchObject({
      event: 'airgap-override',
      reason: 'test bench without radio switch',
      details: { source: 'operator', interfaces: ['wlan0'] },
    });
    expect(check).toMatchObject({ event: 'airgap-check', outcome: 'overridden' });
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
