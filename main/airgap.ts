import { type NetworkInterfaceInfo, networkInterfaces } from 'node:os';
import type { AirgapSettings } from '../src/ceremony/configuration';
import { readDiskConfiguration } from '../src/ceremony/configuration';
import { recordEvent } from '../src/ceremony/events';
import { refused } from '../src/common/errors';
import type { AirgapStatus } from '../src/ipc/models';

/** Same shape as os.networkInterfaces(); injected so tests can present any machine. */
export type InterfaceLister = () => Record<string, NetworkInterfaceInfo[] | undefined>;

export interface AirgapOverride {
  reason: string;
  /** Where the override came from: the start-up flag or the operator in the window. */
  source: 'flag' | 'operator';
}

/** Non-loopback interfaces that have an address, i.e. links that could carry traffic. */
export function liveInterfaces(list: InterfaceLister): Array<{ name: string; address: string }> {
  const live: Array<{ name: string; address: string }> = [];
  for (const [name, infos] of Object.entries(list())) {
    for (const info of infos ?? []) {
      if (!info.internal) live.push({ name, address: info.address });
    }
  }
  return live;
}

/**
 * The air-gap guard: any live non-loopback interface blocks signing unless the sealed air-gap settings
 * allow it (a quorum accepted that change) or the app was started with `--allow-network`; every check
 * that signing relies on and every override is audited.
 */
export class AirgapGuard {
  private override: AirgapOverride | null = null;

  constructor(private readonly options: { dataDir: string; listInterfaces?: InterfaceLister }) {}

  /** `sealed`: the settings verified under the seal; without it, the settings file as it stands. */
  status(sealed?: AirgapSettings): AirgapStatus {
    const interfaces = liveInterfaces(this.options.listInterfaces ?? networkInterfaces);
    if (interfaces.length === 0) return { state: 'isolated', interfaces, signingAllowed: true };
    if (this.override || this.#settings(sealed).allowNetwork)
      return { state: 'overridden', interfaces, signingAllowed: true };
    return { state: 'connected', interfaces, signingAllowed: false };
  }

  setOverride(override: AirgapOverride): AirgapStatus {
    this.override = override;
    const status = this.status();
    recordEvent(this.options.dataDir, {
      event: 'airgap-override',
      reason: override.reason,
      details: { source: override.source, interfaces: status.interfaces.map((i) => i.name) },
    });
    return status;
  }

  /** Audits the state at start-up so the log shows what the machine looked like. */
  recordStart(): AirgapStatus {
    const status = this.status();
    recordEvent(this.options.dataDir, {
      event: 'airgap-check',
      outcome: status.state,
      details: { when: 'start', interfaces: status.interfaces.map((i) => i.name) },
    });
    return status;
  }

  #settings(sealed?: AirgapSettings): AirgapSettings {
    if (sealed) return sealed;
    const onDisk = readDiskConfiguration(this.options.dataDir).airgap;
    return onDisk === 'missing' ? { allowNetwork: false, reason: null } : onDisk;
  }

  /** Called right before every signature with the sealed settings; throws when online without an override. */
  assertSigningAllowed(sealed?: AirgapSettings): AirgapStatus {
    const status = this.status(sealed);
    recordEvent(this.options.dataDir, {
      event: 'airgap-check',
      outcome: status.state,
      details: { when: 'before-signing', interfaces: status.interfaces.map((i) => i.name) },
    });
    if (!status.signingAllowed) {
      const names = status.interfaces.map((i) => i.name).join(', ');
      throw refused('AIRGAP_BLOCKED', `signing is blocked because a network interface is up (${names})`);
    }
    return status;
  }
}
