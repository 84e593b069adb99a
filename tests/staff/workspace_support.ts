/**
 * What the staff tests share: staff members signed in for real (phone OTP through local Auth) and then
 * given a role and wards the way a super admin would, by rows in staff_roles and ward_postings (written
 * here with the service role); their next token carries the role. And complaints filed by citizens
 * through the app's own repository, photos included.
 */
import type { AppRole, UserSession } from "@/lib/auth/session.ts";
import { submitComplaint, uploadPhoto } from "@/lib/complaints/repository.ts";
import { newStaff } from "./support.ts";
import type { Citizen } from "../complaints/support.ts";

/** Wards of these tests' own, away from the demo staff's (12 and 19). */
export const WARD = 40;
export const OTHER_WARD = 41;

export interface StaffMember {
  id: string;
  phone: string;
  session: UserSession;
}

/** A new person signed in, made staff with `role` in `wards`, with a token that says so. */
export async function signInStaff(
  role: Exclude<AppRole, "citizen">,
  wards: number[],
  fullName: string,
): Promise<StaffMember> {
  const { id, phone, appSession } = await newStaff(role, wards, fullName);
  return { id, phone, session: appSession };
}

/** A complaint `citizen` files in `ward`, with these JPEG photos; its id and tracking number. */
export async function fileComplaint(
  citizen: Citizen,
  ward: number,
  { title = "ড্রেন উপচে পড়ছে", photos = [] as Uint8Array<ArrayBuffer>[] } = {},
): Promise<{ id: string; tracking_number: string }> {
  const clientRequestId = crypto.randomUUID();
  const paths = [];
  for (const bytes of photos) {
    paths.push(await uploadPhoto(citizen.session, clientRequestId, { bytes, type: "image/jpeg" }));
  }
  return await submitComplaint(citizen.session, {
    clientRequestId,
    category: "waste_management",
    title,
    description: "বাজারের পাশের ড্রেন উপচে নোংরা পানি রাস্তায় উঠে আসছে।",
    location: "বাজারের পাশের গলি",
    latitude: 23.7806,
    longitude: 90.4193,
    wardId: ward,
  }, paths);
}
