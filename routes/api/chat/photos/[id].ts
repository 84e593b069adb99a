/**
 * GET /api/chat/photos/<message id>: the photo of a chat message, for a message that arrived live (the page's
 * messages come with their links). Sends the reader on to a short-lived signed link, made as them: RLS decides
 * whether they may see the message and its photo, and anyone else gets a 404.
 */
import type { Handlers } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { messagePhotoLink } from "@/lib/chat/repository.ts";

export const handler: Handlers<unknown, SignedInState> = {
  async GET(_req, ctx) {
    const id = Number(ctx.params.id);
    const link = Number.isSafeInteger(id) && id > 0 ? await messagePhotoLink(ctx.state.session, id) : null;
    if (!link) return new Response(null, { status: 404 });
    // The browser may reuse the answer while the link it names still works.
    return new Response(null, {
      status: 303,
      headers: { location: link, "cache-control": "private, max-age=300" },
    });
  },
};
