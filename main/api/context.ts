import type { AirgapGuard } from '../airgap';
import type { CorePort } from './core-port';
import type { CeremonySession } from './session';

/** Everything a handler may touch; one per app window. */
export interface ApiContext {
  dataDir: string;
  appVersion: string;
  core: CorePort;
  airgap: AirgapGuard;
  session: CeremonySession;
}
