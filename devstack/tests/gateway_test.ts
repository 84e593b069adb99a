/** The API gateway guards and routes like Kong in `supabase start`. */
import assert from "node:assert/strict";
import { createClient } from "@supabase/supabase-js";
import { API_URL } from "../config.ts";
import { ANON_KEY, signJwt } from "../keys.ts";

async function statusOf(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(`${API_URL}${path}`, init);
  return { status: response.status, body: await response.text(), headers: response.headers };
}

Deno.test("a request without apikey is refused with 401 on the guarded routes", async () => {
  for (const path of ["/rest/v1/", "/auth/v1/user", "/realtime/v1/api/broadcast"]) {
    const { status, body } = await statusOf(path);
    assert.equal(status, 401, path);
    assert.match(body, /No API key found in request/, path);
  }
});

Deno.test("a forged apikey is refused even when it is a well-formed JWT", async () => {
  const forged = await signJwt({ role: "anon", iss: "someone-else", exp: 1983812996 });
  const { status, body } = await statusOf("/rest/v1/", { headers: { apikey: forged } });
  assert.equal(status, 401);
  assert.match(body, /Invalid API key/);
});

Deno.test("the anon key reaches PostgREST through the gateway, by header or by query", async () => {
  assert.equal((await statusOf("/rest/v1/", { headers: { apikey: ANON_KEY } })).status, 200);
  assert.equal((await statusOf(`/rest/v1/?apikey=${ANON_KEY}`)).status, 200);
});

Deno.test("supabase-js without a session queries as anon: tables without grants are refused", async () => {
  const supabase = createClient(API_URL, ANON_KEY, { auth: { persistSession: false } });
  const { error } = await supabase.from("table_that_does_not_exist").select();
  assert.ok(error, "PostgREST answers with an error object");
  assert.match(error.code ?? "", /^(PGRST|42)/);
});

Deno.test("CORS preflight is answered on every route without apikey", async () => {
  const { status, headers } = await statusOf("/rest/v1/complaints", {
    method: "OPTIONS",
    headers: {
      origin: "http://localhost:8000",
      "access-control-request-method": "POST",
      "access-control-request-headers": "apikey, authorization, content-type",
    },
  });
  assert.equal(status, 200);
  assert.equal(headers.get("access-control-allow-origin"), "*");
  assert.match(headers.get("access-control-allow-headers") ?? "", /apikey/);
});

Deno.test("an unknown route is a 404 like Kong's", async () => {
  const { status, body } = await statusOf("/nothing/here", { headers: { apikey: ANON_KEY } });
  assert.equal(status, 404);
  assert.match(body, /no Route matched/);
});

/**
 * An HTTP/1.1 request written by hand: fetch refuses to send TRACE and other forbidden methods, which
 * clients other than browsers send freely.
 */
async function rawRequest(method: string, path: string): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(API_URL);
  const connection = await Deno.connect({ hostname, port: Number(port) });
  const request = `${method} ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\napikey: ${ANON_KEY}\r\n` +
    `X-Probe: reflected-header\r\nConnection: close\r\n\r\n`;
  await connection.write(new TextEncoder().encode(request));
  const text = await new Response(connection.readable).text();
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]), text };
}

Deno.test("TRACE and other unknown methods are refused with 405 on every path, reflecting nothing", async () => {
  for (const method of ["TRACE", "TRACK", "PROPFIND", "FOO"]) {
    for (
      const path of ["/rest/v1/", "/auth/v1/health", "/storage/v1/bucket", "/functions/v1/sms", "/nothing"]
    ) {
      const { status, text } = await rawRequest(method, path);
      assert.equal(status, 405, `${method} ${path}`);
      assert.match(text, /\r\nallow: GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS\r\n/i);
      assert.doesNotMatch(text, /reflected-header|X-Probe/i, `${method} ${path}`);
      assert.ok(!text.includes(path), `${method} ${path} is not echoed`);
    }
  }
});
