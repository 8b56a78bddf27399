import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Chain, Wallet } from '../../../src/wallet/types';

/** Debian's python3 with python3-electrum; never the pyenv python3 that may come first on PATH. */
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./electrum_multisig_addresses.py', import.meta.url));

const TXIN_TYPES = { p2wsh: 'p2wsh', 'p2sh-p2wsh': 'p2wsh-p2sh', p2sh: 'p2sh' } as const;

export type Point = [Chain, number];

/** Addresses Electrum derives for each wallet at each (chain, index), in one python process. */
export function electrumAddresses(requests: { wallet: Wallet; points: Point[] }[]): string[][] {
  const input = requests.map(({ wallet, points }) => ({
    xpubs: wallet.cosigners.map((c) => c.xpub),
    m: wallet.threshold,
    sorted: wallet.sorted,
    txinType: TXIN_TYPES[wallet.scriptType],
    // Signet shares testnet's address prefixes.
    net: wallet.network === 'signet' ? 'testnet' : wallet.network,
    points,
  }));
  const output = execFileSync(PYTHON, [SCRIPT], { input: JSON.stringify(input), encoding: 'utf8' });
  return JSON.parse(output) as string[][];
}
