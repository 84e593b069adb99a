/**
 * My notifications, newest first, twenty to a page (keyset: `?before=<id>`), with mark read and mark all
 * read as plain form posts (no JavaScript needed). The database creates them; this page only reads them.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import type { Translate } from "@/lib/i18n/mod.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import {
  type AppNotification,
  listNotifications,
  markRead,
  type NotificationPage,
} from "@/lib/notifications/repository.ts";
import type { Locale } from "@/lib/i18n/locales.ts";
import { BUTTON_QUIET, BUTTON_SECONDARY, LINK, PageHeading, PageTitle } from "@/components/ui.tsx";
import { DateTime } from "@/components/DateTime.tsx";

interface NotificationsData extends NotificationPage {
  isFirstPage: boolean;
  /** Whether any notification is unread, this page's or older ones (offers "mark all read"). */
  anyUnread: boolean;
}

/** `?before=` as a positive id; anything else is the first page. */
function beforeParam(url: URL): number | undefined {
  const value = Number(url.searchParams.get("before"));
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

export const handler: Handlers<NotificationsData, SignedInState> = {
  async GET(_req, ctx) {
    const before = beforeParam(ctx.url);
    const [page, shell] = await Promise.all([listNotifications(ctx.state.session, before), ctx.state.shell]);
    const anyUnread = page.items.some((item) => item.read_at === null) ||
      (shell?.unreadNotifications ?? 0) > 0;
    return ctx.render({ ...page, isFirstPage: before === undefined, anyUnread });
  },
  async POST(req, ctx) {
    const form = await readForm(req);
    const id = Number(form.get("id"));
    // One notification when a valid id came, else all of them ("mark all read").
    await markRead(
      ctx.state.session,
      form.get("all") === "1" || !Number.isSafeInteger(id) || id <= 0 ? undefined : [id],
    );
    return redirect("/notifications");
  },
};

function notificationText(notification: AppNotification, t: Translate, locale: Locale): string {
  const { data } = notification;
  const number = data.tracking_number ?? "";
  switch (notification.kind) {
    case "complaint_status":
      return t(
        data.following
          ? "notifications.kind.complaint_status_followed"
          : "notifications.kind.complaint_status",
        { number, status: data.status ? t(`complaint.status.${data.status}`) : "" },
      );
    case "payment_result":
      return t("notifications.kind.payment_result", {
        invoice: data.invoice_number ?? "",
        state: data.state ? t(`payments.state.${data.state}`) : "",
      });
    case "urgent_notice":
      return t("notifications.kind.urgent_notice", {
        title: (locale === "en" && data.title_en) || data.title_bn || "",
      });
    default:
      return t(`notifications.kind.${notification.kind}`, { number });
  }
}

/**
 * Where a notification leads: the chat, the complaint, (a ward alert) its public tracking page, the
 * payment's receipt or the notice.
 */
function notificationLink(item: AppNotification): string | null {
  if (item.kind === "chat_message") {
    if (item.complaint_id) return `/complaints/${item.complaint_id}/chat`;
    // A help chat: the citizen's own, or one in the queue of the ward's admins.
    return item.data.staff && item.data.conversation_id
      ? `/admin/help/${item.data.conversation_id}`
      : "/help";
  }
  if (item.kind === "payment_result" && item.data.payment_id) return `/payments/${item.data.payment_id}`;
  if (item.kind === "urgent_notice" && item.data.notice_id) return `/notices/${item.data.notice_id}`;
  if (item.complaint_id) return `/complaints/${item.complaint_id}`;
  if (item.kind === "ward_complaint" && item.data.tracking_number) {
    return `/track/${item.data.tracking_number}`;
  }
  return null;
}

function NotificationItem({ item, t, locale }: { item: AppNotification; t: Translate; locale: Locale }) {
  const unread = item.read_at === null;
  const link = notificationLink(item);
  return (
    <li
      class={`flex items-start gap-3 p-4 rounded-lg border ${
        unread ? "bg-green-50 border-green-700" : "bg-white border-gray-200"
      }`}
    >
      <div class="flex-1 min-w-0">
        {unread && <p class="text-sm font-bold text-green-800">{t("notifications.unread")}</p>}
        {link
          ? (
            <a href={link} class={`${LINK} text-lg break-words`}>
              {notificationText(item, t, locale)}
            </a>
          )
          : <p class="text-lg break-words">{notificationText(item, t, locale)}</p>}
        <p class="mt-1 text-sm text-gray-700">
          <DateTime at={item.created_at} locale={locale} />
        </p>
      </div>
      {unread && (
        <form method="post" action="/notifications">
          <input type="hidden" name="id" value={String(item.id)} />
          <button type="submit" class={BUTTON_QUIET}>{t("notifications.mark_read")}</button>
        </form>
      )}
    </li>
  );
}

export default function NotificationsPage({ data, state }: PageProps<NotificationsData, SignedInState>) {
  const { t, locale } = state;
  return (
    <>
      <PageTitle title={t("notifications.title")} state={state} />
      <PageHeading title={t("notifications.title")} />
      <div class="flex flex-wrap items-center gap-3 mb-4">
        {data.anyUnread && (
          <form method="post" action="/notifications">
            <input type="hidden" name="all" value="1" />
            <button type="submit" class={BUTTON_SECONDARY}>{t("notifications.mark_all_read")}</button>
          </form>
        )}
        <a href="/notifications/settings" class={LINK}>{t("notifications.settings_link")}</a>
      </div>
      {data.items.length === 0 && data.isFirstPage
        ? (
          <p class="p-4 rounded-lg bg-white border border-gray-200 text-gray-800">
            {t("notifications.empty")}
          </p>
        )
        : (
          <ul class="space-y-3">
            {data.items.map((item) => <NotificationItem key={item.id} item={item} t={t} locale={locale} />)}
          </ul>
        )}
      <nav class="mt-6 flex flex-wrap gap-4">
        {!data.isFirstPage && <a href="/notifications" class={LINK}>{t("notifications.newest")}</a>}
        {data.before !== null && (
          <a href={`/notifications?before=${data.before}`} class={LINK}>{t("notifications.older")}</a>
        )}
      </nav>
    </>
  );
}
