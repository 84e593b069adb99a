/**
 * The dashboard's charts as the server draws them: SVG a screen reader can name, sized by its container,
 * bars and columns in proportion to the figures, round axes, Bengali digits where the page asks for them.
 */
import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";
import { axisFor } from "@/lib/charts/scale.ts";
import { HorizontalBars } from "@/lib/charts/HorizontalBars.tsx";
import { type Column, ColumnChart } from "@/lib/charts/ColumnChart.tsx";
import { formatNumber } from "@/lib/i18n/format.ts";

const bengali = (value: number) => formatNumber(value, "bn");

Deno.test("axes run from 0 to a round number just above the largest value, in whole steps", () => {
  assert.deepEqual(axisFor(7), { top: 8, ticks: [0, 2, 4, 6, 8] });
  assert.deepEqual(axisFor(41), { top: 50, ticks: [0, 10, 20, 30, 40, 50] });
  assert.deepEqual(axisFor(1234).ticks, [0, 250, 500, 750, 1000, 1250]);
  assert.deepEqual(axisFor(10), { top: 10, ticks: [0, 2, 4, 6, 8, 10] });
  assert.deepEqual(axisFor(0), { top: 1, ticks: [0, 1] }, "nothing at all still draws an axis");
  assert.deepEqual(axisFor(0.4), { top: 1, ticks: [0, 1] }, "no fractional ticks for counts");
});

Deno.test("horizontal bars: named for screen readers, as wide as their container, in proportion", () => {
  const svg = renderToString(
    <HorizontalBars
      id="category-chart"
      title="ধরন অনুযায়ী নতুন অভিযোগ"
      color="#2563eb"
      empty="এই সময়ে কিছু নেই"
      rows={[
        { label: "পরিচ্ছন্নতা", value: 40, shown: bengali(40) },
        { label: "রাস্তা-ঘাট", value: 10, shown: bengali(10), color: "#d97706" },
        { label: "বিদ্যুৎ", value: 0, shown: bengali(0) },
      ]}
    />,
  );
  assert.match(
    svg,
    /^<svg id="category-chart" role="img" aria-labelledby="category-chart-title" width="100%"/,
  );
  assert.match(svg, /<title id="category-chart-title">ধরন অনুযায়ী নতুন অভিযোগ<\/title>/);
  assert.ok(!/viewBox/.test(svg), "text keeps its real size: no scaling of the whole chart");
  assert.match(svg, /height="126"/, "three rows");
  assert.match(svg, /<title>পরিচ্ছন্নতা: ৪০<\/title>/, "each bar has its own tooltip in Bengali digits");
  assert.match(svg, /<title>রাস্তা-ঘাট: ১০<\/title>/);
  assert.match(svg, /width="100%" height="12" rx="3" fill="#2563eb"/, "the largest fills the row");
  assert.match(svg, /width="25%" height="12" rx="3" fill="#d97706"/, "a quarter of it, its own colour");
  assert.match(svg, /width="0%"/, "nothing is drawn for zero");
  assert.ok(svg.includes(">৪০</text>") && svg.includes(">১০</text>"), "figures written in Bengali digits");
});

Deno.test("horizontal bars with a value behind: the median inside the 90th percentile", () => {
  const svg = renderToString(
    <HorizontalBars
      id="resolution-chart"
      title="সমাধানে সময়"
      color="#15803d"
      behindColor="#86efac"
      empty="নেই"
      rows={[{ label: "রাস্তা-ঘাট", value: 18, behind: 72, shown: "১৮ ঘণ্টা · ৩ দিন" }]}
    />,
  );
  assert.match(svg, /width="100%" height="12" rx="3" fill="#86efac"/);
  assert.match(svg, /width="25%" height="12" rx="3" fill="#15803d"/);
});

Deno.test("horizontal bars with nothing to show say so in one row", () => {
  const svg = renderToString(
    <HorizontalBars id="x" title="শিরোনাম" color="#000" empty="এই সময়ে কিছু নেই" rows={[]} />,
  );
  assert.match(svg, /height="42"/);
  assert.ok(svg.includes(">এই সময়ে কিছু নেই</text>"));
  assert.ok(!svg.includes("<rect"));
});

Deno.test("columns per day: one per day stretched to the width, the line over the same axis", () => {
  const days = [3, 0, 7, 5, 2];
  const svg = renderToString(
    <ColumnChart
      id="per-day-chart"
      title="প্রতিদিন নতুন অভিযোগ ও সমাধান"
      color="#2563eb"
      lineColor="#15803d"
      formatTick={bengali}
      columns={days.map((value, i) => ({
        value,
        line: i,
        label: `${bengali(i + 1)} নভে`,
        description: `${bengali(i + 1)} নভেম্বর: নতুন ${bengali(value)}`,
      }))}
    />,
  );
  assert.match(svg, /role="img" aria-labelledby="per-day-chart-title"/);
  assert.match(svg, /viewBox="0 0 5 8" preserveAspectRatio="none"/, "one unit per day, the axis top high");
  assert.equal(svg.match(/<rect /g)?.length, 5);
  assert.match(
    svg,
    /<rect x="2.18" y="1" width="0.64" height="7" fill="#2563eb"><title>৩ নভেম্বর: নতুন ৭<\/title>/,
  );
  assert.match(
    svg,
    /<polyline points="0.5,8 1.5,7 2.5,6 3.5,5 4.5,4"[^>]*vector-effect="non-scaling-stroke"/,
  );
  for (const tick of ["২", "৪", "৬", "৮"]) assert.ok(svg.includes(`>${tick}</text>`), `tick ${tick}`);
  assert.ok(svg.includes('x="0" y="201" text-anchor="start"') && svg.includes(">১ নভে</text>"), "first day");
  assert.ok(
    svg.includes('x="50%" y="201" text-anchor="middle"') && svg.includes(">৩ নভে</text>"),
    "middle day",
  );
  assert.ok(svg.includes('x="100%" y="201" text-anchor="end"') && svg.includes(">৫ নভে</text>"), "last day");
});

Deno.test("columns for a whole year touch each other; a single day has no line", () => {
  const chart = (columns: Column[]) =>
    renderToString(
      <ColumnChart id="c" title="t" color="#000" lineColor="#111" formatTick={String} columns={columns} />,
    );
  const year = chart(
    Array.from({ length: 366 }, (_, i) => ({ value: i % 3, label: `${i}`, description: `${i}` })),
  );
  assert.match(year, /viewBox="0 0 366 2"/);
  assert.match(year, /<rect x="0" y="2" width="1" height="0"/);
  assert.ok(!year.includes("<polyline"), "no second series given");

  const one = chart([{ value: 4, line: 2, label: "আজ", description: "আজ" }]);
  assert.ok(!one.includes("<polyline"));
  assert.equal(one.match(/text-anchor="start"/g)?.length, 1 + 4, "the day's label and the ticks 1 to 4");
});
