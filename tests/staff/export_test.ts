/**
 * The queue as CSV (/admin/complaints/export): what a ward office opens in Excel or LibreOffice: UTF-8
 * with a byte-order mark, Bengali intact, dates in ISO 8601 Bangladesh time, formulas neutralised, every
 * row of the person's scope under the queue's filters (more than one page of the database's), nothing else.
 */
import assert from "node:assert/strict";
import { csvCell, csvLine, dhakaIso } from "@/lib/csv.ts";
import { appRequest } from "../support/app.ts";
import { fileComplaints, marker, signUpStaff } from "./queue_support.ts";

Deno.test("CSV cells: quoting, formula injection neutralised, Bangladesh time", () => {
  assert.equal(csvCell('ড্রেন, উপচে "পড়ছে"'), '"ড্রেন, উপচে ""পড়ছে"""');
  for (const formula of ['=HYPERLINK("http://evil")', "+1", "-2+3", "@SUM(A1)", "\tx"]) {
    assert.ok(csvCell(formula).replace(/^"/, "").startsWith("'"), formula);
  }
  assert.equal(csvCell(-5), "-5", "numbers are numbers, not formulas");
  assert.equal(csvLine(["a", null, 3]), "a,,3\r\n");
  assert.equal(dhakaIso("2026-11-29T17:47:05.123Z"), "2026-11-29T23:47:05+06:00");
  assert.equal(dhakaIso(null), "");
});

Deno.test("a ward admin downloads their queue as CSV: every row in scope under the filters, nothing else", async () => {
  const word = marker();
  const admin = await signUpStaff("ward_admin", [44]);
  const many = Array.from({ length: 130 }, (_, i) => ({ title: `${word} নর্দমা ${i}`, ward_id: 44 }));
  const filed = await fileComplaints([
    ...many,
    { title: `=HYPERLINK("http://evil.example") ${word}`, ward_id: 44 },
    { title: `${word} অন্য ওয়ার্ড`, ward_id: 45 },
  ]);

  const response = await appRequest(
    `/admin/complaints/export?${new URLSearchParams({ q: word })}`,
    { session: { user: { id: admin.id, phone: admin.phone, role: "ward_admin", wards: [44] }, ...admin } },
  );
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "text/csv; charset=utf-8");
  assert.match(
    response.headers.get("content-disposition") ?? "",
    /^attachment; filename="complaints-\d{4}-\d\d-\d\d\.csv"$/,
  );
  const bytes = new Uint8Array(await response.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte-order mark");
  const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
  assert.match(lines[0], /^ট্র্যাকিং নম্বর,শিরোনাম,/);
  const rows = lines.slice(1);
  assert.equal(rows.length, 131, "more than a page of the database's, and not the other ward's");
  const numbers = rows.map((row) => row.split(",")[0]);
  assert.deepEqual(new Set(numbers), new Set(filed.slice(0, 131)));
  assert.ok(
    rows.some((row) => row.includes(`"'=HYPERLINK(""http://evil.example"") ${word}"`)),
    "formula neutralised",
  );
  assert.ok(
    rows.every((row) => /,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+06:00,/.test(row)),
    "ISO 8601 in Bangladesh time",
  );

  const bad = await appRequest("/admin/complaints/export?sort=sideways", {
    session: { user: { id: admin.id, phone: admin.phone, role: "ward_admin", wards: [44] }, ...admin },
  });
  assert.equal(bad.status, 400);
  await bad.body?.cancel();
  const visitor = await appRequest("/admin/complaints/export", null);
  assert.equal(visitor.status, 303, "visitors sign in first");
});
