/**
 * Phone sign-in with a one-time code through Supabase Auth, behind the app's own rate limits (per phone
 * and per client address; Auth enforces its own as well). Codes go out by SMS through Auth's Send-SMS hook.
 */
import { type AuthError, isAuthRetryableFetchError, type Session, type User } from "@supabase/supabase-js";
import { HttpError } from "../http/errors.ts";
import { authClient } from "../supabase.ts";
import { type RateDecision, RateLimiter } from "../rate_limit.ts";
import { config } from "../config.ts";

export type OtpFailure =
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
  | { ok: false; reason: "wrong_code" }
  /** Changing to a number another account signs in with. */
  | { ok: false; reason: "phone_taken" }
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
  return await checkCode(phone, code, clientAddress, "sms");
}

/** The signed-in person's tokens, for Auth calls about their own account. */
export interface AccountTokens {
  accessToken: string;
  refreshToken: string;
}

/**
 * Asks Auth to move the account to `newPhone` (`+8801…`): a code goes to the new number, and the account
 * keeps its number until the code is verified. Limited like sign-in codes, counted on the new number.
 */
export async function requestPhoneChange(
  tokens: AccountTokens,
  newPhone: string,
  clientAddress: string,
): Promise<{ ok: true } | OtpFailure> {
  const limited = firstRefusal(sendsPerAddress.take(clientAddress), sendsPerPhone.take(newPhone));
  if (limited) return limited;
  const client = authClient(clientAddress);
  const signedIn = await client.auth.setSession({
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
  });
  if (signedIn.error) return failure(signedIn.error);
  const { error } = await client.auth.updateUser({ phone: newPhone });
  return error ? failure(error) : { ok: true };
}

/** The number the account waits to move to and when its code went out; null when no change is pending. */
export async function pendingPhoneChange(
  accessToken: string,
  clientAddress: string,
): Promise<{ phone: string; sentAt: number } | null> {
  const { data, error } = await authClient(clientAddress).auth.getUser(accessToken);
  // Signed out on another page or device: the token still verifies here until it expires (lib/auth/session.ts),
  // but Auth has no session behind it any more.
  if (error && !isAuthRetryableFetchError(error) && (error.status ?? 500) < 500) {
    throw new HttpError(401, "error.sign_in_required");
  }
  if (error) throw error;
  // GoTrue's user JSON has phone_change_sent_at; auth-js's User type leaves it out.
  const { new_phone: phone, phone_change_sent_at: sentAt } = data.user as User & {
    phone_change_sent_at?: string;
  };
  return phone ? { phone: `+${phone}`, sentAt: sentAt ? Date.parse(sentAt) : 0 } : null;
}

/** Texts the pending change's code again (Auth finds the change by the account's current number). */
export async function resendPhoneChange(
  currentPhone: string,
  newPhone: string,
  clientAddress: string,
): Promise<{ ok: true } | OtpFailure> {
  const limited = firstRefusal(sendsPerAddress.take(clientAddress), sendsPerPhone.take(newPhone));
  if (limited) return limited;
  const { error } = await authClient(clientAddress).auth.resend({
    type: "phone_change",
    phone: currentPhone,
  });
  return error ? failure(error) : { ok: true };
}

/** Checks the code sent to the new number; on success the account has that number and a new session. */
export async function verifyPhoneChange(
  newPhone: string,
  code: string,
  clientAddress: string,
): Promise<{ ok: true; session: Session } | OtpFailure> {
  return await checkCode(newPhone, code, clientAddress, "phone_change");
}

/** A code sent to `phone` for signing in (`sms`) or moving the account there, checked within the limits. */
async function checkCode(
  phone: string,
  code: string,
  clientAddress: string,
  type: "sms" | "phone_change",
): Promise<{ ok: true; session: Session } | OtpFailure> {
  const limited = firstRefusal(checksPerAddress.take(clientAddress), checksPerPhone.take(phone));
  if (limited) return limited;
  const { data, error } = await authClient(clientAddress).auth.verifyOtp({ phone, token: code, type });
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
  if (error.code === "phone_exists") return { ok: false, reason: "phone_taken" };
  return { ok: false, reason: "unavailable" };
}
