/** What the notification tests share: staff changing a complaint the way the workspace page does. */
import assert from "node:assert/strict";
import { userClient } from "@/lib/supabase.ts";
import type { Person } from "../staff/support.ts";

/** `staff` moves the complaint to `status` at its current version (public.staff_update_complaint). */
export async function staffUpdate(staff: Person, complaintId: string, status: string): Promise<void> {
  const client = userClient(staff.accessToken);
  const { data, error } = await client.from("complaints").select("version").eq("id", complaintId).single();
  assert.equal(error, null, error?.message);
  const update = await client.rpc("staff_update_complaint", {
    complaint_id: complaintId,
    seen_version: data!.version,
    status,
  });
  assert.equal(update.error, null, update.error?.message);
}
