/**
 * GET /api/notices/urgent: the urgent notices published now for the reader (city-wide, and their home
 * ward's when signed in), titles in their language, and the ward whose live topic to join. The banner
 * island asks on load and after each live announcement (announcements carry the notice id only).
 */
import type { Handlers } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { json } from "@/lib/http/json.ts";
import { getProfile } from "@/lib/profile.ts";
import { listPublished, noticeText } from "@/lib/notices/repository.ts";
import { readerClient } from "@/lib/supabase.ts";

export interface UrgentNotices {
  ward_id: number | null;
  notices: { id: string; title: string; updated_at: string }[];
}

export const handler: Handlers<unknown, AppState> = {
  async GET(_req, ctx) {
    const { session, locale } = ctx.state;
    const wardId = session ? (await getProfile(session))?.ward_id ?? null : null;
    const notices = await listPublished(readerClient(session), { wardId, urgentOnly: true, limit: 3 });
    const body: UrgentNotices = {
      ward_id: wardId,
      notices: notices.map((notice) => ({
        id: notice.id,
        title: noticeText(notice, locale).title,
        updated_at: notice.updated_at,
      })),
    };
    return json(body);
  },
};
