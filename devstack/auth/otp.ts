/**
 * Phone sign-in codes: sending (`POST /otp`) and checking (`POST /verify`). Only a hash of a code is
 * stored, in `auth.one_time_tokens`, with its expiry and the wrong codes tried against it.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Sql, TransactionSql } from "../pg.ts";
import {
  forbidden,
  requestRateLimited,
  tooManyRequests,
  unexpectedFailure,
  unprocessable,
} from "./errors.ts";
import type { RateLimiter } from "./rate_limit.ts";
import type { AuthSettings } from "./settings.ts";
import type { SendSmsHook } from "./sms_hook.ts";
import { findUserByPhone, insertPhoneUser, type Metadata, userJson, type UserRow } from "./users.ts";

export interface OtpRequest {
  phone: string;
  createUser: boolean;
  userMetadata: Metadata;
  clientAddress: string;
}

export interface OtpDeps {
  sql: Sql;
  settings: AuthSettings;
  /** Absent when `[auth.hook.send_sms]` is disabled: there is no other SMS provider locally. */
  hook?: SendSmsHook;
  smsLimiter: RateLimiter;
}

/** Sends a new code to `phone`, signing the number up first when allowed. Answers GoTrue's `/otp` body. */
export function sendPhoneOtp(deps: OtpDeps, request: OtpRequest): Promise<{ message_id?: string }> {
  const { sql, settings } = deps;
  return sql.begin(async (tx) => {
    const user = await existingOrNewUser(tx, settings, request);
    const testCode = settings.testOtps.get(request.phone);
    const code = testCode ?? generateOtp(settings.otpLength);
    await storeOtp(tx, user, code, settings.otpExpirySeconds);
    if (testCode) return { message_id: "test-otp" };

    if (!deps.smsLimiter.take(request.clientAddress)) {
      throw tooManyRequests("over_sms_send_rate_limit", "SMS rate limit exceeded");
    }
    if (!deps.hook) throw unexpectedFailure("Unable to get SMS provider");
    // Sent inside the transaction: when delivery fails, the new user and the code are rolled back.
    await deps.hook.send(userJson(user), code);
    return {};
  });
}

async function existingOrNewUser(
  tx: TransactionSql,
  settings: AuthSettings,
  request: OtpRequest,
): Promise<UserRow> {
  const existing = await findUserByPhone(tx, request.phone, { lock: true });
  if (existing) {
    refuseIfSentRecently(existing, settings.smsMaxFrequencySeconds);
    return existing;
  }
  if (!request.createUser) throw unprocessable("otp_disabled", "Signups not allowed for otp");
  if (!settings.signupEnabled) {
    throw unprocessable("signup_disabled", "Signups not allowed for this instance");
  }
  const created = await insertPhoneUser(tx, {
    phone: request.phone,
    userMetadata: request.userMetadata,
    appMetadata: { provider: "phone", providers: ["phone"] },
  });
  if (created) return created;
  // A concurrent request signed this number up first; treat it as the existing user it now is.
  const raced = (await findUserByPhone(tx, request.phone, { lock: true }))!;
  refuseIfSentRecently(raced, settings.smsMaxFrequencySeconds);
  return raced;
}

function refuseIfSentRecently(user: UserRow, maxFrequencySeconds: number): void {
  if (!user.confirmation_sent_at) return;
  const waitMs = user.confirmation_sent_at.getTime() + maxFrequencySeconds * 1000 - Date.now();
  if (waitMs > 0) {
    throw tooManyRequests(
      "over_sms_send_rate_limit",
      `For security purposes, you can only request this after ${Math.ceil(waitMs / 1000)} seconds.`,
    );
  }
}

/** A uniformly random numeric code (rejection sampling avoids the modulo bias). */
export function generateOtp(length: number): string {
  let code = "";
  const bytes = new Uint8Array(1);
  while (code.length < length) {
    crypto.getRandomValues(bytes);
    if (bytes[0] < 250) code += String(bytes[0] % 10);
  }
  return code;
}

/** GoTrue's token hash: sha224 of the phone digits followed by the code, hex-encoded. */
export function hashOtp(phone: string, code: string): string {
  return createHash("sha224").update(phone + code).digest("hex");
}

async function storeOtp(
  tx: TransactionSql,
  user: UserRow,
  code: string,
  expirySeconds: number,
): Promise<void> {
  await tx`
    insert into auth.one_time_tokens (user_id, token_type, token_hash, relates_to, expires_at)
    values (${user.id}, 'confirmation_token', ${hashOtp(user.phone!, code)}, ${user.phone},
            now() + make_interval(secs => ${expirySeconds}))
    on conflict (user_id, token_type) do update
      set token_hash = excluded.token_hash, relates_to = excluded.relates_to, expires_at = excluded.expires_at,
          failed_attempts = 0, created_at = now(), updated_at = now()`;
  await tx`update auth.users set confirmation_sent_at = now() where id = ${user.id}`;
}

/**
 * Checks `code` for `phone` and consumes it when right. A wrong code counts against the pending code,
 * which is discarded at `maxWrongCodes`, and against the phone, whose codes are not checked at all once it
 * reached `wrongCodesPerPhone` in the window (429); the counts must survive, so the caller commits even on
 * a miss. Returns the user on success, undefined for any wrong, expired, used or unknown code.
 */
export async function checkPhoneOtp(
  tx: TransactionSql,
  settings: AuthSettings,
  phone: string,
  code: string,
): Promise<UserRow | undefined> {
  const user = await findUserByPhone(tx, phone, { lock: true });
  if (!user) return undefined;
  const { limit, windowSeconds } = settings.wrongCodesPerPhone;
  const [{ recent }] = await tx<{ recent: number }[]>`
    select count(*)::int as recent from auth.phone_otp_failures
    where phone = ${phone} and failed_at > now() - make_interval(secs => ${windowSeconds})`;
  if (recent >= limit) throw requestRateLimited();
  const [pending] = await tx<{ id: string; token_hash: string; failed_attempts: number; expired: boolean }[]>`
    select id, token_hash, failed_attempts, expires_at is null or expires_at <= now() as expired
    from auth.one_time_tokens
    where user_id = ${user.id} and token_type = 'confirmation_token' and relates_to = ${phone}
    for update`;
  if (!pending || pending.expired) return undefined;

  if (!sameHash(hashOtp(phone, code), pending.token_hash)) {
    await tx`delete from auth.phone_otp_failures where failed_at <= now() - make_interval(secs => ${windowSeconds})`;
    await tx`insert into auth.phone_otp_failures (phone) values (${phone})`;
    if (pending.failed_attempts + 1 >= settings.maxWrongCodes) {
      await tx`delete from auth.one_time_tokens where id = ${pending.id}`;
    } else {
      await tx`update auth.one_time_tokens set failed_attempts = failed_attempts + 1, updated_at = now()
               where id = ${pending.id}`;
    }
    return undefined;
  }
  await tx`delete from auth.one_time_tokens where id = ${pending.id}`;
  // The person has the handset: their earlier typos no longer count against them.
  await tx`delete from auth.phone_otp_failures where phone = ${phone}`;
  if (user.is_banned) throw forbidden("user_banned", "User is banned");
  return user;
}

function sameHash(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
