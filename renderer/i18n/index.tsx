import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { en } from './en';
import { ja } from './ja';

/** The shape every language fills: en's keys, with any text in place of English literals. */
type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : T extends readonly (infer U)[]
      ? readonly Widen<U>[]
      : { [K in keyof T]: Widen<T[K]> };
export type Strings = Widen<typeof en>;

export const LANGUAGES = { en, ja } as const satisfies Record<string, Strings>;
export type Language = keyof typeof LANGUAGES;

const LANGUAGE_KEY = 'airlock.language';

function storedLanguage(): Language {
  return globalThis.localStorage?.getItem(LANGUAGE_KEY) === 'ja' ? 'ja' : 'en';
}

const LanguageContext = createContext<{ language: Language; setLanguage: (language: Language) => void }>({
  language: 'en',
  setLanguage: () => {},
});

/** The language chosen on Home, remembered for the next start; the page's lang follows it. */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = (next: Language) => {
    globalThis.localStorage?.setItem(LANGUAGE_KEY, next);
    setLanguageState(next);
  };
  return <LanguageContext.Provider value={{ language, setLanguage }}>{children}</LanguageContext.Provider>;
}

export function useLanguage() {
  return useContext(LanguageContext);
}

/** Every word the current screen shows, in the chosen language. */
export function useStrings(): Strings {
  return LANGUAGES[useContext(LanguageContext).language];
}
