/**
 * A campaign's progress (taka raised, donors, share of the goal), kept current over Realtime: the database
 * broadcasts on the public topic `campaign:<id>` whenever a donation completes or is refunded, and the island
 * then reads the figures again from the API rather than trusting the broadcast (anyone may send on a public
 * topic). Without JavaScript the figures are those of page load.
 */
import { useEffect, useState } from "preact/hooks";
import { RealtimeClient } from "@supabase/realtime-js";
import type { Locale } from "@/lib/i18n/locales.ts";
import { formatNumber } from "@/lib/i18n/format.ts";
import { type Messages, translatorFor } from "@/lib/i18n/translate.ts";
import type { RealtimeSource } from "@/lib/realtime/browser.ts";
import { formatTaka, progressPercent } from "@/lib/payments/format.ts";

interface Figures {
  raised_amount: number;
  donor_count: number;
  goal_amount: number;
}

export interface CampaignProgressProps {
  campaignId: string;
  initial: Figures;
  source: RealtimeSource;
  locale: Locale;
  /** `campaigns.*` */
  messages: Messages;
}

export default function CampaignProgress(
  { campaignId, initial, source, locale, messages }: CampaignProgressProps,
) {
  const t = translatorFor(messages, locale);
  const [figures, setFigures] = useState(initial);
  const [live, setLive] = useState(false);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    const refetch = async () => {
      const url = `${source.supabaseUrl}/rest/v1/donation_campaigns?id=eq.${campaignId}` +
        "&select=raised_amount,donor_count,goal_amount";
      const response = await fetch(url, { headers: { apikey: source.anonKey } }).catch(() => null);
      const [row] = response?.ok ? await response.json() as Figures[] : [];
      if (!row) return;
      setFigures((before) => {
        if (Number(before.raised_amount) !== Number(row.raised_amount)) {
          setAnnouncement(t("campaigns.updated", { raised: formatTaka(Number(row.raised_amount), locale) }));
        }
        return row;
      });
    };
    const realtimeUrl = new URL("realtime/v1", `${source.supabaseUrl}/`);
    realtimeUrl.protocol = realtimeUrl.protocol.replace("http", "ws");
    const client = new RealtimeClient(realtimeUrl.href, { params: { apikey: source.anonKey } });
    client.channel(`campaign:${campaignId}`)
      .on("broadcast", { event: "progress" }, () => refetch())
      .subscribe((status) => {
        setLive(status === "SUBSCRIBED");
        if (status === "SUBSCRIBED") refetch(); // anything missed while connecting
      });
    return () => {
      client.removeAllChannels();
      client.disconnect();
    };
  }, [campaignId]);

  const percent = progressPercent(figures);
  return (
    <div class="p-4 rounded-lg bg-white border border-gray-300">
      <p class="text-lg font-bold text-gray-900" data-testid="campaign-raised">
        {t("campaigns.raised", {
          raised: formatTaka(Number(figures.raised_amount), locale),
          goal: formatTaka(Number(figures.goal_amount), locale),
        })}
      </p>
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={t("campaigns.progress", { percent: formatNumber(percent, locale) })}
        class="mt-2 h-4 w-full rounded-full bg-gray-200 overflow-hidden"
      >
        <div class="h-full bg-green-700" style={{ width: `${percent}%` }} />
      </div>
      <p class="mt-2 flex flex-wrap justify-between gap-2 text-sm text-gray-800">
        <span>{t("campaigns.progress", { percent: formatNumber(percent, locale) })}</span>
        <span data-testid="campaign-donors">
          {t("campaigns.donors", { count: formatNumber(figures.donor_count, locale) })}
        </span>
      </p>
      {live && (
        <p class="mt-1 inline-flex items-center gap-1.5 text-sm text-green-800">
          <span class="w-2 h-2 rounded-full bg-green-600" aria-hidden="true" />
          {t("campaigns.live")}
        </p>
      )}
      <p class="sr-only" role="status" aria-live="polite">{announcement}</p>
    </div>
  );
}
