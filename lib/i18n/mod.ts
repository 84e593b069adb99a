/**
 * Messages in the reader's language. `t(key, params)` looks a message up and fills `{name}` placeholders;
 * numbers among the params are written in the locale's digits (৪৫ in Bengali).
 *
 * Where a message lives: each feature has one file in `messages/` that exports `bn`, the source of truth
 * for its keys, and `en`, typed to have exactly the same keys; `catalogues.ts` merges them. A key is
 * defined by one feature file only, so every message is written in one place.
 */
import { CATALOGUES, type MessageKey } from "./catalogues.ts";
import { formatNumber } from "./format.ts";
import { DEFAULT_LOCALE, isLocale, type Locale, LOCALE_COOKIE } from "./locales.ts";
import { getCookies } from "../http/cookies.ts";

export { CATALOGUES };
export type { MessageKey };
export * from "./locales.ts";
export * from "./format.ts";

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translator(locale: Locale): Translate {
  const messages = CATALOGUES[locale];
  return (key, params) => {
    const message = messages[key];
    if (!params) return message;
    return message.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = params[name];
      if (value === undefined) return placeholder;
      return typeof value === "number" ? formatNumber(value, locale) : value;
    });
  };
}

/** The language the reader chose with the switch (cookie `lang`), else Bengali. */
export function localeFromRequest(req: Request): Locale {
  const chosen = getCookies(req.headers)[LOCALE_COOKIE];
  return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
}
