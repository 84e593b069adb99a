/**
 * Messages in the reader's language, for pages and islands alike.
 *
 * Where a message lives: each feature has one file in `messages/` that exports `bn`, the source of truth
 * for its keys, and `en`, typed to have exactly the same keys; `catalogues.ts` merges them. A key is
 * defined by one feature file only, so every message is written in one place.
 *
 * How it is translated: one function, `translatorFor` in `translate.ts`, fills `{name}` placeholders and
 * writes numbers in the locale's digits. Pages use `translator(locale)`, over the whole catalogue. Islands
 * get only the messages they need as a prop, picked by key or prefix with `islandMessages`, and translate
 * them with `translatorFor(messages, locale)`; they import `translate.ts`, never this module, which would
 * put every catalogue in the browser bundle.
 */
import { CATALOGUES, type MessageKey, type MessagePrefix } from "./catalogues.ts";
import { type Messages, type Translate, translatorFor } from "./translate.ts";
import { DEFAULT_LOCALE, isLocale, type Locale, LOCALE_COOKIE } from "./locales.ts";
import { getCookies } from "../http/cookies.ts";

export { CATALOGUES };
export type { MessageKey, MessagePrefix };
export type { MessageParams, Messages, Translate } from "./translate.ts";
export * from "./locales.ts";
export * from "./format.ts";

export function translator(locale: Locale): Translate {
  return translatorFor(CATALOGUES[locale], locale);
}

/**
 * The messages an island needs (placeholders left for the island to fill): each wanted key, and every key
 * under each wanted prefix.
 */
export function islandMessages(locale: Locale, wanted: readonly (MessageKey | MessagePrefix)[]): Messages {
  const catalogue = CATALOGUES[locale];
  const keys = (Object.keys(catalogue) as MessageKey[]).filter((key) =>
    wanted.some((item) => item.endsWith(".") ? key.startsWith(item) : key === item)
  );
  return Object.fromEntries(keys.map((key) => [key, catalogue[key]]));
}

/** The language the reader chose with the switch (cookie `lang`), else Bengali. */
export function localeFromRequest(req: Request): Locale {
  const chosen = getCookies(req.headers)[LOCALE_COOKIE];
  return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
}
