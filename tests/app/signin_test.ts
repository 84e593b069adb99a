/**
 * Phone sign-in through the app's handler against the local stack (Auth, PostgREST, dev SMS inbox):
 * code by SMS, session cookies, onboarding, renewal near expiry, roles, rate limits and sign-out.
 */
import assert from "node:assert/strict";
import { createHandler } from "$fresh/server.ts";
import manifest from "@/fresh.gen.ts";
import config from "@/fresh.config.ts";
import { API_URL } from "@/devstack/config.ts";
import { generateKeyPair, SignJWT } from "jose";
import { SERVICE_ROLE_KEY, signAccessToken, SIGNING_KEY_ID, signJwt } from "@/devstack/keys.ts";
import {
  latestCode,
  randomClientAddress,
  randomPhone,
  serviceRoleClient,
} from "../../devstack/testing/auth.ts";

const ORIGIN = "http://127.0.0.1:8000";
const handle = await createHandler(manifest, config);
const admin = serviceRoleClient();

/** A browser's cookie jar, just enough for these requests. */
class Browser {
  cookies = new Map<string, string>();
  /** Each browser gets its own address, so the per-address limits of one test don't touch another. */
  address = randomClientAddress();

  async request(
    path: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers = new Headers({ origin: ORIGIN });
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const request = new Request(`${ORIGIN}${path}`, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      headers,
      body: init.form ? new URLSearchParams(init.form) : undefined,
    });
    const response = await handle(request, {
      remoteAddr: { transport: "tcp", hostname: this.address, port: 1 },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split("; ");
      const [name, value] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
      if (attributes.includes("Max-Age=0")) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  async page(path: string): Promise<{ status: number; html: string }> {
    const response = await this.request(path);
    return { status: response.status, html: await response.text() };
  }
}

/** What the header shows visitors, never signed-in people. */
const SIGN_IN_PROMPT = "মোবাইল নম্বর দিয়ে প্রবেশ করুন";

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
}

async function signIn(browser: Browser, phone: string): Promise<Response> {
  const sent = await browser.request("/login", { form: { phone: phone.replace("+88", ""), next: "/" } });
  assert.equal(sent.status, 303);
  assert.equal(sent.headers.get("location"), "/login/verify");
  return await browser.request("/login/verify", { form: { code: await latestCode(phone) } });
}

Deno.test("a first sign-in sets httpOnly session cookies and asks for a name", async () => {
  const browser = new Browser();
  const phone = randomPhone();
  const verified = await signIn(browser, phone);
  assert.equal(verified.status, 303);
  assert.equal(verified.headers.get("location"), "/onboarding?next=%2F");
  const setCookies = verified.headers.getSetCookie();
  for (const name of ["cc-access", "cc-refresh"]) {
    const cookie = setCookies.find((c) => c.startsWith(`${name}=`));
    assert.ok(cookie, `${name} is set`);
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Lax/);
    assert.doesNotMatch(cookie, /; Secure/, "plain-HTTP loopback is the one place without Secure");
  }
  assert.ok(!browser.cookies.has("cc-signin"), "the pending sign-in is over");
  assert.equal(claimsOf(browser.cookies.get("cc-access")!).phone, phone.slice(1));

  const onboarding = await browser.page("/onboarding?next=%2F");
  assert.equal(onboarding.status, 200);
  assert.ok(onboarding.html.includes("আপনার পরিচয় দিন"));

  const invalid = await browser.request("/onboarding?next=%2F", {
    form: { full_name: "  ", nid: "12345", ward_id: "9999", address: "" },
  });
  assert.equal(invalid.status, 422);
  const invalidHtml = await invalid.text();
  assert.ok(invalidHtml.includes("আপনার নাম লিখুন।"));
  assert.ok(invalidHtml.includes("জাতীয় পরিচয়পত্র নম্বর ১০, ১৩ বা ১৭ অঙ্কের হয়।"));
  assert.ok(invalidHtml.includes("তালিকা থেকে আপনার ওয়ার্ড বেছে নিন।"), "only wards that exist");

  const saved = await browser.request("/onboarding?next=%2F", {
    form: { full_name: "রহিমা   খাতুন", nid: "১২৩৪৫৬৭৮৯০১২৩", ward_id: "17", address: "মিরপুর ১০" },
  });
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get("location"), "/");

