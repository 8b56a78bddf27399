import { recordEvent } from '../../src/ceremony/events';
import { internalError, isAirlockError, refused } from '../../src/common/errors';
import type { NetworkName } from '../../src/common/network';
import type { KeyCreationEnd, KeyCreationView } from '../../src/ipc/models';
import { wipeShares } from '../../src/keys/partitioned-key';
import type { ApiContext } from './context';
import { KeyCreation } from './key-creation';

export interface CreateKeyRequest {
  groups: Array<{ threshold: number; count: number }>;
  groupThreshold?: number;
  strength: 128 | 256;
  diceRolls?: string;
  network: NetworkName;
}

function requireKeyCreation(ctx: ApiContext): KeyCreation {
  if (!ctx.keyCreation) throw refused('NO_KEY_CREATION', 'no new key is being created');
  return ctx.keyCreation;
}

/**
 * Creates a partitioned key in main: SLIP-39 shares kept here until printed, the public record
 * (fingerprint and account keys) written to the data directory, the secret wiped. Only public
 * data is returned.
 */
export function createPartitionedKey(ctx: ApiContext, request: CreateKeyRequest): KeyCreationView {
  if (ctx.keyCreation) {
    throw refused(
      'KEY_CREATION_OPEN',
      `key ${ctx.keyCreation.fingerprint} is still being created: print its cards and finish, or abandon it`,
    );
  }
  ctx.airgap.assertKeyCreationAllowed();
  const layout = { groupThreshold: request.groupThreshold ?? 1, groups: request.groups };
  const created = ctx.core.keys.createPartitionedKey({
    bits: request.strength,
    ...(request.diceRolls ? { diceRolls: request.diceRolls } : {}),
    network: request.network,
    ...layout,
  });
  try {
    ctx.core.cosigners.saveNew(ctx.dataDir, {
      fingerprint: created.fingerprint,
      network: request.network,
      keys: created.keys.map(({ scriptType, path, xpub }) => ({ scriptType, path, xpub })),
      shareLayout: layout,
      createdAt: new Date().toISOString(),
      finishedAt: null,
    });
  } catch (error) {
    wipeShares(created.shares);
    throw error;
  }
  ctx.keyCreation = new KeyCreation({
    created,
    network: request.network,
    layout,
    onIdle: (creation) => endIdleKeyCreation(ctx, creation),
    ...ctx.idle,
  });
  recordEvent(ctx.dataDir, {
    event: 'key-created',
    details: {
      fingerprint: created.fingerprint,
      network: request.network,
      bits: request.strength,
      diceRolls: (request.diceRolls ?? '').replace(/\s+/g, '').length,
      ...layout,
    },
  });
  return ctx.keyCreation.view();
}

/** Prints one share's card on the adapter's isolated print surface; the words never reach the renderer. */
export async function printShareCard(
  ctx: ApiContext,
  request: { group: number; index: number },
): Promise<KeyCreationView> {
  const creation = requireKeyCreation(ctx);
  const share = creation.share(request.group, request.index);
  if (!ctx.printer) throw refused('NO_PRINTER', 'share cards cannot be printed from this window');
  const html = await ctx.core.keys.shareCardHtml({
    share,
    shareCount: creation.layout.groups[request.group]?.count ?? 0,
    fingerprint: creation.fingerprint,
  });
  let outcome: 'printed' | 'cancelled';
  try {
    outcome = await ctx.printer.printHtml(html);
  } catch (error) {
    // A printer's own message is not vetted (it might quote the document), so it is not passed on.
    if (isAirlockError(error)) throw error;
    throw internalError('PRINT_FAILED', 'the share card could not be printed');
  }
  recordEvent(ctx.dataDir, {
    event: 'share-card-printed',
    outcome,
    details: { fingerprint: creation.fingerprint, group: request.group, index: request.index },
  });
  if (outcome === 'cancelled') {
    throw refused('PRINT_CANCELLED', `the card of share ${request.index + 1} was not printed`);
  }
  creation.markPrinted(request.group, request.index);
  return creation.view();
}

/**
 * Ends the key creation and wipes its shares. Refused while a card is unprinted, since a key
 * without all its cards may never be recoverable; `abandon` instead discards the key entirely,
 * deleting the public record it wrote, so it can never be registered in a wallet.
 */
export function finishKeyCreation(ctx: ApiContext, request: { abandon?: true }): KeyCreationEnd {
  const creation = requireKeyCreation(ctx);
  const unprinted = creation.unprintedCount();
  if (!request.abandon && unprinted > 0) {
    throw refused(
      'CARDS_UNPRINTED',
      `${unprinted} share card(s) are not printed yet: print them, or abandon this key`,
    );
  }
  creation.wipe();
  ctx.keyCreation = null;
  const { fingerprint } = creation;
  if (request.abandon) {
    ctx.core.cosigners.remove(ctx.dataDir, fingerprint);
    recordEvent(ctx.dataDir, { event: 'key-abandoned', details: { fingerprint, unprinted } });
    return { fingerprint, outcome: 'abandoned' };
  }
  ctx.core.cosigners.markFinished(ctx.dataDir, fingerprint, new Date());
  recordEvent(ctx.dataDir, { event: 'key-finished', details: { fingerprint } });
  return { fingerprint, outcome: 'finished' };
}

/**
 * After the idle timeout the shares are already wiped; the creation ends as the officers would have
 * ended it: finished when every card was printed, otherwise abandoned (a key short of its cards may
 * never be recoverable), and the log says why. Runs from a timer, so it never throws.
 */
function endIdleKeyCreation(ctx: ApiContext, creation: KeyCreation): void {
  if (ctx.keyCreation !== creation) return;
  ctx.keyCreation = null;
  const { fingerprint } = creation;
  const unprinted = creation.unprintedCount();
  try {
    if (unprinted > 0) ctx.core.cosigners.remove(ctx.dataDir, fingerprint);
    else ctx.core.cosigners.markFinished(ctx.dataDir, fingerprint, new Date());
    recordEvent(ctx.dataDir, {
      event: 'key-creation-idle-wipe',
      outcome: unprinted > 0 ? 'abandoned' : 'finished',
      details: { fingerprint, unprinted },
    });
  } catch {
    // The shares are gone either way; an unfinished public record is what a failed write leaves.
  }
}

export function keyCreationStatus(ctx: ApiContext): KeyCreationView | null {
  return ctx.keyCreation?.view() ?? null;
}
