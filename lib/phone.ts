/**
 * Bangladeshi mobile numbers. People type them in many ways (`01712-345678`, `+880 1712 345678`,
 * `৮৮০১৭১২৩৪৫৬৭৮`); the app stores and sends one form: `+8801[3-9]XXXXXXXX`.
 */
import { localDigits, toAsciiDigits } from "./i18n/format.ts";
import type { Locale } from "./i18n/locales.ts";
import { normaliseBdMobile } from "../supabase/functions/_shared/bd-phone.ts";

export type PhoneResult =
  | { ok: true; phone: string }
  | { ok: false; error: "phone.empty" | "phone.invalid" };

/** Spaces of any kind, hyphens and dashes, brackets and dots people put between digit groups. */
const SEPARATORS = /[\s\-\u2010-\u2015().]/g;

/**
 * Normalises what a person typed to `+8801[3-9]XXXXXXXX`, or says why it is not a mobile number. The
 * rule itself is the one the `sms` function applies (`bd-phone.ts`); this adds Bengali digits.
 */
export function normalizePhone(input: string): PhoneResult {
  const compact = toAsciiDigits(input).replace(SEPARATORS, "");
  if (compact === "") return { ok: false, error: "phone.empty" };
  const phone = normaliseBdMobile(compact);
  return phone ? { ok: true, phone } : { ok: false, error: "phone.invalid" };
}

/** A normalised number as people read it, in the locale's digits: `০১৭১২-৩৪৫৬৭৮`. */
export function displayPhone(phone: string, locale: Locale): string {
  const national = phone.replace(/^\+?88/, "");
  return localDigits(
    national.length === 11 ? `${national.slice(0, 5)}-${national.slice(5)}` : national,
    locale,
  );
}
