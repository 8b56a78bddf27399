import type { AirgapGuard } from '../../src/ceremony/airgap';
import type { IdleTimer } from '../../src/keys/idle-deadline';
import type { CorePort, FrameAssembler, QuorumPort, WalletScan } from './core-port';
import type { KeyCreation } from './key-creation';
import type { CeremonySession } from './session';

/**
 * Prints one HTML document on a surface apart from the app's renderer (a hidden window with no
 * preload and no JavaScript in Electron; a script-less page in the browser adapter). The document
 * is never written to disk. Resolves 'cancelled' when the operator dismissed the print.
 */
export interface CardPrinter {
  printHtml(html: string): Promise<'printed' | 'cancelled'>;
}

/** Everything a handler may touch; one per app window. */
export interface ApiContext {
  dataDir: string;
  appVersion: string;
  core: CorePort;
  airgap: AirgapGuard;
  session: CeremonySession;
  /** null where the adapter has no print surface (share cards cannot be printed there). */
  printer: CardPrinter | null;
  /** The key being created, held in main only until its cards are printed. */
  keyCreation: KeyCreation | null;
  /** How long shares held between actions survive untouched; tests inject a timer they fire. */
  idle: { idleMs?: number; timers?: IdleTimer };
  /** A wallet export being scanned on the Wallets screen; apart from the ceremony's PSBT scan. */
  walletScan: WalletScan | null;
  /** A PSBT being scanned on the Policy screen for a test drive; apart from the ceremony's scan. */
  testDriveScan: FrameAssembler | null;
  /** The staged changes being accepted on the Changes screen; apart from the signing ceremony. */
  configAcceptance: ConfigAcceptance | null;
}

/** Approvals and shares given for one set of staged changes; void as soon as the changes differ. */
export interface ConfigAcceptance {
  /** The changes it accepts (acceptanceKey); the approvals are bound to their changesHash. */
  boundTo: string;
  approved: string[];
  quorum: QuorumPort | null;
  /** The quorum seals files found changed without it as they are (it has read the differences). */
  includeDifferences: boolean;
}
