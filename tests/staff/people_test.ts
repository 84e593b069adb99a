/**
 * Staff management through the app's pages, in-process against the local stack, as real signed-in people:
 * a super admin finds someone by phone, gives them a role and wards, and the change reaches that person's
 * next token without the app holding any service-role key; nobody changes their own role; everyone but super
 * admins is turned away; the database's refusals come back in Bengali next to the form.
 */
import assert from "node:assert/strict";
import { displayPhone } from "@/lib/phone.ts";
import { type Person as ListedPerson, saveStaffChange } from "@/lib/staff/people.ts";
import { page, type Person, request, sessionOf, signUp, staffRecord } from "./support.ts";

/** The form's fields for `role` and `wards`. */
function roleForm(role: string, wards: number[] = []): [string, string][] {
  return [["role", role], ...wards.map((ward): [string, string] => ["wards", String(ward)])];
}

/** A person as the staff pages read them, for calling the library as a page would. */
function asListed(person: Person, role: ListedPerson["role"], wards: number[]): ListedPerson {
  return { id: person.id, full_name: person.name, phone: person.phone, role, wards };
}

Deno.test("a super admin finds a person by phone, posts them as ward admin to two wards, and their next token says so", async () => {
  const [boss, rahima] = await Promise.all([
    signUp("সুপার অ্যাডমিন শিরিন", "super_admin"),
    signUp("রহিমা খাতুন"),
  ]);

  // Found by the number typed the way people write it: national form, a dash, Bengali digits.
  const typed = displayPhone(rahima.phone, "bn");
  const search = await page(`/admin/staff?${new URLSearchParams({ phone: typed })}`, boss);
  assert.equal(search.status, 200);
  assert.ok(search.html.includes("এই নম্বরের অ্যাকাউন্ট:"));
  assert.ok(search.html.includes(`href="/admin/staff/${rahima.id}"`));
  assert.ok(search.html.includes("রহিমা খাতুন"));
  assert.ok(search.html.includes("নাগরিক"));

  const form = await page(`/admin/staff/${rahima.id}`, boss);
  assert.equal(form.status, 200);
  assert.match(form.html, /<form method="post" action="\/admin\/staff\/[0-9a-f-]{36}"/);
  assert.match(form.html, /type="radio" name="role" value="citizen" checked/);
  assert.equal(form.html.match(/type="checkbox" name="wards"/g)?.length, 129);
  assert.ok(form.html.includes("টোকেন নবায়নের সময়, অর্থাৎ এক ঘণ্টার মধ্যে"), "says when the change arrives");

  const saved = await request(`/admin/staff/${rahima.id}`, boss, roleForm("ward_admin", [19, 12]));
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get("location"), `/admin/staff/${rahima.id}?done=saved`);
  const after = await page(saved.headers.get("location")!, boss);
  assert.ok(after.html.includes("সংরক্ষণ করা হয়েছে।"));
  assert.ok(after.html.includes("ঢাকা উত্তর সিটি কর্পোরেশনের ওয়ার্ড ১২"));
  assert.ok(after.html.includes("ঢাকা উত্তর সিটি কর্পোরেশনের ওয়ার্ড ১৯"));
  assert.match(after.html, /type="radio" name="role" value="ward_admin" checked/);
  assert.deepEqual(await staffRecord(rahima.id), { role: "ward_admin", wards: [12, 19] });

  // Her current token is as it was; the next one Auth issues carries the role and the wards.
  assert.equal((await page("/admin", rahima)).status, 403);
  const { data: renewed, error } = await rahima.client.auth.refreshSession();
  assert.equal(error, null);
  const { data: claims } = await rahima.client.auth.getClaims(renewed.session!.access_token);
  assert.deepEqual(claims!.claims.app_metadata, {
    provider: "phone",
    providers: ["phone"],
    role: "ward_admin",
    wards: [12, 19],
  });
  const wardAdmin = { ...rahima, accessToken: renewed.session!.access_token };
  assert.equal((await page("/admin", wardAdmin)).status, 200);

  // The staff list finds her by role and ward, and not in a ward she is not posted to.
  const listed = await page("/admin/staff?role=ward_admin&ward=19", boss);
  assert.ok(listed.html.includes(`href="/admin/staff/${rahima.id}"`));
  const elsewhere = await page("/admin/staff?role=ward_admin&ward=20", boss);
  assert.ok(!elsewhere.html.includes(`href="/admin/staff/${rahima.id}"`));

  // One posting ended, the role changed; then the role taken away, postings with it.
  const moved = await request(`/admin/staff/${rahima.id}`, boss, roleForm("service_provider", [19]));
  assert.equal(moved.status, 303);
  assert.deepEqual(await staffRecord(rahima.id), { role: "service_provider", wards: [19] });
  const same = await request(`/admin/staff/${rahima.id}`, boss, roleForm("service_provider", [19]));
  assert.equal(same.headers.get("location"), `/admin/staff/${rahima.id}?done=unchanged`);
  const taken = await request(`/admin/staff/${rahima.id}`, boss, roleForm("citizen", [19]));
  assert.equal(taken.status, 303);
  assert.deepEqual(await staffRecord(rahima.id), { role: null, wards: [] });
});

