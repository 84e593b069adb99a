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
import { readForm, UnreadableForm } from "@/lib/http/body.ts";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

export const handler: Handlers<unknown, AppState> = {
  async POST(req, ctx) {
    const form = await readForm(req);
    const locale = form.get("to");
    // Only a forged form names another language: refuse it rather than guess.
    if (!isLocale(locale)) throw new UnreadableForm(400);
    const headers = new Headers();
    setCookie(headers, LOCALE_COOKIE, locale, {
      maxAge: ONE_YEAR_SECONDS,
      sameSite: "Lax",
      secure: usesSecureCookies(new URL(req.url)),
    });
    if (ctx.state.session) {
      // The page switches either way; the profile catches up next time if this fails.
      await savePreferredLanguage(ctx.state.session, locale).catch((error) => console.error(error));
    }
    return redirect(safeLocalPath(String(form.get("next") ?? "")), headers);
  },
};
