/**
 * Notices through the app's pages: a ward admin publishes for their ward from /admin/notices/new; the
 * ward's residents and the ward's Atom feed show it, another ward's do not; script in a body, a ward
 * that is not theirs and an unknown ward come back as Bengali messages and save nothing.
 */
import assert from "node:assert/strict";
// Before devstack/testing: the app's modules (through the staff support) load the stack's keys themselves.
import { operator, page, request, signUp } from "../staff/support.ts";

const WARD = 33;
const OTHER_WARD = 34;

function noticeForm(fields: Record<string, string | string[]>): [string, string][] {
  return Object.entries(fields).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((item): [string, string] => [name, item])
  );
}

async function countTitled(title: string): Promise<number> {
  const { count } = await operator.from("notices").select("id", { count: "exact", head: true })
    .eq("title_bn", title).throwOnError();
  return count ?? 0;
}

Deno.test("a ward admin publishes for their ward; its residents and feed show it, other wards not", async () => {
  const title = `ময়লা সংগ্রহের সময় বদল ${crypto.randomUUID().slice(0, 8)}`;
  const [admin, resident, neighbour] = await Promise.all([
    signUp("ওয়ার্ড অ্যাডমিন নোটিশ", "ward_admin", [WARD]),
    signUp("বাসিন্দা"),
    signUp("প্রতিবেশী"),
  ]);
  await operator.from("profiles").update({ ward_id: WARD }).eq("id", resident.id).throwOnError();
  await operator.from("profiles").update({ ward_id: OTHER_WARD }).eq("id", neighbour.id).throwOnError();
  try {
    const saved = await request(
      "/admin/notices/new",
      admin,
      noticeForm({
        title_bn: title,
        body_bn: "আগামী সপ্তাহ থেকে সকাল ৭টায়।\n\n- ব্যাগ বেঁধে রাখুন\n- [বিস্তারিত](https://dncc.gov.bd)",
        category: "waste",
        scope: "wards",
        wards: [String(WARD)],
        pinned: "on",
      }),
    );
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get("location"), "/admin/notices?done=saved");

    const mine = await page("/notices", resident);
    assert.ok(mine.html.includes(title), "the ward's resident sees it on /notices");
    const theirs = await page("/notices", neighbour);
    assert.ok(!theirs.html.includes(title), "a resident of another ward does not");
    const visitor = await page(`/notices?ward=${WARD}`, null);
    assert.ok(visitor.html.includes(title), "a visitor who picks the ward sees it");

    const { data: notice } = await operator.from("notices").select("id").eq("title_bn", title).single()
      .throwOnError();
    const detail = await page(`/notices/${notice!.id}`, null);
    assert.equal(detail.status, 200);
    assert.match(detail.html, /<ul[^>]*><li>ব্যাগ বেঁধে রাখুন<\/li>/);
    assert.match(
      detail.html,
      /<a href="https:\/\/dncc.gov.bd\/" rel="nofollow noopener noreferrer"[^>]*>বিস্তারিত<\/a>/,
    );

    const feed = await request(`/notices/feed/${WARD}`, null);
    assert.equal(feed.headers.get("content-type"), "application/atom+xml; charset=utf-8");
    const xml = await feed.text();
    assert.ok(xml.includes(`<id>urn:uuid:${notice!.id}</id>`));
    const otherFeed = await (await request(`/notices/feed/${OTHER_WARD}`, null)).text();
    assert.ok(!otherFeed.includes(notice!.id), "another ward's feed leaves it out");
    assert.equal((await request("/notices/feed/9999", null)).status, 404, "an unknown ward has no feed");
  } finally {
    await operator.from("notices").delete().eq("title_bn", title);
  }
});

