import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/i18n/en';
import { ja } from '../../../renderer/i18n/ja';

/** Every path to a string or function in a string table, with arrays' lengths. */
function keys(table: unknown, prefix = ''): string[] {
  if (typeof table === 'string' || typeof table === 'function') return [`${prefix}:${typeof table}`];
  if (Array.isArray(table))
    return [`${prefix}[${table.length}]`, ...table.flatMap((v, i) => keys(v, `${prefix}[${i}]`))];
  return Object.entries(table as Record<string, unknown>)
    .flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key))
    .sort();
}

describe('translations', () => {
  it('has every English string key in Japanese and no other', () => {
    expect(keys(ja)).toEqual(keys(en));
  });

  it('translates every text, keeping only names and units as they are', () => {
    const same = keys(en)
      .filter((k) => k.endsWith(':string'))
      .map((k) => k.replace(/:string$/, ''))
      .filter((path) => {
        const get = (t: unknown) =>
          path
            .split(/\.|\[|\]/)
            .filter(Boolean)
            .reduce((o, p) => (o as never)[p], t);
        return get(en) === get(ja);
      });
    expect(same.sort()).toEqual(
      [
        'appName',
        'audit.seq',
        'createShares.scriptTypes.p2sh-p2wsh',
        'createShares.scriptTypes.p2wsh',
        'language.en',
        'language.ja',
        'networks.regtest',
        'units.btc',
        'units.satsName',
      ].sort(),
    );
  });

  it('formats with its own locale', () => {
    expect([en.locale, ja.locale]).toEqual(['en-US', 'ja-JP']);
    expect(ja.review.feeShare(90, true)).toBe('(送金額の 90%)');
  });
});
