import type { UserSession } from "./session.ts";
import { redirect } from "../http/redirect.ts";

/** The signed-in session, or a redirect to sign-in that comes back to this page afterwards. */
export function requireSession(session: UserSession | null, url: URL): UserSession | Response {
  if (session) return session;
  return redirect(`/login?${new URLSearchParams({ next: url.pathname + url.search })}`);
}
