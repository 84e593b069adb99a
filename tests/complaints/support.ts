/**
 * What the complaints tests share: citizens signed in for real (phone OTP through local Auth, code read
 * from the dev SMS inbox), a service-role client standing in for staff, and small photo files.
 */
import assert from "node:assert/strict";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { API_URL, INBOX_URL } from "@/supabase/local/config.ts";
import { ANON_KEY, SERVICE_ROLE_KEY } from "@/supabase/local/keys.ts";
import { toAsciiDigits } from "@/lib/i18n/format.ts";
import { userFromClaims, type UserSession } from "@/lib/auth/session.ts";

const NO_SESSION = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } as const;

/** Staff's side of the tests: the service role (staff pages come in a later issue). */
export const staff: SupabaseClient = createClient(API_URL, SERVICE_ROLE_KEY, { auth: NO_SESSION });

export function randomPhone(): string {
  return `+88017${String(crypto.getRandomValues(new Uint32Array(1))[0] % 1e8).padStart(8, "0")}`;
}

/** The newest code the dev inbox holds for `phone` sent at or after `after`, waiting briefly for it. */
export async function codeFromInbox(phone: string, after: Date): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${INBOX_URL}/api/messages?${new URLSearchParams({ to: phone })}`);
    const messages: { body: string; sent_at: string }[] = await response.json();
    const newest = messages.find((message) => new Date(message.sent_at) >= after);
    const code = newest && /\d{6}/.exec(toAsciiDigits(newest.body))?.[0];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no code reached the inbox for ${phone}`);
}

export interface Citizen {
  phone: string;
  session: UserSession;
}

/** A new citizen, signed in with a one-time code the way the app does it. */
export async function signUpCitizen(): Promise<Citizen> {
  const phone = randomPhone();
  const auth = createClient(API_URL, ANON_KEY, { auth: NO_SESSION }).auth;
  const sentAfter = new Date(Date.now() - 1000);
  const sent = await auth.signInWithOtp({ phone });
  assert.equal(sent.error, null, sent.error?.message);
  const { data, error } = await auth.verifyOtp({
    phone,
    token: await codeFromInbox(phone, sentAfter),
    type: "sms",
  });
  assert.equal(error, null, error?.message);
  const claims = await auth.getClaims(data.session!.access_token);
  const user = userFromClaims(claims.data!.claims as Parameters<typeof userFromClaims>[0]);
  assert.ok(user);
  return { phone, session: { user, accessToken: data.session!.access_token } };
}

let shared: Promise<[Citizen, Citizen]> | undefined;
/**
 * Citizens A and B, signed up once per test process and shared by the complaints tests (sign-ups are
 * rate-limited per address, like Supabase's). Tests give each complaint its own data.
 */
export function sharedCitizens(): Promise<[Citizen, Citizen]> {
  return shared ??= Promise.all([signUpCitizen(), signUpCitizen()]);
}

/** A spot in Bangladesh of its own for each test, so "nearby" finds only what that test filed there. */
export function randomSpot(): { latitude: number; longitude: number } {
  const [a, b] = crypto.getRandomValues(new Uint32Array(2));
  return { latitude: 21 + (a % 500_000) / 100_000, longitude: 89 + (b % 300_000) / 100_000 };
}

/** A few bytes that start like a JPEG, different every call (enough for Storage; not a viewable image). */
export function jpegBytes(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(64);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  crypto.getRandomValues(bytes.subarray(4));
  return bytes;
}

/** Moves a complaint on as staff would. */
export async function setStatus(id: string, status: string, rejectionReason?: string): Promise<void> {
  const { error } = await staff.from("complaints").update({
    status,
    rejection_reason: rejectionReason ?? null,
  })
    .eq("id", id);
  assert.equal(error, null, error?.message);
}
