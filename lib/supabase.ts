/**
 * Supabase clients for the server. The app only ever holds the anon key: data is read and written as the
 * signed-in person, through their JWT, so RLS decides. Clients keep no session of their own, so one
 * person's tokens can never leak into another's request.
 */
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { config } from "./config.ts";

const SERVER_AUTH = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } as const;

/**
 * A client for Auth calls (send and verify codes, refresh, sign out). Auth limits these per client
 * address; called from this server they would all come from one address, so the person's own address is
 * passed on: `Sb-Forwarded-For` (Supabase Auth, when the project enables it) and `X-Forwarded-For`.
 */
export function authClient(clientAddress?: string): SupabaseClient {
  const headers: Record<string, string> = clientAddress
    ? { "Sb-Forwarded-For": clientAddress, "X-Forwarded-For": clientAddress }
    : {};
  return createClient(config.supabaseUrl, config.supabaseAnonKey, { auth: SERVER_AUTH, global: { headers } });
}

/**
 * Clients by access token, most recently used last. A client only sends its token with each call, so one
 * serves all of a person's requests while the token lives (and the anon key's serves every visitor):
 * building a supabase-js client costs more than many of the calls it makes.
 */
const clientsByToken = new Map<string, SupabaseClient>();
/** Tokens whose client is kept; older ones are dropped (and expire anyway). */
const MAX_KEPT_CLIENTS = 1_000;

/** A client whose PostgREST, Storage and Realtime calls run as the person holding `accessToken`. */
export function userClient(accessToken: string): SupabaseClient {
  let client = clientsByToken.get(accessToken);
  if (client) {
    clientsByToken.delete(accessToken);
  } else {
    client = createClient(config.supabaseUrl, config.supabaseAnonKey, {
      accessToken: () => Promise.resolve(accessToken),
    });
    if (clientsByToken.size >= MAX_KEPT_CLIENTS) clientsByToken.delete(clientsByToken.keys().next().value!);
  }
  clientsByToken.set(accessToken, client);
  return client;
}
