/**
 * Realtime in the browser, as the signed-in person: private channels are authorised by their JWT (RLS on
 * realtime.messages), so the client asks the app for the current access token (`/api/complaints/live-token`;
 * the session itself stays in httpOnly cookies) and asks again shortly before it expires. Browser only.
 */
import { RealtimeClient } from "@supabase/realtime-js";

/** Where Realtime is: the Supabase project URL and its public anon key. */
export interface RealtimeSource {
  supabaseUrl: string;
  anonKey: string;
}

/** Renew the Realtime token this long before it expires. */
const TOKEN_MARGIN_MS = 60_000;

/** A Realtime client that joins private channels as the signed-in person; disconnect it when done. */
export function realtimeClient({ supabaseUrl, anonKey }: RealtimeSource): RealtimeClient {
  const realtimeUrl = new URL("realtime/v1", `${supabaseUrl}/`);
  realtimeUrl.protocol = realtimeUrl.protocol.replace("http", "ws");
  return new RealtimeClient(realtimeUrl.href, {
    params: { apikey: anonKey },
    accessToken: liveTokens().current,
  });
}

/** The person's access token from the app, fetched again shortly before it expires. */
function liveTokens() {
  let cached: { token: string; expiresAt: number } | null = null;
  return {
    async current(): Promise<string | null> {
      if (cached && cached.expiresAt - TOKEN_MARGIN_MS > Date.now()) return cached.token;
      const response = await fetch("/api/complaints/live-token", { headers: { accept: "application/json" } })
        .catch(() => null);
      if (!response?.ok) return null;
      const { access_token, expires_at } = await response.json() as {
        access_token: string;
        expires_at: number;
      };
      cached = { token: access_token, expiresAt: expires_at * 1000 };
      return access_token;
    },
  };
}
