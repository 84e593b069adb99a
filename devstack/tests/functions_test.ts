/**
 * The local Edge Functions runner: functions run as on Supabase (own process, `/<name>/…` paths, the
 * Supabase environment, `verify_jwt`), survive crashes and pick up edits. Most checks use a runner of their
 * own on a temporary functions folder, so they need no test-only code in `supabase/functions`; the last
 * ones go through the running stack's gateway.
 */
import assert from "node:assert/strict";
import { API_URL, DB_URL, projectConfig, resolveEnv } from "../config.ts";
import { ANON_KEY, SERVICE_ROLE_KEY, signJwt } from "../keys.ts";
import { createFunctionsService } from "../functions/mod.ts";
import type { LocalService } from "../service.ts";

/** Reports what a function sees: its request and the environment Supabase promises. */
const ECHO_FUNCTION = `
const names = ["SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_ROLE_KEY", "SUPABASE_DB_URL",
  "SB_EXECUTION_ID", "SEND_SMS_HOOK_SECRET", "GREETING", "FUNCTIONS_TEST_HOST_ONLY"];
Deno.serve(async (req) => {
  if (new URL(req.url).pathname.endsWith("/exit")) {
    setTimeout(() => Deno.exit(1), 20);
    return new Response("exiting");
  }
  return Response.json({
    method: req.method,
    url: req.url,
    body: await req.text(),
    contentType: req.headers.get("content-type"),
    forwardedFor: req.headers.get("x-forwarded-for"),
    pid: Deno.pid,
    env: Object.fromEntries(names.map((name) => [name, Deno.env.get(name) ?? null])),
  });
});
`;

async function writeFunctions(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "functions-test-" });
  const functionsDir = `${root}/functions`;
  const files: Record<string, string> = {
    "functions/echo/index.ts": ECHO_FUNCTION,
    "functions/open/index.ts": `Deno.serve(() => new Response("open to all"));`,
    "functions/broken/index.ts": `throw new Error("this function cannot start");`,
    "functions/edited/index.ts": `Deno.serve(() => new Response("first version"));`,
    "functions/_shared/helper.ts": `export const shared = true;`,
    "functions/.env": `GREETING="salaam"\nSUPABASE_URL=http://not-allowed.example\n`,
    // A function whose code lives elsewhere, named by `entrypoint` relative to the supabase folder.
    "elsewhere/custom.ts": `Deno.serve((req) => new Response("custom " + new URL(req.url).pathname));`,
  };
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(`${root}/${path.slice(0, path.lastIndexOf("/"))}`, { recursive: true });
    await Deno.writeTextFile(`${root}/${path}`, text);
  }
  return functionsDir;
}

