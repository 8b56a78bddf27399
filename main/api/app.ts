import { AirgapGuard } from '../../src/ceremony/airgap';
import { recordEvent } from '../../src/ceremony/events';
import { type InterfaceLister, machineInterfaces } from '../../src/ceremony/interfaces';
import type { IdleTimer } from '../../src/keys/idle-deadline';
import type { ApiContext, CardPrinter } from './context';
import type { CorePort } from './core-port';
import { type ApiHandlers, createApiHandlers } from './handlers';
import { CeremonySession } from './session';

export interface AirlockMainOptions {
  dataDir: string;
  core: CorePort;
  appVersion: string;
  listInterfaces?: InterfaceLister;
  /** `--allow-network REASON` at start: asks for the override (staged for the quorum), never grants it. */
  airgapOverride?: string | null;
  /** The adapter's isolated print surface for share cards; without one, cards cannot be printed. */
  printer?: CardPrinter;
  /** The idle timeout of shares held in main (default five minutes) and its timer, for tests. */
  idle?: { idleMs?: number; timers?: IdleTimer };
}

/** Everything both adapters (Electron and plain Chromium) bind: the same handlers, one context. */
export function createAirlockMain(options: AirlockMainOptions): {
  handlers: ApiHandlers;
  context: ApiContext;
} {
  const airgap = new AirgapGuard({
    dataDir: options.dataDir,
    listInterfaces: options.listInterfaces ?? machineInterfaces,
  });
  recordEvent(options.dataDir, { event: 'start', details: { appVersion: options.appVersion } });
  airgap.recordStart();
  if (options.airgapOverride) airgap.requestOverride({ reason: options.airgapOverride, source: 'flag' });
  const context: ApiContext = {
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    core: options.core,
    airgap,
    session: new CeremonySession(),
    printer: options.printer ?? null,
    keyCreation: null,
    idle: options.idle ?? {},
    walletScan: null,
    testDriveScan: null,
    configAcceptance: null,
  };
  return { handlers: createApiHandlers(context), context };
}
