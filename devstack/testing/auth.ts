/**
 * Signing people in for tests the way the app does: phone OTP through local Auth with supabase-js, the
 * code read from the dev SMS inbox. Every client gets an address of its own, because Auth limits code
 * requests and checks per client address: the gateway believes X-Forwarded-For from loopback (a trusted
 * proxy, where the app runs too), so tests and repeated runs never use up each other's allowance.
 */
import assert from "node:assert/strict";
import { createClient, type Session, type SupabaseClient } from "@supabase/supabase-js";
import { API_URL, INBOX_URL } from "../config.ts";
import { ANON_KEY, SERVICE_ROLE_KEY } from "../keys.ts";
import type { InboxMessage } from "../inbox/store.ts";
import { toAsciiDigits } from "../../lib/i18n/format.ts";

export type { InboxMessage };

/** How long `latestCode` waits for an SMS that a page or function has yet to send. */
const CODE_WAIT_MS = 10_000;

/** A random mobile number as the app writes it, `+88017` and eight digits, so tests never share one. */
export function randomPhone(): string {
  return `+88017${String(crypto.getRandomValues(new Uint32Array(1))[0] % 100_000_000).padStart(8, "0")}`;
}

/** `phone` as auth.users, the JWT and the user object hold it: digits without the `+`. */
export function storedPhone(phone: string): string {
  return phone.replace(/^\+/, "");
}

/** An address from the benchmarking range 198.18.0.0/15, which no real client has. */
export function randomClientAddress(): string {
  const [high, low] = crypto.getRandomValues(new Uint8Array(2));
  return `198.${18 + (high % 2)}.${high}.${low}`;
}

export interface ClientOptions {
  /** The API key; default the anon key. */
  key?: string;
  /** Sent as `Authorization: Bearer …` with every request instead of the key or a signed-in session. */
  accessToken?: string;
  /** The address Auth sees (X-Forwarded-For); default a random one, so the client is a device of its own. */
  address?: string;
  /** Realtime protocol version; default supabase-js's own (2.0.0). */
  realtimeVsn?: string;
}

/** A supabase-js client through the stack's gateway, as one device that keeps its session in memory. */
export function supabaseClient(
  { key = ANON_KEY, accessToken, address = randomClientAddress(), realtimeVsn }: ClientOptions = {},
): SupabaseClient {
  const headers: Record<string, string> = { "X-Forwarded-For": address };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  return createClient(API_URL, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers },
    realtime: realtimeVsn ? { vsn: realtimeVsn } : undefined,
  });
}

/** A client with the service role key: the server side (admin API, RLS bypassed). */
export function serviceRoleClient(): SupabaseClient {
  return supabaseClient({ key: SERVICE_ROLE_KEY });
}

/** The SMS the dev inbox holds for `phone`, newest first; `inboxUrl` for an inbox a test runs itself. */
export async function inboxMessages(phone: string, inboxUrl = INBOX_URL): Promise<InboxMessage[]> {
  const response = await fetch(`${inboxUrl}/api/messages?${new URLSearchParams({ to: phone })}`);
  assert.equal(response.status, 200);
  return await response.json();
}

/**
 * The SMS to `phone`, newest first, once one has arrived (with `since`, one sent at or after it). Waits a
 * little, for callers whose request returns before the SMS is sent (a browser submitting a form, a trigger
 * queuing it for the SMS outbox).
 */
export async function waitForTexts(phone: string, { since }: { since?: Date } = {}): Promise<InboxMessage[]> {
  const deadline = Date.now() + CODE_WAIT_MS;
  for (;;) {
    const messages = await inboxMessages(phone);
    if (messages[0] && (!since || new Date(messages[0].sent_at) >= since)) return messages;
    assert.ok(Date.now() < deadline, `no SMS reached ${phone}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The code in the newest SMS to `phone` (Bengali digits read as ASCII). With `since`, only an SMS sent at
 * or after it counts, so an earlier code is not taken for a resent one.
 */
export async function latestCode(phone: string, { since }: { since?: Date } = {}): Promise<string> {
  const [newest] = await waitForTexts(phone, { since });
  const code = /\d{6}/.exec(toAsciiDigits(newest.body))?.[0];
  assert.ok(code, `no code in "${newest.body}"`);
  return code;
}

/** Asks Auth to text a sign-in code to `phone` and returns the code the inbox received. */
export async function requestCode(client: SupabaseClient, phone: string): Promise<string> {
  const { error } = await client.auth.signInWithOtp({ phone });
  assert.equal(error, null);
  return await latestCode(phone);
}

export interface SignedInUser {
  phone: string;
  /** The client that signed in: it sends the user's access token with every request. */
  client: SupabaseClient;
  session: Session;
  /** The user's id (`session.user.id`). */
  id: string;
  /** `session.access_token`. */
  accessToken: string;
}

/** Signs `phone` (a new random number by default) in with the code from its SMS, on a client of its own. */
export async function signInWithPhone(phone: string = randomPhone()): Promise<SignedInUser> {
  const client = supabaseClient();
  const token = await requestCode(client, phone);
  const { data, error } = await client.auth.verifyOtp({ phone, token, type: "sms" });
  assert.equal(error, null);
  assert.ok(data.session && data.user);
  return { phone, client, session: data.session, id: data.user.id, accessToken: data.session.access_token };
}

let sharedUsers: Promise<[SignedInUser, SignedInUser]> | undefined;

/**
 * Two people, A and B, signed in once and shared by the tests that ask for them; each test still gives
 * them data of its own. Tests that change an account sign in one of their own with `signInWithPhone`.
 */
export function sharedSignedInUsers(): Promise<[SignedInUser, SignedInUser]> {
  return sharedUsers ??= Promise.all([signInWithPhone(), signInWithPhone()]);
}
