/**
 * Waste collection through the app's pages: a ward's schedule and next collection for visitors and for
 * its residents by default; a bulky pickup asked for, refused when its dates are wrong (in Bengali,
 * nothing saved), scheduled by the ward's admin within its dates, and shown to the citizen.
 */
import assert from "node:assert/strict";
// Before devstack/testing: the app's modules (through the staff support) load the stack's keys themselves.
import { operator, page, request, signUp } from "../staff/support.ts";
import { dhakaToday } from "@/lib/waste/repository.ts";
import { formatTaka } from "@/lib/payments/format.ts";
import { payAtCheckout } from "@/devstack/testing/bkash.ts";
import { followCallback } from "../payments/support.ts";

const WARD = 38;
const OTHER_WARD = 39;
const day = (offset: number) =>
  new Date(Date.parse(`${dhakaToday()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

Deno.test("a ward's schedule and next collection show for visitors and, by default, its residents", async () => {
  await operator.from("waste_schedules").delete().eq("ward_id", WARD).throwOnError();
  await operator.from("waste_schedules").insert(
    [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
      ward_id: WARD,
      weekday,
      starts_at: "23:58",
      ends_at: "23:59",
    })),
  ).throwOnError();
  const resident = await signUp("বাসিন্দা ময়লা");
  await operator.from("profiles").update({ ward_id: WARD }).eq("id", resident.id).throwOnError();

  const visitor = await page(`/waste?ward=${WARD}`, null);
  assert.equal(visitor.status, 200);
  assert.ok(visitor.html.includes("২৩:৫৮–২৩:৫৯"), "times in Bengali digits");
  assert.ok(visitor.html.includes("আজ, ২৩:৫৮ থেকে ২৩:৫৯"), "the next collection is tonight's");
  assert.ok(visitor.html.includes("সবুজ বিন — পচনশীল"), "the bin guide");
  const mine = await page("/waste", resident);
  assert.ok(mine.html.includes("আজ, ২৩:৫৮ থেকে ২৩:৫৯"), "a resident sees their own ward without choosing it");
});

Deno.test("a bulky pickup: wrong dates refused, scheduled within its window by the ward's admin", async () => {
  const [citizen, admin, otherAdmin] = await Promise.all([
    signUp("বড় জিনিস"),
    signUp("ওয়ার্ড অ্যাডমিন ময়লা", "ward_admin", [WARD]),
    signUp("অন্য অ্যাডমিন ময়লা", "ward_admin", [OTHER_WARD]),
  ]);
  const form = (fields: Record<string, string>): [string, string][] =>
    Object.entries({
      id: crypto.randomUUID(),
      ward_id: String(WARD),
      items: "পুরনো ফ্রিজ ও একটি খাট",
      address: "বাড়ি ১২, রোড ৩",
      window_start: day(1),
      window_end: day(4),
      ...fields,
    });
  const countMine = async () =>
    (await operator.from("bulky_pickup_requests").select("id").eq("citizen_id", citizen.id).throwOnError())
      .data!
      .length;

  const today = await request("/waste/pickup", citizen, form({ window_start: day(0) }));
  assert.equal(today.status, 422);
  assert.ok((await today.text()).includes("শুরুর দিন আগামীকাল থেকে ৬০ দিনের মধ্যে হতে হবে"));
  const tooLong = await request("/waste/pickup", citizen, form({ window_end: day(20) }));
  assert.equal(tooLong.status, 422);
  assert.ok((await tooLong.text()).includes("শেষের দিন শুরুর দিন থেকে ১৪ দিনের মধ্যে হতে হবে"));
  const unknownWard = await request("/waste/pickup", citizen, form({ ward_id: "9999" }));
  assert.equal(unknownWard.status, 422);
  assert.equal(await countMine(), 0, "nothing saved");

  const fields = form({});
  assert.equal((await request("/waste/pickup", citizen, fields)).status, 303);
  assert.equal((await request("/waste/pickup", citizen, fields)).status, 303, "sent twice …");
  assert.equal(await countMine(), 1, "… asked once");
  const id = fields.find(([name]) => name === "id")![1];
  const { data: row } = await operator.from("bulky_pickup_requests").select("fee_code").eq("id", id).single();
  assert.equal(row!.fee_code, "dncc_bulky_waste_pickup", "ward 38 is in Dhaka North");

  assert.ok((await page("/admin/waste", admin)).html.includes(`pickup-${id}`), "in the ward's queue");
  assert.ok(!(await page("/admin/waste", otherAdmin)).html.includes(id), "not in another ward's");
  const stale = await request("/admin/waste", otherAdmin, [["id", id], ["status", "declined"], [
    "staff_note",
    "",
  ]]);
  assert.equal(stale.status, 409);
  const outside = await request("/admin/waste", admin, [["id", id], ["status", "scheduled"], [
    "scheduled_for",
    day(9),
  ]]);
  assert.equal(outside.status, 422);
  assert.ok((await outside.text()).includes("অনুরোধের সময়ের মধ্যে একটি দিন বেছে নিন"));
  const scheduled = await request("/admin/waste", admin, [
    ["id", id],
    ["status", "scheduled"],
    ["scheduled_for", day(2)],
    ["staff_note", "সকাল ১০টায় গাড়ি যাবে"],
  ]);
  assert.equal(scheduled.status, 303);
  const mine = await page("/waste/pickup", citizen);
  // Its fee comes from the catalogue, with a form to pay exactly that fee through bKash for this request.
  const { data: fee } = await operator.from("payment_fees").select("amount").eq(
    "code",
    "dncc_bulky_waste_pickup",
  )
    .single().throwOnError();
  assert.ok(mine.html.includes(formatTaka(Number(fee!.amount), "bn")), "the fee");
  assert.ok(mine.html.includes(`name="request" value="${id}"`), "the way to pay it");
  assert.ok(mine.html.includes("বিকাশে ফি পরিশোধ করুন"));
  assert.ok(mine.html.includes("দিন ঠিক হয়েছে") && mine.html.includes("সকাল ১০টায় গাড়ি যাবে"));
  assert.ok(!mine.html.includes("অনুরোধ বাতিল করুন"), "no cancelling once the day is set");
});

Deno.test("a ward admin adds and removes collection windows of their ward; a wrong window is refused", async () => {
  const ward = 47;
  const admin = await signUp("ওয়ার্ড অ্যাডমিন সময়সূচি", "ward_admin", [ward]);
  await operator.from("waste_schedules").delete().eq("ward_id", ward).throwOnError();
  const add = (fields: Record<string, string>) =>
    request(
      "/admin/waste",
      admin,
      Object.entries({ action: "schedule_add", ward_id: String(ward), ...fields }),
    );

  const wrong = await add({ weekday: "2", stream: "organic", starts_at: "09:00", ends_at: "08:00" });
  assert.equal(wrong.status, 422);
  assert.ok((await wrong.text()).includes("দিন, শুরু ও শেষের সময় ঠিকভাবে দিন"));
  const otherWard = await request(
    "/admin/waste",
    admin,
    Object.entries({
      action: "schedule_add",
      ward_id: "48",
      weekday: "2",
      stream: "organic",
      starts_at: "06:00",
      ends_at: "07:00",
    }),
  );
  assert.equal(otherWard.status, 422, "another ward's schedule is not theirs to change");

  assert.equal(
    (await add({ weekday: "2", stream: "organic", starts_at: "06:30", ends_at: "07:30" })).status,
    303,
  );
  const { html } = await page(`/waste?ward=${ward}`, null);
  assert.ok(html.includes("মঙ্গলবার") && html.includes("০৬:৩০–০৭:৩০") && html.includes("পচনশীল (ভেজা) ময়লা"));

  const { data: rows } = await operator.from("waste_schedules").select("id").eq("ward_id", ward)
    .throwOnError();
  assert.equal(rows!.length, 1);
  const removed = await request("/admin/waste", admin, [
    ["action", "schedule_remove"],
    ["ward_id", String(ward)],
    ["schedule_id", String(rows![0].id)],
  ]);
  assert.equal(removed.status, 303);
  const { count } = await operator.from("waste_schedules").select("id", { count: "exact", head: true })
    .eq("ward_id", ward);
  assert.equal(count, 0);
});

Deno.test("a station the ward's admin adds shows on /waste for citizens; changed, removed, others refused", async () => {
  const [admin, otherAdmin, resident] = await Promise.all([
    signUp("ওয়ার্ড অ্যাডমিন এসটিএস", "ward_admin", [WARD]),
    signUp("অন্য ওয়ার্ড অ্যাডমিন এসটিএস", "ward_admin", [OTHER_WARD]),
    signUp("বাসিন্দা এসটিএস"),
  ]);
  await operator.from("profiles").update({ ward_id: WARD }).eq("id", resident.id).throwOnError();
  const name = `পল্লবী এসটিএস ${crypto.randomUUID().slice(0, 6)}`;
  const station = (fields: Record<string, string>) =>
    Object.entries({
      action: "station_save",
      ward_id: String(WARD),
      name_bn: name,
      name_en: "Pallabi STS",
      address_bn: "পল্লবী, সেকশন ১২",
      hours_bn: "সকাল ৬টা–১০টা",
      latitude: "২৩.৮২৫",
      longitude: "৯০.৩৬৫",
      ...fields,
    });
  try {
    const added = await request(`/admin/waste?ward=${WARD}`, admin, station({}));
    assert.equal(added.status, 303);
    const { html } = await page("/waste", resident);
    assert.ok(html.includes(name), "the ward's resident sees the new station on /waste");
    assert.ok(html.includes("খোলা: সকাল ৬টা–১০টা"));
    assert.ok(html.includes("mlat=23.825&amp;mlon=90.365"), "with a map link to its place");

    const { data: row } = await operator.from("transfer_stations").select("id").eq("name_bn", name).single()
      .throwOnError();
    const id = String(row!.id);
    const changed = await request(
      `/admin/waste?ward=${WARD}`,
      admin,
      station({ station_id: id, hours_bn: "দুপুর ২টা–৪টা" }),
    );
    assert.equal(changed.status, 303);
    assert.ok((await page(`/waste?ward=${WARD}`, null)).html.includes("খোলা: দুপুর ২টা–৪টা"));

    const abroad = await request(
      `/admin/waste?ward=${WARD}`,
      admin,
      station({ station_id: id, latitude: "51.5" }),
    );
    assert.equal(abroad.status, 422);
    assert.ok((await abroad.text()).includes("অক্ষাংশ ও দ্রাঘিমাংশ দুটোই দিন, বাংলাদেশের মধ্যে"));
    const nameless = await request(`/admin/waste?ward=${WARD}`, admin, station({ name_bn: "" }));
    assert.equal(nameless.status, 422);

    const theirs = await request(
      `/admin/waste?ward=${WARD}`,
      otherAdmin,
      station({ station_id: id, name_bn: "দখল" }),
    );
    assert.equal(theirs.status, 403, "another ward's admin cannot change it");
    const removedByOther = await request(`/admin/waste?ward=${OTHER_WARD}`, otherAdmin, [
      ["action", "station_remove"],
      ["ward_id", String(OTHER_WARD)],
      ["station_id", id],
    ]);
    assert.equal(removedByOther.status, 403, "nor remove it");
    const { data: kept } = await operator.from("transfer_stations").select("name_bn, hours_bn").eq("id", id)
      .single().throwOnError();
    assert.deepEqual(kept, { name_bn: name, hours_bn: "দুপুর ২টা–৪টা" });

    const removed = await request(`/admin/waste?ward=${WARD}`, admin, [
      ["action", "station_remove"],
      ["ward_id", String(WARD)],
      ["station_id", id],
    ]);
    assert.equal(removed.status, 303);
    assert.ok(!(await page(`/waste?ward=${WARD}`, null)).html.includes(name), "gone from /waste");
  } finally {
    await operator.from("transfer_stations").delete().eq("name_bn", name);
  }
});

Deno.test("a bulky pickup's fee paid through bKash from the request shows as paid to the ward's staff", async () => {
  const [citizen, admin] = await Promise.all([
    signUp("ফি দেওয়া নাগরিক"),
    signUp("ওয়ার্ড অ্যাডমিন ফি", "ward_admin", [WARD]),
  ]);
  const id = crypto.randomUUID();
  const asked = await request("/waste/pickup", citizen, [
    ["id", id],
    ["ward_id", String(WARD)],
    ["items", "ভাঙা আলমারি"],
    ["address", "বাড়ি ৯, রোড ১"],
    ["window_start", day(2)],
    ["window_end", day(5)],
  ]);
  assert.equal(asked.status, 303);
  /** The request's entry in the ward's queue. */
  const queued = async () => {
    const { html } = await page("/admin/waste", admin);
    const start = html.indexOf(`pickup-${id}`);
    assert.ok(start > 0, "in the ward's queue");
    return html.slice(start, html.indexOf("</li>", start));
  };
  assert.ok((await queued()).includes("ফি এখনো পরিশোধ হয়নি"), "staff see it unpaid");

  const pay = (requestId: string) =>
    request("/waste/pickup", citizen, [["action", "pay"], ["request", id], ["request_id", requestId]]);
  const requestId = crypto.randomUUID();
  const toBkash = await pay(requestId);
  assert.equal(toBkash.status, 303);
  const checkout = toBkash.headers.get("location")!;
  assert.ok(!checkout.startsWith("/"), "off to bKash's checkout page");
  assert.ok((await queued()).includes("ফি পরিশোধ চলছে"), "staff see the payment on its way");

  const { callback } = await payAtCheckout(checkout, {});
  const receipt = await followCallback(callback!);
  assert.match(receipt.pathname, /^\/payments\/[0-9a-f-]{36}$/);
  const { data: payment } = await operator.from("payments").select("state, amount, fee_code")
    .eq("payer_id", citizen.id).single().throwOnError();
  assert.equal(payment!.state, "completed");
  assert.equal(payment!.fee_code, "dncc_bulky_waste_pickup");

  assert.ok((await queued()).includes("ফি পরিশোধিত"), "staff see it paid");
  const mine = await page("/waste/pickup", citizen);
  assert.ok(
    mine.html.includes("ফি পরিশোধিত") && !mine.html.includes(`value="pay"`),
    "no second payment offered",
  );
  const again = await pay(crypto.randomUUID());
  assert.equal(again.status, 409);
  assert.ok((await again.text()).includes("এই অনুরোধের ফি আগেই পরিশোধ হয়েছে"));
  const { count } = await operator.from("payments").select("id", { count: "exact", head: true })
    .eq("payer_id", citizen.id);
  assert.equal(count, 1, "one payment, never two");

  const stranger = await signUp("অন্য নাগরিক ফি");
  const theirs = await request("/waste/pickup", stranger, [["action", "pay"], ["request", id], [
    "request_id",
    crypto.randomUUID(),
  ]]);
  assert.equal(theirs.status, 409, "no one else pays for it");
});
