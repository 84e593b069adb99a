/**
 * Sign-in checked once per folder: a `_middleware.ts` exports `signedInOnly` as its handler, and the routes
 * below it type their state as `SignedInState`, whose session is always there.
 */
import type { FreshContext } from "$fresh/server.ts";
import type { AppState } from "../state.ts";
import type { UserSession } from "./session.ts";
import { redirect } from "../http/redirect.ts";
import { json, wantsJson } from "../http/json.ts";
import { HttpError } from "../http/errors.ts";
import { type AppRole, STAFF_ROLES, type StaffRole } from "./session.ts";
import type { MessageKey } from "../i18n/mod.ts";

/** The state of a route behind `signedInOnly`. */
export interface SignedInState extends AppState {
  session: UserSession;
}

/** The state of a route behind `staffOnly`: the session of a staff member. */
export interface StaffState extends SignedInState {
  session: UserSession & { user: UserSession["user"] & { role: StaffRole } };
}

/**
 * Lets signed-in people through. Visitors get a JSON 401 when they asked for JSON (islands, API routes),
 * else a redirect to sign-in that comes back to this page afterwards.
 */
export function signedInOnly(req: Request, ctx: FreshContext<AppState>): Promise<Response> | Response {
  if (ctx.state.session || ctx.destination !== "route") return ctx.next();
  const url = new URL(req.url);
  if (wantsJson(req) || url.pathname.startsWith("/api/")) {
    return json({ error: ctx.state.t("error.sign_in_required") }, 401);
  }
  return redirect(`/login?${new URLSearchParams({ next: url.pathname + url.search })}`);
}

/**
 * A middleware that lets through only the given roles (after `signedInOnly`); anyone else gets a localised
 * 403 saying `refusal`. The role comes from the token, for the page; what the person may read and change is
 * decided again by RLS on every query.
 */
export function rolesOnly(roles: readonly AppRole[], refusal: MessageKey) {
  return (_req: Request, ctx: FreshContext<AppState>): Promise<Response> => {
    const role = ctx.state.session?.user.role;
    if (ctx.destination === "route" && !(role && roles.includes(role))) throw new HttpError(403, refusal);
    return ctx.next();
  };
}

/** Lets staff through; citizens get a 403. */
export const staffOnly = rolesOnly(STAFF_ROLES, "staff.forbidden");

/** Lets super admins through (staff management, the audit log); everyone else gets a 403. */
export const superAdminOnly = rolesOnly(["super_admin"], "staff_admin.forbidden");
