/**
 * `t()`: a message looked up and its placeholders filled, the same way on the server and in islands. Safe
 * to import from islands: it holds no catalogue, only the type of its keys.
 */
import type { MessageKey } from "./catalogues.ts";
import { formatNumber } from "./format.ts";
import type { Locale } from "./locales.ts";

export type { MessageKey };

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;
/** Some messages of one locale's catalogue: what an island receives. */
export type Messages = Partial<Record<MessageKey, string>>;

/**
 * `t(key, params)` over `messages`: fills `{name}` placeholders from `params`, numbers written in the
 * locale's digits (৪৫ in Bengali). A key missing from `messages` shows itself.
 */
export function translatorFor(messages: Messages, locale: Locale): Translate {
  return (key, params) =>
    (messages[key] ?? key).replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = params?.[name];
      if (value === undefined) return placeholder;
      return typeof value === "number" ? formatNumber(value, locale) : value;
    });
}
