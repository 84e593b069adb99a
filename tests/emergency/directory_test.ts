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
