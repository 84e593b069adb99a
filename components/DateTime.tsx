/**
 * A moment as its date and time in the reader's language and digits, inside a `<time>` that machines can
 * read. Safe in islands: it imports only the format helpers.
 */
import type { Locale } from "@/lib/i18n/locales.ts";
import { formatDate } from "@/lib/i18n/format.ts";

export function DateTime({ at, locale, class: style }: { at: string; locale: Locale; class?: string }) {
  return <time dateTime={at} class={style}>{formatDate(at, locale, "dateTime")}</time>;
}
