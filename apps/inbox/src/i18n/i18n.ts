import { createContext, createElement, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Locale = 'pt-BR' | 'en';
export const locales: readonly Locale[] = ['pt-BR', 'en'];

/** One feature's texts in every locale: pt-BR is the source, English must have the same keys. */
export type Messages<K extends string> = Record<Locale, Record<K, string>>;

/** Declares a feature's texts; TypeScript checks both locales carry every key. */
export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState>({ locale: 'pt-BR', setLocale: () => undefined });

/** The first of: ?lang=, the saved choice, the browser's language; pt-BR when none is English. */
export function initialLocale(): Locale {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  const saved = window.localStorage.getItem('fio.locale');
  for (const candidate of [fromUrl, saved, navigator.language]) {
    if (!candidate) continue;
    if (candidate === 'pt-BR' || candidate.toLowerCase().startsWith('pt')) return 'pt-BR';
    if (candidate.toLowerCase().startsWith('en')) return 'en';
  }
  return 'pt-BR';
}

export function LocaleProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(initial ?? initialLocale());
  const setLocale = useCallback((next: Locale) => {
    window.localStorage.setItem('fio.locale', next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return createElement(LocaleContext.Provider, { value }, children);
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

/**
 * `t('key', { name: 'Ana' })` in the current locale, with {name} placeholders filled. Values are
 * plain strings rendered as text by React, never as HTML.
 */
export function useT<K extends string>(messages: Messages<K>): (key: K, vars?: Record<string, string | number>) => string {
  const { locale } = useLocale();
  return useCallback(
    (key: K, vars?: Record<string, string | number>) => {
      const text = messages[locale][key];
      return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
    },
    [messages, locale],
  );
}

/** Dates and times as people of the locale read them. */
export function formatDateTime(
  locale: Locale,
  iso: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'short' },
) {
  return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
}

/** "há 5 min" / "5 min ago" from an instant. */
export function formatRelative(locale: Locale, iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}
