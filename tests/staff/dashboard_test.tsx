/**
 * The dashboard's logic without a database: percentiles from the resolution-time histogram, the period
 * and filters read from the URL (clamped or refused), the figures made from the database's answer, and
 * the figures region styled alike whatever the figures (live updates rely on it).
 */
import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";
import { BUCKET_UPPER_HOURS, percentile } from "@/lib/staff/resolution_histogram.ts";
import { parseDashboardQuery, type QueryChoices } from "@/lib/staff/dashboard_query.ts";
import { dashboardFigures, type RpcAnswer } from "@/lib/staff/dashboard.ts";
import { formatDuration } from "@/lib/staff/dashboard_labels.ts";
import { coalesce } from "@/lib/realtime/coalesce.ts";
import { translator } from "@/lib/i18n/mod.ts";
import type { Ward } from "@/lib/wards.ts";
import { DashboardFigures } from "@/components/admin/dashboard/DashboardFigures.tsx";

/** A histogram with `counts` placed from bucket 1 on. */
const histogram = (...counts: number[]) => [...counts, ...new Array(12 - counts.length).fill(0)];

Deno.test("percentiles interpolate linearly inside the bucket where the rank falls", () => {
  assert.equal(BUCKET_UPPER_HOURS.length, 11, "eleven bounds, a twelfth open bucket");
  // Ten resolutions, all between 12 and 24 hours: the median halfway, the 90th at nine tenths.
  const day = histogram(0, 0, 0, 0, 10);
  assert.deepEqual(percentile(day, 0.5), { hours: 18, over: false });
  assert.deepEqual(percentile(day, 0.9), { hours: 22.8, over: false });
  // One within 2 hours: its median is the bucket's middle.
  assert.deepEqual(percentile(histogram(1), 0.5), { hours: 1, over: false });
  // 4 in 0-2 h, 4 in 2-4 h, 2 in 4-8 h: the median a quarter into the second bucket, p90 in the third.
  const spread = histogram(4, 4, 2);
  assert.deepEqual(percentile(spread, 0.5), { hours: 2.5, over: false });
  assert.deepEqual(percentile(spread, 0.9), { hours: 6, over: false });
  assert.deepEqual(percentile(spread, 0.4), { hours: 2, over: false });
});

Deno.test("a percentile past 720 hours is only known to be over it; none without resolutions", () => {
  const slow = [1, ...new Array(10).fill(0), 9];
  assert.deepEqual(percentile(slow, 0.5), { hours: 720, over: true });
  assert.deepEqual(percentile(slow, 0.05), { hours: 1, over: false });
  assert.equal(percentile(histogram(), 0.5), null);
  const t = translator("bn");
  assert.equal(formatDuration({ hours: 720, over: true }, t, "bn"), "৩০ দিনের বেশি");
  assert.equal(formatDuration({ hours: 18, over: false }, t, "bn"), "১৮ ঘণ্টা");
  assert.equal(formatDuration({ hours: 2.25, over: false }, t, "bn"), "২.৩ ঘণ্টা");
  assert.equal(formatDuration({ hours: 84, over: false }, t, "bn"), "৩.৫ দিন");
  assert.equal(formatDuration(null, t, "bn"), "নেই");
  assert.equal(formatDuration({ hours: 84, over: false }, translator("en"), "en"), "3.5 days");
});

// ---------------------------------------------------------------------------------------------------
// The URL
// ---------------------------------------------------------------------------------------------------

const TODAY = "2026-11-29";
const choices: QueryChoices = {
  wards: [1, 2, 12, 19, 129],
  scopeWards: [12, 19],
  categories: ["roads", "cleanliness"],
};
const parse = (search: string) => parseDashboardQuery(new URLSearchParams(search), choices, TODAY);

Deno.test("the period: the last 30 days by default, or 7 or 90, ending today in Dhaka", () => {
  assert.deepEqual(parse(""), {
    ok: true,
    query: {
      period: { from: "2026-10-31", to: TODAY, preset: "30" },
      ward: null,
      category: null,
      notices: [],
    },
  });
  const week = parse("period=7");
  assert.ok(week.ok && week.query.period.from === "2026-11-23" && week.query.period.preset === "7");
  const quarter = parse("period=90&from=2020-01-01");
  assert.ok(quarter.ok && quarter.query.period.from === "2026-09-01", "a preset ignores the dates");
});

