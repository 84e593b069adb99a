/**
 * The payment pages with hostile and mistaken input, in-process against the local stack and its bKash
 * sandbox: tampered amounts and fee codes, replayed forms, someone else's payment, forged return messages,
 * visitors and staff who are not super admins at the super admins' pages. Each is refused with a localised
 * message and changes nothing; what is right goes through.
 */
import assert from "node:assert/strict";
import { BKASH_SANDBOX_URL } from "../../devstack/config.ts";
import { operator, page, type Person, request, signUp } from "../staff/support.ts";
import { followCallback, payFee, paymentRecord } from "./support.ts";

const citizen = await signUp("নাগরিক পরীক্ষা");
const other = await signUp("অন্য নাগরিক");
const wardAdmin = await signUp("ওয়ার্ড অ্যাডমিন পরীক্ষা", "ward_admin", [12]);
const superAdmin = await signUp("সুপার অ্যাডমিন পরীক্ষা", "super_admin");
const CAMPAIGN = "de00ca00-0000-4000-8000-000000000001";

async function paymentsOf(
  person: Person,
): Promise<{ id: string; amount: number; fee_code: string | null }[]> {
  const { data } = await operator.from("payments").select("id, amount, fee_code").eq("payer_id", person.id)
    .order("created_at").throwOnError();
  return data!;
}

Deno.test("a tampered amount is ignored: the fee is charged at the catalogue's amount and bKash gets that", async () => {
  const requestId = crypto.randomUUID();
  const form: [string, string][] = [["fee", "dncc_bulky_waste_pickup"], ["amount", "1"], [
    "request_id",
    requestId,
  ]];
  const response = await request("/payments/new", citizen, form);
  assert.equal(response.status, 303);
  const location = response.headers.get("location")!;
  assert.ok(location.startsWith(`${BKASH_SANDBOX_URL}/checkout/`), location);
  const checkout = await (await fetch(location)).text();
  assert.match(checkout, /৳ ৫০০\.০০/, "bKash is asked for 500");
  // The same form again (double click, back and resend): the same payment, not a second one.
  const again = await request("/payments/new", citizen, form);
  assert.equal(again.headers.get("location"), location);
  const mine = (await paymentsOf(citizen)).filter((payment) =>
    payment.fee_code === "dncc_bulky_waste_pickup"
  );
  assert.deepEqual(mine.map((payment) => payment.amount), [500]);
});

Deno.test("choosing a fee leads to a confirmation whose pay button states the catalogue's amount, in Bengali or English", async () => {
  const before = (await paymentsOf(citizen)).length;
  const list = await page("/payments/new", citizen);
  assert.match(list.html, /<form method="get"/, "choosing is a plain GET form");
  const { status, html } = await page("/payments/new?fee=dncc_bulky_waste_pickup", citizen);
  assert.equal(status, 200);
  assert.match(html, /<button type="submit"[^>]*>বিকাশে ৳ ৫০০ পরিশোধ করুন<\/button>/);
  assert.match(html, /<input type="hidden" name="fee" value="dncc_bulky_waste_pickup"/);
  const english = await page("/payments/new?fee=dncc_holding_tax_quarter", citizen, "lang=en");
  assert.match(english.html, /<button type="submit"[^>]*>Pay ৳ 1,500 with bKash<\/button>/);
  const unknown = await page("/payments/new?fee=no_such_fee", citizen);
  assert.match(unknown.html, /এই ফি এখন পরিশোধ করা যায় না/);
  assert.doesNotMatch(unknown.html, /name="request_id"/, "nothing to pay: back to the list");
  assert.equal((await paymentsOf(citizen)).length, before, "looking starts nothing");
});

Deno.test("an unknown or inactive fee code is refused in Bengali and starts nothing", async () => {
  const before = (await paymentsOf(citizen)).length;
  for (const fee of ["no_such_fee", "", "dncc_bulky_waste_pickup' or 1=1"]) {
    const response = await request("/payments/new", citizen, [["fee", fee], [
      "request_id",
      crypto.randomUUID(),
    ]]);
    assert.equal(response.status, 422, fee);
    assert.match(await response.text(), /এই ফি এখন পরিশোধ করা যায় না/);
  }
  const forged = await request("/payments/new", citizen, [["fee", "dncc_bulky_waste_pickup"], [
    "request_id",
    "x",
  ]]);
  assert.equal(forged.status, 400);
  await forged.body?.cancel();
  assert.equal((await paymentsOf(citizen)).length, before);
});

