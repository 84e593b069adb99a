/**
 * The local Auth service through the official supabase-js client, against the running stack: phone OTP
 * sign-in with the code the dev inbox received, the limits on codes, rotating refresh tokens, sign-out,
 * and the admin API. Every test uses its own random phone number, so runs do not collide.
 */
import assert from "node:assert/strict";
import { API_URL, projectConfig } from "../config.ts";
import { ANON_KEY, SERVICE_ROLE_KEY, verifyJwt } from "../keys.ts";
import {
  inboxMessages,
  latestCode,
  randomClientAddress,
  randomPhone,
  requestCode,
  serviceRoleClient,
  signInWithPhone,
  storedPhone,
  supabaseClient,
} from "../testing/auth.ts";
import { asOperator } from "../testing/db.ts";
import { toBengaliDigits } from "../../lib/i18n/format.ts";

const AUTH_URL = `${API_URL}/auth/v1`;

function wrongCode(code: string): string {
  return code === "000000" ? "111111" : "000000";
}

/** A new phone number, a client that asked Auth to text it a sign-in code, and the code it received. */
async function codeSentToNewPhone() {
  const phone = randomPhone();
  const auth = supabaseClient();
  return { phone, auth, code: await requestCode(auth, phone) };
}

Deno.test("a citizen signs in with the code from the SMS and gets a token that says who they are", async () => {
  const { phone, auth, code } = await codeSentToNewPhone();

  const [pending] = await asOperator((sql) =>
    sql`select token_hash from auth.one_time_tokens where relates_to = ${storedPhone(phone)}`
  );
  assert.ok(pending, "the pending code is recorded");
  assert.ok(!pending.token_hash.includes(code), "only a hash of the code is stored");

  const { data, error } = await auth.auth.verifyOtp({ phone, token: code, type: "sms" });
  assert.equal(error, null);
  const { session, user } = data;
  assert.ok(session && user);
  assert.equal(user.phone, storedPhone(phone));
  assert.ok(user.phone_confirmed_at);
  assert.deepEqual(user.app_metadata, { provider: "phone", providers: ["phone"] });
  assert.equal(session.token_type, "bearer");
  assert.equal(session.expires_in, 3600);

  const claims = await verifyJwt(session.access_token);
  assert.equal(claims.iss, AUTH_URL);
  assert.equal(claims.aud, "authenticated");
  assert.equal(claims.role, "authenticated");
  assert.equal(claims.sub, user.id);
  assert.equal(claims.phone, storedPhone(phone));
  assert.equal(claims.email, "");
  assert.equal(claims.aal, "aal1");
  assert.equal(claims.is_anonymous, false);
  assert.equal(claims.exp! - claims.iat!, 3600);
  assert.deepEqual((claims.amr as { method: string }[]).map((entry) => entry.method), ["otp"]);
  // The custom access token hook ([auth.hook.custom_access_token]) adds the role and wards of a citizen.
  assert.deepEqual(claims.app_metadata, {
    provider: "phone",
    providers: ["phone"],
    role: "citizen",
    wards: [],
  });
  const [stored] = await asOperator((sql) =>
    sql`select s.user_id, u.phone from auth.sessions s join auth.users u on u.id = s.user_id
        where s.id = ${String(claims.session_id)}`
  );
  assert.deepEqual({ ...stored }, { user_id: user.id, phone: storedPhone(phone) });

  const { data: current, error: userError } = await auth.auth.getUser();
  assert.equal(userError, null);
  assert.equal(current.user?.id, user.id);

  const { data: updated, error: updateError } = await auth.auth.updateUser({ data: { nickname: "Rahima" } });
  assert.equal(updateError, null);
  assert.equal(updated.user?.user_metadata.nickname, "Rahima");
});

Deno.test("a wrong code is refused and the right code still works after it", async () => {
  const { phone, auth, code } = await codeSentToNewPhone();

  const wrong = await auth.auth.verifyOtp({ phone, token: wrongCode(code), type: "sms" });
  assert.equal(wrong.data.session, null);
  assert.equal(wrong.error?.status, 403);
  assert.equal(wrong.error?.code, "otp_expired");

  const right = await auth.auth.verifyOtp({ phone, token: code, type: "sms" });
  assert.equal(right.error, null);
  assert.ok(right.data.session);
});

