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

/** How often a PostgREST call refused for the person's concurrent-request cap is tried again. */
const CAP_RETRIES = 6;
/** PostgREST requests the database runs at once for one signed-in person (private.limit_concurrent_requests). */
export const PERSON_CONCURRENT_REQUESTS = 3;

const isPostgrestCall = (input: RequestInfo | URL) =>
  new URL(input instanceof Request ? input.url : input).pathname.startsWith("/rest/v1/");

/**
 * fetch for a person's client: a PostgREST call refused with 429 (the database lets one person run 3
 * requests at once, private.limit_concurrent_requests) is tried again shortly. One page load makes up to 3
 * calls at once, so a double click, a second tab or a link followed while the last page still loads would
 * otherwise fail a page. Waits are short and grow (20 ms doubling to 640 ms, with jitter; about 1.3 s in
 * all): the person's earlier calls take milliseconds, so Retry-After's whole second would only add delay.
 * Only PostgREST's calls are retried: their bodies are strings, safe to send again.
 */
async function fetchWaitingForTurn(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const isPostgrest = isPostgrestCall(input);
  for (let attempt = 0;; attempt++) {
    const response = await fetch(input, init);
    if (response.status !== 429 || !isPostgrest || attempt === CAP_RETRIES) return response;
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * (0.5 + Math.random())));
  }
}

/**
 * `send` for one person's calls, holding at most `limit` of their PostgREST calls in flight in this process:
 * a page that also counts the header's bell beside its own 3 calls queues the 4th here instead of having
 * the database refuse it (a round trip, then a wait). Other processes and tabs are still caught by the retry.
 */
export function takingTurns(send: typeof fetch, limit: number): typeof fetch {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  return async (input, init) => {
    if (!isPostgrestCall(input)) return await send(input, init);
    if (inFlight < limit) inFlight++;
    else await new Promise<void>((resolve) => waiting.push(resolve)); // the finishing call hands its turn on
    try {
      return await send(input, init);
    } finally {
      const next = waiting.shift();
      if (next) next();
      else inFlight--;
    }
  };
}

/** A client whose PostgREST, Storage and Realtime calls run as the person holding `accessToken`. */
export function userClient(accessToken: string): SupabaseClient {
  let client = clientsByToken.get(accessToken);
  if (client) {
    clientsByToken.delete(accessToken);
  } else {
    // Visitors share the anon key, and the database caps only signed-in people: their calls never wait here.
    const send = accessToken === config.supabaseAnonKey
      ? fetchWaitingForTurn
      : takingTurns(fetchWaitingForTurn, PERSON_CONCURRENT_REQUESTS);
    client = createClient(config.supabaseUrl, config.supabaseAnonKey, {
      accessToken: () => Promise.resolve(accessToken),
      global: { fetch: send },
    });
    if (clientsByToken.size >= MAX_KEPT_CLIENTS) clientsByToken.delete(clientsByToken.keys().next().value!);
  }
  clientsByToken.set(accessToken, client);
  return client;
}

/** A client as the anon role, for what visitors may read: the anon key is itself a JWT for that role. */
export function visitorClient(): SupabaseClient {
  return userClient(config.supabaseAnonKey);
}

/** As the reader: signed-in people with their JWT, visitors as anon. */
export function readerClient(session: { accessToken: string } | null): SupabaseClient {
  return session ? userClient(session.accessToken) : visitorClient();
}
