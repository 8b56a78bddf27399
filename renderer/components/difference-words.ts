import type { SealDifference } from '../../src/ceremony/differences';
import type { Strings } from '../i18n';
import { codedWords } from '../i18n/coded-words';

/** A seal difference in the screen's language, from its code and typed parameters. */
export const differenceWords = (strings: Strings, difference: SealDifference): string =>
  codedWords<SealDifference>(strings.sealDifferences, difference);
