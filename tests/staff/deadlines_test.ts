/**
 * Deadline targets (/admin/deadlines): super admins change the hours per category and priority, and a
 * complaint filed afterwards gets its deadline from the new target; others are turned away; bad numbers
 * come back next to their field in Bengali and change nothing.
 */
import assert from "node:assert/strict";
// Before devstack/testing: the app's modules (through the staff support) load the stack's keys themselves.
import { operator, page, request, signUp } from "./support.ts";
import { randomPhone } from "../../devstack/testing/auth.ts";

const FIELD = "hours:roads:high";

async function target(): Promise<number> {
  const { data } = await operator.from("sla_targets").select("hours").eq("category", "roads").eq(
    "priority",
    "high",
  )
    .single().throwOnError();
  return data!.hours;
}

Deno.test("a super admin changes a deadline target; new complaints follow it; others may not", async () => {
  const [boss, wardAdmin] = await Promise.all([
    signUp("সুপার অ্যাডমিন রেহানা", "super_admin"),
    signUp("ওয়ার্ড অ্যাডমিন কামাল", "ward_admin", [12]),
  ]);
  const before = await target();
  const form = (await page("/admin/deadlines", boss)).html;
  assert.match(form, new RegExp(`name="${FIELD}"`));

  const fields = [...form.matchAll(/name="(hours:[^"]+)"[^>]*value="([^"]*)"/g)].map(([, name, value]) => [
    name,
    value,
  ]) as [string, string][];
  const changed = fields.map(([name, value]): [string, string] => [name, name === FIELD ? "৩৭" : value]);
  try {
    const saved = await request("/admin/deadlines", boss, changed);
    assert.equal(saved.status, 303);
    assert.equal(await target(), 37);

    const { data: resident } = await operator.auth.admin.createUser({
      phone: randomPhone(),
      phone_confirm: true,
    });
    const { data: filed } = await operator.from("complaints").insert({
      citizen_id: resident.user!.id,
      title: "রাস্তায় গর্ত, জরুরি",
      description: "স্কুলের সামনে বড় গর্ত হয়েছে, রিকশা উল্টে যাচ্ছে।",
      category: "roads",
      priority: "high",
      ward_id: 12,
      location: "স্কুলের সামনে",
    }).select("created_at, deadline_at").single().throwOnError();
    assert.equal(Date.parse(filed!.deadline_at) - Date.parse(filed!.created_at), 37 * 3_600_000);

    const bad = await request(
      "/admin/deadlines",
      boss,
      changed.map(([name, value]) => [name, name === FIELD ? "০" : value]),
    );
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /১ থেকে ৮৭৬০ ঘণ্টার মধ্যে একটি পূর্ণ সংখ্যা লিখুন।/);
    assert.equal(await target(), 37, "nothing changed");

    assert.equal((await page("/admin/deadlines", wardAdmin)).status, 403);
    const refused = await request("/admin/deadlines", wardAdmin, changed);
    assert.equal(refused.status, 403);
    assert.equal(await target(), 37);
  } finally {
    await operator.from("sla_targets").update({ hours: before }).eq("category", "roads").eq(
      "priority",
      "high",
    )
      .throwOnError();
  }
});
