/** GET /api/complaints/nearby?category=&latitude=&longitude=: open complaints close by, to say "me too". */
import type { Handlers } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { isInBangladesh } from "@/lib/complaints/model.ts";
import { nearbyOpenComplaints } from "@/lib/complaints/repository.ts";
import { json } from "@/lib/complaints/http.ts";

export const handler: Handlers<unknown, AppState> = {
  async GET(_req, ctx) {
    const { session } = ctx.state;
    if (!session) return json({ complaints: [] }, 401);
    const query = ctx.url.searchParams;
    const category = query.get("category") ?? "";
    const latitude = Number(query.get("latitude"));
    const longitude = Number(query.get("longitude"));
    if (!/^[a-z_]{2,40}$/.test(category) || !isInBangladesh(latitude, longitude)) {
      return json({ complaints: [] }, 400);
    }
    return json({ complaints: await nearbyOpenComplaints(session, { category, latitude, longitude }) });
  },
};
