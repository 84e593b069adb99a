/**
 * Phone sign-in with a one-time code through Supabase Auth, behind the app's own rate limits (per phone
 * and per client address; Auth enforces its own as well). Codes go out by SMS through Auth's Send-SMS hook.
 */
import { type AuthError, isAuthRetryableFetchError, type Session } from "@supabase/supabase-js";
import { authClient } from "../supabase.ts";
import { type RateDecision, RateLimiter } from "../rate_limit.ts";
import { config } from "../config.ts";

export type OtpFailure =
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
  | { ok: false; reason: "wrong_code" }
  | { ok: false; reason: "unavailable" };

/** One code per resend interval and five an hour to a phone; forty an hour from one address (CGNAT is common). */
const sendsPerPhone = new RateLimiter(
  "codes sent per phone",
  { limit: 1, windowSeconds: config.otpResendSeconds },
  { limit: 5, windowSeconds: 3600 },
);
const sendsPerAddress = new RateLimiter("codes sent per address", { limit: 40, windowSeconds: 3600 });
/** Guessing codes: ten tries per phone and sixty per address in fifteen minutes. */
const checksPerPhone = new RateLimiter("codes checked per phone", { limit: 10, windowSeconds: 900 });
const checksPerAddress = new RateLimiter("codes checked per address", { limit: 60, windowSeconds: 900 });

/** Asks Auth to text a code to `phone` (`+8801…`), creating the account on first use. */
export async function sendCode(phone: string, clientAddress: string): Promise<{ ok: true } | OtpFailure> {
  const limited = firstRefusal(sendsPerAddress.take(clientAddress), sendsPerPhone.take(phone));
  if (limited) return limited;
  const { error } = await authClient(clientAddress).auth.signInWithOtp({
    phone,
    options: { channel: "sms", shouldCreateUser: true },
  });
  return error ? failure(error) : { ok: true };
}

/** Checks the code; on success Auth returns a new session. */
export async function verifyCode(
  phone: string,
  code: string,
  clientAddress: string,
): Promise<{ ok: true; session: Session } | OtpFailure> {
  const limited = firstRefusal(checksPerAddress.take(clientAddress), checksPerPhone.take(phone));
  if (limited) return limited;
  const { data, error } = await authClient(clientAddress).auth.verifyOtp({ phone, token: code, type: "sms" });
  if (error || !data.session) return error ? failure(error) : { ok: false, reason: "unavailable" };
  return { ok: true, session: data.session };
}

function firstRefusal(...decisions: RateDecision[]): OtpFailure | undefined {
  const waits = decisions.flatMap((decision) => decision.ok ? [] : [decision.retryAfterSeconds]);
  return waits.length
    ? { ok: false, reason: "rate_limited", retryAfterSeconds: Math.max(...waits) }
    : undefined;
}

/** Maps Auth's errors (GoTrue error codes) to what the person can do about them. */
function failure(error: AuthError): OtpFailure {
  if (error.status === 429 || error.code?.startsWith("over_")) {
    // "For security purposes, you can only request this after 42 seconds."
    const seconds = Number(/after (\d+) seconds?/.exec(error.message)?.[1] ?? config.otpResendSeconds);
    return { ok: false, reason: "rate_limited", retryAfterSeconds: seconds };
  }
  if (isAuthRetryableFetchError(error) || (error.status ?? 0) >= 500) {
    return { ok: false, reason: "unavailable" };
  }
  if (error.status === 403 || error.code === "otp_expired") return { ok: false, reason: "wrong_code" };
  return { ok: false, reason: "unavailable" };
}