  const home = await browser.page("/");
  assert.ok(home.html.includes("স্বাগতম, রহিমা খাতুন"));
  const account = await browser.page("/account");
  assert.equal(account.status, 200);
  for (
    const shown of ["রহিমা খাতুন", "১২৩৪৫৬৭৮৯০১২৩", "ওয়ার্ড ১৭", "মিরপুর ১০", "নাগরিক"]
  ) {
    assert.ok(account.html.includes(shown), shown);
  }

  const userId = claimsOf(browser.cookies.get("cc-access")!).sub as string;
  const { data: profile } = await admin.from("profiles").select(
    "phone, full_name, nid, ward_id, preferred_language",
  )
    .eq("id", userId).single();
  assert.deepEqual(profile, {
    phone,
    full_name: "রহিমা খাতুন",
    nid: "1234567890123",
    ward_id: 17,
    preferred_language: "bn",
  });

  // Switching the language while signed in is remembered for SMS and other devices.
  await browser.request("/language", { form: { to: "en", next: "/" } });
  const { data: switched } = await admin.from("profiles").select("preferred_language").eq("id", userId)
    .single();
  assert.deepEqual(switched, { preferred_language: "en" });
});

Deno.test("a returning person skips onboarding and lands where they were heading", async () => {
  const phone = randomPhone();
  const { data, error } = await admin.auth.admin.createUser({ phone: phone.slice(1), phone_confirm: true });
  assert.equal(error, null);
  await admin.from("profiles").update({ full_name: "করিম উদ্দিন" }).eq("id", data.user!.id).throwOnError();

  const browser = new Browser();
  const login = await browser.page("/login?next=%2Fservices");
  assert.ok(login.html.includes('name="next" value="/services"'));
  const sent = await browser.request("/login", { form: { phone: phone.slice(3), next: "/services" } });
  assert.equal(sent.status, 303);
  const verified = await browser.request("/login/verify", { form: { code: await latestCode(phone) } });
  assert.equal(verified.headers.get("location"), "/services");
  assert.ok((await browser.page("/")).html.includes("স্বাগতম, করিম উদ্দিন"));
});

Deno.test("a wrong code is refused in Bengali and the session stays closed", async () => {
  const browser = new Browser();
  const phone = randomPhone();
  await browser.request("/login", { form: { phone } });
  const code = await latestCode(phone);
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
  const refused = await browser.request("/login/verify", { form: { code: wrong } });
  assert.equal(refused.status, 422);
  assert.ok((await refused.text()).includes("কোডটি ভুল বা এর মেয়াদ শেষ"));
  assert.ok(!browser.cookies.has("cc-access"));

  const malformed = await browser.request("/login/verify", { form: { code: "12" } });
  assert.equal(malformed.status, 422);
  assert.ok((await malformed.text()).includes("৬ অঙ্কের কোডটি লিখুন"));
});

Deno.test("a second code within the minute is refused with the wait in Bengali digits", async () => {
  const browser = new Browser();
  const phone = randomPhone();
  assert.equal((await browser.request("/login", { form: { phone } })).status, 303);
  const early = await browser.request("/login", { form: { phone } });
  assert.equal(early.status, 429);
  assert.match(await early.text(), /[০-৯]+ সেকেন্ড পরে আবার চেষ্টা করুন/);

  const resend = await browser.request("/login/verify", { form: { intent: "resend" } });
  assert.equal(resend.status, 429, "the resend button waits for the same minute");
  assert.match(await resend.text(), /[০-৯]+ সেকেন্ড পরে আবার চেষ্টা করুন/);

  const page = await browser.page("/login/verify");
  assert.match(page.html, /[০-৯]+ সেকেন্ড পরে নতুন কোড চাইতে পারবেন/);
});

Deno.test("a token about to expire is renewed with a rotated refresh token", async () => {
  const browser = new Browser();
  await signIn(browser, randomPhone());
  const access = browser.cookies.get("cc-access")!;
  const refresh = browser.cookies.get("cc-refresh")!;
  // The same session, but a token with 30 seconds left.
  const expiring = await signJwt({ ...claimsOf(access), exp: Math.floor(Date.now() / 1000) + 30 });
  browser.cookies.set("cc-access", expiring);

  const response = await browser.request("/");
  assert.equal(response.status, 200);
  await response.body?.cancel();
  const renewedAccess = browser.cookies.get("cc-access")!;
  assert.notEqual(renewedAccess, expiring);
  assert.notEqual(browser.cookies.get("cc-refresh"), refresh, "the refresh token was rotated");
  assert.ok((claimsOf(renewedAccess).exp as number) > Date.now() / 1000 + 600);
  assert.equal(claimsOf(renewedAccess).session_id, claimsOf(access).session_id);
});

