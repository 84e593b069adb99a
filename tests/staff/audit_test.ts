/**
 * The audit log page through the app, in-process against the local stack: the role and posting changes a
 * super admin makes through staff management, and a complaint moved on, each told in Bengali with who,
 * what, old → new and a link; filters in the URL (action, actor and subject by phone or tracking number,
 * ward, dates in Bangladesh time) and keyset pages that never repeat a row.
 */
import assert from "node:assert/strict";
import { displayPhone } from "@/lib/phone.ts";
import { page, request, signUp } from "./support.ts";

/** Today in Bangladesh, shifted by `days`, as a date field holds it (`2026-11-30`). */
function dhakaDate(days = 0): string {
  return new Date(Date.now() + days * 86_400_000 + 6 * 3_600_000).toISOString().slice(0, 10);
}

/** The audit rows a page lists, as the action codes they carry. */
function actions(html: string): string[] {
  return [...html.matchAll(/data-action="([a-z_.]+)"/g)].map((match) => match[1]);
}

const audit = (filters: Record<string, string>) => `/admin/audit?${new URLSearchParams(filters)}`;

Deno.test("the audit log tells each staff change in Bengali, and filters by action, person, ward and date", async () => {
  const [boss, nasima] = await Promise.all([
    signUp("সুপার অ্যাডমিন রাশেদ", "super_admin"),
    signUp("নাসিমা আক্তার"),
  ]);
  const save = async (role: string, wards: number[]) => {
    const form: [string, string][] = [
      ["role", role],
      ...wards.map((w): [string, string] => ["wards", String(w)]),
    ];
    const response = await request(`/admin/staff/${nasima.id}`, boss, form);
    assert.equal(response.status, 303);
  };
  await save("ward_admin", [12, 19]);
  await save("service_provider", [19]);
  await save("citizen", []);

  const about = await page(audit({ subject: displayPhone(nasima.phone, "bn") }), boss);
  assert.equal(about.status, 200);
  assert.deepEqual(actions(about.html), [
    "staff.unposted",
    "staff.role_taken",
    "staff.unposted",
    "staff.role_changed",
    "staff.posted",
    "staff.posted",
    "staff.role_given",
  ]);
  for (
    const sentence of [
      "ভূমিকা দিলেন: ওয়ার্ড প্রশাসক",
      "ওয়ার্ডে পোস্টিং দিলেন: ঢাকা উত্তর সিটি কর্পোরেশনের ওয়ার্ড ১২",
      "ভূমিকা বদলালেন: ওয়ার্ড প্রশাসক → সেবা প্রদানকারী",
      "ওয়ার্ডের পোস্টিং তুলে নিলেন: ঢাকা উত্তর সিটি কর্পোরেশনের ওয়ার্ড ১২",
      "ভূমিকা তুলে নিলেন: সেবা প্রদানকারী",
    ]
  ) assert.ok(about.html.includes(sentence), sentence);
  assert.ok(about.html.includes(`href="/admin/staff/${boss.id}"`), "who, linked to their page");
  assert.ok(about.html.includes("সুপার অ্যাডমিন রাশেদ"));
  assert.ok(about.html.includes(`href="/admin/staff/${nasima.id}"`), "whom, linked to their page");

  const posted = await page(audit({ subject: nasima.id, action: "staff.posted" }), boss);
  assert.deepEqual(actions(posted.html), ["staff.posted", "staff.posted"]);
  const staffArea = await page(audit({ subject: nasima.id, action: "staff" }), boss);
  assert.equal(actions(staffArea.html).length, 7);
  const ward12 = await page(audit({ subject: nasima.id, ward: "12" }), boss);
  assert.deepEqual(actions(ward12.html), ["staff.unposted", "staff.posted"]);
  const byBoss = await page(audit({ actor: boss.phone.replace("+88", "") }), boss);
  assert.equal(actions(byBoss.html).length, 7, "the actor by phone: the boss did these seven");
  const today = await page(audit({ subject: nasima.id, from: dhakaDate(), to: dhakaDate() }), boss);
  assert.equal(actions(today.html).length, 7);
  const tomorrow = await page(audit({ subject: nasima.id, from: dhakaDate(1) }), boss);
  assert.deepEqual(actions(tomorrow.html), []);
  assert.ok(tomorrow.html.includes("এই বাছাইয়ে কিছু পাওয়া যায়নি।"));
  const yesterday = await page(audit({ subject: nasima.id, to: dhakaDate(-1) }), boss);
  assert.deepEqual(actions(yesterday.html), []);
  assert.match(
    yesterday.html,
    new RegExp(`<input[^>]*value="${dhakaDate(-1)}"[^>]*name="to"`),
    "kept filled in",
  );
});

