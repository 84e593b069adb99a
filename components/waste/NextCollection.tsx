/** When waste is next collected in a ward: today, tomorrow or the weekday and date, with the window. */
import type { AppState } from "@/lib/state.ts";
import { formatDate, localDigits } from "@/lib/i18n/mod.ts";
import { clock, type Collection, dhakaToday } from "@/lib/waste/repository.ts";

/** The weekday names' keys, 0 Sunday to 6 Saturday (as Postgres's extract(dow)). */
export const WEEKDAYS = [
  "waste.weekday.0",
  "waste.weekday.1",
  "waste.weekday.2",
  "waste.weekday.3",
  "waste.weekday.4",
  "waste.weekday.5",
  "waste.weekday.6",
] as const;

export function collectionDay(collection: Collection, state: AppState, today = dhakaToday()): string {
  const { t, locale } = state;
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  if (collection.day === today) return t("waste.today");
  if (collection.day === tomorrow) return t("waste.tomorrow");
  const weekday = new Date(`${collection.day}T12:00:00+06:00`).getUTCDay();
  return `${t(WEEKDAYS[weekday])} ${formatDate(`${collection.day}T12:00:00+06:00`, locale, "dayMonth")}`;
}

export function NextCollection({ collection, state }: { collection: Collection; state: AppState }) {
  const { t, locale } = state;
  return (
    <p>
      <span class="block text-2xl font-bold text-green-900">
        {t("waste.next_when", {
          day: collectionDay(collection, state),
          from: localDigits(clock(collection.starts_at), locale),
          to: localDigits(clock(collection.ends_at), locale),
        })}
      </span>
      <span class="block text-gray-700">{t(`waste.stream.${collection.stream}`)}</span>
    </p>
  );
}
