/**
 * What the staff tests share: staff signed in for real (devstack/testing/auth.ts) and given their role and
 * wards the way an operator would (the service role writing staff_roles and ward_postings), complaints
 * filed by a resident of their own, and the page queries that read the queue's HTML.
 */
import assert from "node:assert/strict";
import { toAsciiDigits } from "@/lib/i18n/format.ts";
import { randomPhone } from "../../devstack/testing/auth.ts";
import { makeStaff, newStaff, operator, type StaffRole } from "./support.ts";

export { makeStaff, operator };

export interface SignedInStaff {
  id: string;
  phone: string;
  accessToken: string;
}

/** A new person signed in with an SMS code, made staff, with the access token Auth issues next. */
export async function signUpStaff(
  role: StaffRole,
  wards: number[] = [],
  name?: string,
): Promise<SignedInStaff> {
  const { id, phone, accessToken } = await newStaff(role, wards, name);
  return { id, phone, accessToken };
}

export interface NewComplaint {
  title: string;
  ward_id: number;
  category?: string;
  priority?: "low" | "medium" | "high";
  assigned_to?: string;
  created_at?: string;
}

/** Complaints filed by a new resident (inserted by the operator); returns their tracking numbers in order. */
export async function fileComplaints(complaints: NewComplaint[]): Promise<string[]> {
  const { data: resident, error } = await operator.auth.admin.createUser({
    phone: randomPhone(),
    phone_confirm: true,
  });
  assert.equal(error, null, error?.message);
  const { data, error: insertError } = await operator.from("complaints").insert(
    complaints.map((complaint) => ({
      citizen_id: resident.user!.id,
      description: `${complaint.title}: কয়েক দিন ধরে এই সমস্যা চলছে।`,
      category: "cleanliness",
      priority: "medium",
      location: "প্রধান সড়কের পাশে",
      ...complaint,
    })),
  ).select("tracking_number");
  assert.equal(insertError, null, insertError?.message);
  return data!.map((row) => row.tracking_number);
}

/** A word no other complaint has, to find a test's own complaints by. */
export function marker(): string {
  const letters = "কখগঘচছজঝটঠডঢতথদধনপফবভমযরলশসহ";
  return `কিউ${
    Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => letters[byte % letters.length]).join("")
  }`;
}

/** The tracking numbers the queue page lists, in order. */
export function listed(html: string): string[] {
  return [...html.matchAll(/data-complaint="([^"]+)"/g)].map((match) => match[1]);
}

/** The count on a status tab ("all", "open" or a status). */
export function tabCount(html: string, tab: string): number {
  const match = new RegExp(`data-status="${tab}"[^>]*>[^<]*<span[^>]*>([^<]+)</span>`).exec(html);
  assert.ok(match, `no ${tab} tab`);
  return Number(toAsciiDigits(match[1]).replace(/,/g, ""));
}

/** The "next page" link's target, or null on the last page. */
export function nextPage(html: string): string | null {
  const href = /<a href="([^"]+)" rel="next"/.exec(html)?.[1];
  return href ? href.replaceAll("&amp;", "&") : null;
}
