/**
 * What every signed-in page shows around its own content: the header's bell (unread notifications) and the
 * urgent-notice banner, read in one call beside the page's own (routes/_middleware.ts starts it, the layout
 * awaits it).
 */
import type { UserSession } from "./auth/session.ts";
import type { Locale } from "./i18n/mod.ts";
import { userClient } from "./supabase.ts";
import { type UrgentNotices, urgentNoticesIn } from "./notices/repository.ts";
import { DataError } from "./data_error.ts";

export interface PageShell {
  unreadNotifications: number;
  urgentNotices: UrgentNotices;
}

/** The person's page shell (`public.page_shell`, as them: RLS applies). */
export async function loadPageShell(session: UserSession, locale: Locale): Promise<PageShell> {
  const { data, error } = await userClient(session.accessToken).rpc("page_shell");
  if (error) throw new PageShellError("reading the page shell", error);
  const { unread_notifications, urgent } = data as { unread_notifications: number; urgent: unknown };
  return { unreadNotifications: unread_notifications, urgentNotices: urgentNoticesIn(urgent, locale) };
}

export class PageShellError extends DataError {}
