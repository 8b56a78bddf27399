import { recordEvent } from '../../src/ceremony/events';
import { badInput, refused } from '../../src/common/errors';
import type { NetworkName } from '../../src/common/network';
import type { CosignerExport, CosignerKeysView } from '../../src/ipc/models';
import type { CosignerKeyFormat } from '../../src/qr/key-formats';
import type { ApiContext } from './context';

export function cosignerKeys(ctx: ApiContext): CosignerKeysView[] {
  return ctx.core.cosigners.list(ctx.dataDir).map((record) => ({
    fingerprint: record.fingerprint,
    network: record.network,
    keys: record.keys,
    createdAt: record.createdAt,
    finished: record.finishedAt !== null,
  }));
}

/**
 * Removes the record of a key left unfinished (the app closed before every card was printed, and
 * the shares died with it): such a key can never be rebuilt, so it must never reach a wallet. A
 * finished key's record is never removed from the app, and the key being created now is abandoned
 * on the Shares screen instead.
 */
export function discardUnfinishedKey(ctx: ApiContext, request: { fingerprint: string }): CosignerKeysView[] {
  const record = ctx.core.cosigners.list(ctx.dataDir).find((r) => r.fingerprint === request.fingerprint);
  if (!record)
    throw badInput('COSIGNER_NOT_FOUND', `no key with fingerprint ${request.fingerprint} was created here`);
  if (record.finishedAt !== null) {
    throw refused(
      'COSIGNER_FINISHED',
      `key ${record.fingerprint} has all its cards printed; it is not discarded`,
    );
  }
  if (ctx.keyCreation?.fingerprint === record.fingerprint) {
    throw refused(
      'KEY_CREATION_OPEN',
      `key ${record.fingerprint} is being created now: abandon it on the Shares screen`,
    );
  }
  ctx.core.cosigners.remove(ctx.dataDir, record.fingerprint);
  recordEvent(ctx.dataDir, {
    event: 'key-abandoned',
    details: { fingerprint: record.fingerprint, reason: 'left unfinished when the app closed' },
  });
  return cosignerKeys(ctx);
}

/**
 * This cosigner's account key for the coordinator, from the stored public record: as one
 * `ur:crypto-account` or `ur:account-descriptor` QR or as the text key with origin. Without a fingerprint, the only finished
 * key is meant; a key whose cards were not all printed is not offered.
 */
export function cosignerExport(
  ctx: ApiContext,
  request: {
    fingerprint?: string;
    scriptType: 'p2wsh' | 'p2sh-p2wsh';
    network?: NetworkName;
    format: CosignerKeyFormat;
  },
): CosignerExport {
  const records = ctx.core.cosigners.list(ctx.dataDir);
  const candidates = request.fingerprint
    ? records.filter((r) => r.fingerprint === request.fingerprint)
    : records.filter((r) => r.finishedAt !== null);
  if (candidates.length === 0) {
    throw badInput(
      'COSIGNER_NOT_FOUND',
      request.fingerprint
        ? `no key with fingerprint ${request.fingerprint} was created here`
        : 'no key was created here yet',
    );
  }
  const [record] = candidates;
  if (!record || candidates.length > 1) {
    throw badInput('COSIGNER_AMBIGUOUS', 'several keys were created here: name one by its fingerprint');
  }
  if (record.finishedAt === null) {
    throw refused(
      'COSIGNER_UNFINISHED',
      `the share cards of key ${record.fingerprint} were not all printed; it is not ready for a wallet`,
    );
  }
  if (request.network && request.network !== record.network) {
    throw refused(
      'NETWORK_MISMATCH',
      `key ${record.fingerprint} was made for ${record.network}, not ${request.network}`,
    );
  }
  const key = record.keys.find((k) => k.scriptType === request.scriptType);
  if (!key)
    throw badInput('COSIGNER_NO_SCRIPT', `key ${record.fingerprint} has no ${request.scriptType} account`);
  const text = ctx.core.cosigners.exportKey({
    key: { ...key, fingerprint: record.fingerprint },
    network: record.network,
    format: request.format,
  });
  return { fingerprint: record.fingerprint, scriptType: key.scriptType, format: request.format, text };
}