Deno.test("staff see the staff link and page; citizens get neither", async () => {
  const browser = new Browser();
  const phone = randomPhone();
  await signIn(browser, phone);
  const citizenHome = await browser.page("/");
  assert.ok(!citizenHome.html.includes('href="/admin"'));
  assert.equal((await browser.page("/admin")).status, 403);

  const userId = claimsOf(browser.cookies.get("cc-access")!).sub as string;
  const { error } = await admin.from("staff_roles").insert({ user_id: userId, role: "ward_admin" });
  assert.equal(error, null);
  assert.equal((await admin.from("ward_postings").insert({ user_id: userId, ward_id: 17 })).error, null);
  // The role reaches the app with the next token; make the current one due for renewal.
  const claims = claimsOf(browser.cookies.get("cc-access")!);
  browser.cookies.set("cc-access", await signJwt({ ...claims, exp: Math.floor(Date.now() / 1000) + 30 }));
  const staffHome = await browser.page("/");
  assert.ok(staffHome.html.includes('href="/admin"'));
  assert.equal((await browser.page("/admin")).status, 200);
});

Deno.test("signing out ends the session at Auth: a copied access token lasts until it expires, no longer", async () => {
  const browser = new Browser();
  await signIn(browser, randomPhone());
  const stolen = new Map(browser.cookies);

  const out = await browser.request("/logout", { method: "POST", form: {} });
  assert.equal(out.status, 303);
  assert.equal(browser.cookies.size, 0);

  // Someone who copied the cookies before sign-out: pages verify the access token themselves, without asking
  // Auth, so it is honoured until it expires (README: revocation; the lifetime is kept short)…
  const thief = new Browser();
  thief.cookies = new Map(stolen);
  const during = await thief.page("/");
  assert.ok(!during.html.includes(SIGN_IN_PROMPT), "still signed in on the copied access token");
  assert.equal(thief.cookies.get("cc-access"), stolen.get("cc-access"));

  // …and when it is due for renewal the refresh token, which died with the session, ends it.
  const expiring = { ...claimsOf(stolen.get("cc-access")!), exp: Math.floor(Date.now() / 1000) + 30 };
  thief.cookies.set("cc-access", await signAccessToken(expiring));
  const home = await thief.page("/");
  assert.ok(home.html.includes(SIGN_IN_PROMPT));
  assert.equal(thief.cookies.size, 0);
  const refreshed = await fetch(`${API_URL}/auth/v1/token?grant_type=refresh_token`, {
    method: "POST",
    headers: { apikey: SERVICE_ROLE_KEY, "content-type": "application/json" },
    body: JSON.stringify({ refresh_token: stolen.get("cc-refresh") }),
  });
  assert.equal(refreshed.status, 400, "the refresh token died with the session");
  await refreshed.body?.cancel();
});

Deno.test("a session cookie Auth does not accept is cleared", async () => {
  const browser = new Browser();
  browser.cookies.set("cc-access", "not-a-jwt");
  browser.cookies.set("cc-refresh", "not-a-token");
  const home = await browser.page("/");
  assert.equal(home.status, 200);
  assert.equal(browser.cookies.size, 0);
  assert.ok(home.html.includes("প্রবেশ করুন"));

  // A well-formed token with the claims of a real session, signed with someone else's key.
  const real = new Browser();
  await signIn(real, randomPhone());
  const { privateKey } = await generateKeyPair("ES256");
  const forged = await new SignJWT(claimsOf(real.cookies.get("cc-access")!))
    .setProtectedHeader({ alg: "ES256", typ: "JWT", kid: SIGNING_KEY_ID }).sign(privateKey);
  const forger = new Browser();
  forger.cookies.set("cc-access", forged);
  const refused = await forger.page("/");
  assert.ok(refused.html.includes(SIGN_IN_PROMPT));
  assert.equal(forger.cookies.size, 0);
});