Deno.test("dates chosen, in ASCII or Bengali digits; one missing end is filled in", () => {
  const chosen = parse("period=custom&from=২০২৬-১১-০১&to=2026-11-10&ward=12&category=roads");
  assert.deepEqual(chosen, {
    ok: true,
    query: {
      period: { from: "2026-11-01", to: "2026-11-10", preset: null },
      ward: 12,
      category: "roads",
      notices: [],
    },
  });
  const fromOnly = parse("period=custom&from=2026-11-20");
  assert.ok(fromOnly.ok && fromOnly.query.period.to === TODAY);
  const toOnly = parse("period=custom&to=2026-11-10");
  assert.ok(toOnly.ok && toOnly.query.period.from === "2026-10-12", "30 days up to the last day");
});

Deno.test("a ten-year range keeps its last year, a future end stops today, and both are said", () => {
  const decade = parse("period=custom&from=2016-01-01&to=2026-01-01");
  assert.deepEqual(decade, {
    ok: true,
    query: {
      period: { from: "2025-01-01", to: "2026-01-01", preset: null },
      ward: null,
      category: null,
      notices: ["dashboard.notice.year"],
    },
  });
  const future = parse("period=custom&from=2026-11-01&to=2031-01-01");
  assert.ok(future.ok);
  assert.deepEqual(future.query.period, { from: "2026-11-01", to: TODAY, preset: null });
  assert.deepEqual(future.query.notices, ["dashboard.notice.future"]);
  const allFuture = parse("period=custom&from=2030-01-01&to=2031-01-01");
  assert.ok(allFuture.ok && allFuture.query.period.from === TODAY && allFuture.query.period.to === TODAY);
});

Deno.test("impossible dates, periods, unknown wards and categories are refused next to their field", () => {
  const refused = (search: string) => {
    const outcome = parse(search);
    assert.ok(!outcome.ok, search);
    return outcome.errors;
  };
  assert.deepEqual(refused("period=custom&from=2026-02-30"), { from: "dashboard.error.date" });
  assert.deepEqual(refused("period=custom&from=2026-13-01&to=yesterday"), {
    from: "dashboard.error.date",
    to: "dashboard.error.date",
  });
  assert.deepEqual(refused("period=custom&from=2026-11-10&to=2026-11-01"), { from: "dashboard.error.order" });
  assert.deepEqual(refused("period=custom"), { from: "dashboard.error.dates_needed" });
  assert.deepEqual(refused("period=3650"), { period: "dashboard.error.period" });
  assert.deepEqual(refused("ward=9999"), { ward: "dashboard.error.ward" });
  assert.deepEqual(refused("ward=12abc"), { ward: "dashboard.error.ward" });
  assert.deepEqual(refused("ward=1"), { ward: "dashboard.error.ward_scope" });
  assert.deepEqual(refused("category=parks"), { category: "dashboard.error.category" });
  const blank = parse("period=&from=&to=&ward=&category=");
  assert.ok(blank.ok && blank.query.period.preset === "30", "an untouched form is the default view");
});

// ---------------------------------------------------------------------------------------------------
// The figures
// ---------------------------------------------------------------------------------------------------

const PERIOD = { from: "2026-11-26", to: TODAY, preset: null };

/** What public.dashboard_figures answers for two wards, one with an overdue complaint. */
const ANSWER: RpcAnswer = {
  today: TODAY,
  days: [{ day: "2026-11-27", received: 3, resolved: 1 }, { day: TODAY, received: 1, resolved: 2 }],
  wards: [
    { ward_id: 12, received: 3, reopened: 1, resolved: 2, resolved_on_time: 1 },
    { ward_id: 19, received: 1, reopened: 0, resolved: 1, resolved_on_time: 1 },
  ],
  categories: [
    { category: "roads", received: 3, reopened: 1, resolved: 2, resolved_on_time: 1 },
    { category: "cleanliness", received: 1, reopened: 0, resolved: 1, resolved_on_time: 1 },
  ],
  ward_buckets: [
    { ward_id: 12, bucket: 5, resolved: 1 },
    { ward_id: 12, bucket: 7, resolved: 1 },
    { ward_id: 19, bucket: 2, resolved: 1 },
  ],
  category_buckets: [
    { category: "roads", bucket: 5, resolved: 1 },
    { category: "roads", bucket: 7, resolved: 1 },
    { category: "cleanliness", bucket: 2, resolved: 1 },
  ],
  statuses: [
    { ward_id: 12, status: "submitted", complaints: 2, overdue: 1 },
    { ward_id: 12, status: "resolved", complaints: 2, overdue: 0 },
    { ward_id: 19, status: "closed", complaints: 1, overdue: 0 },
    { ward_id: 77, status: "in_progress", complaints: 1, overdue: 0 },
  ],
};

