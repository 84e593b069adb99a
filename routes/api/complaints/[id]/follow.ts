/** POST /api/complaints/<id>/follow: "me too" on someone else's open complaint instead of filing again. */
import type { Handlers } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { followComplaint } from "@/lib/complaints/repository.ts";
import { json } from "@/lib/http/json.ts";

export const handler: Handlers<unknown, SignedInState> = {
  async POST(_req, ctx) {
    const { session } = ctx.state;
    const id = ctx.params.id;
    if (!await followComplaint(session, id)) return json({}, 409);
    return json({ location: `/complaints/${id}?followed=1` });
  },
};
