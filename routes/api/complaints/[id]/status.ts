/** GET /api/complaints/<id>/status: the current status and history, for a page catching up after a reconnect. */
import type { Handlers } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { getComplaintStatus } from "@/lib/complaints/repository.ts";
import { json } from "@/lib/http/json.ts";

export const handler: Handlers<unknown, SignedInState> = {
  async GET(_req, ctx) {
    const { session } = ctx.state;
    const status = await getComplaintStatus(session, ctx.params.id);
    return status ? json(status) : json({}, 404);
  },
};
