import { refused } from '../../src/common/errors';
import type { NetworkName } from '../../src/common/network';
import type { KeyCreationView } from '../../src/ipc/models';
import type { ShareLayout } from '../../src/keys/cosigner-record';
import { IdleDeadline, type IdleTimer } from '../../src/keys/idle-deadline';
import { type NewPartitionedKey, type ShareWords, wipeShares } from '../../src/keys/partitioned-key';

/**
 * A new key between its creation and the last printed card: the shares live here (as word
 * indices, in main only) and nowhere else, and are wiped when the creation ends either way, or
 * (as the quorum's) when nobody has touched it for the idle timeout: then `onIdle` ends it.
 */
export class KeyCreation {
  readonly fingerprint: string;
  readonly keys: NewPartitionedKey['keys'];
  private shares: ShareWords[][];
  private readonly printed: boolean[][];
  readonly #idle: IdleDeadline;

  constructor({
    created,
    network,
    layout,
    onIdle,
    idleMs,
    timers,
  }: {
    created: NewPartitionedKey;
    network: NetworkName;
    layout: ShareLayout;
    /** Called after the shares were wiped for idleness, to end the creation and record it. */
    onIdle: (creation: KeyCreation) => void;
    idleMs?: number;
    timers?: IdleTimer;
  }) {
    this.network = network;
    this.layout = layout;
    this.fingerprint = created.fingerprint;
    this.keys = created.keys;
    this.shares = created.shares;
    this.printed = created.shares.map((group) => group.map(() => false));
    this.#idle = new IdleDeadline(
      () => {
        this.wipe();
        onIdle(this);
      },
      idleMs,
      timers,
    );
    this.#idle.touch();
  }

  readonly network: NetworkName;
  readonly layout: ShareLayout;

  /** The share at group/index (from 0); a position outside the layout is refused. */
  share(group: number, index: number): ShareWords {
    this.#idle.touch();
    const share = this.shares[group]?.[index];
    if (!share) {
      throw refused(
        'SHARE_NOT_FOUND',
        `there is no share ${index + 1} in group ${group + 1} of this key (${this.describeLayout()})`,
      );
    }
    return share;
  }

  markPrinted(group: number, index: number): void {
    this.share(group, index);
    (this.printed[group] as boolean[])[index] = true;
  }

  unprintedCount(): number {
    return this.printed.flat().filter((p) => !p).length;
  }

  view(): KeyCreationView {
    return {
      fingerprint: this.fingerprint,
      network: this.network,
      keys: this.keys.map(({ scriptType, path, xpub }) => ({ scriptType, path, xpub })),
      groupThreshold: this.layout.groupThreshold,
      groups: this.layout.groups.map((g, i) => ({
        threshold: g.threshold,
        count: g.count,
        printed: [...(this.printed[i] ?? [])],
      })),
      allPrinted: this.unprintedCount() === 0,
    };
  }

  /** Overwrites every share and drops the references. */
  wipe(): void {
    this.#idle.clear();
    wipeShares(this.shares);
    this.shares = [];
  }

  private describeLayout(): string {
    return this.layout.groups.map((g, i) => `group ${i + 1}: ${g.count} shares`).join(', ');
  }
}
