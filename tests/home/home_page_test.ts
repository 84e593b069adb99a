/**
 * The home page: visitors see city-wide notices and the emergency numbers; a signed-in citizen also their
 * ward's notices, the next collection in their ward and their open complaints — and not another ward's.
 */
import assert from "node:assert/strict";
// Before devstack/testing: the app's modules (through the staff support) load the stack's keys themselves.
import { operator, page, signUp } from "../staff/support.ts";

const WARD = 41;
const OTHER_WARD = 42;

Deno.test("the home page brings the city services together for a citizen, and the public part for visitors", async () => {
  const marker = crypto.randomUUID().slice(0, 6);
  const [citizen] = await Promise.all([signUp("হোম পাতার নাগরিক")]);
  await operator.from("profiles").update({ ward_id: WARD }).eq("id", citizen.id).throwOnError();
  await operator.from("notices").insert([
    { title_bn: `সারা শহরের খবর ${marker}`, body_bn: "সবার জন্য", ward_ids: [] },
    { title_bn: `ওয়ার্ডের খবর ${marker}`, body_bn: "শুধু এই ওয়ার্ড", ward_ids: [WARD] },
    { title_bn: `অন্য ওয়ার্ডের খবর ${marker}`, body_bn: "অন্য ওয়ার্ড", ward_ids: [OTHER_WARD] },
  ]).throwOnError();
  await operator.from("complaints").insert({
    citizen_id: citizen.id,
    title: `ড্রেন বন্ধ ${marker}`,
    description: "বাড়ির সামনের ড্রেন তিন দিন ধরে বন্ধ হয়ে আছে।",
    category: "water_supply",
    ward_id: WARD,
    location: "বাড়ির সামনে",
  }).throwOnError();
  try {
    const visitor = await page("/", null);
    assert.equal(visitor.status, 200);
    assert.ok(visitor.html.includes(`সারা শহরের খবর ${marker}`), "visitors see city-wide notices");
    assert.ok(!visitor.html.includes(`ওয়ার্ডের খবর ${marker}`), "not a ward's");
    assert.ok(visitor.html.includes('href="tel:999"'), "and the emergency numbers");

    const mine = await page("/", citizen);
    assert.ok(mine.html.includes("স্বাগতম, হোম পাতার নাগরিক"));
    assert.ok(mine.html.includes(`ওয়ার্ডের খবর ${marker}`), "their ward's notice");
    assert.ok(!mine.html.includes(`অন্য ওয়ার্ডের খবর ${marker}`), "not another ward's");
    assert.ok(mine.html.includes("আপনার ওয়ার্ডে পরের সংগ্রহ"), "the next collection in their ward");
    assert.ok(mine.html.includes(`ড্রেন বন্ধ ${marker}`), "their open complaint");
  } finally {
    await operator.from("notices").delete().like("title_bn", `%${marker}`);
  }
});
