import { type NetworkInterfaceInfo, networkInterfaces } from 'node:os';
import { readChanges, stageChange, unstageChanges } from '../src/ceremony/changes';
import { type AirgapSettings, STRICT_AIRGAP } from '../src/ceremony/configuration';
import { recordEvent } from '../src/ceremony/events';
import { readSeal } from '../src/ceremony/seal';
import { refused } from '../src/common/errors';
import type { AirgapStatus } from '../src/ipc/models';

/** Same shape as os.networkInterfaces(); injected so tests can present any machine. */
export type InterfaceLister = () => Record<string, NetworkInterfaceInfo[] | undefined>;

/** Who asked for signing while a network is up: the start-up flag or the operator in the window. */
export type OverrideSource = 'flag' | 'operator';

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

/** A staged "refuse signing while a network is up": tightening needs no quorum, so it counts at once. */
function withdrawalStaged(dataDir: string): boolean {
  try {
    return readChanges(dataDir).some((c) => c.kind === 'airgap' && !c.settings.allowNetwork);
  } catch {
    return true; // a damaged changes file is read as the stricter choice
  }
}

/**
 * The air-gap guard: any live non-loopback interface blocks signing unless the sealed air-gap settings
 * allow it, i.e. a quorum (with the approvals the policies ask for) accepted that change. Asking for
 * it (the `--allow-network` flag, the operator's button) only stages the change; withdrawing it counts
 * at once. Every check that signing relies on and every request is audited.
 */
export class AirgapGuard {
  constructor(private readonly options: { dataDir: string; listInterfaces?: InterfaceLister }) {}

  /**
   * `sealed`: the settings verified with the quorum's key at signing; without it, the seal file's copy
   * (verified at every signature), and strict settings on a device not sealed yet.
   */
  status(sealed?: AirgapSettings): AirgapStatus {
    const interfaces = liveInterfaces(this.options.listInterfaces ?? networkInterfaces);
    if (interfaces.length === 0) return { state: 'isolated', interfaces, signingAllowed: true };
    if (this.#overrideInForce(sealed)) return { state: 'overridden', interfaces, signingAllowed: true };
    return { state: 'connected', interfaces, signingAllowed: false };
  }

  #overrideInForce(sealed?: AirgapSettings): boolean {
    const settings = sealed ?? sealedCopy(this.options.dataDir);
    return settings.allowNetwork && !withdrawalStaged(this.options.dataDir);
  }

  /**
   * Asks for signing while a network is up: staged for the quorum, never in force before it accepts.
   * A withdrawal staged since the seal stands until a quorum seals it (or the changes are rejected).
   */
  requestOverride({ reason, source }: { reason: string; source: OverrideSource }): AirgapStatus {
    const { dataDir } = this.options;
    const sealedAllows = sealedCopy(dataDir).allowNetwork;
    const outcome = !sealedAllows
      ? 'staged'
      : withdrawalStaged(dataDir)
        ? 'withdrawal-pending'
        : 'already-sealed';
    // The sealed setting keeps at most 200 characters of the reason; the audit entry keeps all of it.
    const settings = { allowNetwork: true, reason: reason.slice(0, 200) };
    if (outcome === 'staged') stageChange(dataDir, { kind: 'airgap', settings });
    const status = this.status();
    recordEvent(dataDir, {
      event: 'airgap-override',
      reason,
      outcome,
      details: { source, interfaces: status.interfaces.map((i) => i.name) },
    });
    return status;
  }

  /**
   * Withdraws the override: in force at once (the device only gets stricter), staged so the next quorum
   * seals it; a request not yet accepted is simply dropped.
   */
  withdrawOverride({ reason }: { reason?: string } = {}): AirgapStatus {
    const { dataDir } = this.options;
    if (sealedCopy(dataDir).allowNetwork) stageChange(dataDir, { kind: 'airgap', settings: STRICT_AIRGAP });
    else unstageChanges(dataDir, (c) => c.kind === 'airgap');
    recordEvent(dataDir, {
      event: 'airgap-override-withdrawn',
      ...(reason === undefined ? {} : { reason }),
      outcome: sealedCopy(dataDir).allowNetwork ? 'staged' : 'request-dropped',
      details: { source: 'operator' },
    });
    return this.status();
  }

  /** Audits the state at start-up so the log shows what the machine looked like. */
  recordStart(): AirgapStatus {
    return this.#audited('start');
  }

  #audited(when: string, sealed?: AirgapSettings): AirgapStatus {
    const status = this.status(sealed);
    recordEvent(this.options.dataDir, {
      event: 'airgap-check',
      outcome: status.state,
      details: { when, interfaces: status.interfaces.map((i) => i.name) },
    });
    return status;
  }

  /** Called right before every signature with the sealed settings; throws when online without an override. */
  assertSigningAllowed(sealed?: AirgapSettings): AirgapStatus {
    const status = this.#audited('before-signing', sealed);
    if (!status.signingAllowed) {
      const names = status.interfaces.map((i) => i.name).join(', ');
      throw refused(
        'AIRGAP_BLOCKED',
        `signing is blocked because a network interface is up (${names}); only an override a quorum sealed allows it`,
      );
    }
    return status;
  }
}

/** The air-gap settings as the seal file records them; strict when there is no readable seal. */
function sealedCopy(dataDir: string): AirgapSettings {
  const seal = readSeal(dataDir);
  return seal && seal !== 'unreadable' ? seal.configuration.airgap : STRICT_AIRGAP;
}
