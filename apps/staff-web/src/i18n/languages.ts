/** The languages the staff client speaks, by their code in the catalogues (messages/<code>.json). */
export const LANGUAGES = ['en', 'fr', 'zh'] as const;

export type Language = (typeof LANGUAGES)[number];

/**
 * Each language by its own name, as a switcher lists them: a reader finds their
 * language whatever the screen is in, so these are never translated.
 */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  fr: 'Français',
  zh: '简体中文',
};

/** The BCP 47 tag for `<html lang>` (the script matters for Chinese fonts and screen readers). */
export const HTML_LANG: Readonly<Record<Language, string>> = {
  en: 'en',
  fr: 'fr',
  zh: 'zh-Hans',
};

/** The locale dates and numbers follow: day-first English, as the Games' staff write it. */
export const FORMAT_LOCALE: Readonly<Record<Language, string>> = {
  en: 'en-GB',
  fr: 'fr-FR',
  zh: 'zh-CN',
};

/** The server's enum (`Language`) for each catalogue code, and back. */
export type ServerLanguage = 'EN' | 'FR' | 'ZH';

export function toServerLanguage(language: Language): ServerLanguage {
  return language.toUpperCase() as ServerLanguage;
}

export function fromServerLanguage(value: string | null | undefined): Language | null {
  const code = value?.toLowerCase();
  return isLanguage(code) ? code : null;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The first of the browser's languages we speak (fr-CA → fr, zh-TW → zh), else English. */
export function browserLanguage(preferred: readonly string[] | undefined): Language {
  for (const tag of preferred ?? []) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

const STORAGE_KEY = 'staff-web.language';

/**
 * The language last chosen on this device, so the sign-in form speaks it before
 * anyone signs in. localStorage, not sessionStorage: it outlives the tab.
 */
export function loadCachedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function cacheLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // A browser that refuses storage still shows the chosen language for this tab.
  }
}

/** Before sign-in: the last choice on this device, else the browser's language. */
export function initialLanguage(): Language {
  return loadCachedLanguage() ?? browserLanguage(navigator.languages);
}