Deno.test("donations: amounts outside 10-500000 or not whole taka are refused; Bengali digits are fine", async () => {
  const before = (await paymentsOf(citizen)).length;
  for (const amount of ["abc", "5", "10.5", "600000", "-100", ""]) {
    const response = await request(`/campaigns/${CAMPAIGN}`, citizen, [
      ["amount", amount],
      ["request_id", crypto.randomUUID()],
    ]);
    assert.equal(response.status, 422, amount);
    assert.match(await response.text(), /১০ থেকে ৫,০০,০০০ টাকার মধ্যে/);
  }
  assert.equal((await paymentsOf(citizen)).length, before);
  const ok = await request(`/campaigns/${CAMPAIGN}`, citizen, [
    ["amount", "১২০"],
    ["anonymous", "on"],
    ["request_id", crypto.randomUUID()],
  ]);
  assert.equal(ok.status, 303);
  const donation = (await paymentsOf(citizen)).at(-1)!;
  assert.equal(donation.amount, 120);
});

Deno.test("a visitor who donates is sent to sign in first, and back", async () => {
  const response = await request(`/campaigns/${CAMPAIGN}`, null, [["amount", "100"], [
    "request_id",
    crypto.randomUUID(),
  ]]);
  assert.equal(response.status, 303);
  assert.equal(response.headers.get("location"), `/login?next=%2Fcampaigns%2F${CAMPAIGN}`);
  const { status, html } = await page(`/campaigns/${CAMPAIGN}`, null);
  assert.equal(status, 200);
  assert.match(html, /দান করতে সাইন ইন করুন/);
  assert.equal((await page("/campaigns/not-a-campaign", null)).status, 404);
});

Deno.test("someone else's payment page is not found; a forged message in the address is not shown", async () => {
  await request("/payments/new", citizen, [["fee", "dncc_birth_certificate_copy"], [
    "request_id",
    crypto.randomUUID(),
  ]]);
  const payment = (await paymentsOf(citizen)).at(-1)!;
  assert.equal((await page(`/payments/${payment.id}`, other)).status, 404);
  const refused = await request(`/payments/${payment.id}`, other, [["action", "check"]]);
  assert.equal(refused.status, 404);
  await refused.body?.cancel();
  const own = await page(`/payments/${payment.id}?problem=<script>alert(1)</script>`, citizen);
  assert.equal(own.status, 200);
  assert.doesNotMatch(own.html, /<script>alert/);
  assert.match(own.html, /পরিশোধ এখনো নিশ্চিত হয়নি/);
  assert.equal((await paymentRecord(payment.id)).state, "redirected");
});

Deno.test("the super admins' payment pages refuse citizens and ward admins", async () => {
  for (const path of ["/admin/payments", "/admin/payments/export", "/admin/fees", "/admin/campaigns"]) {
    assert.equal((await page(path, citizen)).status, 403, path);
    assert.equal((await page(path, wardAdmin)).status, 403, path);
    assert.equal((await page(path, superAdmin)).status, 200, path);
  }
  const feeBefore =
    (await operator.from("payment_fees").select("amount").eq("code", "dncc_bulky_waste_pickup").single())
      .data;
  const forged = await request("/admin/fees", wardAdmin, [
    ["code", "dncc_bulky_waste_pickup"],
    ["name_bn", "x x"],
    ["name_en", "x x"],
    ["amount", "1"],
    ["corporation", "dncc"],
  ]);
  assert.equal(forged.status, 403);
  await forged.body?.cancel();
  const feeAfter =
    (await operator.from("payment_fees").select("amount").eq("code", "dncc_bulky_waste_pickup").single())
      .data;
  assert.deepEqual(feeAfter, feeBefore);
});

