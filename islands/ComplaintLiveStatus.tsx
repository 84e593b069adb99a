/**
 * A complaint's status, dates and history, kept current without reloading by Realtime (see
 * lib/complaints/browser/use_live_status.ts), with a live-update mark and changes announced to screen
 * readers. Without JavaScript the server-rendered state is shown as it was at page load.
 */
import type { Locale } from "@/lib/i18n/locales.ts";
import { type Messages, translatorFor } from "@/lib/i18n/translate.ts";
import { statusLabels } from "@/lib/complaints/labels.ts";
import { type LiveStatusSource, useLiveStatus } from "@/lib/complaints/browser/use_live_status.ts";
import { DetailItem } from "@/components/complaints/DetailItem.tsx";
import { StatusBadge } from "@/components/complaints/StatusBadge.tsx";
import { Timeline } from "@/components/complaints/Timeline.tsx";
import { DateTime } from "@/components/DateTime.tsx";

export interface ComplaintLiveStatusProps extends LiveStatusSource {
  locale: Locale;
  /** `complaint.status.*` and `complaint.detail.*`. */
  messages: Messages;
}

export default function ComplaintLiveStatus({ locale, messages, ...source }: ComplaintLiveStatusProps) {
  const t = translatorFor(messages, locale);
  const labels = statusLabels(t);
  const { state, live, changedTo } = useLiveStatus(source);

  return (
    <div>
      <div class="flex flex-wrap items-center gap-3">
        <StatusBadge status={state.status} label={labels[state.status]} />
        {live && (
          <span class="inline-flex items-center gap-1.5 text-sm text-green-800">
            <span class="w-2 h-2 rounded-full bg-green-600" aria-hidden="true" />
            {t("complaint.detail.live")}
          </span>
        )}
      </div>
      <p class="sr-only" role="status" aria-live="polite">
        {changedTo ? t("complaint.detail.status_changed", { status: labels[changedTo] }) : ""}
      </p>

      <dl class="mt-3 space-y-3">
        <DetailItem term={t("complaint.detail.updated_at")}>
          <DateTime at={state.updated_at} locale={locale} />
        </DetailItem>
        {state.resolved_at && (
          <DetailItem term={t("complaint.detail.resolved_at")}>
            <DateTime at={state.resolved_at} locale={locale} />
          </DetailItem>
        )}
      </dl>
      {state.status === "rejected" && state.rejection_reason && (
        <div class="mt-3 p-3 rounded-lg border-l-4 border-red-700 bg-red-50">
          <p class="text-sm font-bold text-red-900">{t("complaint.detail.rejection_reason")}</p>
          <p class="text-gray-900 whitespace-pre-line">{state.rejection_reason}</p>
        </div>
      )}

      <h2 class="mt-6 mb-3 text-lg font-bold">{t("complaint.detail.timeline")}</h2>
      <Timeline entries={state.timeline} statusLabels={labels} locale={locale} />
    </div>
  );
}
