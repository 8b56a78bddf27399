import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type CosignerRecord,
  cosignersDir,
  listCosignerRecords,
  markCosignerFinished,
  removeCosignerRecord,
  saveNewCosignerRecord,
} from '../../../src/keys/cosigner-record';
import { accountXpub } from '../../../src/keys/hd';
import { PARTITIONED_SECRET } from '../../helpers/app';
import { tempDir } from '../../helpers/cli';

function record(): CosignerRecord {
  const keys = (['p2wsh', 'p2sh-p2wsh'] as const).map((scriptType) => ({
    scriptType,
    ...accountXpub({ seed: PARTITIONED_SECRET, scriptType, network: 'testnet' }),
  }));
  return {
    fingerprint: keys[0]?.fingerprint ?? '',
    network: 'testnet',
    keys: keys.map(({ scriptType, path, xpub }) => ({ scriptType, path, xpub })),
    shareLayout: { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }] },
    createdAt: '2026-11-25T10:00:00.000Z',
    finishedAt: null,
  };
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'thrown';
  }
};

describe('cosigner records (public data of keys made here)', () => {
  it('never replaces a recorded key, and keeps a finished key’s record', () => {
    const dataDir = tempDir();
    saveNewCosignerRecord(dataDir, record());
    const path = join(cosignersDir(dataDir), `${record().fingerprint}.json`);
    const before = readFileSync(path, 'utf8');
    expect(codeOf(() => saveNewCosignerRecord(dataDir, { ...record(), network: 'mainnet' }))).toBe(
      'COSIGNER_EXISTS',
    );
    expect(readFileSync(path, 'utf8')).toBe(before);
    markCosignerFinished(dataDir, record().fingerprint, new Date('2026-11-25T11:00:00Z'));
    expect(listCosignerRecords(dataDir)).toEqual([{ ...record(), finishedAt: '2026-11-25T11:00:00.000Z' }]);
    expect(codeOf(() => removeCosignerRecord(dataDir, record().fingerprint))).toBe('COSIGNER_FINISHED');
  });

  it('refuses anything beyond the public fields, on write and on read, and leaves a corrupt file as it is', () => {
    const dataDir = tempDir();
    const withSecret = { ...record(), masterSecret: 'bb54aac4b89dc868ba37d9cc21b2cece' } as CosignerRecord;
    expect(codeOf(() => saveNewCosignerRecord(dataDir, withSecret))).not.toBe('ok');
    saveNewCosignerRecord(dataDir, record());
    const path = join(cosignersDir(dataDir), `${record().fingerprint}.json`);
    const edited = JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), shares: ['x'] });
    writeFileSync(path, edited);
    expect(codeOf(() => listCosignerRecords(dataDir))).toBe('FILE_CORRUPT');
    expect(readFileSync(path, 'utf8')).toBe(edited);
  });
});