Deno.test("a super admin cannot change their own role: the database refuses, the page says so, nothing changes", async () => {
  const boss = await signUp("সুপার অ্যাডমিন কামাল", "super_admin");
  const own = await page(`/admin/staff/${boss.id}`, boss);
  assert.ok(own.html.includes("এটি আপনার নিজের অ্যাকাউন্ট।"), "warned before trying");

  for (const [role, wards] of [["citizen", []], ["ward_admin", [12]]] as const) {
    const refused = await request(`/admin/staff/${boss.id}`, boss, roleForm(role, [...wards]));
    assert.equal(refused.status, 403);
    const html = await refused.text();
    assert.match(
      html,
      /role="alert"[^>]*>আপনি নিজের ভূমিকা বা ওয়ার্ড বদলাতে পারেন না: ডাটাবেস পরিবর্তনটি ফিরিয়ে দিয়েছে, কিছুই বদলায়নি।/,
    );
    assert.match(html, new RegExp(`type="radio" name="role" value="${role}" checked`), "the choice is kept");
    assert.deepEqual(await staffRecord(boss.id), { role: "super_admin", wards: [] });
  }
  const { data: audit } = await boss.client.from("audit_log").select("action")
    .eq("subject_id", boss.id).eq("actor_id", boss.id);
  assert.deepEqual(audit, [], "nothing reached the audit log either");
});

Deno.test("mistakes and stale pages come back in Bengali next to the form, with what was chosen kept", async () => {
  const [boss, karim] = await Promise.all([signUp("সুপার অ্যাডমিন নাসরিন", "super_admin"), signUp("করিম মিয়া")]);

  const noWard = await request(`/admin/staff/${karim.id}`, boss, roleForm("ward_admin"));
  assert.equal(noWard.status, 422);
  assert.match(
    await noWard.text(),
    /id="field-wards-error"[^>]*>ওয়ার্ড প্রশাসক ও সেবা প্রদানকারীকে অন্তত একটি ওয়ার্ডে পোস্টিং দিন।/,
  );
  const unknown = await request(`/admin/staff/${karim.id}`, boss, roleForm("emperor", [999]));
  assert.equal(unknown.status, 422);
  assert.match(await unknown.text(), /id="field-role-error"[^>]*>তালিকা থেকে একটি ভূমিকা বেছে নিন।/);
  assert.deepEqual(await staffRecord(karim.id), { role: null, wards: [] });

  // A page opened before someone else took the role away: refused, not overwritten, nothing half-done.
  const stale = asListed(karim, "ward_admin", []);
  assert.deepEqual(await saveStaffChange(sessionOf(boss), stale, { role: "ward_admin", wards: [12] }), {
    kind: "refused",
    status: 409,
    error: "staff_admin.error.changed_meanwhile",
  });
  assert.deepEqual(await staffRecord(karim.id), { role: null, wards: [] });

  assert.equal((await page(`/admin/staff/${crypto.randomUUID()}`, boss)).status, 404);
  assert.equal((await page("/admin/staff/not-a-person", boss)).status, 404);
  const invalid = await page("/admin/staff?phone=12345", boss);
  assert.match(invalid.html, /id="field-phone-error"/);
  const nobody = await page("/admin/staff?phone=01399999999", boss);
  assert.ok(nobody.html.includes("০১৩৯৯-৯৯৯৯৯৯ নম্বরে কোনো অ্যাকাউন্ট নেই।"));
});

Deno.test("ward admins and citizens are turned away from staff management and the audit log", async () => {
  const [wardAdmin, citizen, target] = await Promise.all([
    signUp("ওয়ার্ড অ্যাডমিন জসিম", "ward_admin", [12]),
    signUp("নাগরিক সুমি"),
    signUp("নাগরিক তানিয়া"),
  ]);
  for (const person of [wardAdmin, citizen]) {
    for (const path of ["/admin/staff", `/admin/staff/${target.id}`, "/admin/audit"]) {
      const refused = await page(path, person);
      assert.equal(refused.status, 403, `${path} for ${person.name}`);
      assert.ok(
        refused.html.includes(
          person === citizen ? "এই পাতা শুধু সিটি কর্পোরেশনের কর্মীদের জন্য।" : "এই পাতা শুধু সুপার অ্যাডমিনদের জন্য।",
        ),
      );
    }
    const posted = await request(`/admin/staff/${target.id}`, person, roleForm("super_admin"));
    assert.equal(posted.status, 403);
    await posted.body?.cancel();
  }
  assert.deepEqual(await staffRecord(target.id), { role: null, wards: [] });
  const visitor = await request("/admin/staff", null);
  assert.equal(visitor.status, 303);
  assert.equal(visitor.headers.get("location"), "/login?next=%2Fadmin%2Fstaff");
});
