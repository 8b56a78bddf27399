import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { en, type Strings } from './en';
import { ja } from './ja';

export type { Strings };

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
