/**
 * GET /api/notices/urgent: the urgent notices published now for the reader (city-wide, and their home
 * ward's when signed in), titles in their language, and the ward whose live topic to join. The banner
 * island asks after each live announcement (announcements carry the notice id only) and (re)connection.
 */
import type { Handlers } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { json } from "@/lib/http/json.ts";
import { loadUrgentNotices } from "@/lib/notices/repository.ts";
import { readerClient } from "@/lib/supabase.ts";

export const handler: Handlers<unknown, AppState> = {
  async GET(_req, ctx) {
    const { session, locale } = ctx.state;
    return json(await loadUrgentNotices(readerClient(session), locale));
  },
};
