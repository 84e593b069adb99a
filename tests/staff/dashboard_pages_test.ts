/**
 * The dashboard through `createHandler`, against the running local stack, as staff of each role: each sees
 * the figures of their own scope (equal to a count from scratch over the complaints of that scope, read by
 * the service role), the page in Bengali with a chart and a table for each figure, and bad URLs answered
 * with a message (400) or a said correction, never a 500.
 */
import assert from "node:assert/strict";
import type { UserSession } from "@/lib/auth/session.ts";
import { formatNumber } from "@/lib/i18n/format.ts";
import { userClient } from "@/lib/supabase.ts";
import type { DashboardFigures } from "@/lib/staff/dashboard.ts";
import { addDays, dhakaToday } from "@/lib/staff/dashboard_query.ts";
import { sharedCitizens } from "../complaints/support.ts";
import { appRequest } from "../support/app.ts";
import {
  complaintsFromScratch,
  countFromScratch,
  fileComplaint,
  newStaffMember,
  removeComplaints,
  type StaffMember,
  updateComplaint,
} from "./dashboard_support.ts";

/** The demo ward admin's wards, where most seeded complaints are. */
const WARDS = [12, 19];

function get(path: string, session: UserSession, { json = false, english = false } = {}): Promise<Response> {
  const headers = new Headers();
  if (english) headers.set("cookie", "lang=en");
  if (json) headers.set("accept", "application/json");
  return appRequest(path, { session }, { headers });
}

async function figuresOf(path: string, member: StaffMember): Promise<DashboardFigures> {
  const response = await get(path, member.session, { json: true });
  assert.equal(response.status, 200, path);
  return (await response.json()).figures;
}

let members: Promise<Record<"superAdmin" | "wardAdmin", StaffMember>> | undefined;
/** A super admin and a ward admin of wards 12 and 19, made once per test process. */
function sharedStaff() {
  return members ??= (async () => ({
    superAdmin: await newStaffMember("super_admin"),
    wardAdmin: await newStaffMember("ward_admin", WARDS),
  }))();
}

/** The figures the dashboard shows and the same counted from scratch, side by side. */
function headline(figures: DashboardFigures) {
  const { received, reopened, resolved, resolvedOnTime, open, overdue, p50, p90 } = figures.totals;
  return {
    received,
    reopened,
    resolved,
    resolvedOnTime,
    open,
    overdue,
    p50,
    p90,
    statuses: figures.statuses,
  };
}

Deno.test("a ward admin's figures are those of the complaints in their wards, counted from scratch", async () => {
  const { wardAdmin } = await sharedStaff();
  const figures = await figuresOf("/admin?period=90", wardAdmin);
  const { from, to } = figures.period;
  assert.equal(to, dhakaToday());
  assert.equal(from, addDays(to, -89));
  assert.deepEqual(
    headline(figures),
    countFromScratch(await complaintsFromScratch({ wards: WARDS }), from, to),
  );
  assert.deepEqual(figures.wards.map((ward) => ward.wardId).sort(), WARDS, "their two wards in the league");
  assert.ok(figures.totals.received > 0 && figures.totals.open > 0, "the seeded complaints are there");

  const one = await figuresOf("/admin?period=90&ward=19&category=roads", wardAdmin);
  const roads19 = (await complaintsFromScratch({ wards: [19] })).filter((row) => row.category === "roads");
  assert.deepEqual(headline(one), countFromScratch(roads19, from, to));
  assert.deepEqual(one.categories.map((row) => row.category), ["roads"]);
});

Deno.test("a super admin's figures cover every ward; a service provider's only their assignments", async () => {
  const { superAdmin } = await sharedStaff();
  const everything = await figuresOf("/admin?period=30", superAdmin);
  const { from, to } = everything.period;
  assert.deepEqual(headline(everything), countFromScratch(await complaintsFromScratch(), from, to));
  assert.ok(everything.wards.some((ward) => !WARDS.includes(ward.wardId)), "other wards too");

  const provider = await newStaffMember("service_provider", [12]);
  const [assigned, resolved, elsewhere] = [
    await fileComplaint(12),
    await fileComplaint(12),
    await fileComplaint(12),
  ];
  try {
    await updateComplaint(assigned, { assigned_to: provider.id });
    await updateComplaint(resolved, { assigned_to: provider.id });
    await updateComplaint(resolved, { status: "in_progress" });
    await updateComplaint(resolved, { status: "resolved" });
    const theirs = await figuresOf("/admin?period=7", provider);
    assert.deepEqual(
      headline(theirs),
      countFromScratch(
        await complaintsFromScratch({ assignee: provider.id }),
        theirs.period.from,
        theirs.period.to,
      ),
    );
    assert.equal(theirs.totals.received, 2, "not the third complaint, assigned to nobody");
    assert.equal(theirs.totals.open, 1);
    assert.equal(theirs.totals.resolved, 1);
    assert.deepEqual(theirs.wards.map((ward) => ward.wardId), [12]);
  } finally {
    await removeComplaints([assigned, resolved, elsewhere]);
  }
});

