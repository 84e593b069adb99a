/**
 * The citizen a bench works as: a new phone signed in with its SMS code (devstack/testing/auth.ts) that has
 * filed one complaint through `submit_complaint`, as the app files them, for the signed-in pages and the
 * tracking page. Needs the local stack.
 */
import { type SignedInUser, signInWithPhone } from "../devstack/testing/auth.ts";

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
