/**
 * The citizen a bench works as: a new phone signed in with its SMS code (devstack/testing/auth.ts) that has
 * filed one complaint through `submit_complaint`, as the app files them, for the signed-in pages and the
 * tracking page. Needs the local stack.
 */
// The app's module first: its settings load the local stack's keys before the test helpers do.
import { userFromClaims, type UserSession } from "../lib/auth/session.ts";
import { type SignedInUser, signInWithPhone, supabaseClient } from "../devstack/testing/auth.ts";

/** What the bench complaint says unless a bench says otherwise. */
const BENCH_COMPLAINT = {
  category: "cleanliness",
  title: "মোড়ে ময়লার স্তূপ",
  description: "মোড়ের পাশে কয়েক দিন ধরে ময়লা জমে আছে।",
  location: "মিরপুর ১০",
  ward_id: 1,
};

/** A new signed-in citizen and the complaint they filed (`complaint` overrides its fields); throws if refused. */
export async function citizenWithComplaint(
  complaint: Partial<typeof BENCH_COMPLAINT> = {},
): Promise<{ citizen: SignedInUser; filed: { id: string; tracking_number: string } }> {
  const citizen = await signInWithPhone();
  const { data, error } = await citizen.client.rpc("submit_complaint", {
    client_request_id: crypto.randomUUID(),
    ...BENCH_COMPLAINT,
    ...complaint,
  }).single<{ id: string; tracking_number: string }>();
  if (error) throw new Error(`filing the bench complaint failed: ${error.message}`);
  return { citizen, filed: data };
}

/** The seed's demo citizen (+8801700000000, code 123456) as the app's session, for benches of their pages. */
export async function demoCitizenSession(): Promise<UserSession> {
  const client = supabaseClient();
  // Auth sends the demo number no SMS (a test code), but a code must be asked for first (once a minute).
  const asked = await client.auth.signInWithOtp({ phone: "+8801700000000" });
  if (asked.error) {
    throw new Error(`asking for the demo code failed (try again in a minute): ${asked.error.message}`);
  }
  const { data, error } = await client.auth.verifyOtp({
    phone: "+8801700000000",
    token: "123456",
    type: "sms",
  });
  if (error || !data.session) throw new Error(`demo sign-in failed: ${error?.message}`);
  const { data: claims } = await client.auth.getClaims(data.session.access_token);
  return {
    user: userFromClaims(claims!.claims as Parameters<typeof userFromClaims>[0])!,
    accessToken: data.session.access_token,
  };
}
