import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type Messages, type PluralForms } from './en.ts';
import { pl } from './pl.ts';

/**
 * The one i18n layer of the client: dictionaries, the chosen language and the
 * formatting of dates, all reached through `useT()`. The language comes from the
 * browser the first time and is remembered once the visitor switches.
 */
export const LANGUAGES = { en, pl } as const;
export type Language = keyof typeof LANGUAGES;
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', pl: 'Polski' };

type Key<V> = { [K in keyof Messages]: Messages[K] extends V ? K : never }[keyof Messages];
export type TextKey = Key<string>;
export type PluralKey = Key<PluralForms>;
export type Values = Record<string, string | number>;

const STORAGE_KEY = 'lang';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && Object.hasOwn(LANGUAGES, value);
}

/** Remembered choice first, then the browser's preferences, then English. */
export function detectLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage can be blocked (private mode, embedded frames); the browser's language still applies.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function fill(template: string, values?: Values): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export interface I18n {
  lang: Language;
  setLang(lang: Language): void;
  t(key: TextKey, values?: Values): string;
  /** Plural text chosen by the language's rules for `count` (also available as `{count}`). */
  tp(key: PluralKey, count: number, values?: Values): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(detectLanguage);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Language) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered, but the switch still works for this visit.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = LANGUAGES[lang];
    const plurals = new Intl.PluralRules(lang);
    return {
      lang,
      setLang,
      t: (key, values) => fill(messages[key], values),
      tp: (key, count, values) => {
        const forms = messages[key];
        const category = plurals.select(count);
        const form = category === 'one' || category === 'few' || category === 'many' ? forms[category] : forms.other;
        return fill(form, { count: count.toLocaleString(lang), ...values });
      },
    };
  }, [lang, setLang]);

  useEffect(() => {
    document.title = value.t('app.name');
  }, [value]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useT() outside <I18nProvider>');
  return context;
}
