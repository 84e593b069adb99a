/**
 * The account's "change mobile number" pages as plain form posts (no JavaScript): the number is checked and
 * refused with a Bengali reason when it is not a mobile number, is the person's own, or another account's;
 * a right code moves the account and renews the session cookies, a wrong one changes nothing.
 */
import assert from "node:assert/strict";
import { userSessionFrom } from "@/lib/auth/session.ts";
import { verifyJwt } from "@/devstack/keys.ts";
import { latestCode, randomPhone, type SignedInUser, signInWithPhone } from "@/devstack/testing/auth.ts";
import { appRequest } from "../support/app.ts";

/** A request from `person`'s browser: their access token and refresh token cookies. */
function asPerson(person: SignedInUser, path: string, form?: Record<string, string>) {
  return appRequest(path, { session: userSessionFrom(person.session) }, {
    method: form ? "POST" : "GET",
    headers: { cookie: `cc-refresh=${person.session.refresh_token}` },
    body: form ? new URLSearchParams(form) : undefined,
    redirect: "manual",
  });
}

Deno.test("a number that is not a mobile, one's own, or another account's is refused with the reason", async () => {
  const [person, other] = await Promise.all([signInWithPhone(), signInWithPhone()]);
  const cases: [string, number, string][] = [
    ["12345", 422, "এটি সঠিক বাংলাদেশি মোবাইল নম্বর নয়"],
    [person.phone.replace("+88", ""), 422, "এটিই আপনার বর্তমান নম্বর"],
    [other.phone, 409, "এই নম্বরে আরেকটি অ্যাকাউন্ট আছে"],
  ];
  for (const [phone, status, reason] of cases) {
    const response = await asPerson(person, "/account/phone", { phone });
    assert.equal(response.status, status, phone);
    assert.match(await response.text(), new RegExp(reason));
  }
  // Nothing is pending: the code page sends the person back to enter a number.
  const verify = await asPerson(person, "/account/phone/verify");
  assert.equal(verify.status, 303);
  assert.equal(verify.headers.get("location"), "/account/phone");
});

Deno.test("a wrong code changes nothing; the right one moves the account and renews the session", async () => {
  const person = await signInWithPhone();
  const newPhone = randomPhone();
  const asked = await asPerson(person, "/account/phone", { phone: newPhone.replace("+88", "") });
  assert.equal(asked.status, 303);
  assert.equal(asked.headers.get("location"), "/account/phone/verify");
  const code = await latestCode(newPhone);

  const page = await asPerson(person, "/account/phone/verify");
  assert.equal(page.status, 200);
  assert.match(await page.text(), /নম্বরে পাঠানো ৬ অঙ্কের কোডটি লিখুন/);
  const wrong = await asPerson(person, "/account/phone/verify", {
    code: code === "000000" ? "111111" : "000000",
  });
  assert.equal(wrong.status, 422);
  assert.match(await wrong.text(), /কোডটি ভুল বা এর মেয়াদ শেষ/);

  const right = await asPerson(person, "/account/phone/verify", { code });
  assert.equal(right.status, 303);
  assert.equal(right.headers.get("location"), "/account?phone_changed=1");
  const access = right.headers.getSetCookie().find((cookie) => cookie.startsWith("cc-access="));
  assert.ok(access, "the new session goes into the cookies");
  const claims = await verifyJwt(access.split(";")[0].slice("cc-access=".length));
  assert.deepEqual([claims.sub, claims.phone], [person.id, newPhone.slice(1)]);
});

Deno.test("signed out on another device, the code page asks to sign in again rather than failing", async () => {
  const person = await signInWithPhone();
  // The access token still verifies in the app until it expires; Auth no longer has its session.
  await person.client.auth.signOut({ scope: "global" });
  const verify = await asPerson(person, "/account/phone/verify");
  assert.equal(verify.status, 401);
  assert.match(await verify.text(), /এটি দেখতে বা করতে আগে প্রবেশ করুন/);
});