Deno.test("the page: Bengali figures, a chart with a table for each, live updates on the viewer's topics", async () => {
  const { wardAdmin } = await sharedStaff();
  const response = await get("/admin", wardAdmin.session);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("cache-control"), "private, no-store");
  const html = await response.text();
  const figures = await figuresOf("/admin", wardAdmin);

  assert.ok(
    html.includes('<h1 class="text-2xl font-bold text-gray-900 leading-snug">অভিযোগের পরিসংখ্যান</h1>'),
  );
  assert.ok(html.includes("আপনার ওয়ার্ডের অভিযোগ: ওয়ার্ড ১২, উত্তর, ওয়ার্ড ১৯, উত্তর।"));
  assert.match(html, /<form method="get" action="\/admin"/);
  assert.equal(html.match(/<svg id="[a-z-]+-chart" role="img"/g)?.length, 5, "five charts");
  assert.equal(html.match(/<details id="[a-z-]+-table"/g)?.length, 5, "each with its table");
  assert.equal(html.match(/<caption class="sr-only">/g)?.length, 6, "and the league's");
  const received = formatNumber(figures.totals.received, "bn");
  assert.match(
    html,
    new RegExp(`নতুন অভিযোগ</p><p class="[^"]+">${received}</p>`),
    "the KPI in Bengali digits",
  );
  assert.ok(html.includes("রৈখিক অন্তর্বেশন"), "the percentile footnote");
  assert.ok(html.includes("queue:ward:12") && html.includes("queue:ward:19"), "the island hears both wards");
  assert.ok(html.includes('id="dashboard-figures"'));

  const english = await (await get("/admin?period=7", wardAdmin.session, { english: true })).text();
  for (
    const text of [
      "Complaint statistics",
      "Last 7 days",
      "Ward league",
      "Ward 12, North",
      "linear interpolation",
    ]
  ) {
    assert.ok(english.includes(text), `missing ${text}`);
  }
});

Deno.test("the figures as JSON carry their rendering and a digest that changes only with them", async () => {
  const { wardAdmin } = await sharedStaff();
  const first = await (await get("/admin?period=7", wardAdmin.session, { json: true })).json();
  const again = await (await get("/admin?period=7", wardAdmin.session, { json: true })).json();
  assert.equal(again.digest, first.digest);
  assert.match(first.html, /^<p class="[^"]+">হিসাব: /);
  assert.ok(!first.html.includes("<html"), "the figures region only");

  const filed = await fileComplaint(12);
  try {
    const after = await (await get("/admin?period=7", wardAdmin.session, { json: true })).json();
    assert.notEqual(after.digest, first.digest);
    assert.equal(after.figures.totals.received, first.figures.totals.received + 1);
  } finally {
    await removeComplaints([filed]);
  }
});

Deno.test("citizens get a 403; other staff's wards, unknown wards and categories a 400 with the reason", async () => {
  const [citizen] = await sharedCitizens();
  assert.equal((await get("/admin", citizen.session)).status, 403);

  const { wardAdmin } = await sharedStaff();
  const refused = async (path: string, message: string) => {
    const page = await get(path, wardAdmin.session);
    assert.equal(page.status, 400, path);
    const html = await page.text();
    assert.ok(html.includes(message), `${path}: ${message}`);
    assert.ok(html.includes("নিচের ভুল ঠিক করে আবার “দেখান” চাপুন।"));
    assert.ok(!html.includes('id="dashboard-figures"'), "no figures for a query that is wrong");
    const script = await get(path, wardAdmin.session, { json: true });
    assert.equal(script.status, 400);
    assert.equal(Object.values((await script.json()).fields)[0], message);
  };
  await refused("/admin?ward=1", "এই ওয়ার্ডটি আপনার দায়িত্বে নেই। তালিকা থেকে বেছে নিন।");
  await refused("/admin?ward=9999", "এমন কোনো ওয়ার্ড নেই। তালিকা থেকে বেছে নিন।");
  await refused("/admin?category=parks", "এমন কোনো ধরন নেই। তালিকা থেকে বেছে নিন।");
  await refused("/admin?period=3650", "তালিকা থেকে সময়কাল বেছে নিন।");
  await refused(
    "/admin?period=custom&from=2026-02-30&to=2026-03-05",
    "তারিখটি সঠিক নয়। বছর-মাস-দিন লিখুন, যেমন ২০২৬-১১-০১।",
  );
  await refused("/admin?period=custom&from=2026-03-05&to=2026-03-01", "শুরুর দিন শেষ দিনের পরে হতে পারে না।");

  const typed = await (await get("/admin?period=custom&from=2026-02-30", wardAdmin.session)).text();
  assert.match(
    typed,
    /<input type="date" value="2026-02-30" id="field-from" name="from" aria-invalid="true"/,
  );
});

Deno.test("a ten-year range shows its last year and says so; the database refuses one itself", async () => {
  const { superAdmin } = await sharedStaff();
  const path = "/admin?period=custom&from=2016-01-01&to=2026-01-01";
  const page = await get(path, superAdmin.session);
  assert.equal(page.status, 200);
  assert.ok((await page.text()).includes("একবারে সর্বোচ্চ এক বছর দেখা যায়"));
  const figures = await figuresOf(path, superAdmin);
  assert.deepEqual([figures.period.from, figures.period.to, figures.days.length], [
    "2025-01-01",
    "2026-01-01",
    366,
  ]);

  const { error } = await userClient(superAdmin.session.accessToken)
    .rpc("dashboard_figures", { from_day: "2016-01-01", to_day: "2026-01-01" });
  assert.equal(error?.code, "22023", "asked directly, the database answers invalid_parameter_value");
});
