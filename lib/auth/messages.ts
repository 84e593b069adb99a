/** What to tell a person when sending or checking a code did not work. */
import type { Translate } from "../i18n/mod.ts";
import type { OtpFailure } from "./otp.ts";

/** "৪৫ সেকেন্ড পরে আবার চেষ্টা করুন" up to a minute and a half, whole minutes beyond. */
export function retryMessage(t: Translate, seconds: number): string {
  return seconds <= 90
    ? t("rate.retry_seconds", { seconds })
    : t("rate.retry_minutes", { minutes: Math.ceil(seconds / 60) });
}

export function otpFailureMessage(t: Translate, failure: OtpFailure): string {
  switch (failure.reason) {
    case "rate_limited":
      return retryMessage(t, failure.retryAfterSeconds);
    case "wrong_code":
      return t("verify.code_wrong");
    case "phone_taken":
      return t("phone_change.taken");
    case "unavailable":
      return t("auth.unavailable");
  }
}

/** HTTP status for a failed attempt, so scripts and logs can tell the cases apart. */
export function otpFailureStatus(failure: OtpFailure): number {
  return { rate_limited: 429, wrong_code: 422, phone_taken: 409, unavailable: 503 }[failure.reason];
}
