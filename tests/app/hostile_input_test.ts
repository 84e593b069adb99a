/**
 * What a hostile visitor sends the app's pages: return paths that lead off-site, bodies that are not forms,
 * invisible control characters. Each gets a 4xx or a redirect that stays on this site, and changes nothing.
 */
import assert from "node:assert/strict";
import { getProfile } from "@/lib/profile.ts";
import { writePendingSignIn } from "@/lib/auth/pending.ts";
import {
  type Citizen,
  COMPLAINT_FIELDS,
  complaintForm,
  signUpCitizen,
  staff,
} from "../complaints/support.ts";
import { appRequest } from "../support/app.ts";

const ORIGIN = "http://127.0.0.1:8000";
const citizen = signUpCitizen();

/** A sign-in waiting for its code, as the browser holds it after `/login`. */
function pendingSignInCookie(who: Citizen): string {
  const headers = new Headers();
  writePendingSignIn(headers, { phone: who.phone, sentAt: Date.now(), next: "/" }, new URL(ORIGIN));
  return headers.get("set-cookie")!.split(";")[0];
}

/** `path` as `who`, who also has a sign-in waiting for its code (pendingSignInCookie), or as a visitor. */
function request(path: string, who: Citizen | null, init: RequestInit = {}): Promise<Response> {
  if (!who) return appRequest(path, null, init);
  const headers = new Headers(init.headers);
  headers.set("cookie", pendingSignInCookie(who));
  return appRequest(path, who, { ...init, headers });
}

const OFF_SITE = [
  "/..//evil.example",
  "/%2e%2e//evil.example",
  "/%2E%2E//evil.example/path",
  "/a/../..//evil.example",
  "///evil.example",
  "/\\evil.example",
  "/\t/evil.example",
  `/${"a".repeat(1_000_000)}`,
];

Deno.test("return paths that lead off-site, or are huge, send a signed-in person home instead", async () => {
  const who = await citizen;
  for (const next of OFF_SITE) {
    const query = new URLSearchParams({ next });
    const login = await request(`/login?${query}`, who);
    assert.equal(login.status, 303, next.slice(0, 40));
    assert.equal(login.headers.get("location"), "/", next.slice(0, 40));

    const language = await request("/language", who, {
      method: "POST",
      body: new URLSearchParams({ to: "bn", next }),
    });
    assert.equal(language.headers.get("location"), "/", next.slice(0, 40));
  }
  const kept = await request(`/login?${new URLSearchParams({ next: "/complaints?before=x#top" })}`, who);
  assert.equal(kept.headers.get("location"), "/complaints?before=x#top");
});

Deno.test("bodies that are not forms get a 4xx in the reader's language and change nothing", async () => {
  const who = await citizen;
  const before = await getProfile(who.session);
  const { data: complaint } = await staff.from("complaints").select("id").limit(1).single();
  const routes = ["/login", "/login/verify", "/language", "/onboarding", `/complaints/${complaint!.id}`];
  const bodies: [string, RequestInit][] = [
    ["json", { headers: { "content-type": "application/json" }, body: '{"full_name":"x"}' }],
    ["text", { headers: { "content-type": "text/plain" }, body: "full_name=x" }],
    ["missing", {}],
    ["broken multipart", {
      headers: { "content-type": "multipart/form-data; boundary=zz" },
      body: "--zz\r\nxx",
    }],
    ["broken urlencoded", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new Uint8Array([0xff, 0xfe, 0x25]),
    }],
  ];
  for (const path of routes) {
    for (const [kind, init] of bodies) {
      const response = await request(path, who, { method: "POST", ...init });
      assert.ok(response.status < 500, `${kind} to ${path}: ${response.status}`);
      if (kind !== "broken urlencoded") {
        assert.ok(response.status >= 400, `${kind} to ${path}: ${response.status}`);
      }
    }
  }
  const json = await request("/onboarding", who, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: "{}",
  });
  assert.equal(json.status, 415);
  assert.match((await json.json()).error, /ফর্ম/);
  assert.deepEqual(await getProfile(who.session), before);
});

Deno.test("invisible control characters in a name or complaint are refused next to the field", async () => {
  const who = await citizen;
  const before = await getProfile(who.session);
  const profile = await request("/onboarding", who, {
    method: "POST",
    body: new URLSearchParams({ full_name: "রহিম\u0000 উদ্দিন", editing: "1" }),
  });
  assert.equal(profile.status, 422);
  assert.match(await profile.text(), /অদৃশ্য চিহ্ন/);
  assert.deepEqual(await getProfile(who.session), before);

  for (const field of ["title", "description", "location"] as const) {
    const form = complaintForm({ [field]: COMPLAINT_FIELDS[field].replace(" ", "\u0000") });
    const response = await request("/complaints/new", who, {
      method: "POST",
      headers: { accept: "application/json" },
      body: form,
    });
    assert.equal(response.status, 422, field);
    assert.match((await response.json()).errors[field], /অদৃশ্য চিহ্ন/, field);
    const { count } = await staff.from("complaints").select("id", { count: "exact", head: true })
      .eq("client_request_id", String(form.get("client_request_id")));
    assert.equal(count, 0);
  }
});
