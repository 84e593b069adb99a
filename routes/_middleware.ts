/**
 * Runs before every request: picks the language, refuses cross-site form posts, loads (and renews) the
 * session for pages, and puts the security headers on every response (gzipped when the browser takes it).
 */
import type { FreshContext } from "$fresh/server.ts";
import { localeFromRequest, type MessageKey, translator } from "@/lib/i18n/mod.ts";
import { HttpError } from "@/lib/http/errors.ts";
import { json, wantsJson } from "@/lib/http/json.ts";
import { applySecurityHeaders, isAllowedOrigin } from "@/lib/security.ts";
import { clearSessionCookies, resolveSession, writeSessionCookies } from "@/lib/auth/session.ts";
import { clientAddress } from "@/lib/http/client_address.ts";
import { compressed } from "@/lib/http/compression.ts";
import type { AppState } from "@/lib/state.ts";
import { loadPageShell } from "@/lib/page_shell.ts";

export async function handler(req: Request, ctx: FreshContext<AppState>): Promise<Response> {
  const locale = localeFromRequest(req);
  ctx.state.locale = locale;
  ctx.state.t = translator(locale);
  ctx.state.session = null;

  if (!isAllowedOrigin(req)) return secured(refusal(req, ctx.state, 403, "error.cross_origin"));

  const cookies = new Headers();
  const isPage = ctx.destination === "route" || ctx.destination === "notFound";
  if (isPage) {
    const url = new URL(req.url);
    const outcome = await resolveSession(req, clientAddress(req, ctx.remoteAddr));
    if (outcome.kind === "signed_in") {
      ctx.state.session = outcome.session;
      if (outcome.renewed) writeSessionCookies(cookies, outcome.renewed, url);
      // The header's bell and the urgent-notice banner (not for scripts' JSON calls, which show no page),
      // read while the page reads its own data; a page still renders without them.
      if (!wantsJson(req)) ctx.state.shell = loadPageShell(outcome.session, locale).catch(() => undefined);
    } else if (outcome.kind === "invalid") {
      clearSessionCookies(cookies, url);
    }
  }

  const response = secured(await nextOrRefusal(req, ctx));
  for (const cookie of cookies.getSetCookie()) response.headers.append("set-cookie", cookie);
  // Pages depend on the language cookie and the session: never let a shared cache keep them.
  if (isPage && !response.headers.has("cache-control")) {
    response.headers.set("cache-control", "private, no-cache");
  }
  return compressed(req, response);
}

/** The response with security headers, copied first when its headers are immutable (e.g. `Response.redirect`). */
function secured(response: Response): Response {
  try {
    applySecurityHeaders(response.headers);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    applySecurityHeaders(copy.headers);
    return copy;
  }
}

/** The route's response; a refusal thrown on the way (`HttpError`: not a form, not staff…) answered here. */
async function nextOrRefusal(req: Request, ctx: FreshContext<AppState>): Promise<Response> {
  try {
    return await ctx.next();
  } catch (error) {
    if (error instanceof HttpError) return refusal(req, ctx.state, error.status, error.messageKey);
    throw error;
  }
}

/** A short localised refusal: JSON for scripts, else a minimal page (no shell, nothing more can go wrong). */
function refusal(req: Request, { t, locale }: AppState, status: number, key: MessageKey): Response {
  const message = t(key);
  if (wantsJson(req)) return json({ error: message }, status);
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${message}</title></head>` +
    `<body><p>${message}</p><p><a href="/">${t("error.go_home")}</a></p></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}
