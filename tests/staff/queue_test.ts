/**
 * The staff complaint queue (/admin/complaints) through `createHandler`, against the running local stack,
 * as real signed-in staff given their roles by an operator: each role sees exactly its scope, the filters,
 * search and sort live in the URL and come back in the form, keyset pages cover everything once, counts
 * follow the filters, mistakes in the URL are explained in Bengali, and citizens are turned away.
 */
import assert from "node:assert/strict";
import { signInWithPhone } from "../../devstack/testing/auth.ts";
import {
  fileComplaints,
  listed,
  marker,
  nextPage,
  operator,
  type SignedInStaff,
  signUpStaff,
  tabCount,
} from "./queue_support.ts";
import { page, request } from "./support.ts";

/** The HTML of a queue page `person` may see (a 200). */
async function queuePage(
  path: string,
  person: { accessToken: string },
  otherCookies?: string,
): Promise<string> {
  const { status, html } = await page(path, person, otherCookies);
  assert.equal(status, 200, path);
  return html;
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

interface World {
  /** In every title of a, b, c and d. */
  word: string;
  /** In every title of the 30 complaints of ward 40 that pages are walked through. */
  pagesWord: string;
  wardAdmin: SignedInStaff;
  otherWardAdmin: SignedInStaff;
  provider: SignedInStaff;
  superAdmin: SignedInStaff;
  /** a: ward 12, high, assigned to the provider; b: ward 40, low; c: ward 41, overdue; d: ward 12, reopened. */
  a: string;
  b: string;
  c: string;
  d: string;
  paged: string[];
}

let world: Promise<World> | undefined;
/** The staff and complaints every test here reads, made once per test process. */
function sharedWorld(): Promise<World> {
  return world ??= (async () => {
    const [wardAdmin, otherWardAdmin, provider, superAdmin] = await Promise.all([
      signUpStaff("ward_admin", [12, 40]),
      signUpStaff("ward_admin", [41]),
      signUpStaff("service_provider", [12], "পরীক্ষা সেবাদাতা"),
      signUpStaff("super_admin"),
    ]);
    const word = marker();
    const [a, b, c, d] = await fileComplaints([
      {
        title: `${word} ড্রেন উপচে পড়ছে`,
        ward_id: 12,
        priority: "high",
        assigned_to: provider.id,
        created_at: hoursAgo(1),
      },
      { title: `${word} রাস্তায় গর্ত`, ward_id: 40, priority: "low", category: "roads", created_at: hoursAgo(2) },
      { title: `${word} সড়কবাতি নষ্ট`, ward_id: 41, category: "electricity", created_at: hoursAgo(240) },
      { title: `${word} ময়লা তোলা হয়নি`, ward_id: 12, category: "waste_management", created_at: hoursAgo(4) },
    ]);
    const { error } = await operator.from("complaints")
      .update({ status: "in_progress", reopened_count: 1 }).eq("tracking_number", d);
    assert.equal(error, null, error?.message);

    const pagesWord = marker();
    const paged = await fileComplaints(Array.from({ length: 30 }, (_, i) => ({
      title: `${pagesWord} অভিযোগ ${i + 1}`,
      ward_id: 40,
      priority: (["high", "medium", "low"] as const)[i % 3],
      // Two at each time: the id decides between them.
      created_at: hoursAgo(5 + Math.floor(i / 2)),
    })));
    return { word, pagesWord, wardAdmin, otherWardAdmin, provider, superAdmin, a, b, c, d, paged };
  })();
}

/** How many complaints the database holds, all or those matching `filter` (read past RLS). */
async function complaintCount(
  filter: (query: ReturnType<typeof countQuery>) => ReturnType<typeof countQuery>,
) {
  const { count, error } = await filter(countQuery());
  assert.equal(error, null, error?.message);
  return count!;
}
const countQuery = () => operator.from("complaints").select("id", { count: "exact", head: true });

/** The part of the page that is the row of this complaint. */
function row(html: string, trackingNumber: string): string {
  const start = html.indexOf(`data-complaint="${trackingNumber}"`);
  assert.ok(start >= 0, `${trackingNumber} is not listed`);
  return html.slice(start, html.indexOf("</tr>", start));
}

Deno.test("visitors sign in first; citizens are turned away with a 403 in Bengali", async () => {
  const visitor = await request("/admin/complaints?status=open", null);
  assert.equal(visitor.status, 303);
  assert.equal(visitor.headers.get("location"), "/login?next=%2Fadmin%2Fcomplaints%3Fstatus%3Dopen");

  const citizen = await signInWithPhone();
  const refused = await request("/admin/complaints", citizen);
  assert.equal(refused.status, 403);
  assert.ok((await refused.text()).includes("এই পাতা শুধু সিটি কর্পোরেশনের কর্মীদের জন্য।"));
});

Deno.test("a ward admin sees the complaints of their wards, and only those", async () => {
  const { word, wardAdmin, a, b, d } = await sharedWorld();
  const html = await queuePage(`/admin/complaints?q=${word}`, wardAdmin);
  assert.deepEqual(listed(html), [a, b, d], "wards 12 and 40, newest first; not ward 41");
  assert.ok(html.includes("আপনার ওয়ার্ডের অভিযোগ: ওয়ার্ড ১২, ঢাকা উত্তর; ওয়ার্ড ৪০, ঢাকা উত্তর।"));

  const whole = await queuePage("/admin/complaints", wardAdmin);
  assert.equal(tabCount(whole, "all"), await complaintCount((query) => query.in("ward_id", [12, 40])));
  assert.equal(
    tabCount(whole, "open"),
    await complaintCount((query) => query.in("ward_id", [12, 40]).in("status", ["submitted", "in_progress"])),
  );
  assert.equal(listed(whole).length, 25, "25 to a page");
  assert.deepEqual(
    listed(await queuePage("/admin/complaints?ward=41", wardAdmin)),
    [],
    "another ward: nothing",
  );
});

Deno.test("the queue opened in four tabs at once shows in every one (each page makes 3 calls at once)", async () => {
  // The database runs 3 of one person's requests at once and refuses the rest (CC429): the app waits its turn.
  const { wardAdmin } = await sharedWorld();
  const pages = await Promise.all(Array.from({ length: 4 }, () => queuePage("/admin/complaints", wardAdmin)));
  assert.deepEqual(pages.map((html) => listed(html).length), [25, 25, 25, 25]);
});

Deno.test("a ward admin of another ward sees that ward only", async () => {
  const { word, otherWardAdmin, c } = await sharedWorld();
  const html = await queuePage(`/admin/complaints?q=${word}`, otherWardAdmin);
  assert.deepEqual(listed(html), [c]);
  assert.equal(
    tabCount(await queuePage("/admin/complaints", otherWardAdmin), "all"),
    await complaintCount((query) => query.eq("ward_id", 41)),
  );
});

Deno.test("a service provider sees what is assigned to them, with no assignee filter", async () => {
  const { word, provider, a } = await sharedWorld();
  const html = await queuePage(`/admin/complaints?q=${word}`, provider);
  assert.deepEqual(listed(html), [a]);
  assert.ok(html.includes("আপনাকে দেওয়া অভিযোগ।"));
  assert.ok(!html.includes('name="assignee"'));
  assert.equal(tabCount(await queuePage("/admin/complaints", provider), "all"), 1);
});

Deno.test("a super admin sees every complaint; rows say overdue, reopened and who works on it", async () => {
  const { word, superAdmin, provider, a, b, c, d } = await sharedWorld();
  const html = await queuePage(`/admin/complaints?q=${word}`, superAdmin);
  assert.deepEqual(listed(html), [a, b, d, c]);
  assert.equal(
    tabCount(await queuePage("/admin/complaints", superAdmin), "all"),
    await complaintCount((query) => query),
  );

  assert.match(row(html, a), /পরীক্ষা সেবাদাতা/);
  assert.match(row(html, a), /উচ্চ/);
  assert.match(row(html, a), new RegExp(`href="/admin/complaints/[0-9a-f-]{36}"`));
  assert.match(row(html, b), /কাউকে দেওয়া হয়নি/);
  assert.match(row(html, b), /ওয়ার্ড ৪০, ঢাকা উত্তর/);
  assert.match(row(html, c), /সময় পেরিয়েছে/);
  assert.doesNotMatch(row(html, a), /সময় পেরিয়েছে/);
  assert.match(row(html, d), /আবার খোলা হয়েছে/);
  assert.match(row(html, d), /data-status="in_progress"/);
  assert.match(row(html, a), /<time datetime="[^"]+"[^>]*>[০-৯]+ [^<]+, [০-৯]{4}/, "dates in Bengali");
  assert.ok(html.includes(`value="${provider.id}"`), "the provider is among the assignees to filter by");
});

Deno.test("filters, search and sort live in the URL; the form and links keep them", async () => {
  const { word, superAdmin, provider, a, b, c, d } = await sharedWorld();
  const queue = async (params: string) =>
    listed(await queuePage(`/admin/complaints?q=${word}&${params}`, superAdmin));
  assert.deepEqual(await queue("status=in_progress"), [d]);
  assert.deepEqual(await queue("status=open"), [a, b, d, c]);
  assert.deepEqual(await queue("ward=40"), [b]);
  assert.deepEqual(await queue("category=roads"), [b]);
  assert.deepEqual(await queue("priority=high"), [a]);
  assert.deepEqual(await queue(`assignee=${provider.id}`), [a]);
  assert.deepEqual(await queue("assignee=unassigned"), [b, d, c]);
  assert.deepEqual(await queue("overdue=1"), [c]);
  assert.deepEqual(await queue("sort=oldest"), [c, d, b, a]);
  assert.deepEqual(await queue("sort=priority"), [a, c, d, b], "high first, then the oldest");
  assert.deepEqual(await queue("sort=deadline"), [c, a, d, b], "the longest past its deadline first");
  assert.deepEqual(
    listed(await queuePage(`/admin/complaints?q=${encodeURIComponent(word.slice(4, 9))}`, superAdmin)),
    [a, b, d, c],
    "a part from the middle of a Bengali word finds it",
  );

  const html = await queuePage(`/admin/complaints?q=${word}&ward=40&status=open&sort=oldest`, superAdmin);
  assert.match(html, new RegExp(`name="q"[^>]*value="${word}"`), "the search comes back in its box");
  assert.match(html, /<option value="40" selected>/, "the ward comes back in its picker");
  assert.match(html, /type="hidden" name="status" value="open"/);
  assert.match(html, /type="hidden" name="sort" value="oldest"/);
  const q = encodeURIComponent(word);
  assert.ok(
    html.includes(
      `href="/admin/complaints?status=open&amp;q=${q}&amp;sort=oldest" aria-label="ফিল্টার সরান: ওয়ার্ড ৪০, ঢাকা উত্তর"`,
    ),
    "a chip takes the ward away and keeps the rest",
  );
  assert.ok(
    html.includes(`href="/admin/complaints?status=in_progress&amp;q=${q}&amp;ward=40&amp;sort=oldest"`),
  );
  assert.ok(html.includes(`href="/admin/complaints?status=open&amp;q=${q}&amp;ward=40&amp;sort=priority"`));
  assert.equal(tabCount(html, "all"), 1);
  assert.equal(tabCount(html, "submitted"), 1);
  assert.equal(tabCount(html, "closed"), 0);

  const submitted = await request(
    `/admin/complaints?status=open&q=+${q}+&category=&ward=40&priority=&assignee=&from=২০২৬-০১-০১&to=&sort=newest`,
    superAdmin,
  );
  assert.equal(submitted.status, 303, "a submitted form's URL becomes the short one a link would be");
  assert.equal(
    submitted.headers.get("location"),
    `/admin/complaints?status=open&q=${q}&ward=40&from=2026-01-01`,
  );
});

Deno.test("keyset pages: every complaint once, in order, for the age and the priority sorts", async () => {
  const { pagesWord, superAdmin, paged } = await sharedWorld();
  const walk = async (first: string) => {
    const seen: string[][] = [];
    for (let path: string | null = first; path;) {
      const html = await queuePage(path, superAdmin);
      seen.push(listed(html));
      if (seen.length > 1) assert.match(html, /প্রথম পাতায় ফিরুন/);
      path = nextPage(html);
    }
    return seen;
  };
  const newest = await walk(`/admin/complaints?q=${pagesWord}`);
  assert.deepEqual(newest.map((rows) => rows.length), [25, 5]);
  const { data } = await operator.from("complaints").select("tracking_number, priority, created_at, id")
    .in("tracking_number", paged).order("created_at", { ascending: false }).order("id", { ascending: false });
  assert.deepEqual(newest.flat(), data!.map((complaint) => complaint.tracking_number));

  const rank = { high: 0, medium: 1, low: 2 } as Record<string, number>;
  const byPriority = [...data!].sort((x, y) =>
    rank[x.priority] - rank[y.priority] || x.created_at.localeCompare(y.created_at) ||
    x.id.localeCompare(y.id)
  );
  const priorityPages = await walk(`/admin/complaints?q=${pagesWord}&sort=priority`);
  assert.deepEqual(priorityPages.flat(), byPriority.map((complaint) => complaint.tracking_number));
  assert.equal(new Set(priorityPages.flat()).size, 30, "no complaint twice");
});

Deno.test("mistakes in the URL are explained next to their fields, in Bengali, with a 400", async () => {
  const { superAdmin } = await sharedWorld();
  const response = await request("/admin/complaints?from=2026-13-45&priority=urgent&q=%E0%A6%95", superAdmin);
  assert.equal(response.status, 400);
  const html = await response.text();
  assert.ok(html.includes("ফিল্টারে ভুল আছে। ঠিক করে আবার চেষ্টা করুন।"));
  assert.match(html, /id="field-from-error"[^>]*>তারিখটি ঠিক নেই \(যেমন ২০২৬-১১-৩০\)।</);
  assert.match(html, /id="field-priority-error"[^>]*>তালিকা থেকে বেছে নিন।</);
  assert.match(html, /name="q"[^>]*value="ক"/, "what was typed stays");
  assert.deepEqual(listed(html), []);

  const stale = await request(
    "/admin/complaints?sort=priority&after=2026-11-30T10:00:00Z_nonsense",
    superAdmin,
  );
  assert.equal(stale.status, 400);
  assert.ok((await stale.text()).includes("পাতার লিংকটি ঠিক নেই। প্রথম পাতা থেকে দেখুন।"));

  const backwards = await request("/admin/complaints?from=২০২৬-১১-৩০&to=2026-11-01", superAdmin);
  assert.equal(backwards.status, 400);
  assert.match(await backwards.text(), /id="field-to-error"[^>]*>এই তারিখ শুরুর তারিখের আগে হতে পারে না।</);
});

Deno.test("the queue speaks English when the reader chose it", async () => {
  const { word, superAdmin, c } = await sharedWorld();
  const html = await queuePage(`/admin/complaints?q=${word}`, superAdmin, "lang=en");
  for (
    const text of ["Complaint queue", "Complaints from every ward.", "Newest first", "Ward 41, Dhaka North"]
  ) {
    assert.ok(html.includes(text), `missing ${text}`);
  }
  assert.match(row(html, c), /Overdue/);
});
