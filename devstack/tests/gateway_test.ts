/** The API gateway guards and routes like Kong in `supabase start`. */
import assert from "node:assert/strict";
import { createClient } from "@supabase/supabase-js";
import { API_URL, projectConfig } from "../config.ts";
import { ANON_KEY, signJwt } from "../keys.ts";
import { createAuthService } from "../auth/mod.ts";
import { type GatewayServices, routeRequest } from "../gateway.ts";
import type { LocalService, RequestInfo } from "../service.ts";
import { randomClientAddress, randomPhone } from "../testing/auth.ts";

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

/** Services that answer 200 and remember what the gateway handed them. */
function recordingServices(): { services: GatewayServices; seen: { headers: Headers; info: RequestInfo }[] } {
  const seen: { headers: Headers; info: RequestInfo }[] = [];
  const recorder: LocalService = {
    handle(req, info) {
      seen.push({ headers: req.headers, info });
      return Promise.resolve(new Response("{}"));
    },
    close: () => Promise.resolve(),
  };
  return { services: { auth: recorder, storage: recorder, realtime: recorder, functions: recorder }, seen };
}

const SPOOFING_HEADERS = {
  apikey: ANON_KEY,
  "x-forwarded-for": "198.18.7.7, 198.18.8.8",
  "sb-forwarded-for": "198.18.9.9",
  "x-real-ip": "198.18.10.10",
};

Deno.test("a caller that is not a trusted proxy cannot choose its address with forwarding headers", async () => {
  const { services, seen } = recordingServices();
  const outsider = "203.0.113.7";
  for (const path of ["/auth/v1/otp", "/storage/v1/bucket", "/functions/v1/sms"]) {
    const response = await routeRequest(
      new Request(`${API_URL}${path}`, { method: "POST", headers: SPOOFING_HEADERS }),
      outsider,
      services,
    );
    await response.body?.cancel();
  }
  for (const { headers, info } of seen) {
    assert.equal(info.clientAddress, outsider);
    assert.equal(headers.get("x-forwarded-for"), outsider);
    assert.equal(headers.get("sb-forwarded-for"), null);
    assert.equal(headers.get("x-real-ip"), null);
  }
});

Deno.test("a trusted proxy (the app, on loopback) forwards its visitor's address, and the gateway appends its own hop", async () => {
  const { services, seen } = recordingServices();
  const response = await routeRequest(
    new Request(`${API_URL}/auth/v1/otp`, { method: "POST", headers: SPOOFING_HEADERS }),
    "127.0.0.1",
    services,
  );
  await response.body?.cancel();
  const [{ headers, info }] = seen;
  // The app vouches only for the address nearest to it; what its visitor wrote further left is not believed.
  assert.equal(info.clientAddress, "198.18.8.8");
  assert.equal(headers.get("x-forwarded-for"), "198.18.7.7, 198.18.8.8, 127.0.0.1");
  assert.equal(headers.get("sb-forwarded-for"), "198.18.9.9");
});

Deno.test("Auth's per-address limit holds against a caller that sends a new X-Forwarded-For every time", async () => {
  const auth = await createAuthService();
  const limit: number = projectConfig().auth.rate_limit.token_verifications;
  const services = { ...recordingServices().services, auth };
  const check = async () => {
    const response = await routeRequest(
      new Request(`${API_URL}/auth/v1/verify`, {
        method: "POST",
        headers: {
          apikey: ANON_KEY,
          "x-forwarded-for": randomClientAddress(),
          "content-type": "application/json",
        },
        body: JSON.stringify({ type: "sms", phone: randomPhone(), token: "123456" }),
      }),
      "203.0.113.8",
      services,
    );
    await response.body?.cancel();
    return response.status;
  };
  try {
    for (let attempt = 0; attempt < limit; attempt++) assert.equal(await check(), 403);
    assert.equal(await check(), 429);
  } finally {
    await auth.close();
  }
});