Deno.test("script, another ward and an unknown ward are refused in Bengali and nothing is saved", async () => {
  const title = `ক্ষতিকর ${crypto.randomUUID().slice(0, 8)}`;
  const admin = await signUp("ওয়ার্ড অ্যাডমিন সতর্ক", "ward_admin", [WARD]);
  const base = { title_bn: title, category: "general", scope: "wards", wards: [String(WARD)] };

  const script = await request(
    "/admin/notices/new",
    admin,
    noticeForm({ ...base, body_bn: "দেখুন <script>alert(document.cookie)</script>" }),
  );
  assert.equal(script.status, 422);
  assert.ok((await script.text()).includes("নোটিশে HTML বা স্ক্রিপ্ট লেখা যাবে না"));

  const link = await request(
    "/admin/notices/new",
    admin,
    noticeForm({ ...base, body_bn: "[এখানে ক্লিক](javascript:alert(1))" }),
  );
  assert.equal(link.status, 422);
  assert.ok((await link.text()).includes("লিংক শুধু https://"));

  const otherWard = await request(
    "/admin/notices/new",
    admin,
    noticeForm({ ...base, body_bn: "ঠিক লেখা", wards: [String(OTHER_WARD)] }),
  );
  assert.equal(otherWard.status, 422);
  assert.ok((await otherWard.text()).includes("আপনি শুধু নিজের ওয়ার্ডের জন্য নোটিশ দিতে পারেন"));

  const cityWide = await request(
    "/admin/notices/new",
    admin,
    noticeForm({ ...base, body_bn: "ঠিক লেখা", scope: "city", wards: [] }),
  );
  assert.equal(cityWide.status, 422, "a ward admin cannot publish city-wide");

  const unknown = await request(
    "/admin/notices/new",
    admin,
    noticeForm({ ...base, body_bn: "ঠিক লেখা", wards: ["9999"] }),
  );
  assert.equal(unknown.status, 422);
  assert.ok((await unknown.text()).includes("এই নামে কোনো ওয়ার্ড নেই"));

  // Past the page: the API with the ward admin's own token is refused by the database the same way.
  const direct = await admin.client.from("notices").insert({
    title_bn: title,
    body_bn: "<img src=x onerror=alert(1)>",
    ward_ids: [WARD],
  });
  assert.equal(direct.error?.code, "23514");
  const elsewhere = await admin.client.from("notices").insert({
    title_bn: title,
    body_bn: "না",
    ward_ids: [OTHER_WARD],
  });
  assert.equal(elsewhere.error?.code, "42501");

  assert.equal(await countTitled(title), 0, "nothing was saved");
});

Deno.test("citizens cannot open the notice editor", async () => {
  const citizen = await signUp("নাগরিক");
  assert.equal((await page("/admin/notices/new", citizen)).status, 403);
  const provider = await signUp("সেবাদাতা", "service_provider", [WARD]);
  assert.equal((await page("/admin/notices", provider)).status, 403);
});

Deno.test("an urgent notice is on every page a ward's resident opens, rendered by the server (no JavaScript)", async () => {
  const title = `জরুরি: পানির লাইন মেরামত ${crypto.randomUUID().slice(0, 8)}`;
  const [resident, neighbour] = await Promise.all([signUp("জরুরি বাসিন্দা"), signUp("জরুরি প্রতিবেশী")]);
  await operator.from("profiles").update({ ward_id: WARD }).eq("id", resident.id).throwOnError();
  await operator.from("profiles").update({ ward_id: OTHER_WARD }).eq("id", neighbour.id).throwOnError();
  const { data: notice } = await operator.from("notices")
    .insert({ title_bn: title, body_bn: "আজ পানি থাকবে না।", ward_ids: [WARD], urgent: true })
    .select("id").single().throwOnError();
  try {
    for (const path of ["/", "/waste", "/complaints", "/notifications"]) {
      const { html } = await page(path, resident);
      const banner = html.match(/<section aria-label="জরুরি নোটিশ"[^]*?<\/section>/)?.[0] ?? "";
      assert.ok(banner.includes(title), `the banner on ${path} names it`);
      assert.ok(banner.includes(`href="/notices/${notice!.id}"`), `and links to it on ${path}`);
      assert.ok(!banner.includes("<button"), "with no hide button that would do nothing without JavaScript");
    }
    assert.ok(
      !(await page("/waste", neighbour)).html.includes(title),
      "another ward's resident has no banner",
    );
  } finally {
    await operator.from("notices").delete().eq("id", notice!.id);
  }
});

Deno.test("pinned notices come first, then the newest", async () => {
  const tag = crypto.randomUUID().slice(0, 8);
  const ward = 35;
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();
  const rows = [
    { title_bn: `পুরনো পিন ${tag}`, pinned: true, publish_at: hoursAgo(30) },
    { title_bn: `নতুন সাধারণ ${tag}`, pinned: false, publish_at: hoursAgo(1) },
    { title_bn: `নতুন পিন ${tag}`, pinned: true, publish_at: hoursAgo(2) },
    { title_bn: `পুরনো সাধারণ ${tag}`, pinned: false, publish_at: hoursAgo(20) },
  ].map((row) => ({ ...row, body_bn: "ক্রম পরীক্ষা", ward_ids: [ward] }));
  await operator.from("notices").insert(rows).throwOnError();
  try {
    const { html } = await page(`/notices?ward=${ward}`, null);
    const order = [...html.matchAll(new RegExp(`>([^<>]+ ${tag})<`, "g"))].map((match) => match[1]);
    assert.deepEqual(
      [...new Set(order)],
      [`নতুন পিন ${tag}`, `পুরনো পিন ${tag}`, `নতুন সাধারণ ${tag}`, `পুরনো সাধারণ ${tag}`],
    );
  } finally {
    await operator.from("notices").delete().like("title_bn", `% ${tag}`);
  }
});
