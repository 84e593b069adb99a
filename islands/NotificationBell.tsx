/**
 * The header's bell with the unread count, kept current without reloading: it joins the person's private
 * Realtime topic user:<uid> (RLS on realtime.messages lets only them in), where the database broadcasts each
 * new notification, and then asks the app for the count (also after every (re)connection, so nothing sent
 * while the connection was down is missed). Without JavaScript it is a link with the count at page load.
 */
import { useState } from "preact/hooks";
import type { Locale } from "@/lib/i18n/locales.ts";
import { formatNumber } from "@/lib/i18n/format.ts";
import { type Messages, translatorFor } from "@/lib/i18n/translate.ts";
import type { RealtimeSource } from "@/lib/realtime/browser.ts";
import { useBroadcasts } from "@/lib/realtime/use_broadcasts.ts";
import { BellLink } from "@/components/notifications/BellLink.tsx";

export interface NotificationBellProps extends RealtimeSource {
  userId: string;
  unread: number;
  locale: Locale;
  /** `notifications.bell_*`. */
  messages: Messages;
}

export default function NotificationBell(
  { userId, unread, locale, messages, ...source }: NotificationBellProps,
) {
  const t = translatorFor(messages, locale);
  const [count, setCount] = useState(unread);
  const live = useBroadcasts(source, [`user:${userId}`], async (broadcast) => {
    if (broadcast && broadcast.event !== "notification") return;
    const response = await fetch("/api/notifications/unread", { headers: { accept: "application/json" } })
      .catch(() => null);
    if (response?.ok) setCount((await response.json() as { unread: number }).unread);
  });
  return (
    <BellLink
      live={live}
      count={count}
      label={t("notifications.bell_label")}
      unreadLabel={(n) => t("notifications.bell_unread", { count: formatNumber(n, locale) })}
      format={(n) => formatNumber(n, locale)}
    />
  );
}
