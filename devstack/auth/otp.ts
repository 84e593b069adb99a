/**
 * Phone codes: sending them (`POST /otp`, `POST /resend`, `PUT /user {phone}`) and checking them
 * (`POST /verify`). A code is of one of GoTrue's kinds: `sms` (sign in on the account's number) or
 * `phone_change` (prove a new number). Only a hash of a code is stored, in `auth.one_time_tokens`, with
 * its expiry and the wrong codes tried against it.
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
import {
  findUserByPhone,
  findUserByPhoneChange,
  insertPhoneUser,
  type Metadata,
  userJson,
  type UserRow,
} from "./users.ts";

/** GoTrue's verification types for phone codes. */
export type CodeKind = "sms" | "phone_change";

/** Where each kind is kept: its one_time_tokens type and the users column saying when it was sent. */
const CODE_KINDS = {
  sms: { tokenType: "confirmation_token", sentAt: "confirmation_sent_at" },
  phone_change: { tokenType: "phone_change_token", sentAt: "phone_change_sent_at" },
} as const;

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
  /** SMS sent per client address: shared by every way of asking for a code. */
  smsLimiter: RateLimiter;
}

export type SendAnswer = { message_id?: string };

/** Sends a new sign-in code to `phone`, signing the number up first when allowed. Answers GoTrue's `/otp` body. */
export function sendPhoneOtp(deps: OtpDeps, request: OtpRequest): Promise<SendAnswer> {
  return deps.sql.begin(async (tx) => {
    const user = await existingOrNewUser(tx, deps.settings, request);
    return await sendCode(tx, deps, user, "sms", request.clientAddress);
  });
}

/**
 * Sends `user` (locked by the caller's transaction) a code of `kind`: to their number for `sms`, to the new
 * number they asked for (`phone_change`) otherwise. Refused with 429 within `max_frequency` of the last
 * code of that kind, and when the address used up its SMS allowance. Test numbers get their fixed code and
 * no SMS. The hook is called inside the transaction, so that a failed delivery leaves nothing behind.
 */
export async function sendCode(
  tx: TransactionSql,
  deps: OtpDeps,
  user: UserRow,
  kind: CodeKind,
  clientAddress: string,
): Promise<SendAnswer> {
  const { settings } = deps;
  const phone = kind === "sms" ? user.phone! : user.phone_change!;
  refuseIfSentRecently(user[CODE_KINDS[kind].sentAt], settings.smsMaxFrequencySeconds);
  const testCode = settings.testOtps.get(phone);
  const code = testCode ?? generateOtp(settings.otpLength);
  await storeOtp(tx, user, kind, phone, code, settings.otpExpirySeconds);
  if (testCode) return { message_id: "test-otp" };

  if (!deps.smsLimiter.take(clientAddress)) {
    throw tooManyRequests("over_sms_send_rate_limit", "SMS rate limit exceeded");
  }
  if (!deps.hook) throw unexpectedFailure("Unable to get SMS provider");
  await deps.hook.send(userJson(user), phone, code);
  return {};
}

async function existingOrNewUser(
  tx: TransactionSql,
  settings: AuthSettings,
  request: OtpRequest,
): Promise<UserRow> {
  const existing = await findUserByPhone(tx, request.phone, { lock: true });
  if (existing) return existing;
  if (!request.createUser) throw unprocessable("otp_disabled", "Signups not allowed for otp");
  if (!settings.signupEnabled) {
    throw unprocessable("signup_disabled", "Signups not allowed for this instance");
  }
  const created = await insertPhoneUser(tx, {
    phone: request.phone,
    userMetadata: request.userMetadata,
    appMetadata: { provider: "phone", providers: ["phone"] },
  });
  // Null when a concurrent request signed this number up first: it is the existing user it now is.
  return created ?? (await findUserByPhone(tx, request.phone, { lock: true }))!;
}

function refuseIfSentRecently(sentAt: Date | null, maxFrequencySeconds: number): void {
  if (!sentAt) return;
  const waitMs = sentAt.getTime() + maxFrequencySeconds * 1000 - Date.now();
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
  kind: CodeKind,
  phone: string,
  code: string,
  expirySeconds: number,
): Promise<void> {
  const { tokenType, sentAt } = CODE_KINDS[kind];
  await tx`
    insert into auth.one_time_tokens (user_id, token_type, token_hash, relates_to, expires_at)
    values (${user.id}, ${tokenType}, ${hashOtp(phone, code)}, ${phone},
            now() + make_interval(secs => ${expirySeconds}))
    on conflict (user_id, token_type) do update
      set token_hash = excluded.token_hash, relates_to = excluded.relates_to, expires_at = excluded.expires_at,
          failed_attempts = 0, created_at = now(), updated_at = now()`;
  await tx`update auth.users set ${tx(sentAt)} = now() where id = ${user.id}`;
}

/**
 * Checks a `kind` code sent to `phone` (the account's number for `sms`, the asked-for new number for
 * `phone_change`) and consumes it when right. A wrong code counts against the pending code, which is
 * discarded at `maxWrongCodes`, and against the phone, whose codes are not checked at all once it reached
 * `wrongCodesPerPhone` in the window (429); the counts must survive, so the caller commits even on a miss.
 * Returns the user on success, undefined for any wrong, expired, used or unknown code.
 */
export async function checkPhoneOtp(
  tx: TransactionSql,
  settings: AuthSettings,
  kind: CodeKind,
  phone: string,
  code: string,
): Promise<UserRow | undefined> {
  const user = kind === "sms"
    ? await findUserByPhone(tx, phone, { lock: true })
    : await findUserByPhoneChange(tx, phone);
  if (!user) return undefined;
  const { limit, windowSeconds } = settings.wrongCodesPerPhone;
  const [{ recent }] = await tx<{ recent: number }[]>`
    select count(*)::int as recent from auth.phone_otp_failures
    where phone = ${phone} and failed_at > now() - make_interval(secs => ${windowSeconds})`;
  if (recent >= limit) throw requestRateLimited();
  const [pending] = await tx<{ id: string; token_hash: string; failed_attempts: number; expired: boolean }[]>`
    select id, token_hash, failed_attempts, expires_at is null or expires_at <= now() as expired
    from auth.one_time_tokens
    where user_id = ${user.id} and token_type = ${CODE_KINDS[kind].tokenType} and relates_to = ${phone}
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
