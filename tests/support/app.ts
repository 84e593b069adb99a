/**
 * The app in this process through `createHandler`, against the running local stack: a request as a page
 * on this site sends it, with a signed-in person's session cookie when there is one.
 */
import { createHandler } from "$fresh/server.ts";
import manifest from "@/fresh.gen.ts";
import config from "@/fresh.config.ts";
import { ACCESS_COOKIE, type UserSession } from "@/lib/auth/session.ts";

const ORIGIN = "http://127.0.0.1:8000";
const CLIENT = { remoteAddr: { transport: "tcp" as const, hostname: "127.0.0.1", port: 50000 } };
const handle = await createHandler(manifest, config);

/** `path` requested from this site, as `who` (with their access token cookie) or a visitor. */
export function appRequest(
  path: string,
  who: { session: UserSession } | null,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("origin", ORIGIN);
  if (who) {
    const cookies = [headers.get("cookie"), `${ACCESS_COOKIE}=${who.session.accessToken}`];
    headers.set("cookie", cookies.filter(Boolean).join("; "));
  }
  return handle(new Request(`${ORIGIN}${path}`, { ...init, headers }), CLIENT);
}
