import assert from "node:assert/strict";
import { normalizeNid } from "@/lib/nid.ts";

Deno.test("NID numbers of 10, 13 or 17 digits are accepted, in either script, with separators", () => {
  const accepted: [string, string][] = [
    ["1234567890", "1234567890"],
    ["1234567890123", "1234567890123"],
    ["19901234567890123", "19901234567890123"],
    ["১২৩৪৫৬৭৮৯০", "1234567890"],
    ["123 456 7890", "1234567890"],
    ["1990-1234-5678-90123", "19901234567890123"],
  ];
  for (const [typed, nid] of accepted) assert.deepEqual(normalizeNid(typed), { ok: true, nid }, typed);
});

Deno.test("other lengths and non-digits are refused", () => {
  for (
    const typed of [
      "",
      "123456789",
      "12345678901",
      "123456789012",
      "12345678901234",
      "123456789012345678",
      "12345abcde",
      "১২৩",
    ]
  ) {
    assert.deepEqual(normalizeNid(typed), { ok: false, error: "nid.invalid" }, typed);
  }
});