Deno.test("after five wrong codes the code is discarded, so guessing cannot continue", async () => {
  const { phone, auth, code } = await codeSentToNewPhone();
  for (let attempt = 0; attempt < 5; attempt++) {
    const { error } = await auth.auth.verifyOtp({ phone, token: wrongCode(code), type: "sms" });
    assert.equal(error?.code, "otp_expired");
  }
  const { data, error } = await auth.auth.verifyOtp({ phone, token: code, type: "sms" });
  assert.equal(data.session, null);
  assert.equal(error?.code, "otp_expired");
});

Deno.test("resending does not restart guessing: ten wrong codes an hour per phone, then even the right one waits", async () => {
  const phone = randomPhone();
  const device = supabaseClient();
  const allowResend = () =>
    asOperator((sql) =>
      sql`update auth.users set confirmation_sent_at = now() - interval '2 minutes'
          where phone = ${storedPhone(phone)}`
    );
  for (let round = 0; round < 2; round++) {
    if (round > 0) await allowResend();
    const code = await requestCode(device, phone);
    for (let attempt = 0; attempt < 5; attempt++) {
      const { error } = await device.auth.verifyOtp({ phone, token: wrongCode(code), type: "sms" });
      assert.equal(error?.code, "otp_expired");
    }
  }
  await allowResend();
  const code = await requestCode(device, phone);
  const refused = await device.auth.verifyOtp({ phone, token: code, type: "sms" });
  assert.equal(refused.data.session, null);
  assert.equal(refused.error?.status, 429);
  assert.equal(refused.error?.code, "over_request_rate_limit");

  // Once the hour has passed, the code still pending signs in.
  await asOperator((sql) =>
    sql`update auth.phone_otp_failures set failed_at = failed_at - interval '1 hour'
        where phone = ${storedPhone(phone)}`
  );
  const right = await device.auth.verifyOtp({ phone, token: code, type: "sms" });
  assert.equal(right.error, null);
  assert.ok(right.data.session);
});

Deno.test("an expired code is refused", async () => {
  const { phone, auth, code } = await codeSentToNewPhone();
  // Let the code's lifetime run out without waiting for it.
  await asOperator((sql) =>
    sql`update auth.one_time_tokens set expires_at = now() - interval '1 second'
        where relates_to = ${storedPhone(phone)}`
  );
  const { data, error } = await auth.auth.verifyOtp({ phone, token: code, type: "sms" });
  assert.equal(data.session, null);
  assert.equal(error?.status, 403);
  assert.equal(error?.code, "otp_expired");
});

Deno.test("a code works once: replaying it is refused", async () => {
  const { phone, auth, code } = await codeSentToNewPhone();
  const first = await auth.auth.verifyOtp({ phone, token: code, type: "sms" });
  assert.equal(first.error, null);
  const replay = await supabaseClient().auth.verifyOtp({ phone, token: code, type: "sms" });
  assert.equal(replay.data.session, null);
  assert.equal(replay.error?.code, "otp_expired");
});

Deno.test("asking for another code too soon is refused with the time to wait, and sends nothing", async () => {
  const { phone, auth } = await codeSentToNewPhone();
  const { error } = await auth.auth.signInWithOtp({ phone });
  assert.equal(error?.status, 429);
  assert.equal(error?.code, "over_sms_send_rate_limit");
  assert.match(error?.message ?? "", /only request this after \d+ seconds/);
  assert.equal((await inboxMessages(phone)).length, 1);
});

Deno.test("bad phone numbers get GoTrue's error format with code, header and API version", async () => {
  const { error } = await supabaseClient().auth.signInWithOtp({ phone: "1" });
  assert.equal(error?.status, 400);
  assert.equal(error?.code, "validation_failed");

  const response = await fetch(`${AUTH_URL}/otp`, {
    method: "POST",
    headers: { apikey: ANON_KEY, "content-type": "application/json", "X-Supabase-Api-Version": "2024-01-01" },
    body: JSON.stringify({ phone: "not a phone" }),
  });
  assert.equal(response.status, 400);
  assert.equal(response.headers.get("x-sb-error-code"), "validation_failed");
  assert.equal(response.headers.get("x-supabase-api-version"), "2024-01-01");
  const body = await response.json();
  assert.equal(body.code, "validation_failed");
  assert.equal(typeof body.message, "string");
});

