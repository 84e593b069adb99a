/** GET /api/complaints/<id>/status: the current status and history, for a page catching up after a reconnect. */
import type { Handlers } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { getComplaintStatus } from "@/lib/complaints/repository.ts";
import { json } from "@/lib/complaints/http.ts";

export const handler: Handlers<unknown, AppState> = {
  async GET(_req, ctx) {
    const { session } = ctx.state;
    if (!session) return json({}, 401);
    const status = await getComplaintStatus(session, ctx.params.id);
    return status ? json(status) : json({}, 404);
  },
};
