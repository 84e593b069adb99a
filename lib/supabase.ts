/**
 * Supabase clients for the server. Each call gets a fresh client that keeps no session of its own, so
 * one person's tokens can never leak into another's request. The app only ever holds the anon key: data
 * is read and written as the signed-in person, through their JWT, so RLS decides.
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

/** A client whose PostgREST, Storage and Realtime calls run as the person holding `accessToken`. */
export function userClient(accessToken: string): SupabaseClient {
  return createClient(config.supabaseUrl, config.supabaseAnonKey, {
    accessToken: () => Promise.resolve(accessToken),
  });
}
