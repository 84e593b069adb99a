/** What the two code pages (signing in, changing the number) do alike with the code a person typed. */
import { toAsciiDigits, type Translate } from "../i18n/mod.ts";
import { otpFailureMessage } from "./messages.ts";
import type { OtpFailure } from "./otp.ts";

/** The code as typed (Bengali digits and spaces allowed) in ASCII digits, or null when it is not six digits. */
export function typedCode(value: FormDataEntryValue | null): string | null {
  const code = toAsciiDigits(String(value ?? "")).replace(/\s/g, "");
  return /^\d{6}$/.test(code) ? code : null;
}

/** A failed check, for the page: a wrong code is said next to the field, anything else above the form. */
export function codeCheckFailure(
  t: Translate,
  failure: OtpFailure,
): { codeError: string } | { error: string } {
  const message = otpFailureMessage(t, failure);
  return failure.reason === "wrong_code" ? { codeError: message } : { error: message };
}