Deno.test("a complaint's status change reads old → new, found by its tracking number, linked to the complaint", async () => {
  const [boss, citizen] = await Promise.all([
    signUp("সুপার অ্যাডমিন মিতা", "super_admin"),
    signUp("নাগরিক হাসান"),
  ]);
  const { data: complaint, error } = await citizen.client.from("complaints").insert({
    title: "ড্রেন উপচে পড়ছে",
    description: "বাজারের পাশের ড্রেন দুই দিন ধরে উপচে পড়ছে।",
    category: "waste_management",
    ward_id: 12,
    location: "বাজারের পাশে",
  }).select("id, tracking_number, version").single();
  assert.equal(error, null, error?.message);
  const moved = await boss.client.rpc("staff_update_complaint", {
    complaint_id: complaint!.id,
    seen_version: complaint!.version,
    status: "in_progress",
    comment: "কর্মী পাঠানো হয়েছে",
    priority: "high",
  });
  assert.equal(moved.error, null, moved.error?.message);

  const found = await page(audit({ subject: complaint!.tracking_number.toLowerCase() }), boss);
  assert.deepEqual(actions(found.html), ["complaint.priority", "complaint.status"]);
  assert.ok(found.html.includes("অবস্থা: জমা দেওয়া হয়েছে → প্রক্রিয়াধীন"));
  assert.ok(found.html.includes("মন্তব্য: “কর্মী পাঠানো হয়েছে”"));
  assert.ok(found.html.includes("অগ্রাধিকার: মাঝারি → উচ্চ"));
  assert.ok(found.html.includes(`href="/admin/complaints/${complaint!.id}"`));
  assert.ok(found.html.includes(`অভিযোগ ${complaint!.tracking_number}`));
});

Deno.test("audit pages go back in time by id without repeating a row; bad filters are named, not guessed", async () => {
  const boss = await signUp("সুপার অ্যাডমিন তুহিন", "super_admin");
  const first = await page("/admin/audit", boss);
  const ids = (html: string) => [...html.matchAll(/<li [^>]*data-id="(\d+)"/g)].map((m) => Number(m[1]));
  const firstIds = ids(first.html);
  assert.equal(firstIds.length, 30);
  assert.deepEqual(firstIds, [...firstIds].sort((a, b) => b - a), "newest first");
  const older = /href="(\/admin\/audit\?before=(\d+))"/.exec(first.html.replaceAll("&amp;", "&"));
  assert.ok(older, "a link to older rows");
  assert.equal(Number(older[2]), firstIds.at(-1));
  const second = await page(older[1], boss);
  assert.ok(ids(second.html).every((id) => id < firstIds.at(-1)!));
  assert.match(second.html, /href="\/admin\/audit"[^>]*>সবচেয়ে নতুনে ফিরুন</, "a way back to the newest");

  const bad = await page(audit({ actor: "কেউ একজন", subject: "CC-22222222", from: "30/11/2026" }), boss);
  assert.equal(bad.status, 200);
  assert.match(bad.html, /id="field-actor-error"[^>]*>মোবাইল নম্বর বা আইডি চেনা যায়নি।/);
  assert.match(bad.html, /id="field-subject-error"[^>]*>এই ট্র্যাকিং নম্বরে কোনো অভিযোগ নেই।/);
  assert.match(bad.html, /id="field-from-error"/);
  assert.deepEqual(actions(bad.html), []);
});
