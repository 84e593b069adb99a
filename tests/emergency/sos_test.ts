/**
 * SOS through the app's pages: a citizen sends one for their ward; the row carries the ward's duty phone
 * and a Bengali SMS text; the ward's admin sees it on the SOS desk, acknowledges and closes it with an
 * outcome, which the sender's page shows; another ward's admin cannot touch it; a fourth SOS in 30
 * minutes and an unknown ward are refused in Bengali and send nothing.
 */
import assert from "node:assert/strict";
// Before devstack/testing: the app's modules (through the staff support) load the stack's keys themselves.
import { operator, page, request, signUp } from "../staff/support.ts";

const WARD = 35;
const OTHER_WARD = 36;

async function sosOf(citizenId: string) {
  const { data } = await operator.from("sos_reports").select("*").eq("citizen_id", citizenId)
    .order("created_at").throwOnError();
  return data!;
}

function sosForm(fields: Record<string, string>): [string, string][] {
  return Object.entries({ id: crypto.randomUUID(), latitude: "", longitude: "", details: "", ...fields });
}

Deno.test("an SOS reaches the ward's desk, is acknowledged and closed, and its sender sees each step", async () => {
  const [citizen, admin, otherAdmin] = await Promise.all([
    signUp("এসওএস প্রেরক"),
    signUp("ওয়ার্ড অ্যাডমিন এসওএস", "ward_admin", [WARD]),
    signUp("অন্য ওয়ার্ড অ্যাডমিন", "ward_admin", [OTHER_WARD]),
  ]);
  await operator.from("ward_duty_phones").upsert({ ward_id: WARD, phone: "+8801711003535" }).throwOnError();

  const form = await page("/emergency/sos", citizen);
  assert.equal(form.status, 200);
  assert.ok(form.html.includes("জীবনের ঝুঁকি থাকলে এখনই ৯৯৯ নম্বরে ফোন করুন"), "999 first, plainly");

  const fields = sosForm({ kind: "fire", ward_id: String(WARD), details: "দোতলায় আগুন, দুজন আটকে" });
  const sent = await request("/emergency/sos", citizen, fields);
  assert.equal(sent.status, 303);
  const [report] = await sosOf(citizen.id);
  assert.equal(sent.headers.get("location"), `/emergency/sos/${report.id}?sent=1`);
  assert.equal(report.duty_phone, "+8801711003535", "the SMS goes to the ward's duty phone");
  assert.match(report.sms_text_bn, /^জরুরি SOS: আগুন, ওয়ার্ড ৩৫। ফোন \+880/);
  const again = await request("/emergency/sos", citizen, fields);
  assert.equal(again.status, 303, "the same form sent twice (a double tap) …");
  assert.equal((await sosOf(citizen.id)).length, 1, "… is one SOS");

  const desk = await page("/admin/sos", admin);
  assert.ok(desk.html.includes(`id="sos-${report.id}"`), "the ward's admin sees it on the desk");
  assert.ok(
    !(await page("/admin/sos", otherAdmin)).html.includes(report.id),
    "another ward's admin does not",
  );
  const openIds = async (who: typeof admin) =>
    (await (await request("/api/sos/open", who)).json()).map((item: { id: string }) => item.id);
  assert.ok((await openIds(admin)).includes(report.id), "the live alert's list has it");
  assert.ok(!(await openIds(otherAdmin)).includes(report.id), "not another ward's");

  const refused = await request("/admin/sos", otherAdmin, [["id", report.id], ["action", "acknowledge"]]);
  assert.equal(refused.status, 409);
  const acknowledged = await request("/admin/sos", admin, [["id", report.id], ["action", "acknowledge"]]);
  assert.equal(acknowledged.status, 303);
  const noOutcome = await request("/admin/sos", admin, [["id", report.id], ["action", "close"], [
    "outcome",
    "",
  ]]);
  assert.equal(noOutcome.status, 422);
  assert.ok((await noOutcome.text()).includes("বন্ধ করতে ফলাফল বেছে নিন"));
  const closed = await request("/admin/sos", admin, [
    ["id", report.id],
    ["action", "close"],
    ["outcome", "help_sent"],
    ["outcome_note", "ফায়ার সার্ভিস পৌঁছেছে"],
  ]);
  assert.equal(closed.status, 303);

  const status = await page(`/emergency/sos/${report.id}`, citizen);
  assert.ok(status.html.includes("ফলাফল: সহায়তা পাঠানো হয়েছে"));
  assert.ok(status.html.includes("ফায়ার সার্ভিস পৌঁছেছে"));
  const live = await (await request(`/api/sos/${report.id}`, citizen)).json();
  assert.equal(live.status, "closed");
  assert.equal(
    (await request(`/api/sos/${report.id}`, otherAdmin)).status,
    404,
    "not another ward's admin's",
  );
});

Deno.test("a fourth SOS in 30 minutes and an unknown ward are refused in Bengali, nothing sent", async () => {
  const citizen = await signUp("বারবার প্রেরক");
  for (let i = 0; i < 3; i++) {
    const sent = await request("/emergency/sos", citizen, sosForm({ kind: "flood", ward_id: String(WARD) }));
    assert.equal(sent.status, 303);
  }
  const fourth = await request("/emergency/sos", citizen, sosForm({ kind: "flood", ward_id: String(WARD) }));
  assert.equal(fourth.status, 429);
  assert.ok((await fourth.text()).includes("৩০ মিনিটে ৩টির বেশি এসওএস পাঠানো যায় না"));

  const other = await signUp("ভুল ওয়ার্ড");
  const unknown = await request("/emergency/sos", other, sosForm({ kind: "fire", ward_id: "9999" }));
  assert.equal(unknown.status, 422);
  assert.ok((await unknown.text()).includes("কোন ওয়ার্ডে ঘটছে তা বেছে নিন"));
  const abroad = await request(
    "/emergency/sos",
    other,
    sosForm({ kind: "fire", ward_id: String(WARD), latitude: "51.5", longitude: "-0.12" }),
  );
  assert.equal(abroad.status, 422);
  assert.equal((await sosOf(citizen.id)).length, 3);
  assert.equal((await sosOf(other.id)).length, 0);
});

Deno.test("visitors are sent to sign in before an SOS; the directory's links name what they show", async () => {
  const visitor = await request("/emergency/sos", null);
  assert.equal(visitor.status, 303);
  assert.match(visitor.headers.get("location") ?? "", /^\/login\?next=%2Femergency%2Fsos/);

  const { html } = await page("/emergency", null);
  const links = [...html.matchAll(/<a href="tel:(\d+)"([^>]*)>(.*?)<\/a>/g)];
  assert.ok(links.some(([, number]) => number === "999"));
  for (const [, number, attributes, content] of links) {
    assert.ok(!attributes.includes("aria-label"), `tel:${number}: its name comes from its visible text`);
    assert.ok(content.replace(/<[^>]+>/g, "").trim().length > 3, `tel:${number} has text`);
  }
});
