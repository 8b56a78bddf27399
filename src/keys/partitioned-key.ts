import { bytesEqual, wipe } from '../common/bytes';
import { internalError } from '../common/errors';
import type { NetworkName } from '../common/network';
import type { CosignerKeyExport } from '../qr/account';
import { generateMasterSecret, type SecretBits } from './entropy';
import { accountXpub } from './hd';
import { combineShares, type GroupSpec, splitMasterSecret } from './slip39';
import { shareWordIndices } from './slip39-share';
import { SLIP39_WORDLIST } from './slip39-wordlist';

/** PBKDF2 work factor of new shares (SLIP-39 exponent 1 = 20 000 iterations), as `shares split` uses. */
export const SHARE_ITERATION_EXPONENT = 1;

/** The BIP-48 script types a new cosigner key is exported for. */
export const COSIGNER_SCRIPT_TYPES = ['p2wsh', 'p2sh-p2wsh'] as const;

/**
 * One share as its SLIP-39 word indices: a wipeable buffer instead of a string, which JavaScript
 * cannot overwrite. The words are spelled out only where they are printed.
 */
export type ShareWords = Uint16Array;

export interface PartitionedKeyPlan {
  bits: SecretBits;
  /** Optional dice rolls (digits 1 to 6) mixed into the system entropy. */
  diceRolls?: string;
  groupThreshold: number;
  groups: GroupSpec[];
  network: NetworkName;
}

export interface NewPartitionedKey {
  fingerprint: string;
  /** This cosigner's account keys for P2WSH (m/48'/c'/0'/2') and P2SH-P2WSH (m/48'/c'/0'/1'). */
  keys: CosignerKeyExport[];
  /** Shares by group, then member index. Wipe with wipeShares when done. */
  shares: ShareWords[][];
}

/**
 * A new partitioned key: fresh master secret (system entropy, optionally with dice), split into
 * SLIP-39 shares, and the public account keys a coordinator needs. The secret is wiped before return.
 */
export function createPartitionedKey(plan: PartitionedKeyPlan): NewPartitionedKey {
  const secret = generateMasterSecret({ bits: plan.bits, diceRolls: plan.diceRolls ?? '' });
  try {
    const keys = COSIGNER_SCRIPT_TYPES.map((scriptType) => ({
      scriptType,
      ...accountXpub({ seed: secret, scriptType, network: plan.network }),
    }));
    const byGroup = splitMasterSecret({
      masterSecret: secret,
      groupThreshold: plan.groupThreshold,
      groups: plan.groups,
      iterationExponent: SHARE_ITERATION_EXPONENT,
    });
    assertQuorumRebuilds(secret, byGroup, plan);
    const shares = byGroup.map((group) =>
      group.map((mnemonic) => {
        const indices = shareWordIndices(mnemonic);
        const words = Uint16Array.from(indices);
        indices.fill(0);
        return words;
      }),
    );
    return { fingerprint: keys[0]?.fingerprint ?? '', keys, shares };
  } finally {
    wipe(secret);
  }
}

/**
 * A quorum of the new shares (the first groups and members the thresholds need) must give the
 * secret back before any card is printed: a key whose cards cannot rebuild it must never be used.
 */
function assertQuorumRebuilds(secret: Uint8Array, byGroup: string[][], plan: PartitionedKeyPlan): void {
  const quorum = byGroup
    .slice(0, plan.groupThreshold)
    .flatMap((group, i) => group.slice(0, plan.groups[i]?.threshold ?? group.length));
  const rebuilt = combineShares({ mnemonics: quorum });
  try {
    if (!bytesEqual(rebuilt, secret)) {
      throw internalError('KEY_SPLIT_FAILED', 'the new shares do not rebuild the key; nothing was kept');
    }
  } finally {
    wipe(rebuilt);
  }
}

/** The share's words, for the one place that prints them. */
export function shareText(share: ShareWords): string {
  return Array.from(share, (index) => SLIP39_WORDLIST[index]).join(' ');
}

export function wipeShares(shares: ShareWords[][]): void {
  for (const group of shares) for (const share of group) share.fill(0);
}
