import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createAirlockMain } from '../../../main/api/app';
import { airlockCore } from '../../../main/api/core';
import { errorEnvelope } from '../../../main/api/handlers';
import { badInput } from '../../../src/common/errors';
import { IpcErrorSchema } from '../../../src/ipc/models';
import { tempDir } from '../../helpers/cli';

const offline = () => ({
  lo: [{ address: '127.0.0.1', internal: true, family: 'IPv4' } as NetworkInterfaceInfo],
});

describe('error envelopes leaving main', () => {
  it('cut a message longer than the renderer accepts instead of failing on it', async () => {
    const long = `wallet ${'x'.repeat(2000)} is not registered`;
    const { handlers } = createAirlockMain({
      dataDir: tempDir(),
      appVersion: 'test',
      listInterfaces: offline,
      core: {
        ...airlockCore,
        keys: {
          ...airlockCore.keys,
          createPartitionedKey: () => {
            throw badInput('WALLET_NOT_FOUND', long);
          },
        },
      },
    });
    const result = await handlers.createPartitionedKey({
      groups: [{ threshold: 2, count: 3 }],
      strength: 128,
      network: 'testnet',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(IpcErrorSchema.safeParse(result.error).success).toBe(true);
    expect(result.error.code).toBe('WALLET_NOT_FOUND');
    expect(result.error.message).toHaveLength(500);
    expect(result.error.message.startsWith('wallet xxx')).toBe(true);
    expect(result.error.message.endsWith('…')).toBe(true);
  });

  it('turn an error off its schema (a code the renderer cannot map) into the plain internal error', () => {
    expect(errorEnvelope({ kind: 'refused', code: 'lower-case code', message: 'no' })).toEqual({
      ok: false,
      error: { kind: 'internal', code: 'INTERNAL', message: 'internal error; nothing was signed' },
    });
    expect(errorEnvelope({ kind: 'refused', code: 'AIRGAP_BLOCKED', message: 'short' }).error.message).toBe(
      'short',
    );
  });
});
