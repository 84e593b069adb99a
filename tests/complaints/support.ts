/**
 * What the complaints tests share: citizens signed in for real (devstack/testing/auth.ts: phone OTP through
 * local Auth, code read from the dev SMS inbox), a service-role client standing in for staff, and small
 * photo files.
 */
import assert from "node:assert/strict";
import type { SupabaseClient } from "@supabase/supabase-js";
import { userFromClaims, type UserSession } from "@/lib/auth/session.ts";
import { serviceRoleClient, signInWithPhone } from "../../devstack/testing/auth.ts";

/** Staff's side of the tests: the service role (staff pages come in a later issue). */
export const staff: SupabaseClient = serviceRoleClient();

export interface Citizen {
  phone: string;
  session: UserSession;
}

/** The fields of a complaint as the new-complaint form posts them, without photos. */
export const COMPLAINT_FIELDS = {
  category: "waste_management",
  title: "ডাস্টবিন উপচে পড়ছে",
  description: "গলির মুখের ডাস্টবিন দুই দিন খালি হয়নি, ময়লা রাস্তায় পড়ছে।",
  ward_id: "7",
  location: "গলির মুখ, বাজারের পাশে",
};

/**
 * The new-complaint form as a browser without JavaScript posts it (multipart): COMPLAINT_FIELDS with a new
 * request id, `fields` over them, and `photos` as JPEG files.
 */
export function complaintForm(
  fields: Record<string, string> = {},
  photos: Uint8Array<ArrayBuffer>[] = [],
): FormData {
  const form = new FormData();
  const values = { client_request_id: crypto.randomUUID(), ...COMPLAINT_FIELDS, ...fields };
  for (const [name, value] of Object.entries(values)) form.set(name, value);
  photos.forEach((bytes, i) =>
    form.append("photos", new File([bytes], `IMG_${i}.jpg`, { type: "image/jpeg" }))
  );
  return form;
}

/** A new citizen, signed in with a one-time code the way the app does it. */
export async function signUpCitizen(): Promise<Citizen> {
  const { phone, client, accessToken } = await signInWithPhone();
  const claims = await client.auth.getClaims(accessToken);
  const user = userFromClaims(claims.data!.claims as Parameters<typeof userFromClaims>[0]);
  assert.ok(user);
  return { phone, session: { user, accessToken } };
}

let shared: Promise<[Citizen, Citizen]> | undefined;
/**
 * Citizens A and B, signed up once per test process and shared by the complaints tests (each sign-up is
 * an SMS round trip). Tests give each complaint its own data.
 */
export function sharedCitizens(): Promise<[Citizen, Citizen]> {
  return shared ??= Promise.all([signUpCitizen(), signUpCitizen()]);
}

/** A spot in Bangladesh of its own for each test, so "nearby" finds only what that test filed there. */
export function randomSpot(): { latitude: number; longitude: number } {
  const [a, b] = crypto.getRandomValues(new Uint32Array(2));
  return { latitude: 21 + (a % 500_000) / 100_000, longitude: 89 + (b % 300_000) / 100_000 };
}

/**
 * A few bytes laid out like a JPEG (start, an APP0 segment, then the image data), different every call:
 * enough for Storage and the server's checks; not a viewable image.
 */
export function jpegBytes(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(64);
  crypto.getRandomValues(bytes);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0, 14]);
  bytes.set([0xff, 0xda], 18);
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
