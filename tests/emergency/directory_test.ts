/**
 * A ward admin keeps their ward's emergency numbers and duty phone from /admin/emergency: a contact they
 * add shows on the public page for that ward as a tel: link; a wrong mobile number is refused in Bengali.
 */
import assert from "node:assert/strict";
// Before devstack/testing: the app's modules (through the staff support) load the stack's keys themselves.
import { operator, page, request, signUp } from "../staff/support.ts";

const WARD = 37;

Deno.test("a ward admin adds a contact and sets the duty phone; bad numbers are refused", async () => {
  const admin = await signUp("ওয়ার্ড অ্যাডমিন ডিরেক্টরি", "ward_admin", [WARD]);
  const name = `পরীক্ষা হাসপাতাল ${crypto.randomUUID().slice(0, 6)}`;
  try {
    const added = await request(`/admin/emergency?ward=${WARD}`, admin, [
      ["action", "add"],
      ["kind", "hospital"],
      ["name_bn", name],
      ["name_en", "Test hospital"],
      ["phone", "+৮৮০২৯০০০০০০"],
    ]);
    assert.equal(added.status, 303);
    const { html } = await page(`/emergency?ward=${WARD}`, null);
    assert.match(html, new RegExp(`<a href="tel:\\+88029000000"[^>]*>.*?${name}`));

    const badPhone = await request(`/admin/emergency?ward=${WARD}`, admin, [["action", "duty"], [
      "phone",
      "12345",
    ]]);
    assert.equal(badPhone.status, 422);
    assert.ok((await badPhone.text()).includes("বাংলাদেশের মোবাইল নম্বর দিন"));
    const duty = await request(`/admin/emergency?ward=${WARD}`, admin, [["action", "duty"], [
      "phone",
      "০১৮১১-৩৭৩৭৩৭",
    ]]);
    assert.equal(duty.status, 303);
    const { data } = await operator.from("ward_duty_phones").select("phone").eq("ward_id", WARD).single()
      .throwOnError();
    assert.equal(data!.phone, "+8801811373737");
  } finally {
    await operator.from("emergency_contacts").delete().eq("name_bn", name);
  }
});

const contactForm = (fields: Record<string, string>) => Object.entries(fields);

Deno.test("a ward admin changes their ward's contact, but not another ward's nor a national number", async () => {
  const admin = await signUp("ওয়ার্ড অ্যাডমিন সম্পাদনা", "ward_admin", [WARD]);
  const tag = crypto.randomUUID().slice(0, 6);
  const { data: rows } = await operator.from("emergency_contacts").insert([
    { ward_id: WARD, kind: "police_station", name_bn: `থানা ${tag}`, name_en: "Police", phone: "+88029111111" },
    { ward_id: WARD + 1, kind: "hospital", name_bn: `অন্য ${tag}`, name_en: "Other", phone: "+88029222222" },
    { ward_id: null, kind: "national", name_bn: `জাতীয় ${tag}`, name_en: "National", phone: "9991" },
  ]).select("id, ward_id").throwOnError();
  const [own, other, national] = rows!;
  try {
    const edit = (id: number, ward: string) =>
      request(
        `/admin/emergency?ward=${ward}`,
        admin,
        contactForm({
          action: "edit",
          id: String(id),
          kind: "fire_station",
          name_bn: `নতুন নাম ${tag}`,
          name_en: "Renamed",
          phone: "০২-৯১১১১১২",
          address_bn: "মিরপুর ১০",
        }),
      );
    assert.equal((await edit(own.id, String(WARD))).status, 303);
    const { data: changed } = await operator.from("emergency_contacts")
      .select("kind, name_bn, phone, address_bn").eq("id", own.id).single().throwOnError();
    assert.deepEqual(changed, {
      kind: "fire_station",
      name_bn: `নতুন নাম ${tag}`,
      phone: "029111112",
      address_bn: "মিরপুর ১০",
    });
    const form = await page(`/admin/emergency?ward=${WARD}`, admin);
    assert.ok(form.html.includes(`value="নতুন নাম ${tag}"`), "the edit form shows what is stored");

    const refused = await edit(other.id, String(WARD));
    assert.equal(refused.status, 403);
    assert.ok((await refused.text()).includes("এই ওয়ার্ডের তথ্য বদলানোর অনুমতি আপনার নেই"));
    assert.equal((await edit(national.id, "city")).status, 403, "a ward admin has no national page");
    const { data: untouched } = await operator.from("emergency_contacts").select("name_bn")
      .in("id", [other.id, national.id]).order("id").throwOnError();
    assert.deepEqual(untouched!.map((row) => row.name_bn), [`অন্য ${tag}`, `জাতীয় ${tag}`]);
  } finally {
    await operator.from("emergency_contacts").delete().in("id", [own.id, other.id, national.id]);
  }
});

Deno.test("a super admin keeps the national numbers: adds, changes and removes one", async () => {
  const boss = await signUp("সুপার অ্যাডমিন জাতীয় নম্বর", "super_admin");
  const name = `জাতীয় হেল্পলাইন ${crypto.randomUUID().slice(0, 6)}`;
  try {
    const listed = await page("/admin/emergency?ward=city", boss);
    assert.equal(listed.status, 200);
    assert.ok(listed.html.includes('href="tel:999"'), "the national numbers are listed, 999 first");
    assert.ok(!listed.html.includes('name="kind"'), "a national number has no kind to pick");

    const added = await request(
      "/admin/emergency?ward=city",
      boss,
      contactForm({ action: "add", name_bn: name, name_en: "Test helpline", phone: "১০৯৯" }),
    );
    assert.equal(added.status, 303);
    assert.equal(added.headers.get("location"), "/admin/emergency?ward=city&saved=1");
    const { data: row } = await operator.from("emergency_contacts").select("id, ward_id, kind, phone")
      .eq("name_bn", name).single().throwOnError();
    assert.deepEqual({ ward_id: row!.ward_id, kind: row!.kind, phone: row!.phone }, {
      ward_id: null,
      kind: "national",
      phone: "1099",
    });

    const changed = await request(
      "/admin/emergency?ward=city",
      boss,
      contactForm({
        action: "edit",
        id: String(row!.id),
        name_bn: name,
        name_en: "Test helpline",
        phone: "1098",
      }),
    );
    assert.equal(changed.status, 303);
    const { data: after } = await operator.from("emergency_contacts").select("phone").eq("id", row!.id)
      .single().throwOnError();
    assert.equal(after!.phone, "1098");

    const bad = await request(
      "/admin/emergency?ward=city",
      boss,
      contactForm({ action: "edit", id: String(row!.id), name_bn: name, name_en: "x", phone: "call me" }),
    );
    assert.equal(bad.status, 422);
    assert.ok((await bad.text()).includes("ফোন নম্বর শুধু অঙ্কে লিখুন"));

    const removed = await request(
      "/admin/emergency?ward=city",
      boss,
      contactForm({ action: "remove", id: String(row!.id) }),
    );
    assert.equal(removed.status, 303);
    const { count } = await operator.from("emergency_contacts").select("id", { count: "exact", head: true })
      .eq("name_bn", name);
    assert.equal(count, 0);
  } finally {
    await operator.from("emergency_contacts").delete().eq("name_bn", name);
  }
});
