/**
 * Notices data for the server, read and written through PostgREST as the person asking (visitors as
 * anon), so RLS decides: everyone reads published notices, staff write for the wards they manage.
 */
import type { SupabaseClient } from "@supabase/supabase-js";
import type { UserSession } from "../auth/session.ts";
import { userClient } from "../supabase.ts";
import type { Locale } from "../i18n/mod.ts";
import { DataError } from "../data_error.ts";

export const NOTICE_CATEGORIES = ["general", "health", "waste", "water", "roads", "emergency"] as const;
export type NoticeCategory = typeof NOTICE_CATEGORIES[number];

export interface Notice {
  id: string;
  title_bn: string;
  title_en: string | null;
  body_bn: string;
  body_en: string | null;
  category: NoticeCategory;
  urgent: boolean;
  ward_ids: number[];
  pinned: boolean;
  publish_at: string;
  expires_at: string | null;
  updated_at: string;
}

/** What a notice says in the reader's language (Bengali where there is no English). */
export function noticeText(notice: Notice, locale: Locale): { title: string; body: string } {
  return {
    title: noticeTitle(notice, locale),
    body: locale === "en" ? notice.body_en ?? notice.body_bn : notice.body_bn,
  };
}

export function noticeTitle(notice: Pick<Notice, "title_bn" | "title_en">, locale: Locale): string {
  return locale === "en" ? notice.title_en ?? notice.title_bn : notice.title_bn;
}

/** An urgent notice as `public.urgent_notices` (and the home page's `urgent`) gives it. */
export type UrgentNotice = Pick<Notice, "id" | "title_bn" | "title_en" | "publish_at" | "updated_at">;

/** The urgent notices for a reader, titles in their language, and the home ward whose live topic to join. */
export interface UrgentNotices {
  ward_id: number | null;
  notices: { id: string; title: string; updated_at: string }[];
}

/**
 * The urgent notices published now for the reader of `client` (their home ward's and city-wide; city-wide
 * only for visitors), in one call: `public.urgent_notices` reads the ward itself.
 */
export async function loadUrgentNotices(client: SupabaseClient, locale: Locale): Promise<UrgentNotices> {
  const { data, error } = await client.rpc("urgent_notices");
  if (error) throw new NoticeDataError("reading the urgent notices", error);
  return urgentNoticesIn(data, locale);
}

/** `public.urgent_notices()`'s answer, titled in the reader's language. */
export function urgentNoticesIn(answer: unknown, locale: Locale): UrgentNotices {
  const { ward_id, notices } = answer as { ward_id: number | null; notices: UrgentNotice[] };
  return {
    ward_id,
    notices: notices.map((notice) => ({
      id: notice.id,
      title: noticeTitle(notice, locale),
      updated_at: notice.updated_at,
    })),
  };
}

export class NoticeDataError extends DataError {}

const COLUMNS =
  "id, title_bn, title_en, body_bn, body_en, category, urgent, ward_ids, pinned, publish_at, expires_at, updated_at";
export const LIST_SIZE = 20;

/** bench/home_page.ts reads it from here. */

/**
 * The published notices for a ward and the city-wide ones (city-wide only when `wardId` is null), pinned
 * first, then newest. Published is filtered here too: staff may also read their drafts through RLS.
 */
export async function listPublished(
  client: SupabaseClient,
  { wardId, limit = LIST_SIZE, offset = 0, urgentOnly = false, now = new Date() }: {
    wardId: number | null;
    limit?: number;
    offset?: number;
    urgentOnly?: boolean;
    now?: Date;
  },
): Promise<Notice[]> {
  const at = now.toISOString();
  let query = client.from("notices").select(COLUMNS)
    .lte("publish_at", at)
    .or(`expires_at.is.null,expires_at.gt.${at}`)
    .or(wardId === null ? "ward_ids.eq.{}" : `ward_ids.eq.{},ward_ids.cs.{${wardId}}`);
  if (urgentOnly) query = query.eq("urgent", true);
  const { data, error } = await query
    .order("pinned", { ascending: false })
    .order("publish_at", { ascending: false })
    .order("id")
    .range(offset, offset + limit - 1);
  if (error) throw new NoticeDataError("listing notices", error);
  return data as Notice[];
}

/** One notice as the reader may see it; null when there is none (or not yet, or no more). */
export async function getNotice(client: SupabaseClient, id: string): Promise<Notice | null> {
  const { data, error } = await client.from("notices").select(COLUMNS).eq("id", id).maybeSingle();
  if (error) throw new NoticeDataError("reading a notice", error);
  return data as Notice | null;
}

/** Every notice the staff member may edit (RLS: their wards, or all for super admins), newest first. */
export async function listEditable(session: UserSession): Promise<Notice[]> {
  const role = session.user.role;
  let query = userClient(session.accessToken).from("notices").select(COLUMNS);
  // Ward admins also read published city-wide notices, which they cannot edit.
  if (role !== "super_admin") query = query.overlaps("ward_ids", session.user.wards);
  const { data, error } = await query.order("publish_at", { ascending: false }).limit(200);
  if (error) throw new NoticeDataError("listing editable notices", error);
  return data as Notice[];
}

/** The ward a list asks for (`?ward=`): an id, "city" (null: city-wide only), or undefined (not given or unknown). */
export function wardFilter(value: string | null, known: ReadonlySet<number>): number | null | undefined {
  if (value === "city") return null;
  const id = Number(value);
  return value && Number.isInteger(id) && known.has(id) ? id : undefined;
}

/** Published, scheduled or expired, at `now`. */
export function noticeState(notice: Notice, now = new Date()): "scheduled" | "live" | "expired" {
  if (new Date(notice.publish_at) > now) return "scheduled";
  if (notice.expires_at && new Date(notice.expires_at) <= now) return "expired";
  return "live";
}
