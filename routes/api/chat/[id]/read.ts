/**
 * POST /api/chat/<conversation id>/read: the chat page's island says the person has seen what arrived while
 * the page was open and visible; the database records it and tells the other side (their "seen" marks).
 * RLS decides: a conversation that is not theirs is a 404.
 */
import type { Handlers } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { markConversationRead } from "@/lib/chat/repository.ts";
import { json } from "@/lib/http/json.ts";

export const handler: Handlers<unknown, SignedInState> = {
  async POST(_req, ctx) {
    const marked = await markConversationRead(ctx.state.session, ctx.params.id);
    return json({}, marked ? 200 : 404);
  },
};