/** `+8801712345678` in the ways people write it, all the same handset. */
function spellingsOf(phone: string): string[] {
  const subscriber = phone.slice("+880".length); // 1712345678
  return [
    subscriber,
    `0${subscriber}`,
    storedPhone(phone),
    `+880 ${subscriber.slice(0, 4)}-${subscriber.slice(4)}`,
    toBengaliDigits(`0${subscriber.slice(0, 4)}-${subscriber.slice(4)}`),
  ];
}

Deno.test("one handset is one account, however its number is spelled", async () => {
  const phone = randomPhone();
  const [subscriber, ...others] = spellingsOf(phone);
  const auth = supabaseClient();
  // Asked for without country code or trunk 0, the code goes to the Bangladeshi handset…
  assert.equal((await auth.auth.signInWithOtp({ phone: subscriber })).error, null);
  const code = await latestCode(phone);
  // …and signs in the account of that handset, written any other way.
  const { data, error } = await auth.auth.verifyOtp({ phone: others.at(-1)!, token: code, type: "sms" });
  assert.equal(error, null);
  assert.equal(data.user?.phone, storedPhone(phone));
  for (const spelling of [subscriber, ...others]) {
    // The same account: another code is "too soon", not a new sign-up.
    const again = await supabaseClient().auth.signInWithOtp({ phone: spelling });
    assert.equal(again.error?.code, "over_sms_send_rate_limit", spelling);
  }
  const accounts = await asOperator((sql) =>
    sql`select phone from auth.users where phone like ${`%${subscriber}`}`
  );
  assert.deepEqual(accounts.map((row) => row.phone), [storedPhone(phone)]);
});

Deno.test("the admin API stores and finds numbers in the same one form", async () => {
  const phone = randomPhone();
  const [subscriber, national, ...others] = spellingsOf(phone);
  const admin = serviceRoleClient().auth.admin;
  const created = await admin.createUser({ phone: national });
  assert.equal(created.error, null);
  assert.equal(created.data.user?.phone, storedPhone(phone));
  try {
    for (const spelling of [subscriber, ...others]) {
      const duplicate = await admin.createUser({ phone: spelling });
      assert.equal(duplicate.error?.code, "phone_exists", spelling);
    }
    const other = await admin.createUser({ phone: randomPhone() });
    const moved = await admin.updateUserById(other.data.user!.id, { phone: others.at(-1) });
    assert.equal(moved.error?.code, "phone_exists");
    await admin.deleteUser(other.data.user!.id);

    const found = await fetch(`${AUTH_URL}/admin/users?filter=${encodeURIComponent(national)}`, {
      headers: { apikey: ANON_KEY, authorization: `Bearer ${SERVICE_ROLE_KEY}` },
    });
    assert.deepEqual((await found.json()).users.map((user: { id: string }) => user.id), [
      created.data.user!.id,
    ]);
  } finally {
    await admin.deleteUser(created.data.user!.id);
  }
});

