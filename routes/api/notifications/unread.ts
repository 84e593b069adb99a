/** GET /api/notifications/unread: the signed-in person's unread count, for the header's bell. */
import type { Handlers } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { json } from "@/lib/http/json.ts";
import { unreadCount } from "@/lib/notifications/repository.ts";

export const handler: Handlers<unknown, SignedInState> = {
  async GET(_req, ctx) {
    return json({ unread: await unreadCount(ctx.state.session) });
  },
};
