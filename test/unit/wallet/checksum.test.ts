import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAirlockError } from '../../../src/common/errors';
import {
  addDescriptorChecksum,
  descriptorChecksum,
  isValidDescriptorChecksum,
  stripDescriptorChecksum,
} from '../../../src/wallet/checksum';

interface ChecksumVectors {
  valid: { descriptor: string; body: string; checksum: string }[];
  noChecksum: string[];
  invalid: { name: string; descriptor: string; code: string }[];
}

const vectors = JSON.parse(
  readFileSync(new URL('../../fixtures/wallet/bip380-checksums.json', import.meta.url), 'utf8'),
) as ChecksumVectors;

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (isAirlockError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe('BIP-380 descriptor checksum', () => {
  it.each(vectors.valid)('computes and verifies $checksum', ({ descriptor, body, checksum }) => {
    expect(descriptorChecksum(body)).toBe(checksum);
    expect(addDescriptorChecksum(body)).toBe(descriptor);
    expect(stripDescriptorChecksum(descriptor)).toEqual({ body, hadChecksum: true });
    expect(isValidDescriptorChecksum(descriptor)).toBe(true);
  });

  it.each(vectors.noChecksum)('accepts %s without a checksum', (descriptor) => {
    expect(stripDescriptorChecksum(descriptor)).toEqual({ body: descriptor, hadChecksum: false });
  });

  it.each(vectors.invalid)('rejects $name with $code', ({ descriptor, code }) => {
    expect(errorCode(() => stripDescriptorChecksum(descriptor))).toBe(code);
    expect(isValidDescriptorChecksum(descriptor)).toBe(false);
  });
});
