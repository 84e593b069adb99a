/**
 * A complaint's status, dates and history, kept current without reloading: the island joins the private
 * Realtime channel `complaint:<id>` (Realtime lets only the citizen, followers and super admins in, by
 * RLS on realtime.messages) and applies each `status_changed` broadcast. A broadcast carries only what
 * followers may see too (no rejection reason, public comments only), so after applying one the island
 * fetches the state as this reader may see it; it does so after every (re)connection too, so changes made
 * while the connection was down are not missed.
 * Without JavaScript the server-rendered state is shown as it was at page load.
 */
import { useEffect, useState } from "preact/hooks";
import { RealtimeClient } from "@supabase/realtime-js";
import type { Locale } from "@/lib/i18n/locales.ts";
import { formatDate } from "@/lib/i18n/format.ts";
import { islandTranslator } from "@/lib/complaints/labels.ts";
import { COMPLAINT_STATUSES, type ComplaintStatus, type TimelineEntry } from "@/lib/complaints/model.ts";
import { DetailItem } from "@/components/complaints/DetailItem.tsx";
import { StatusBadge } from "@/components/complaints/StatusBadge.tsx";
import { Timeline } from "@/components/complaints/Timeline.tsx";

export interface LiveState {
  status: ComplaintStatus;
  updated_at: string;
  resolved_at: string | null;
  rejection_reason: string | null;
  timeline: (TimelineEntry & { id: number })[];
}

export interface ComplaintLiveStatusProps {
  complaintId: string;
  locale: Locale;
  /** `complaint.status.*` and `complaint.detail.*`, translated. */
  messages: Record<string, string>;
  initial: LiveState;
  /** The Supabase project URL and its public anon key. */
  supabaseUrl: string;
  anonKey: string;
}

interface StatusChanged {
  update_id: number;
  status: ComplaintStatus;
  comment: string | null;
  changed_at: string;
  updated_at: string;
  resolved_at: string | null;
}

/** Renew the Realtime token this long before it expires. */
const TOKEN_MARGIN_MS = 60_000;

export default function ComplaintLiveStatus(props: ComplaintLiveStatusProps) {
  const t = islandTranslator(props.messages, props.locale);
  const [state, setState] = useState<LiveState>(props.initial);
  const [live, setLive] = useState(false);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    const tokens = liveTokens();
    const realtimeUrl = new URL("realtime/v1", `${props.supabaseUrl}/`);
    realtimeUrl.protocol = realtimeUrl.protocol.replace("http", "ws");
    const client = new RealtimeClient(realtimeUrl.href, {
      params: { apikey: props.anonKey },
      accessToken: tokens.current,
    });
    const channel = client.channel(`complaint:${props.complaintId}`, { config: { private: true } });
    channel
      .on("broadcast", { event: "status_changed" }, ({ payload }) => {
        const change = payload as StatusChanged;
        setState((current) => applyChange(current, change));
        setAnnouncement(
          t("complaint.detail.status_changed", { status: t(`complaint.status.${change.status}`) }),
        );
        catchUp();
      })
      .subscribe((status) => {
        setLive(status === "SUBSCRIBED");
        if (status === "SUBSCRIBED") catchUp();
      });

    async function catchUp() {
      const response = await fetch(`/api/complaints/${props.complaintId}/status`, {
        headers: { accept: "application/json" },
      }).catch(() => null);
      if (response?.ok) setState(await response.json());
    }

    return () => {
      client.removeAllChannels();
      client.disconnect();
    };
  }, [props.complaintId]);

  return (
    <div>
      <div class="flex flex-wrap items-center gap-3">
        <StatusBadge status={state.status} label={t(`complaint.status.${state.status}`)} />
        {live && (
          <span class="inline-flex items-center gap-1.5 text-sm text-green-800">
            <span class="w-2 h-2 rounded-full bg-green-600" aria-hidden="true" />
            {t("complaint.detail.live")}
          </span>
        )}
      </div>
      <p class="sr-only" role="status" aria-live="polite">{announcement}</p>

      <dl class="mt-3 space-y-3">
        <DetailItem term={t("complaint.detail.updated_at")}>
          <time dateTime={state.updated_at}>{formatDate(state.updated_at, props.locale, "dateTime")}</time>
        </DetailItem>
        {state.resolved_at && (
          <DetailItem term={t("complaint.detail.resolved_at")}>
            <time dateTime={state.resolved_at}>
              {formatDate(state.resolved_at, props.locale, "dateTime")}
            </time>
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
      <Timeline
        entries={state.timeline}
        statusLabels={Object.fromEntries(
          COMPLAINT_STATUSES.map((status) => [status, t(`complaint.status.${status}`)]),
        ) as Record<ComplaintStatus, string>}
        locale={props.locale}
      />
    </div>
  );
}

function applyChange(current: LiveState, change: StatusChanged): LiveState {
  const known = current.timeline.some((entry) => entry.id === change.update_id);
  return {
    // The rejection reason and internal comments are not broadcast (followers receive the same message):
    // the catch-up that follows brings what this reader may see.
    ...current,
    status: change.status,
    updated_at: change.updated_at,
    resolved_at: change.resolved_at,
    timeline: known ? current.timeline : [
      ...current.timeline,
      { id: change.update_id, status: change.status, at: change.changed_at, comment: change.comment },
    ],
  };
}

/**
 * The signed-in person's access token for Realtime, from the app (the session itself stays in httpOnly
 * cookies); fetched again shortly before it expires.
 */
function liveTokens() {
  let cached: { token: string; expiresAt: number } | null = null;
  return {
    async current(): Promise<string | null> {
      if (cached && cached.expiresAt - TOKEN_MARGIN_MS > Date.now()) return cached.token;
      const response = await fetch("/api/complaints/live-token", { headers: { accept: "application/json" } })
        .catch(() => null);
      if (!response?.ok) return null;
      const { access_token, expires_at } = await response.json() as {
        access_token: string;
        expires_at: number;
      };
      cached = { token: access_token, expiresAt: expires_at * 1000 };
      return access_token;
    },
  };
}
