/**
 * The language switch: a form posting `to` (bn|en) and `next` (the page to return to). Sets the `lang`
 * cookie, remembers the choice in the profile of a signed-in person, and goes back.
 */
import type { Handlers } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/mod.ts";
import { setCookie, usesSecureCookies } from "@/lib/http/cookies.ts";
import { redirect, safeLocalPath } from "@/lib/http/redirect.ts";
import { savePreferredLanguage } from "@/lib/profile.ts";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

export const handler: Handlers<unknown, AppState> = {
  async POST(req, ctx) {
    const form = await req.formData();
    const locale = form.get("to");
    const headers = new Headers();
    if (isLocale(locale)) {
      setCookie(headers, LOCALE_COOKIE, locale, {
        maxAge: ONE_YEAR_SECONDS,
        sameSite: "Lax",
        secure: usesSecureCookies(new URL(req.url)),
      });
      if (ctx.state.session) {
        // The page switches either way; the profile catches up next time if this fails.
        await savePreferredLanguage(ctx.state.session, locale).catch((error) => console.error(error));
      }
    }
    return redirect(safeLocalPath(String(form.get("next") ?? "")), headers);
  },
};
