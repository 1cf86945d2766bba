// The app's languages: ICU MessageFormat catalogues, the core one (the shell and the components)
// in src/messages/<code>.json and each module's in src/modules/<word>/messages/<code>.json. A
// translator adds a language by adding those files (and the server's catalogue in
// core/i18n/messages/): the list, the native names (Intl.DisplayNames) and the writing direction
// (from the script of the language) follow without code changes. Only the catalogues of the
// language in use (and of the English fallback) are downloaded, as one file per language (see
// vite.config.ts).
import { IntlMessageFormat } from 'intl-messageformat';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

type Catalogue = Record<string, string>;

const core = import.meta.glob<Catalogue>('./messages/*.json', { import: 'default' });
const ofModules = import.meta.glob<Catalogue>('./modules/*/messages/*.json', { import: 'default' });
const codeOf = (path: string) => path.replace(/^.*\/([^/]+)\.json$/, '$1');

export const locales: string[] = Object.keys(core).map(codeOf).sort();

// Every catalogue of a language, merged.
async function catalogueOf(code: string): Promise<Catalogue> {
  const loaders = [core, ofModules].flatMap((found) =>
    Object.entries(found).filter(([path]) => codeOf(path) === code).map(([, load]) => load));
  return Object.assign({}, ...await Promise.all(loaders.map((load) => load())));
}

export const fallbackLocale = 'en';
const storageKey = 'ponte.locale';
const rtlScripts = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand']);

export function directionOf(locale: string): 'ltr' | 'rtl' {
  try {
    const script = new Intl.Locale(locale).maximize().script ?? '';
    return rtlScripts.has(script) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

export function nativeName(locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    return locale;
  }
}

// The best of our languages for a list of preferred ones (exact tag first, then the primary subtag).
export function negotiate(preferred: readonly string[]): string {
  for (const wanted of preferred) {
    const exact = locales.find((l) => l.toLowerCase() === wanted.toLowerCase());
    if (exact) return exact;
    const primary = wanted.split('-')[0].toLowerCase();
    const match = locales.find((l) => l.split('-')[0].toLowerCase() === primary);
    if (match) return match;
  }
  return fallbackLocale;
}

// The language of a first visit: the stored choice, else the browser's preferences.
export function initialLocale(): string {
  const stored = localStorage.getItem(storageKey);
  if (stored && locales.includes(stored)) return stored;
  return negotiate(navigator.languages ?? [navigator.language]);
}

export function rememberLocale(locale: string) {
  localStorage.setItem(storageKey, locale);
}

export interface Translator {
  locale: string;
  dir: 'ltr' | 'rtl';
  t: (key: string, values?: Record<string, unknown>) => string;
  formatDate: (date: Date | number) => string;
  formatNumber: (value: number) => string;
}

export async function loadTranslator(locale: string): Promise<Translator> {
  const chosen = locales.includes(locale) ? locale : fallbackLocale;
  const [messages, fallback] = await Promise.all([catalogueOf(chosen),
    chosen === fallbackLocale ? null : catalogueOf(fallbackLocale)]);
  const formats = new Map<string, IntlMessageFormat>();
  const dates = new Intl.DateTimeFormat(chosen, { dateStyle: 'medium' });
  const numbers = new Intl.NumberFormat(chosen);
  return {
    locale: chosen,
    dir: directionOf(chosen),
    t(key, values) {
      const message = messages[key] ?? fallback?.[key];
      if (message === undefined) return key;
      let format = formats.get(key);
      if (!format) {
        format = new IntlMessageFormat(message, messages[key] === undefined ? fallbackLocale : chosen);
        formats.set(key, format);
      }
      try {
        return String(format.format(values as never));
      } catch (error) {
        // A message whose argument was not given: show its text rather than break the screen.
        console.error(error);
        return message;
      }
    },
    formatDate: (date) => dates.format(date),
    formatNumber: (value) => numbers.format(value),
  };
}

export const I18n = createContext<Translator>(null as unknown as Translator);
export const useI18n = () => useContext(I18n);
