/**
 * Keeps the staff dashboard's figures current while it is open: hears the viewer's queue topics on
 * Realtime and, a moment after complaints change, swaps in the figures rendered afresh by the server
 * (lib/staff/browser/use_live_figures.ts). Shows that it is live and tells screen readers, politely, when
 * the figures changed. Without JavaScript the figures stay as they were when the page loaded.
 */
import type { Locale } from "@/lib/i18n/locales.ts";
import { formatDate } from "@/lib/i18n/format.ts";
import { type Messages, translatorFor } from "@/lib/i18n/translate.ts";
import type { RealtimeSource } from "@/lib/realtime/browser.ts";
import { useBroadcasts } from "@/lib/realtime/use_broadcasts.ts";
import { type LiveFiguresSource, useLiveFigures } from "@/lib/staff/browser/use_live_figures.ts";

export interface DashboardLiveProps extends LiveFiguresSource {
  realtime: RealtimeSource;
  /** The viewer's queue topics (lib/staff/queue_topics.ts). */
  topics: string[];
  locale: Locale;
  /** `dashboard.live.*`. */
  messages: Messages;
}

export default function DashboardLive({ realtime, topics, locale, messages, ...source }: DashboardLiveProps) {
  const t = translatorFor(messages, locale);
  const { requestRefresh, updatedAt, failed } = useLiveFigures(source);
  const live = useBroadcasts(realtime, topics, requestRefresh);

  return (
    <p class="flex flex-wrap items-center gap-x-4 gap-y-1 min-h-[24px] text-sm">
      {live && (
        <span class="inline-flex items-center gap-1.5 text-green-800">
          <span class="w-2 h-2 rounded-full bg-green-600" aria-hidden="true" />
          {t("dashboard.live.on")}
        </span>
      )}
      <span role="status" aria-live="polite" class={failed ? "font-bold text-red-800" : "text-gray-700"}>
        {failed
          ? t("dashboard.live.failed")
          : updatedAt
          ? t("dashboard.live.updated", { time: formatDate(updatedAt, locale, "time") })
          : ""}
      </span>
    </p>
  );
}
