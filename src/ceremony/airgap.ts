import { refused } from '../common/errors';
import type { AirgapStatus } from '../ipc/models';
import { readChanges, stageChange, unstageChanges } from './changes';
import { type AirgapSettings, STRICT_AIRGAP } from './configuration';
import { recordEvent } from './events';
import { type InterfaceLister, liveInterfaces } from './interfaces';
import { readSeal } from './seal';

/** Who asked for signing while a network is up: the app's start-up flag, its operator, or the CLI. */
export type OverrideSource = 'flag' | 'operator' | 'cli';

/** What the air-gap settings look like: the guard's state, the sealed copy and any staged change. */
export interface AirgapReport {
  status: AirgapStatus;
  /** As the seal file records them (verified with the quorum's key at every signature). */
  sealed: AirgapSettings;
  /** A change staged since the seal: an override asked for, or a withdrawal (in force already). */
  staged: 'request' | 'withdrawal' | null;
}

/** How to ask for the override, for the refusal's sentence (the app's screens word it by its code). */
const HOW_TO_OVERRIDE =
  'switch every network link off, or ask for an override (airlock airgap request REASON, or the app) and have a quorum accept it (airlock config accept)';

function stagedAirgapChange(dataDir: string): AirgapReport['staged'] {
  try {
    for (const change of readChanges(dataDir))
      if (change.kind === 'airgap') return change.settings.allowNetwork ? 'request' : 'withdrawal';
    return null;
  } catch {
    return 'withdrawal'; // a damaged changes file is read as the stricter choice
  }
}

/**
 * The air-gap guard, the same for the app and the CLI: any live non-loopback interface blocks signing
 * unless the sealed air-gap settings allow it, i.e. a quorum (with the approvals the policies ask for)
 * accepted that change. Asking for it (the app's `--allow-network` flag and button, `airlock airgap
 * request`) only stages the change; withdrawing it counts at once. Every check that signing relies on
 * and every request is audited. The signing ceremony runs it itself, on the settings it verified.
 */
export class AirgapGuard {
  readonly dataDir: string;
  /** The machine's interfaces, listed again at every check (a cable plugged in later counts). */
  readonly listInterfaces: InterfaceLister;

  constructor(options: { dataDir: string; listInterfaces: InterfaceLister }) {
    this.dataDir = options.dataDir;
    this.listInterfaces = options.listInterfaces;
  }

  /**
   * `sealed`: the settings verified with the quorum's key at signing; without it, the seal file's copy
   * (verified at every signature), and strict settings on a device not sealed yet.
   */
  status(sealed?: AirgapSettings): AirgapStatus {
    const interfaces = liveInterfaces(this.listInterfaces);
    if (interfaces.length === 0) return { state: 'isolated', interfaces, signingAllowed: true };
    if (this.#overrideInForce(sealed)) return { state: 'overridden', interfaces, signingAllowed: true };
    return { state: 'connected', interfaces, signingAllowed: false };
  }

  report(): AirgapReport {
    return {
      status: this.status(),
      sealed: sealedCopy(this.dataDir),
      staged: stagedAirgapChange(this.dataDir),
    };
  }

  #overrideInForce(sealed?: AirgapSettings): boolean {
    const settings = sealed ?? sealedCopy(this.dataDir);
    return settings.allowNetwork && stagedAirgapChange(this.dataDir) !== 'withdrawal';
  }

  /**
   * Asks for signing while a network is up: staged for the quorum, never in force before it accepts.
   * A withdrawal staged since the seal stands until a quorum seals it (or the changes are rejected).
   */
  requestOverride({ reason, source }: { reason: string; source: OverrideSource }): AirgapStatus {
    const { dataDir } = this;
    const sealedAllows = sealedCopy(dataDir).allowNetwork;
    const outcome = !sealedAllows
      ? 'staged'
      : stagedAirgapChange(dataDir) === 'withdrawal'
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
  withdrawOverride({
    reason,
    source = 'operator',
  }: {
    reason?: string;
    source?: OverrideSource;
  } = {}): AirgapStatus {
    const { dataDir } = this;
    if (sealedCopy(dataDir).allowNetwork) stageChange(dataDir, { kind: 'airgap', settings: STRICT_AIRGAP });
    else unstageChanges(dataDir, (c) => c.kind === 'airgap');
    recordEvent(dataDir, {
      event: 'airgap-override-withdrawn',
      ...(reason === undefined ? {} : { reason }),
      outcome: sealedCopy(dataDir).allowNetwork ? 'staged' : 'request-dropped',
      details: { source },
    });
    return this.status();
  }

  /** Audits the state at start-up so the log shows what the machine looked like. */
  recordStart(): AirgapStatus {
    return this.#audited('start');
  }

  #audited(when: string, sealed?: AirgapSettings): AirgapStatus {
    const status = this.status(sealed);
    recordEvent(this.dataDir, {
      event: 'airgap-check',
      outcome: status.state,
      details: { when, interfaces: status.interfaces.map((i) => i.name) },
    });
    return status;
  }

  /** Called right before every signature with the sealed settings; throws when online without an override. */
  assertSigningAllowed(sealed?: AirgapSettings): AirgapStatus {
    return this.#assertAllowed(
      'before-signing',
      sealed,
      (names) =>
        `signing is refused because a network interface is up (${names}) and no override is sealed: ${HOW_TO_OVERRIDE}`,
    );
  }

  /** A key is made on an isolated machine, as a signature is: the same rule, audited. */
  assertKeyCreationAllowed(): AirgapStatus {
    return this.#assertAllowed(
      'before-key-creation',
      undefined,
      (names) => `a new key is not created while a network interface is up (${names})`,
    );
  }

  /** The master secret is printed from shares only on an isolated machine, where a key is made. */
  assertSecretOutputAllowed(): AirgapStatus {
    return this.#assertAllowed(
      'before-secret-output',
      undefined,
      (names) => `the shares are not combined into a secret while a network interface is up (${names})`,
    );
  }

  #assertAllowed(
    when: string,
    sealed: AirgapSettings | undefined,
    refusal: (interfaceNames: string) => string,
  ): AirgapStatus {
    const status = this.#audited(when, sealed);
    if (!status.signingAllowed)
      throw refused('AIRGAP_BLOCKED', refusal([...new Set(status.interfaces.map((i) => i.name))].join(', ')));
    return status;
  }
}

/** The air-gap settings as the seal file records them; strict when there is no readable seal. */
function sealedCopy(dataDir: string): AirgapSettings {
  const seal = readSeal(dataDir);
  return seal && seal !== 'unreadable' ? seal.configuration.airgap : STRICT_AIRGAP;
}