Deno.test("the payments list filters, totals and exports CSV; bad filters are a clear 400", async () => {
  const { data: paid } = await operator.from("payments").select("invoice_number").eq("payer_id", citizen.id)
    .limit(1)
    .throwOnError();
  const invoice = paid![0].invoice_number;
  const listed = await page(`/admin/payments?q=${invoice}`, superAdmin);
  assert.equal(listed.status, 200);
  assert.match(listed.html, new RegExp(invoice));
  assert.match(listed.html, /১টি পেমেন্ট/);
  const csv = await request(`/admin/payments/export?q=${invoice}`, superAdmin);
  assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
  const bytes = new Uint8Array(await csv.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 with a byte-order mark, for Excel");
  const text = new TextDecoder().decode(bytes);
  assert.ok(text.startsWith("created_at,invoice_number"));
  assert.equal(text.trim().split("\r\n").length, 2);
  for (const bad of ["from=yesterday", "state=stolen", "q=' or 1=1", "kind=gift"]) {
    assert.equal((await page(`/admin/payments?${bad}`, superAdmin)).status, 400, bad);
    const exported = await request(`/admin/payments/export?${bad}`, superAdmin);
    assert.equal(exported.status, 400, bad);
    await exported.body?.cancel();
  }
});

Deno.test("a new fee amount applies to the next payment, never to one already started", async () => {
  const started = await request("/payments/new", citizen, [["fee", "dscc_trade_licence_small"], [
    "request_id",
    crypto.randomUUID(),
  ]]);
  await started.body?.cancel();
  const first = (await paymentsOf(citizen)).at(-1)!;
  const change = (amount: string) =>
    request("/admin/fees", superAdmin, [
      ["code", "dscc_trade_licence_small"],
      ["corporation", "dscc"],
      ["name_bn", "ট্রেড লাইসেন্স নবায়ন (ক্ষুদ্র দোকান, দক্ষিণ)"],
      ["name_en", "Trade licence renewal (small shop, South)"],
      ["amount", amount],
      ["active", "on"],
    ]);
  const bad = await change("০");
  assert.equal(bad.status, 422);
  await bad.body?.cancel();
  const saved = await change("১২০০");
  assert.equal(saved.status, 303);
  try {
    const next = await request("/payments/new", citizen, [["fee", "dscc_trade_licence_small"], [
      "request_id",
      crypto.randomUUID(),
    ]]);
    await next.body?.cancel();
    const second = (await paymentsOf(citizen)).at(-1)!;
    assert.equal(second.amount, 1200);
    assert.equal((await paymentRecord(first.id)).amount, 1000);
  } finally {
    await (await change("1000")).body?.cancel();
  }
});

Deno.test("a refund larger than what is left is refused with a message; nothing changes", async () => {
  const { paymentId: id, callback } = await payFee(citizen);
  await followCallback(callback);
  const before = await paymentRecord(id);
  const response = await request(`/admin/payments/${id}`, superAdmin, [
    ["amount", String(before.amount + 1)],
    ["reason", "বেশি ফেরতের চেষ্টা"],
    ["request_id", crypto.randomUUID()],
  ]);
  assert.equal(response.status, 422);
  assert.match(await response.text(), /ফেরতের পরিমাণ শূন্যের বেশি/);
  assert.deepEqual(await paymentRecord(id), before);
});

Deno.test("a super admin checks a payment with bKash: bKash's answer is shown and kept in its history", async () => {
  const bkashEvents = async (paymentId: string) =>
    (await operator.from("payment_events").select("api, response, actor_id").eq("payment_id", paymentId)
      .eq("kind", "bkash").order("id").throwOnError()).data as {
        api: string;
        response: Record<string, string>;
        actor_id: string | null;
      }[];
  const check = (paymentId: string, person: Person) =>
    request(`/admin/payments/${paymentId}`, person, [["action", "check"]]);

  const { paymentId: paid, callback } = await payFee(citizen);
  await followCallback(callback);
  const { trx_id } = await paymentRecord(paid);
  const refused = await check(paid, wardAdmin);
  assert.equal(refused.status, 403);
  await refused.body?.cancel();
  const checked = await check(paid, superAdmin);
  assert.equal(checked.status, 303);
  assert.equal(checked.headers.get("location"), `/admin/payments/${paid}?checked=1#check`);
  const searched = (await bkashEvents(paid)).filter((event) => event.api === "general/searchTransaction");
  assert.equal(searched.length, 1, "asked once, by the super admin");
  assert.deepEqual([searched[0].response.trxID, searched[0].response.transactionStatus], [
    trx_id,
    "Completed",
  ]);
  assert.equal(searched[0].actor_id, superAdmin.id, "with who asked");
  const { html } = await page(`/admin/payments/${paid}?checked=1`, superAdmin);
  assert.match(html, /বিকাশকে জিজ্ঞেস করা হয়েছে/);
  assert.match(html, /বিকাশের সর্বশেষ উত্তর/);
  assert.match(html, new RegExp(`<dd class="[^"]*">${trx_id}</dd>`));
  assert.match(html, /৳ ৫০০/);

  // Not paid yet: bKash is asked where it stands (payment/status), and that answer is the one shown.
  const unpaid = await request("/payments/new", citizen, [["fee", "dncc_bulky_waste_pickup"], [
    "request_id",
    crypto.randomUUID(),
  ]]);
  await unpaid.body?.cancel();
  const waiting = (await paymentsOf(citizen)).at(-1)!.id;
  await (await check(waiting, superAdmin)).body?.cancel();
  const asked = (await bkashEvents(waiting)).at(-1);
  assert.deepEqual([asked?.api, asked?.actor_id], ["payment/status", superAdmin.id]);
  assert.equal((await paymentRecord(waiting)).state, "redirected", "the payer has not paid: nothing changes");
  assert.match((await page(`/admin/payments/${waiting}`, superAdmin)).html, /Initiated/);
});

Deno.test("the payments list goes on past 200 rows, page by page, newest first, each payment once", async () => {
  // A day of its own in the past, so that only these payments fall in it.
  const day = new Date(Date.UTC(2001 + Math.floor(Math.random() * 18), Math.floor(Math.random() * 12), 10))
    .toISOString().slice(0, 10);
  const payer = await signUp("অনেক পেমেন্টের নাগরিক");
  const rows = Array.from({ length: 205 }, (_, i) => ({
    invoice_number: `CCP${day.replaceAll("-", "")}${crypto.randomUUID().slice(0, 8).toUpperCase()}`,
    payer_id: payer.id,
    client_request_id: crypto.randomUUID(),
    kind: "fee",
    fee_code: "dncc_bulky_waste_pickup",
    amount: 500,
    state: "expired",
    // Three at each moment: the id orders those.
    created_at: new Date(Date.parse(`${day}T10:00:00+06:00`) + Math.floor(i / 3) * 1000).toISOString(),
  }));
  await operator.from("payments").insert(rows).throwOnError();
  const { data: newestFirst } = await operator.from("payments").select("invoice_number")
    .in("invoice_number", rows.map((row) => row.invoice_number))
    .order("created_at", { ascending: false }).order("id").throwOnError();
  const invoices = (html: string) =>
    html.match(new RegExp(`CCP${day.replaceAll("-", "")}[0-9A-F]{8}`, "g")) ?? [];
  const nextLink = (html: string) =>
    /<a href="([^"]+)"[^>]*rel="next"/.exec(html)?.[1]?.replaceAll("&amp;", "&");

  const first = await page(`/admin/payments?from=${day}&to=${day}`, superAdmin);
  assert.equal(first.status, 200);
  assert.match(first.html, /২০৫টি পেমেন্ট/);
  assert.deepEqual(invoices(first.html), newestFirst!.slice(0, 200).map((row) => row.invoice_number));
  const next = nextLink(first.html);
  assert.ok(next, "a link to the next page");
  const second = await page(next, superAdmin);
  assert.equal(second.status, 200);
  assert.deepEqual(invoices(second.html), newestFirst!.slice(200).map((row) => row.invoice_number));
  assert.equal(nextLink(second.html), undefined, "the last page");
  assert.match(second.html, /প্রথম পাতায় ফিরুন/);

  for (const after of ["not-an-id", crypto.randomUUID()]) {
    assert.equal((await page(`/admin/payments?after=${after}`, superAdmin)).status, 400, after);
  }
});
