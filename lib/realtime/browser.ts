/**
 * Realtime in the browser, as the signed-in person: private channels are authorised by their JWT (RLS on
 * realtime.messages), so the client asks the app for the current access token (`/api/complaints/live-token`;
 * the session itself stays in httpOnly cookies) and asks again shortly before it expires. The Realtime
 * library is loaded only when a page connects, after it has been painted and hydrated: it is most of the
 * JavaScript of a live page, and nothing on the first screen needs it. Browser only.
 */
import type { RealtimeClient } from "@supabase/realtime-js";

/** Where Realtime is: the Supabase project URL and its public anon key. */
export interface RealtimeSource {
  supabaseUrl: string;
  anonKey: string;
}

/** Renew the Realtime token this long before it expires. */
const TOKEN_MARGIN_MS = 60_000;

/**
 * Loads the Realtime library, then hands `join` a client that joins private channels as the signed-in
 * person. Returns the effect's cleanup: it leaves and disconnects, or cancels when called before the
 * library arrived.
 */
export function connectRealtime(
  { supabaseUrl, anonKey }: RealtimeSource,
  join: (client: RealtimeClient) => void,
): () => void {
  let client: RealtimeClient | undefined;
  let cancelled = false;
  import("@supabase/realtime-js").then(({ RealtimeClient }) => {
    if (cancelled) return;
    const realtimeUrl = new URL("realtime/v1", `${supabaseUrl}/`);
    realtimeUrl.protocol = realtimeUrl.protocol.replace("http", "ws");
    client = new RealtimeClient(realtimeUrl.href, {
      params: { apikey: anonKey },
      accessToken: liveTokens().current,
    });
    join(client);
  });
  return () => {
    cancelled = true;
    client?.removeAllChannels();
    client?.disconnect();
  };
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
