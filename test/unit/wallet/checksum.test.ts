import { describe, expect, it } from 'vitest';
import {
  addDescriptorChecksum,
  descriptorChecksum,
  isValidDescriptorChecksum,
  stripDescriptorChecksum,
} from '../../../src/wallet/checksum';
import { errorCodeOf, fixture } from './support';

interface ChecksumVectors {
  valid: { descriptor: string; body: string; checksum: string }[];
  noChecksum: string[];
  invalid: { name: string; descriptor: string; code: string }[];
}

const vectors = JSON.parse(fixture('bip380-checksums.json')) as ChecksumVectors;

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
    expect(errorCodeOf(() => stripDescriptorChecksum(descriptor))).toBe(code);
    expect(isValidDescriptorChecksum(descriptor)).toBe(false);
  });
});
