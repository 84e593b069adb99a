/**
 * What the staff tests share: staff members of their own (a new phone signed in with its SMS code, then
 * given a role and wards by the service role as an operator would, and the token renewed so the role is in
 * it), complaints filed and moved on by the service role, and a count of complaints from scratch to check
 * the dashboard against.
 */
import assert from "node:assert/strict";
import type { AppRole, UserSession } from "@/lib/auth/session.ts";
import { COMPLAINT_STATUSES, type ComplaintStatus, OPEN_STATUSES } from "@/lib/complaints/model.ts";
import {
  addToHistogram,
  BUCKET_UPPER_HOURS,
  emptyHistogram,
  percentile,
} from "@/lib/staff/resolution_histogram.ts";
import { dhakaToday } from "@/lib/staff/dashboard_query.ts";
import { randomPhone } from "../../devstack/testing/auth.ts";
import { staff } from "../complaints/support.ts";
import { newStaff } from "./support.ts";

export { staff };

export interface StaffMember {
  id: string;
  session: UserSession;
  /** Both tokens, for a browser's cookies. */
  refreshToken: string;
}

/** A new staff member with `role`, posted to `wards`, signed in with the role in their token. */
export async function newStaffMember(
  role: Exclude<AppRole, "citizen">,
  wards: number[] = [],
): Promise<StaffMember> {
  const { id, appSession, session } = await newStaff(role, wards);
  return { id, session: appSession, refreshToken: session.refresh_token };
}

/** Both of `member`'s tokens, as a browser holds them after signing in (tests/support/browser.ts). */
export function memberTokens(member: StaffMember): { accessToken: string; refreshToken: string } {
  return { accessToken: member.session.accessToken, refreshToken: member.refreshToken };
}

/** A complaint filed now in `ward` by a new citizen (through the service role); its id. */
export async function fileComplaint(ward: number, category = "roads"): Promise<string> {
  const citizen = await staff.auth.admin.createUser({ phone: randomPhone(), phone_confirm: true });
  assert.equal(citizen.error, null, citizen.error?.message);
  const { data, error } = await staff.from("complaints").insert({
    citizen_id: citizen.data.user!.id,
    title: "ড্যাশবোর্ড পরীক্ষার অভিযোগ",
    description: "পরীক্ষার জন্য জমা দেওয়া অভিযোগ, ড্যাশবোর্ডের সংখ্যা দেখতে।",
    category,
    ward_id: ward,
    location: "পরীক্ষার জায়গা",
  }).select("id").single();
  assert.equal(error, null, error?.message);
  return data!.id;
}

/** Changes a complaint as staff would, through the service role. */
export async function updateComplaint(id: string, change: Record<string, unknown>): Promise<void> {
  const { error } = await staff.from("complaints").update(change).eq("id", id);
  assert.equal(error, null, error?.message);
}

export async function removeComplaints(ids: string[]): Promise<void> {
  const { error } = await staff.from("complaints").delete().in("id", ids);
  assert.equal(error, null, error?.message);
}

interface ComplaintRow {
  ward_id: number | null;
  category: string;
  status: ComplaintStatus;
  created_at: string;
  resolved_at: string | null;
  deadline_at: string | null;
  reopened_count: number;
}

/** Every complaint (or those of `wards`, or assigned to `assignee`), read by the service role page by page. */
export async function complaintsFromScratch(
  { wards, assignee }: { wards?: number[]; assignee?: string } = {},
): Promise<ComplaintRow[]> {
  const rows: ComplaintRow[] = [];
  for (let page = 0;; page++) {
    let query = staff.from("complaints")
      .select("ward_id, category, status, created_at, resolved_at, deadline_at, reopened_count");
    if (wards) query = query.in("ward_id", wards);
    if (assignee) query = query.eq("assigned_to", assignee);
    const { data, error } = await query.order("id").range(page * 1000, page * 1000 + 999);
    assert.equal(error, null, error?.message);
    rows.push(...data as ComplaintRow[]);
    if (data!.length < 1000) return rows;
  }
}

const dhakaDay = (at: string) => dhakaToday(new Date(at));
const HOUR_MS = 60 * 60 * 1000;

/** The dashboard's headline figures counted straight from complaints, as the triggers define them. */
export function countFromScratch(rows: ComplaintRow[], from: string, to: string) {
  const today = dhakaToday();
  const inPeriod = (at: string | null) => at !== null && dhakaDay(at) >= from && dhakaDay(at) <= to;
  const received = rows.filter((row) => inPeriod(row.created_at));
  const resolved = rows.filter((row) =>
    ["resolved", "closed"].includes(row.status) && inPeriod(row.resolved_at)
  );
  const open = rows.filter((row) => OPEN_STATUSES.includes(row.status));
  const histogram = emptyHistogram();
  for (const row of resolved) {
    const hours = (Date.parse(row.resolved_at!) - Date.parse(row.created_at)) / HOUR_MS;
    const bucket = BUCKET_UPPER_HOURS.findIndex((bound) => hours <= bound);
    addToHistogram(histogram, bucket === -1 ? 12 : bucket + 1, 1);
  }
  return {
    received: received.length,
    reopened: received.filter((row) => row.reopened_count > 0).length,
    resolved: resolved.length,
    resolvedOnTime: resolved.filter((row) => row.deadline_at === null || row.resolved_at! <= row.deadline_at)
      .length,
    open: open.length,
    overdue: open.filter((row) => row.deadline_at !== null && dhakaDay(row.deadline_at) < today).length,
    p50: percentile(histogram, 0.5),
    p90: percentile(histogram, 0.9),
    statuses: COMPLAINT_STATUSES.map((status) => ({
      status,
      complaints: rows.filter((row) => row.status === status).length,
    })),
  };
}
