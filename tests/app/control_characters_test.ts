/**
 * Control characters sent straight to PostgREST (no app validation in between): a NUL is refused by
 * PostgREST and Postgres before any SQL runs, the other C0 controls by the database's *_printable checks;
 * both as HTTP 400 with the reason, never a 5xx, and nothing is stored.
 */
import assert from "node:assert/strict";
import { API_URL } from "@/devstack/config.ts";
import { ANON_KEY } from "@/devstack/keys.ts";
import { signInWithPhone } from "@/devstack/testing/auth.ts";

Deno.test("NUL and other control characters in typed text are a 400 with the reason, and store nothing", async () => {
  const citizen = await signInWithPhone();
  const headers = {
    apikey: ANON_KEY,
    authorization: `Bearer ${citizen.accessToken}`,
    "content-type": "application/json",
  };
  const send = async (path: string, method: string, body: Record<string, unknown>) => {
    const response = await fetch(`${API_URL}/rest/v1/${path}`, {
      method,
      headers,
      body: JSON.stringify(body),
    });
    const { code, message } = await response.json();
    return { status: response.status, code, message };
  };
  const complaint = (title: string) => ({
    client_request_id: crypto.randomUUID(),
    category: "other",
    title,
    description: "বাজারের মোড়ে বড় গর্ত হয়েছে।",
    location: "বাজারের মোড়",
    ward_id: 1,
  });

  assert.deepEqual(await send("rpc/submit_complaint", "POST", complaint("গর্ত\u0000আছে")), {
    status: 400,
    code: "22P05",
    message: "unsupported Unicode escape sequence",
  });
  assert.deepEqual(await send("rpc/submit_complaint", "POST", complaint("গর্ত\u0007আছে")), {
    status: 400,
    code: "23514",
    message: 'new row for relation "complaints" violates check constraint "complaints_title_printable"',
  });
  assert.deepEqual(await send(`profiles?id=eq.${citizen.id}`, "PATCH", { full_name: "রহিম\u0000" }), {
    status: 400,
    code: "22P05",
    message: "unsupported Unicode escape sequence",
  });
  assert.deepEqual(await send(`profiles?id=eq.${citizen.id}`, "PATCH", { full_name: "রহিম\u001b[2J" }), {
    status: 400,
    code: "23514",
    message: 'new row for relation "profiles" violates check constraint "profiles_full_name_printable"',
  });

  const stored = await citizen.client.from("complaints").select("id");
  assert.deepEqual(stored.data, []);
  const profile = await citizen.client.from("profiles").select("full_name").single();
  assert.equal(profile.data?.full_name, null);
  await citizen.client.auth.signOut({ scope: "local" });
});
