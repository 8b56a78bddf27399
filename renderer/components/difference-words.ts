import type { SealDifference } from '../../src/ceremony/differences';
import type { Strings } from '../i18n';

/** A seal difference in the screen's language, from its code and typed parameters. */
export function differenceWords(strings: Strings, difference: SealDifference): string {
  const words = strings.sealDifferences[difference.code] as (params: SealDifference['params']) => string;
  return words(difference.params);
}