Deno.test("a number the SMS hook refuses is the caller's 400, says nothing of the hook, and leaves no account", async () => {
  // The sms function refuses numbers that are not Bangladeshi mobiles, so delivery fails.
  const phone = `+1415555${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
  const { error } = await supabaseClient().auth.signInWithOtp({ phone });
  assert.equal(error?.status, 400);
  assert.equal(error?.message, "the user's phone is not a Bangladeshi mobile number");

  const response = await fetch(`${AUTH_URL}/otp`, {
    method: "POST",
    headers: {
      apikey: ANON_KEY,
      "content-type": "application/json",
      "x-forwarded-for": randomClientAddress(),
    },
    body: JSON.stringify({ phone }),
  });
  assert.equal(response.status, 400);
  const body = await response.text();
  assert.doesNotMatch(body, /https?:|functions\/v1|127\.0\.0\.1/, "the hook's address stays on the server");
  const users = await asOperator((sql) => sql`select 1 from auth.users where phone = ${storedPhone(phone)}`);
  assert.equal(users.length, 0);
});

Deno.test("refresh rotates the token; a rotated token reused after the reuse interval ends the session", async () => {
  const { session } = await signInWithPhone();
  const auth = supabaseClient();
  const first = session.refresh_token;

  const rotated = await auth.auth.refreshSession({ refresh_token: first });
  assert.equal(rotated.error, null);
  const second = rotated.data.session!.refresh_token;
  assert.notEqual(second, first);
  const claims = await verifyJwt(rotated.data.session!.access_token);
  assert.equal(claims.session_id, (await verifyJwt(session.access_token)).session_id);

  // A client that lost the answer may retry with the old token: it gets the current one again.
  const retried = await supabaseClient().auth.refreshSession({ refresh_token: first });
  assert.equal(retried.error, null);
  assert.equal(retried.data.session!.refresh_token, second);

  const third =
    (await supabaseClient().auth.refreshSession({ refresh_token: second })).data.session!.refresh_token;
  // Within the reuse interval an older token is still honoured (concurrent tabs refreshing at once).
  const concurrent = await supabaseClient().auth.refreshSession({ refresh_token: first });
  assert.equal(concurrent.error, null);
  const fourth = concurrent.data.session!.refresh_token;
  assert.ok(![first, second, third].includes(fourth));

  // Let the reuse interval pass without waiting for it.
  await asOperator((sql) =>
    sql`update auth.refresh_tokens set updated_at = updated_at - interval '1 minute'
        where session_id = ${String(claims.session_id)}`
  );
  const reused = await supabaseClient().auth.refreshSession({ refresh_token: second });
  assert.equal(reused.error?.status, 400);
  assert.equal(reused.error?.code, "refresh_token_already_used");
  // Reuse this late looks like theft: every token of the session is revoked.
  for (const token of [third, fourth]) {
    const afterTheft = await supabaseClient().auth.refreshSession({ refresh_token: token });
    assert.equal(afterTheft.data.session, null);
    assert.equal(afterTheft.error?.code, "refresh_token_already_used");
  }

  const unknown = await supabaseClient().auth.refreshSession({ refresh_token: "no-such-token" });
  assert.equal(unknown.error?.code, "refresh_token_not_found");
});

Deno.test("signing out ends the session on the server: the old tokens stop working", async () => {
  const { client: auth, session } = await signInWithPhone();
  assert.equal((await auth.auth.signOut()).error, null);

  const { data, error } = await supabaseClient().auth.getUser(session.access_token);
  assert.equal(data.user, null);
  assert.ok(error);
  const response = await fetch(`${AUTH_URL}/user`, {
    headers: { apikey: ANON_KEY, Authorization: `Bearer ${session.access_token}` },
  });
  await response.body?.cancel();
  assert.equal(response.status, 403);
  assert.equal(response.headers.get("x-sb-error-code"), "session_not_found");

  const refreshed = await supabaseClient().auth.refreshSession({ refresh_token: session.refresh_token });
  assert.equal(refreshed.data.session, null);
  assert.equal(refreshed.error?.code, "refresh_token_not_found");
});

Deno.test("the service role manages users; app_metadata merges, and the hook's role reaches the refreshed JWT", async () => {
  const phone = randomPhone();
  const created = await serviceRoleClient().auth.admin.createUser({
    phone,
    phone_confirm: true,
    app_metadata: { team: "drains", role: "super_admin" },
    user_metadata: { full_name: "Karim" },
  });
  assert.equal(created.error, null);
  const user = created.data.user!;
  assert.equal(user.phone, storedPhone(phone));
  assert.ok(user.phone_confirmed_at);
  assert.deepEqual(user.app_metadata, {
    provider: "phone",
    providers: ["phone"],
    team: "drains",
    role: "super_admin",
  });

  const duplicate = await serviceRoleClient().auth.admin.createUser({ phone });
  assert.equal(duplicate.error?.status, 422);
  assert.equal(duplicate.error?.code, "phone_exists");

  // A role written into app_metadata gives nothing: the hook puts the role from public.staff_roles into
  // the token, over whatever app_metadata says.
  const { session } = await signInWithPhone(phone);
  type StaffClaims = { app_metadata: { role?: string; wards?: number[]; team?: string } };
  const signedInClaims = await verifyJwt<StaffClaims>(session.access_token);
  assert.equal(signedInClaims.app_metadata.role, "citizen");
  assert.equal(signedInClaims.app_metadata.team, "drains");

  const updated = await serviceRoleClient().auth.admin.updateUserById(user.id, {
    app_metadata: { team: null, shift: "night" },
  });
  assert.equal(updated.error, null);
  assert.deepEqual(updated.data.user!.app_metadata, {
    provider: "phone",
    providers: ["phone"],
    role: "super_admin",
    shift: "night",
  });
  const staff = serviceRoleClient();
  assert.equal(
    (await staff.from("staff_roles").insert({ user_id: user.id, role: "ward_admin" })).error,
    null,
  );
  assert.equal((await staff.from("ward_postings").insert({ user_id: user.id, ward_id: 12 })).error, null);

  const refreshed = await supabaseClient().auth.refreshSession({ refresh_token: session.refresh_token });
  assert.equal(refreshed.error, null);
  const claims = await verifyJwt<StaffClaims>(refreshed.data.session!.access_token);
  assert.deepEqual(claims.app_metadata, {
    provider: "phone",
    providers: ["phone"],
    role: "ward_admin",
    wards: [12],
    shift: "night",
  });

  const fetched = await serviceRoleClient().auth.admin.getUserById(user.id);
  assert.equal(fetched.data.user?.user_metadata.full_name, "Karim");
  const page = await serviceRoleClient().auth.admin.listUsers({ page: 1, perPage: 1 });
  assert.equal(page.error, null);
  assert.equal(page.data.users.length, 1);
  assert.ok(page.data.total >= 1);

  assert.equal((await serviceRoleClient().auth.admin.deleteUser(user.id)).error, null);
  const gone = await serviceRoleClient().auth.admin.getUserById(user.id);
  assert.equal(gone.error?.status, 404);
  assert.equal(gone.error?.code, "user_not_found");
});

Deno.test("callers without the service role can neither use the admin API nor set app_metadata", async () => {
  const anonymous = await supabaseClient().auth.admin.listUsers();
  assert.equal(anonymous.error?.status, 403);
  assert.equal(anonymous.error?.code, "not_admin");

  const { session } = await signInWithPhone();
  const asCitizen = supabaseClient({ accessToken: session.access_token });
  const promote = await asCitizen.auth.admin.updateUserById(session.user.id, {
    app_metadata: { role: "super_admin" },
  });
  assert.equal(promote.error?.status, 403);
  assert.equal(promote.error?.code, "not_admin");
  const selfPromotion = await fetch(`${AUTH_URL}/user`, {
    method: "PUT",
    headers: {
      apikey: ANON_KEY,
      Authorization: `Bearer ${session.access_token}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ app_metadata: { role: "super_admin" } }),
  });
  await selfPromotion.body?.cancel();
  assert.equal(selfPromotion.status, 403);
  assert.equal(selfPromotion.headers.get("x-sb-error-code"), "not_admin");
  const { data } = await serviceRoleClient().auth.admin.getUserById(session.user.id);
  assert.equal(data.user?.app_metadata.role, undefined);
});

