import assert from "node:assert/strict";
import { displayPhone, normalizePhone } from "@/lib/phone.ts";

Deno.test("phone numbers people type normalise to +8801XXXXXXXXX", () => {
  const accepted: [string, string][] = [
    ["01712345678", "+8801712345678"],
    ["8801712345678", "+8801712345678"],
    ["+8801712345678", "+8801712345678"],
    ["008801712345678", "+8801712345678"],
    ["01712-345678", "+8801712345678"],
    ["017 1234 5678", "+8801712345678"],
    [" +880 1712-345 678 ", "+8801712345678"],
    ["(+880) 1712.345678", "+8801712345678"],
    ["০১৭১২৩৪৫৬৭৮", "+8801712345678"],
    ["+৮৮০১৯১২-৩৪৫৬৭৮", "+8801912345678"],
    ["01312345678", "+8801312345678"],
    ["01999999999", "+8801999999999"],
    ["1712345678", "+8801712345678"], // the trunk 0 left out
  ];
  for (const [typed, expected] of accepted) {
    assert.deepEqual(normalizePhone(typed), { ok: true, phone: expected }, typed);
  }
});

Deno.test("what is not a Bangladeshi mobile number is refused with a reason", () => {
  const refused: [string, "phone.empty" | "phone.invalid"][] = [
    ["", "phone.empty"],
    ["   ", "phone.empty"],
    ["- -", "phone.empty"],
    ["0171234567", "phone.invalid"], // 10 digits
    ["017123456789", "phone.invalid"], // 12 digits
    ["01212345678", "phone.invalid"], // no operator uses 012
    ["01112345678", "phone.invalid"],
    ["+8811712345678", "phone.invalid"],
    ["+447911123456", "phone.invalid"],
    ["+01712345678", "phone.invalid"],
    ["88 01712345678 9", "phone.invalid"],
    ["0171234567a", "phone.invalid"],
    ["০১৭১২৩৪৫৬৭", "phone.invalid"],
    ["029667788", "phone.invalid"], // a Dhaka landline
  ];
  for (const [typed, error] of refused) {
    assert.deepEqual(normalizePhone(typed), { ok: false, error }, typed);
  }
});

Deno.test("people see their number in the national form, in their digits", () => {
  assert.equal(displayPhone("+8801712345678", "bn"), "০১৭১২-৩৪৫৬৭৮");
  assert.equal(displayPhone("+8801712345678", "en"), "01712-345678");
  assert.equal(displayPhone("8801712345678", "en"), "01712-345678");
});
