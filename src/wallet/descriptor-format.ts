import { addDescriptorChecksum } from './checksum';
import { originPathForDescriptor } from './key-expression';
import type { Wallet } from './types';

/**
 * The canonical descriptor of a wallet: keys in registration order with `h` origins and
 * `/<0;1>/*`, and its checksum, e.g. `wsh(sortedmulti(2,[fp/48h/1h/0h/2h]tpub…/<0;1>/*,…))#…`.
 */
export function formatDescriptor(
  wallet: Pick<Wallet, 'scriptType' | 'sorted' | 'threshold' | 'cosigners'>,
): string {
  // A key of unknown origin is written bare, as descriptors write a key with no origin.
  const keys = wallet.cosigners.map(
    (c) =>
      `${c.fingerprint !== null && c.path !== null ? `[${c.fingerprint}${originPathForDescriptor(c.path)}]` : ''}${c.xpub}/<0;1>/*`,
  );
  const multi = `${wallet.sorted ? 'sortedmulti' : 'multi'}(${wallet.threshold},${keys.join(',')})`;
  const body =
    wallet.scriptType === 'p2wsh'
      ? `wsh(${multi})`
      : wallet.scriptType === 'p2sh-p2wsh'
        ? `sh(wsh(${multi}))`
        : `sh(${multi})`;
  return addDescriptorChecksum(body);
}
