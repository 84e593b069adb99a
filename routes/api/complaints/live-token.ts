/**
 * GET /api/complaints/live-token: the signed-in person's current access token, for the Realtime
 * subscriptions of the complaint page and the staff queue (lib/realtime/browser.ts: private channels
 * authorise by the user's JWT, so the browser needs it). Only the short-lived access token leaves the
 * httpOnly cookie, never the refresh token; same-origin only (no CORS), never cached. The session
 * middleware has already renewed it when it was about to expire.
 */
import type { Handlers } from "$fresh/server.ts";
import { decodeJwt } from "jose";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { json } from "@/lib/http/json.ts";

export const handler: Handlers<unknown, SignedInState> = {
  GET(_req, ctx) {
    const { session } = ctx.state;
    return json({ access_token: session.accessToken, expires_at: decodeJwt(session.accessToken).exp });
  },
};
