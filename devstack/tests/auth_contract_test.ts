/**
 * Where local Auth must answer as GoTrue does, through the official supabase-js client: changing one's
 * phone number (`PUT /user {phone}` → code to the new number → `verify type=phone_change`), `resend()`,
 * verification types the project has no codes for, and the features this phone-OTP project keeps off.
 */
import assert from "node:assert/strict";
import type { AuthError } from "@supabase/supabase-js";
import { API_URL, projectConfig } from "../config.ts";
import { ANON_KEY } from "../keys.ts";
import {
  inboxMessages,
  latestCode,
  randomClientAddress,
  randomPhone,
  requestCode,
  signInWithPhone,
  storedPhone,
  supabaseClient,
} from "../testing/auth.ts";
import { asOperator } from "../testing/db.ts";

function assertAuthError(error: AuthError | null, status: number, code: string, message?: string | RegExp) {
  assert.ok(error, `expected ${status} ${code}`);
  assert.deepEqual([error.status, error.code], [status, code], error.message);
  if (typeof message === "string") assert.equal(error.message, message);
  else if (message) assert.match(error.message, message);
}

/** Lets the last code of `kind` to `phone`'s account count as sent long ago, without waiting. */
function backdateLastCode(userId: string, kind: "confirmation_sent_at" | "phone_change_sent_at") {
  return asOperator((sql) =>
    sql`update auth.users set ${sql(kind)} = now() - interval '1 hour' where id = ${userId}`
  );
}

Deno.test("a citizen moves their account to a new number: the code goes to the new number, the id stays", async () => {
  const person = await signInWithPhone();
  const newPhone = randomPhone();
  // Typed the way people write it (national form); stored as everywhere else, 8801…
  const national = newPhone.replace("+88", "");
  const asked = await person.client.auth.updateUser({ phone: national });
  assert.equal(asked.error, null);
  assert.equal(asked.data.user!.phone, storedPhone(person.phone), "the number changes only once proven");
  assert.equal(asked.data.user!.new_phone, storedPhone(newPhone));
  assert.equal((await inboxMessages(person.phone)).length, 1, "nothing more to the old number");

  const code = await latestCode(newPhone);
  const { data, error } = await person.client.auth.verifyOtp({
    phone: national,
    token: code,
    type: "phone_change",
  });
  assert.equal(error, null);
  assert.equal(data.user!.id, person.id);
  assert.equal(data.user!.phone, storedPhone(newPhone));
  assert.equal(data.user!.new_phone, undefined);
  const claims = (await person.client.auth.getClaims(data.session!.access_token)).data!.claims;
  assert.deepEqual([claims.sub, claims.phone], [person.id, storedPhone(newPhone)]);

  // The profile mirror follows (with "+"), the phone identity too; no code of the account is left.
  const [stored] = await asOperator((sql) =>
    sql`select p.phone as profile_phone, i.identity_data ->> 'phone' as identity_phone,
               (select count(*)::int from auth.one_time_tokens t where t.user_id = u.id) as pending_codes
        from auth.users u join public.profiles p on p.id = u.id
        join auth.identities i on i.user_id = u.id and i.provider = 'phone'
        where u.id = ${person.id}`
  );
  assert.deepEqual({ ...stored }, {
    profile_phone: newPhone,
    identity_phone: storedPhone(newPhone),
    pending_codes: 0,
  });

  // The old number no longer reaches this account: without sign-up it is unknown, with it a new account.
  const oldDevice = supabaseClient();
  const refused = await oldDevice.auth.signInWithOtp({
    phone: person.phone,
    options: { shouldCreateUser: false },
  });
  assertAuthError(refused.error, 422, "otp_disabled");
  const fresh = await signInWithPhone(person.phone);
  assert.notEqual(fresh.id, person.id);
  // And the new number signs in to the same account (once the last code's max_frequency has passed).
  await backdateLastCode(person.id, "confirmation_sent_at");
  assert.equal((await signInWithPhone(newPhone)).id, person.id);
});

Deno.test("a number another account has is refused, and nothing is left pending", async () => {
  const [a, b] = await Promise.all([signInWithPhone(), signInWithPhone()]);
  const { data, error } = await a.client.auth.updateUser({ phone: b.phone });
  assertAuthError(error, 422, "phone_exists", "A user with this phone number has already been registered");
  assert.equal(data.user, null);
  const { data: current } = await a.client.auth.getUser();
  assert.equal(current.user!.new_phone, undefined);
  assert.equal((await inboxMessages(b.phone)).length, 1);
});

