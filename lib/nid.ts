/** Bangladesh National ID numbers: 10 digits (smart card), 13 or 17 digits (older cards). */
import { toAsciiDigits } from "./i18n/format.ts";

export type NidResult = { ok: true; nid: string } | { ok: false; error: "nid.invalid" };

/** Accepts Bengali or ASCII digits with spaces or dashes between groups; returns the bare digits. */
export function normalizeNid(input: string): NidResult {
  const digits = toAsciiDigits(input).replace(/[\s\-]/g, "");
  return /^(\d{10}|\d{13}|\d{17})$/.test(digits)
    ? { ok: true, nid: digits }
    : { ok: false, error: "nid.invalid" };
}
