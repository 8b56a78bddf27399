import type { CeremonyStage } from '../../src/ipc/models';
import type { ReviewModel, ReviewWarning } from '../../src/psbt/review-model';
import type { Wallet } from '../../src/wallet/types';
import type { FrameAssembler, PolicyPort, QuorumPort } from './core-port';

export interface ShownReview {
  psbtHash: string;
  review: ReviewModel;
  violations: ReviewWarning[];
  policy: PolicyPort | null;
}

/**
 * One signing ceremony's state, held in main only. The PSBT bytes that are signed are the very
 * bytes whose review was shown (`shown.psbtHash`), and the quorum is wiped whenever it ends.
 */
export class CeremonySession {
  wallet: Wallet | null = null;
  assembler: FrameAssembler | null = null;
  psbt: Uint8Array | null = null;
  psbtHash: string | null = null;
  shown: ShownReview | null = null;
  readonly approvals = new Set<string>();
  quorum: QuorumPort | null = null;
  quorumComplete = false;
  signed: { psbt: Uint8Array; hash: string; signedInputs: number } | null = null;

  stage(): CeremonyStage {
    if (this.signed) return 'signed';
    if (this.quorumComplete) return 'unlocked';
    if (this.shown && this.approvals.size > 0) return 'approved';
    if (this.shown) return 'reviewed';
    if (this.psbt) return 'loaded';
    if (this.assembler) return 'scanning';
    return 'idle';
  }

  /** Drops the PSBT and everything bound to it; the quorum wipes its secret on cancel. */
  reset(): void {
    this.quorum?.cancel();
    this.quorum = null;
    this.quorumComplete = false;
    this.assembler = null;
    this.psbt = null;
    this.psbtHash = null;
    this.shown = null;
    this.approvals.clear();
    this.signed = null;
  }
}
