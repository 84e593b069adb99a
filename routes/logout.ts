/** Sign-out (POST only): ends the session at Auth, so its refresh token dies too, and clears the cookies. */
import type { Handlers } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { authClient } from "@/lib/supabase.ts";
import { clearSessionCookies } from "@/lib/auth/session.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { clientAddress } from "@/lib/http/client_address.ts";

export const handler: Handlers<unknown, AppState> = {
  async POST(req, ctx) {
    const session = ctx.state.session;
    if (session) {
      // "local": this device only; the person may be signed in on another phone.
      const { error } = await authClient(clientAddress(req, ctx.remoteAddr)).auth.admin.signOut(
        session.accessToken,
        "local",
      );
      if (error) console.error("sign-out at Auth failed; clearing cookies anyway", error);
    }
    const headers = new Headers();
    clearSessionCookies(headers, new URL(req.url));
    return redirect("/", headers);
  },
};
