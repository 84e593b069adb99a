/** GET /api/complaints/nearby?category=&latitude=&longitude=: open complaints close by, to say "me too". */
import type { Handlers } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { isInBangladesh } from "@/lib/complaints/model.ts";
import { nearbyOpenComplaints } from "@/lib/complaints/repository.ts";
import { json } from "@/lib/http/json.ts";

export const handler: Handlers<unknown, SignedInState> = {
  async GET(_req, ctx) {
    const { session } = ctx.state;
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