Deno.test("a test OTP number signs in with its fixed code and no SMS is sent", async () => {
  const phone = "+8801700000009";
  const code: string = projectConfig().auth.sms.test_otp[storedPhone(phone)];
  assert.ok(code, "config.toml lists the test number");
  // Start from no user, so that the resend interval of an earlier run does not apply.
  await asOperator((sql) => sql`delete from auth.users where phone = ${storedPhone(phone)}`);
  const before = (await inboxMessages(phone)).length;

  const auth = supabaseClient();
  const sent = await auth.auth.signInWithOtp({ phone });
  assert.equal(sent.error, null);
  assert.equal(sent.data.messageId, "test-otp");
  assert.equal((await inboxMessages(phone)).length, before);

  const { data, error } = await auth.auth.verifyOtp({ phone, token: code, type: "sms" });
  assert.equal(error, null);
  assert.equal(data.user?.phone, storedPhone(phone));
});

Deno.test("each client address gets a limited number of code checks per five minutes", async () => {
  const limit: number = projectConfig().auth.rate_limit.token_verifications;
  const device = supabaseClient({ address: randomClientAddress() });
  const check = () => device.auth.verifyOtp({ phone: randomPhone(), token: "123456", type: "sms" });
  for (let attempt = 0; attempt < limit; attempt++) {
    assert.equal((await check()).error?.code, "otp_expired");
  }
  const refused = await check();
  assert.equal(refused.error?.status, 429);
  assert.equal(refused.error?.code, "over_request_rate_limit");
  // Another address is unaffected.
  const elsewhere = await supabaseClient().auth.verifyOtp({
    phone: randomPhone(),
    token: "123456",
    type: "sms",
  });
  assert.equal(elsewhere.error?.code, "otp_expired");
});
