/**
 * The sender's SOS, its steps kept current live: joins sos:<id> (RLS lets only the sender and the ward's
 * staff in) and asks the app for the report after each announcement and each (re)connection. Changes are
 * announced to screen readers. Without scripts the steps are those at page load.
 */
import { useState } from "preact/hooks";
import type { Locale } from "@/lib/i18n/locales.ts";
import { type Messages, translatorFor } from "@/lib/i18n/translate.ts";
import type { RealtimeSource } from "@/lib/realtime/browser.ts";
import { useBroadcasts } from "@/lib/realtime/use_broadcasts.ts";
import { type SosProgress, SosSteps } from "@/components/emergency/SosSteps.tsx";

export interface SosLiveStatusProps extends RealtimeSource {
  id: string;
  initial: SosProgress;
  locale: Locale;
  /** `sos.*` */
  messages: Messages;
}

export default function SosLiveStatus({ id, initial, locale, messages, ...source }: SosLiveStatusProps) {
  const t = translatorFor(messages, locale);
  const [report, setReport] = useState(initial);
  const [announcement, setAnnouncement] = useState("");

  const live = useBroadcasts(source, [`sos:${id}`], async () => {
    const response = await fetch(`/api/sos/${id}`, { headers: { accept: "application/json" } }).catch(() =>
      null
    );
    if (!response?.ok) return;
    const next = await response.json() as SosProgress;
    setReport((current) => {
      if (current.status !== next.status) {
        setAnnouncement(t("sos.status_changed", { status: t(`sos.step.${next.status}`) }));
      }
      return next;
    });
  });

  return (
    <div>
      {live && (
        <p class="mb-3 inline-flex items-center gap-1.5 text-sm text-green-800">
          <span class="w-2 h-2 rounded-full bg-green-600" aria-hidden="true" />
          {t("sos.live")}
        </p>
      )}
      <p class="sr-only" role="status" aria-live="polite">{announcement}</p>
      <SosSteps report={report} t={t} locale={locale} />
    </div>
  );
}
