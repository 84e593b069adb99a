/** The languages the app speaks. Bengali is the default; English is the second language. */
export const LOCALES = ["bn", "en"] as const;
export type Locale = typeof LOCALES[number];
export const DEFAULT_LOCALE: Locale = "bn";

/** The cookie the language switch sets; read on every request. */
export const LOCALE_COOKIE = "lang";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