Deno.test("phone change codes: a wrong one is refused, a resend waits max_frequency and replaces the code", async () => {
  const person = await signInWithPhone();
  const newPhone = randomPhone();
  assert.equal((await person.client.auth.updateUser({ phone: newPhone })).error, null);
  const first = await latestCode(newPhone);
  const wrong = first === "000000" ? "111111" : "000000";
  const refused = await person.client.auth.verifyOtp({ phone: newPhone, token: wrong, type: "phone_change" });
  assertAuthError(refused.error, 403, "otp_expired", "Token has expired or is invalid");

  // resend() finds the pending change by the account's current number, as GoTrue does.
  const tooSoon = await person.client.auth.resend({ type: "phone_change", phone: person.phone });
  assertAuthError(tooSoon.error, 429, "over_sms_send_rate_limit", /only request this after \d+ seconds/);
  await backdateLastCode(person.id, "phone_change_sent_at");
  const since = new Date();
  assert.equal((await person.client.auth.resend({ type: "phone_change", phone: person.phone })).error, null);
  const second = await latestCode(newPhone, { since });
  assert.equal((await inboxMessages(newPhone)).length, 2);
  if (second !== first) {
    const stale = await person.client.auth.verifyOtp({ phone: newPhone, token: first, type: "phone_change" });
    assertAuthError(stale.error, 403, "otp_expired");
  }
  const { data, error } = await person.client.auth.verifyOtp({
    phone: newPhone,
    token: second,
    type: "phone_change",
  });
  assert.equal(error, null);
  assert.equal(data.user!.phone, storedPhone(newPhone));
});

Deno.test("resend() of a sign-in code: only for unconfirmed numbers, limited exactly as signInWithOtp()", async () => {
  const phone = randomPhone();
  const device = supabaseClient();
  const first = await requestCode(device, phone);
  const tooSoon = await device.auth.resend({ type: "sms", phone });
  assertAuthError(tooSoon.error, 429, "over_sms_send_rate_limit", /only request this after \d+ seconds/);

  const [{ id }] = await asOperator((sql) =>
    sql`select id from auth.users where phone = ${storedPhone(phone)}`
  );
  await backdateLastCode(id, "confirmation_sent_at");
  const since = new Date();
  const resent = await device.auth.resend({ type: "sms", phone });
  assert.equal(resent.error, null);
  const second = await latestCode(phone, { since });
  if (second !== first) {
    assertAuthError(
      (await device.auth.verifyOtp({ phone, token: first, type: "sms" })).error,
      403,
      "otp_expired",
    );
  }
  assert.equal((await device.auth.verifyOtp({ phone, token: second, type: "sms" })).error, null);

  // Confirmed numbers and unknown numbers get {} and no SMS, alike.
  for (const number of [phone, randomPhone()]) {
    await backdateLastCode(id, "confirmation_sent_at");
    const { data, error } = await device.auth.resend({ type: "sms", phone: number });
    assert.equal(error, null);
    assert.deepEqual(data, { user: null, session: null, messageId: undefined });
  }
  assert.equal((await inboxMessages(phone)).length, 2);
});

Deno.test("resend() shares signInWithOtp()'s SMS allowance per client address", async () => {
  const pending = randomPhone();
  await requestCode(supabaseClient(), pending);
  const [{ id }] = await asOperator((sql) =>
    sql`select id from auth.users where phone = ${storedPhone(pending)}`
  );
  await backdateLastCode(id, "confirmation_sent_at");

  const address = randomClientAddress();
  const device = supabaseClient({ address });
  const allowance: number = projectConfig().auth.rate_limit.sms_sent;
  for (let sent = 0; sent < allowance; sent++) {
    assert.equal((await device.auth.signInWithOtp({ phone: randomPhone() })).error, null);
  }
  const refused = await device.auth.resend({ type: "sms", phone: pending });
  assertAuthError(refused.error, 429, "over_sms_send_rate_limit", "SMS rate limit exceeded");
  // From elsewhere the same resend goes through.
  assert.equal((await supabaseClient().auth.resend({ type: "sms", phone: pending })).error, null);
});

