import { describe, expect, it } from 'vitest';
import {
  addressGroups,
  formatBtc,
  formatBtcGrouped,
  formatSats,
  shortHash,
} from '../../../renderer/components/format';
import { feePercent } from '../../../src/psbt/warnings';

const NNBSP = '\u202f';

describe('review formatting', () => {
  it('formats BTC exactly from integer satoshis', () => {
    expect(formatBtc(150_000)).toBe('0.00150000');
    expect(formatBtc(2_100_000_000_000_000)).toBe('21000000.00000000');
    expect(formatBtc(1)).toBe('0.00000001');
    expect(formatBtc(0)).toBe('0.00000000');
  });

  it('groups BTC as whole coins by locale and the decimals 2-3-3', () => {
    expect(formatBtcGrouped(20_000_150)).toBe(`0.20${NNBSP}000${NNBSP}150`);
    expect(formatBtcGrouped(2_100_000_000_000_000)).toBe(`21,000,000.00${NNBSP}000${NNBSP}000`);
    expect(formatBtcGrouped(123_456_789_012, 'ja-JP')).toBe(`1,234.56${NNBSP}789${NNBSP}012`);
    expect(formatBtcGrouped(1)).toBe(`0.00${NNBSP}000${NNBSP}001`);
  });

  it('groups satoshis in thousands', () => {
    expect(formatSats(10_000)).toBe('10,000');
    expect(formatSats(2_100_000_000_000_000)).toBe('2,100,000,000,000,000');
    expect(formatSats(999)).toBe('999');
  });

  it('splits an address into groups of four, the last one shorter', () => {
    expect(addressGroups('tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx')).toEqual([
      'tb1q',
      'w508',
      'd6qe',
      'jxtd',
      'g4y5',
      'r3za',
      'rvar',
      'y0c5',
      'xw7k',
      'xpjz',
      'sx',
    ]);
    expect(addressGroups('tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx').join('')).toBe(
      'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx',
    );
    expect(addressGroups('')).toEqual([]);
  });

  it('shortens a hash to its first and last eight characters', () => {
    expect(shortHash('0123456789abcdef'.repeat(4))).toBe('01234567…89abcdef');
  });

  it('gives the fee as a percentage of the amount sent, one decimal', () => {
    expect(feePercent(90_000, 100_000)).toBe(90);
    expect(feePercent(10_000, 20_000_000)).toBe(0.1);
    expect(feePercent(1, 3)).toBe(33.3);
  });
});
