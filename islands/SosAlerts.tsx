/**
 * The staff's live SOS alert: joins their wards' SOS topics (sos:ward:<id>, or sos:all for super admins)
 * and, on each report sent or changed and on each (re)connection, asks the app for the open reports. A
 * report not seen before is announced at once (role="alert") and listed until it is closed.
 */
import { useRef, useState } from "preact/hooks";
import type { Locale } from "@/lib/i18n/locales.ts";
import { type Messages, translatorFor } from "@/lib/i18n/translate.ts";
import type { RealtimeSource } from "@/lib/realtime/browser.ts";
import { useBroadcasts } from "@/lib/realtime/use_broadcasts.ts";
import { formatDate } from "@/lib/i18n/format.ts";
import type { OpenSos } from "@/routes/api/sos/open.ts";

export interface SosAlertsProps extends RealtimeSource {
  topics: string[];
  initial: OpenSos[];
  locale: Locale;
  /** `sos.admin.*` */
  messages: Messages;
}

export default function SosAlerts({ topics, initial, locale, messages, ...source }: SosAlertsProps) {
  const t = translatorFor(messages, locale);
  const [open, setOpen] = useState(initial);
  const [arrived, setArrived] = useState<OpenSos | null>(null);
  const known = useRef(new Set(initial.map((report) => report.id)));

  const live = useBroadcasts(source, topics, async () => {
    const response = await fetch("/api/sos/open", { headers: { accept: "application/json" } }).catch(() =>
      null
    );
    if (!response?.ok) return;
    const reports = await response.json() as OpenSos[];
    const fresh = reports.find((report) => !known.current.has(report.id));
    for (const report of reports) known.current.add(report.id);
    if (fresh) setArrived(fresh);
    setOpen(reports);
  });

  return (
    <section
      aria-labelledby="sos-alerts-heading"
      class="mb-6"
      data-sos-alerts
      data-live={live ? "1" : undefined}
    >
      <div role="alert">
        {arrived && (
          <p class="mb-3 p-4 rounded-lg bg-red-700 text-white text-lg font-bold">
            {arrived.label}{" "}
            <a href="/admin/sos" class="underline underline-offset-2">{t("sos.admin.open_list")}</a>
          </p>
        )}
      </div>
      <h2 id="sos-alerts-heading" class="text-lg font-bold">
        {open.length ? t("sos.admin.open_count", { count: open.length }) : t("sos.admin.none")}
      </h2>
      {open.length > 0 && (
        <ul class="mt-2 space-y-2">
          {open.slice(0, 5).map((report) => (
            <li class="p-3 rounded-lg border-2 border-red-700 bg-white">
              <a href={`/admin/sos#sos-${report.id}`} class="font-bold underline underline-offset-2">
                {report.label}
              </a>
              <span class="block text-sm text-gray-700">{formatDate(report.created_at, locale, "time")}</span>
            </li>
          ))}
        </ul>
      )}
      <p class="mt-2 text-sm text-gray-600">{t("sos.admin.live")}</p>
    </section>
  );
}
