import { type NetworkInterfaceInfo, networkInterfaces } from 'node:os';

/**
 * The machine's network interfaces, as the air-gap guard sees them. Kept apart from the guard so the
 * CLI's start-up can name the real lister without loading the guard; the shells inject it, tests
 * present any machine.
 */

/** Same shape as os.networkInterfaces(). */
export type InterfaceLister = () => Record<string, NetworkInterfaceInfo[] | undefined>;

/** This machine's interfaces: what the app and the CLI process pass. */
export const machineInterfaces: InterfaceLister = networkInterfaces;

export interface LiveInterface {
  name: string;
  address: string;
}

/** Non-loopback interfaces that have an address, i.e. links that could carry traffic. */
export function liveInterfaces(list: InterfaceLister): LiveInterface[] {
  const live: LiveInterface[] = [];
  for (const [name, infos] of Object.entries(list())) {
    for (const info of infos ?? []) {
      if (!info.internal) live.push({ name, address: info.address });
    }
  }
  return live;
}
