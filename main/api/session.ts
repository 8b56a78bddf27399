import type { SigningCeremony } from '../../src/ceremony/signing-ceremony';
import type { CeremonyStage } from '../../src/ipc/models';
import type { ScriptsAhead } from '../../src/psbt/scripts-ahead';
import type { Wallet } from '../../src/wallet/types';
import type { FrameAssembler, QuorumPort } from './core-port';

/**
 * What main holds between the renderer's calls: the chosen wallet, the scan under way, the one
 * SigningCeremony (src/ceremony) and the quorum's shares. The renderer shows `stage()`.
 */
export class CeremonySession {
  wallet: Wallet | null = null;
  assembler: FrameAssembler | null = null;
  /** The wallet's scripts derived from the parts the scan under way has received (see ScriptsAhead). */
  scriptsAhead: ScriptsAhead | null = null;
  ceremony: SigningCeremony | null = null;
  /** The PSBT hash whose review the renderer was sent; approvals and shares count only for it. */
  shownHash: string | null = null;
  /** The PSBT hash whose review the officers confirmed on screen: approvals and shares come after it. */
  confirmedHash: string | null = null;
  quorum: QuorumPort | null = null;

  /**
   * The one answer to "where is the ceremony": the renderer derives its screen from it. A quorum wiped
   * (idle, or by a refused signature) falls back to approved, so the shares are entered again.
   */
  stage(): CeremonyStage {
    const ceremony = this.ceremony;
    if (ceremony?.signed) return 'signed';
    if (this.quorum?.complete()) return 'unlocked';
    if (!ceremony?.psbtHash) return this.assembler ? 'scanning' : 'idle';
    if (this.shownHash !== ceremony.psbtHash) return 'loaded';
    if (this.confirmedHash !== ceremony.psbtHash) return 'reviewed';
    return ceremony.approved.length < ceremony.approvalsRequired() ? 'approving' : 'approved';
  }

  /** Drops the PSBT and everything bound to it; the quorum wipes its secret on cancel. */
  reset(): void {
    this.quorum?.cancel();
    this.quorum = null;
    this.assembler = null;
    this.scriptsAhead = null;
    this.ceremony = null;
    this.shownHash = null;
    this.confirmedHash = null;
  }
}
