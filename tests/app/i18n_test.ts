import assert from "node:assert/strict";
import { FEATURE_MESSAGES } from "@/lib/i18n/catalogues.ts";
import { translatorFor } from "@/lib/i18n/translate.ts";
import {
  CATALOGUES,
  formatDate,
  formatNumber,
  islandMessages,
  localDigits,
  localeFromRequest,
  LOCALES,
  type MessageKey,
  toAsciiDigits,
  toBengaliDigits,
  translator,
} from "@/lib/i18n/mod.ts";

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

Deno.test("every message exists in Bengali and English, and neither is empty", () => {
  const bnKeys = Object.keys(CATALOGUES.bn).sort();
  const enKeys = Object.keys(CATALOGUES.en).sort();
  assert.deepEqual(enKeys.filter((key) => !bnKeys.includes(key)), [], "keys only in English");
  assert.deepEqual(bnKeys.filter((key) => !enKeys.includes(key)), [], "keys only in Bengali");
  for (const locale of LOCALES) {
    for (const [key, message] of Object.entries(CATALOGUES[locale])) {
      assert.ok(message.trim().length > 0, `${locale} ${key} is empty`);
    }
  }
});

Deno.test("each message key is defined by one feature's messages only", () => {
  const features = Object.entries(FEATURE_MESSAGES);
  for (const [feature, messages] of features) {
    assert.deepEqual(Object.keys(messages.en).sort(), Object.keys(messages.bn).sort(), feature);
    for (const [other, otherMessages] of features) {
      if (other === feature) continue;
      const shared = Object.keys(messages.bn).filter((key) => key in otherMessages.bn);
      assert.deepEqual(shared, [], `${feature} and ${other} both define these keys`);
    }
  }
});

Deno.test("both languages use the same placeholders in each message", () => {
  for (const key of Object.keys(CATALOGUES.bn) as (keyof typeof CATALOGUES.bn)[]) {
    assert.deepEqual(placeholders(CATALOGUES.en[key]), placeholders(CATALOGUES.bn[key]), key);
  }
});

Deno.test("Bengali text carries Bengali script, not leftover English", () => {
  const untranslated = Object.entries(CATALOGUES.bn)
    .filter(([key]) => !["shell.switch_language", "shell.switch_language_label", "language.en"].includes(key))
    .filter(([, message]) => !/[\u0980-\u09FF]/.test(message));
  assert.deepEqual(untranslated, []);
});

Deno.test("digits convert between Bengali and ASCII both ways", () => {
  assert.equal(toBengaliDigits("01712-345678"), "০১৭১২-৩৪৫৬৭৮");
  assert.equal(toAsciiDigits("০১৭১২-৩৪৫৬৭৮"), "01712-345678");
  assert.equal(toAsciiDigits("ward ১৭, road 5"), "ward 17, road 5");
  assert.equal(localDigits(2026, "bn"), "২০২৬");
  assert.equal(localDigits("২০২৬", "en"), "2026");
});

Deno.test("numbers use Bengali digits and South Asian grouping in Bengali", () => {
  assert.equal(formatNumber(45, "bn"), "৪৫");
  assert.equal(formatNumber(1234567, "bn"), "১২,৩৪,৫৬৭");
  assert.equal(formatNumber(1234567, "en"), "1,234,567");
  assert.equal(formatNumber(99.5, "bn", { style: "currency", currency: "BDT" }).includes("৯৯.৫০"), true);
});

Deno.test("dates are shown in Dhaka time, in the reader's language", () => {
  // 20:30 UTC on 31 December is already 1 January in Dhaka (UTC+6).
  const newYearInDhaka = new Date("2026-12-31T20:30:00Z");
  assert.equal(formatDate(newYearInDhaka, "bn"), "১ জানুয়ারী, ২০২৭");
  assert.equal(formatDate(newYearInDhaka, "en"), "January 1, 2027");
  assert.equal(formatDate(newYearInDhaka, "bn", "time"), "২:৩০ রাত্রি");
  assert.equal(formatDate("2026-11-24T10:51:00Z", "bn", "dateTime"), "২৪ নভে, ২০২৬, ৪:৫১ বিকাল");
  assert.match(formatDate("2026-11-24T04:05:00Z", "en", "dateTime"), /Nov 24, 2026.*10:05/);
});

Deno.test("t() fills placeholders and writes numbers in the reader's digits", () => {
  assert.equal(
    translator("bn")("rate.retry_seconds", { seconds: 45 }),
    "অনেকবার চেষ্টা হয়েছে। ৪৫ সেকেন্ড পরে আবার চেষ্টা করুন।",
  );
  assert.equal(
    translator("en")("rate.retry_seconds", { seconds: 45 }),
    "Too many attempts. Please try again in 45 seconds.",
  );
  assert.equal(translator("en")("home.greeting", { name: "Rahima" }), "Welcome, Rahima");
});

Deno.test("islands get only the messages asked for, by key or by prefix", () => {
  assert.deepEqual(Object.keys(islandMessages("bn", ["verify.resend_wait", "complaint.status."])), [
    "verify.resend_wait",
    "complaint.status.submitted",
    "complaint.status.in_progress",
    "complaint.status.resolved",
    "complaint.status.closed",
    "complaint.status.rejected",
  ]);
  assert.equal(islandMessages("en", ["verify.resend"])["verify.resend"], "Send a new code");
});

Deno.test("an island's t() gives what the server's gives, for every message in both languages", () => {
  for (const locale of LOCALES) {
    const onServer = translator(locale);
    for (const key of Object.keys(CATALOGUES[locale]) as MessageKey[]) {
      const inIsland = translatorFor(islandMessages(locale, [key]), locale);
      // Numbers and text in turn, so both kinds of value go through each message that takes any.
      const params = Object.fromEntries(
        placeholders(CATALOGUES[locale][key]).map((name, i) => [name, i % 2 === 0 ? 12345 : `«${name}»`]),
      );
      assert.equal(inIsland(key, params), onServer(key, params), `${locale} ${key}`);
      assert.equal(inIsland(key), onServer(key), `${locale} ${key} without params`);
    }
  }
  const wait = islandMessages("bn", ["verify.resend_wait"]);
  assert.equal(
    translatorFor(wait, "bn")("verify.resend_wait", { seconds: 45 }),
    "৪৫ সেকেন্ড পরে নতুন কোড চাইতে পারবেন।",
  );
});

Deno.test("the language comes from the lang cookie, Bengali otherwise", () => {
  const request = (cookie?: string) =>
    new Request("http://127.0.0.1:8000/", { headers: cookie ? { cookie } : {} });
  assert.equal(localeFromRequest(request()), "bn");
  assert.equal(localeFromRequest(request("lang=en")), "en");
  assert.equal(localeFromRequest(request("other=1; lang=bn")), "bn");
  assert.equal(localeFromRequest(request("lang=fr")), "bn");
});
