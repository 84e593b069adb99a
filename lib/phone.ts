/**
 * Bangladeshi mobile numbers. People type them in many ways (`01712-345678`, `+880 1712 345678`,
 * `৮৮০১৭১২৩৪৫৬৭৮`); the app stores and sends one form: `+8801[3-9]XXXXXXXX`.
 */
import { toAsciiDigits } from "./i18n/format.ts";

export type PhoneResult =
  | { ok: true; phone: string }
  | { ok: false; error: "phone.empty" | "phone.invalid" };

const SEPARATORS = /[\s\-\u2010-\u2015().]/g;
/** Operator prefixes 013–019 after the leading 0; 8 subscriber digits follow. */
const NATIONAL = /^01[3-9]\d{8}$/;

/** Normalises what a person typed to `+8801[3-9]XXXXXXXX`, or says why it is not a mobile number. */
export function normalizePhone(input: string): PhoneResult {
  const compact = toAsciiDigits(input).replace(SEPARATORS, "");
  if (compact === "") return { ok: false, error: "phone.empty" };
  const national = compact.replace(/^(?:\+|00)?88(?=01)/, "");
  if (!NATIONAL.test(national)) return { ok: false, error: "phone.invalid" };
  return { ok: true, phone: `+88${national}` };
}

/** Auth stores phone numbers as digits without "+" (`8801…`). */
export function toAuthPhone(phone: string): string {
  return phone.replace(/^\+/, "");
}

/** A normalised number as people read it: `01712-345678`. */
export function displayPhone(phone: string): string {
  const national = phone.replace(/^\+?88/, "");
  return national.length === 11 ? `${national.slice(0, 5)}-${national.slice(5)}` : national;
}