Deno.test("verify with a type the project has no codes for answers 403 like GoTrue, not 400", async () => {
  const auth = supabaseClient().auth;
  const phoneChange = await auth.verifyOtp({ phone: randomPhone(), token: "123456", type: "phone_change" });
  assertAuthError(phoneChange.error, 403, "otp_expired", "Token has expired or is invalid");
  for (const type of ["email", "signup", "magiclink", "recovery", "invite", "email_change"] as const) {
    const { error } = await auth.verifyOtp({ email: "citizen@example.com", token: "123456", type });
    assertAuthError(error, 403, "otp_expired", "Token has expired or is invalid");
  }
  const link = await auth.verifyOtp({ token_hash: "0".repeat(56), type: "magiclink" });
  assertAuthError(link.error, 403, "otp_expired", "Email link is invalid or has expired");

  const post = (body: unknown) =>
    fetch(`${API_URL}/auth/v1/verify`, {
      method: "POST",
      headers: {
        apikey: ANON_KEY,
        "content-type": "application/json",
        "x-supabase-api-version": "2024-01-01",
      },
      body: JSON.stringify(body),
    }).then(async (response) => [response.status, await response.json()]);
  assert.deepEqual(await post({ phone: "8801712345678", token: "123456" }), [
    400,
    { code: "validation_failed", message: "Verify requires a verification type" },
  ]);
  assert.deepEqual(await post({ type: "sms", phone: "8801712345678" }), [
    400,
    { code: "validation_failed", message: "Verify requires either a token or a token hash" },
  ]);
});

Deno.test("features this project keeps off fail with GoTrue's own codes and statuses", async () => {
  const auth = supabaseClient().auth;
  assertAuthError(
    (await auth.signInAnonymously()).error,
    422,
    "anonymous_provider_disabled",
    "Anonymous sign-ins are disabled",
  );
  const credentials = { email: "citizen@example.com", password: "correct horse battery" };
  assertAuthError(
    (await auth.signUp(credentials)).error,
    400,
    "email_provider_disabled",
    "Email signups are disabled",
  );
  assertAuthError((await auth.signInWithPassword(credentials)).error, 422, "email_provider_disabled");
  assertAuthError(
    (await auth.signInWithOtp({ email: credentials.email })).error,
    422,
    "email_provider_disabled",
    "Email logins are disabled",
  );
  assertAuthError(
    (await auth.resetPasswordForEmail(credentials.email)).error,
    400,
    "email_provider_disabled",
  );
  assertAuthError(
    (await auth.resend({ type: "signup", email: credentials.email })).error,
    400,
    "email_provider_disabled",
  );
  // Phone accounts made by code have no password, as in GoTrue.
  assertAuthError(
    (await auth.signInWithPassword({ phone: randomPhone(), password: "guess" })).error,
    400,
    "invalid_credentials",
    "Invalid login credentials",
  );
  assertAuthError((await auth.signInWithSSO({ domain: "city.gov.bd" })).error, 404, "saml_provider_disabled");
  assertAuthError(
    (await auth.signInWithIdToken({ provider: "google", token: "an-id-token" })).error,
    400,
    "provider_disabled",
    'Provider (issuer "https://accounts.google.com") is not enabled',
  );

  const person = await signInWithPhone();
  const mfa = person.client.auth.mfa;
  assertAuthError(
    (await mfa.enroll({ factorType: "totp" })).error,
    422,
    "mfa_totp_enroll_not_enabled",
    "MFA enroll is disabled for TOTP",
  );
  assertAuthError(
    (await mfa.enroll({ factorType: "phone", phone: person.phone })).error,
    422,
    "mfa_phone_enroll_not_enabled",
  );
  assertAuthError(
    (await mfa.challenge({ factorId: crypto.randomUUID() })).error,
    404,
    "mfa_factor_not_found",
  );
  assertAuthError(
    (await person.client.auth.updateUser({ email: credentials.email })).error,
    422,
    "email_provider_disabled",
  );

  const oauth = await fetch(`${API_URL}/auth/v1/authorize?provider=github`, {
    headers: { "x-supabase-api-version": "2024-01-01" },
    redirect: "manual",
  });
  assert.equal(oauth.status, 400);
  assert.deepEqual(await oauth.json(), {
    code: "validation_failed",
    message: "Unsupported provider: provider is not enabled",
  });
});