Deno.test("figures: every day of the period, totals, statuses now and percentiles from the buckets", () => {
  const figures = dashboardFigures(PERIOD, ANSWER, {
    categories: ["cleanliness", "roads", "water_supply"],
    wards: null,
  });
  assert.deepEqual(figures.days, [
    { day: "2026-11-26", received: 0, resolved: 0 },
    { day: "2026-11-27", received: 3, resolved: 1 },
    { day: "2026-11-28", received: 0, resolved: 0 },
    { day: TODAY, received: 1, resolved: 2 },
  ]);
  const hours = (time: typeof figures.totals.p50) => Math.round((time?.hours ?? NaN) * 10) / 10;
  assert.deepEqual(
    { ...figures.totals, p50: hours(figures.totals.p50), p90: hours(figures.totals.p90) },
    { received: 4, reopened: 1, open: 3, overdue: 1, resolved: 3, resolvedOnTime: 2, p50: 18, p90: 64.8 },
    "of three resolutions (2-4 h, 12-24 h, 48-72 h) the median is halfway through 12-24 h",
  );
  assert.deepEqual(figures.statuses.map((row) => row.complaints), [2, 1, 2, 1, 0]);
  assert.deepEqual(figures.categories.map((row) => [row.category, row.received]), [
    ["cleanliness", 1],
    ["roads", 3],
    ["water_supply", 0],
  ], "every category asked about, in order, none received in one");
  assert.deepEqual(figures.categories[1].p50, { hours: 24, over: false });
});

Deno.test("the ward league: best on-time share first, wards with nothing resolved last", () => {
  const all = dashboardFigures(PERIOD, ANSWER, { categories: [], wards: null });
  assert.deepEqual(all.wards.map((ward) => [ward.wardId, ward.open, ward.overdue]), [
    [19, 0, 0],
    [12, 2, 1],
    [77, 1, 0],
  ], "ward 77 only has an open complaint: listed, ranked last");
  const mine = dashboardFigures(PERIOD, ANSWER, { categories: [], wards: [12, 19, 20] });
  assert.deepEqual(
    mine.wards.map((ward) => ward.wardId),
    [19, 12, 20],
    "a ward admin's quiet ward still shows",
  );
});

Deno.test("the figures region's classes do not depend on the figures, so live updates are styled", () => {
  const classes = (html: string) =>
    new Set([...html.matchAll(/class="([^"]*)"/g)].flatMap((match) => match[1].split(/\s+/)).filter(Boolean));
  const wards = new Map<number, Ward>([
    [12, { id: 12, city_corporation: "DNCC", number: 12, name_bn: "ওয়ার্ড ১২", name_en: "Ward 12" }],
  ]);
  const categories = new Map([["roads", { code: "roads", name_bn: "রাস্তা-ঘাট", name_en: "Roads" }]]);
  const render = (answer: RpcAnswer) =>
    renderToString(
      <DashboardFigures
        figures={dashboardFigures(PERIOD, answer, { categories: ["roads"], wards: null })}
        readAt={new Date("2026-11-29T10:00:00Z")}
        wardNames={wards}
        categories={categories}
        t={translator("bn")}
        locale="bn"
      />,
    );
  const empty: RpcAnswer = {
    today: TODAY,
    days: [],
    wards: [],
    categories: [],
    ward_buckets: [],
    category_buckets: [],
    statuses: [],
  };
  const many = {
    ...ANSWER,
    wards: Array.from({ length: 12 }, (_, i) => ({ ...ANSWER.wards[0], ward_id: i + 1 })),
  };
  const full = render(many);
  assert.deepEqual([...classes(full)].sort(), [...classes(render(empty))].sort());
  assert.ok(full.includes("সবচেয়ে বেশি অভিযোগের ১০টি ওয়ার্ড"), "the busy view has the top-ten note");
});

Deno.test("a burst of changes makes one refresh; a change during a refresh makes one more after it", async () => {
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  let runs = 0;
  let release = () => {};
  const refresh = coalesce(20, async () => {
    runs++;
    await new Promise<void>((resolve) => release = resolve);
  });
  refresh.request();
  refresh.request();
  refresh.request();
  await wait(80);
  assert.equal(runs, 1, "three changes, one refresh");
  refresh.request();
  refresh.request();
  release();
  await wait(80);
  assert.equal(runs, 2, "the changes heard during the refresh are fetched once more");
  release();
  await wait(80);
  assert.equal(runs, 2, "and then it rests");
  refresh.request();
  refresh.cancel();
  await wait(80);
  assert.equal(runs, 2, "a cancelled request never runs");
});