function call(
  service: LocalService,
  path: string,
  init: RequestInit & { clientAddress?: string } = {},
): Promise<Response> {
  const req = new Request(`${API_URL}/functions/v1${path}`, init);
  return service.handle(req, {
    path: new URL(req.url).pathname.slice("/functions/v1".length),
    clientAddress: init.clientAddress ?? "127.0.0.1",
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function processAlive(pid: number): boolean {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}

async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const result = await probe();
    if (result !== undefined) return result;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

Deno.test("the functions runner serves a folder of functions like Supabase's edge runtime", async (t) => {
  const functionsDir = await writeFunctions();
  Deno.env.set("FUNCTIONS_TEST_HOST_ONLY", "the host's own variable");
  const service = await createFunctionsService({
    functionsDir,
    functions: { open: { verify_jwt: false }, custom: { entrypoint: "./elsewhere/custom.ts" } },
  });
  try {
    await t.step("verify_jwt refuses a request without Authorization", async () => {
      const response = await call(service, "/echo");
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), { msg: "Error: Missing authorization header" });
    });

    await t.step("verify_jwt refuses a forged, an expired and a non-Bearer token", async () => {
      const forged = ANON_KEY.slice(0, -4) + (ANON_KEY.endsWith("AAAA") ? "BBBB" : "AAAA");
      const expired = await signJwt({ role: "authenticated", sub: crypto.randomUUID(), exp: 1_000_000 });
      for (const token of [forged, expired, "not-a-jwt"]) {
        const response = await call(service, "/echo", { headers: bearer(token) });
        assert.equal(response.status, 401);
        assert.deepEqual(await response.json(), { msg: "Invalid JWT" });
      }
      const basic = await call(service, "/echo", { headers: { authorization: `Basic ${btoa("a:b")}` } });
      assert.equal(basic.status, 401);
      assert.match((await basic.json()).msg, /Bearer/);
    });

    await t.step("with the anon key the function gets the request as Supabase passes it", async () => {
      const response = await call(service, "/echo/orders/42?lang=bn", {
        method: "POST",
        headers: { ...bearer(ANON_KEY), "content-type": "application/json" },
        body: JSON.stringify({ নাম: "রহিম" }),
        clientAddress: "203.0.113.9",
      });
      assert.equal(response.status, 200);
      const seen = await response.json();
      assert.equal(seen.method, "POST");
      assert.equal(seen.url, `${API_URL}/echo/orders/42?lang=bn`);
      assert.deepEqual(JSON.parse(seen.body), { নাম: "রহিম" });
      assert.equal(seen.contentType, "application/json");
      assert.equal(seen.forwardedFor, "203.0.113.9");
    });

    await t.step("a user's JWT is accepted too, and the function has the Supabase environment", async () => {
      const userToken = await signJwt({
        role: "authenticated",
        sub: crypto.randomUUID(),
        exp: Math.floor(Date.now() / 1000) + 600,
      });
      const { env } = await (await call(service, "/echo", { headers: bearer(userToken) })).json();
      assert.equal(env.SUPABASE_URL, API_URL);
      assert.equal(env.SUPABASE_ANON_KEY, ANON_KEY);
      assert.equal(env.SUPABASE_SERVICE_ROLE_KEY, SERVICE_ROLE_KEY);
      assert.equal(env.SUPABASE_DB_URL, DB_URL);
      assert.match(env.SB_EXECUTION_ID, /^[0-9a-f-]{36}$/);
      assert.equal(env.SEND_SMS_HOOK_SECRET, resolveEnv(projectConfig().auth.hook.send_sms.secrets));
      assert.equal(env.GREETING, "salaam", "secrets from functions/.env");
      assert.equal(env.FUNCTIONS_TEST_HOST_ONLY, null, "the host's environment stays out");
    });

    await t.step("verify_jwt = false lets a request through without Authorization", async () => {
      const response = await call(service, "/open");
      assert.equal(response.status, 200);
      assert.equal(await response.text(), "open to all");
    });

    await t.step("an entrypoint from config.toml is served under the function's name", async () => {
      const response = await call(service, "/custom/x", { headers: bearer(ANON_KEY) });
      assert.equal(await response.text(), "custom /custom/x");
    });

    await t.step("unknown names and shared folders are not functions", async () => {
      for (const path of ["/missing", "/_shared", "/_shared/helper.ts", "/", "/..%2Fetc"]) {
        const response = await call(service, path, { headers: bearer(ANON_KEY) });
        assert.equal(response.status, 404, path);
        assert.deepEqual(await response.json(), {
          code: "NOT_FOUND",
          message: "Requested function was not found",
        });
      }
    });

    await t.step("a function that cannot start answers 503 BOOT_ERROR", async () => {
      const response = await call(service, "/broken", { headers: bearer(ANON_KEY) });
      assert.equal(response.status, 503);
      assert.equal((await response.json()).code, "BOOT_ERROR");
    });

    await t.step("a function process that dies is started again on the next request", async () => {
      const { pid } = await (await call(service, "/echo", { headers: bearer(ANON_KEY) })).json();
      assert.equal(
        await (await call(service, "/echo/exit", { headers: bearer(ANON_KEY) })).text(),
        "exiting",
      );
      await eventually(() => processAlive(pid) ? undefined : true, "the process to exit");
      await new Promise((resolve) => setTimeout(resolve, 100));
      const response = await call(service, "/echo", { headers: bearer(ANON_KEY) });
      assert.equal(response.status, 200);
      assert.notEqual((await response.json()).pid, pid);
    });

    await t.step("an edited function answers with its new code", async () => {
      assert.equal(
        await (await call(service, "/edited", { headers: bearer(ANON_KEY) })).text(),
        "first version",
      );
      await Deno.writeTextFile(
        `${functionsDir}/edited/index.ts`,
        `Deno.serve(() => new Response("second version"));`,
      );
      await eventually(async () => {
        const text = await (await call(service, "/edited", { headers: bearer(ANON_KEY) })).text();
        return text === "second version" ? text : undefined;
      }, "the edited function");
    });

    await t.step("close() stops every function process", async () => {
      const { pid } = await (await call(service, "/echo", { headers: bearer(ANON_KEY) })).json();
      assert.ok(processAlive(pid));
      await service.close();
      assert.ok(!processAlive(pid));
    });
  } finally {
    await service.close();
    Deno.env.delete("FUNCTIONS_TEST_HOST_ONLY");
    await Deno.remove(functionsDir.replace(/\/functions$/, ""), { recursive: true });
  }
});

Deno.test("through the gateway, the sms function (verify_jwt = false) is reached without a JWT", async () => {
  const response = await fetch(`${API_URL}/functions/v1/sms`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user: { phone: "8801700000001" }, sms: { otp: "123456" } }),
  });
  // The function itself answers: an unsigned hook call is refused with the hook's error shape.
  assert.equal(response.status, 401);
  const { error } = await response.json();
  assert.equal(error.http_code, 401);
  assert.match(error.message, /signature/);
});

Deno.test("through the gateway, an unknown function is a 404 with CORS headers", async () => {
  const response = await fetch(`${API_URL}/functions/v1/no-such-function`, { headers: { apikey: ANON_KEY } });
  assert.equal(response.status, 404);
  assert.equal(response.headers.get("access-control-allow-origin"), "*");
  assert.equal((await response.json()).code, "NOT_FOUND");
});
