/**
 * The standing fuzz suite: generated malformed requests (tests/fuzz/hostile.ts) to every app route and
 * method, every PostgREST table and RPC the API describes, Auth, Storage, the Edge Functions, the gateway
 * with methods fetch cannot send, and Realtime frames. Nothing may answer with a 5xx or drop the
 * connection, and the database must be as it was. fast-check shrinks a failure to the smallest request that
 * still fails; the seed it prints replays the run.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { createHandler } from "$fresh/server.ts";
import manifest from "@/fresh.gen.ts";
import config from "@/fresh.config.ts";
import { API_URL, HOST, PORTS } from "@/devstack/config.ts";
import { ANON_KEY } from "@/devstack/keys.ts";
import { asOperator } from "@/devstack/testing/db.ts";
import { type SignedInUser, signInWithPhone } from "@/devstack/testing/auth.ts";
import { ACCESS_COOKIE } from "@/lib/auth/session.ts";
import {
  headerValue,
  type HostileBody,
  hostileBody,
  hostileHeaders,
  hostileMethod,
  hostileQuery,
  hostileSegment,
  hostileString,
} from "./hostile.ts";

const APP_ORIGIN = "http://127.0.0.1:8000";
/** Requests per run of a property: sent at once, so the suite stays well under two minutes. */
const BATCH = 6;

const sent: Record<string, number> = {};
const count = (surface: string, n = 1) => sent[surface] = (sent[surface] ?? 0) + n;

/** Who sends a request: nobody, the anon key alone, or a signed-in citizen. */
type Caller = "none" | "anon" | "citizen";
const caller = fc.constantFrom<Caller>("none", "anon", "citizen");

let citizen: SignedInUser;

function credentials(who: Caller): Record<string, string> {
  if (who === "none") return {};
  if (who === "anon") return { apikey: ANON_KEY };
  return { apikey: ANON_KEY, authorization: `Bearer ${citizen.accessToken}` };
}

function withBody(headers: Headers, method: string, { contentType, body }: HostileBody): RequestInit {
  if (contentType !== undefined) headers.set("content-type", contentType);
  const hasBody = method !== "GET" && method !== "HEAD" && body !== undefined;
  return { method, headers, body: hasBody ? body : undefined };
}

function queryString(query: [string, string][]): string {
  return query.length ? `?${new URLSearchParams(query)}` : "";
}

/** Sends through the gateway; a 5xx or a dropped connection fails the property. */
async function throughGateway(
  surface: string,
  path: string,
  method: string,
  who: Caller,
  body: HostileBody,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  const headers = new Headers({ ...extraHeaders, ...credentials(who) });
  count(surface);
  const response = await fetch(`${API_URL}${path}`, withBody(headers, method, body));
  const text = await response.text();
  assert.ok(
    response.status < 500,
    `${method} ${path.slice(0, 200)} → ${response.status}: ${text.slice(0, 300)}`,
  );
}

/** Every table and RPC the API describes to a signed-in citizen (its OpenAPI document). */
async function restPaths(): Promise<string[]> {
  const response = await fetch(`${API_URL}/rest/v1/`, { headers: credentials("citizen") });
  const { paths } = await response.json() as { paths: Record<string, unknown> };
  return Object.keys(paths).filter((path) => path !== "/");
}

/** The app's URL patterns from its manifest: `(group)` folders dropped, `[param]` kept as a slot. */
function appPaths(): string[] {
  return Object.keys(manifest.routes)
    .filter((file) => !/\/_[^/]*$/.test(file))
    .map((file) =>
      file.replace(/^\.\/routes/, "").replace(/\.tsx?$/, "").replace(/\/\([^)]*\)/g, "")
        .replace(/\/index$/, "") || "/"
    );
}

/**
 * Rows a refused request adds on purpose: the bkash function records every forged or malformed callback and
 * request it refuses (payment_events of kind refused). Anything else changing still fails the suite.
 */
const RECORDED_REFUSALS: Record<string, string> = { "public.payment_events": "t.kind <> 'refused'" };

async function databaseFingerprint(): Promise<Record<string, string>> {
  // Every row of the product's and Storage's tables, and the Auth users: the fuzz citizen's own rows left
  // out (a generated form may, rarely, be a valid edit of their own profile).
  return await asOperator(async (sql) => {
    const tables = await sql<{ name: string }[]>`
      select format('%I.%I', schemaname, tablename) as name from pg_tables
       where schemaname in ('public', 'storage') or (schemaname, tablename) = ('auth', 'users')
       order by 1`;
    const fingerprint: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = await sql.unsafe(
        `select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as hash
           from ${name} t
          where not exists (select 1 from jsonb_each_text(to_jsonb(t)) e where e.value = $1)
            and ${RECORDED_REFUSALS[name] ?? "true"}`,
        [citizen.id],
      );
      fingerprint[name] = row.hash;
    }
    return fingerprint;
  });
}

/**
 * Runs `work` with pg_cron's jobs paused: what they write (bKash reconciliation, the SMS outbox, urgent
 * notices whose hour came) is the city's background work, not a request's, and would otherwise change the
 * fingerprint whenever a job's minute falls inside the suite. Jobs already started finish first, and the
 * HTTP calls they queued through pg_net are sent and answered.
 */
async function withBackgroundJobsPaused<T>(work: () => Promise<T>): Promise<T> {
  const paused = await asOperator(async (sql) => {
    const jobs = await sql<{ jobid: string }[]>`select jobid::text from cron.job where active`;
    for (const { jobid } of jobs) await sql`select cron.alter_job(${jobid}::bigint, active := false)`;
    for (let waited = 0; waited < 10_000; waited += 100) {
      const [{ busy }] = await sql<{ busy: boolean }[]>`
        select exists (select 1 from cron.job_run_details where status in ('starting', 'running'))
            or exists (select 1 from net.http_request_queue) as busy`;
      if (!busy) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // A call the net worker has just taken is answered within a second (the functions answer in ms).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return jobs;
  });
  try {
    return await work();
  } finally {
    await asOperator(async (sql) => {
      for (const { jobid } of paused) await sql`select cron.alter_job(${jobid}::bigint, active := true)`;
    });
  }
}

function property<T>(name: string, arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<void>) {
  return fc.assert(
    fc.asyncProperty(
      fc.array(arbitrary, { minLength: BATCH, maxLength: BATCH }),
      (batch) => Promise.all(batch.map(check)).then(() => {}),
    ),
    { numRuns: RUNS[name], seed: SEED },
  );
}

/** A new seed each run, so the suite keeps exploring; FUZZ_SEED replays the run a failure names. */
const SEED = Number(Deno.env.get("FUZZ_SEED") ?? Math.floor(Math.random() * 2 ** 31));

/** Runs per surface (each a batch of BATCH requests). */
const RUNS: Record<string, number> = {
  app: 250,
  rest: 250,
  auth: 100,
  storage: 150,
  functions: 40,
  methods: 10,
  realtime: 50,
};

Deno.test({
  name: "fuzz: malformed requests to every surface get no 5xx and change nothing",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: (t) => withBackgroundJobsPaused(() => malformedRequests(t)),
});

/** Malformed requests to every surface; the database fingerprinted before and after. */
async function malformedRequests(t: Deno.TestContext): Promise<void> {
  citizen = await signInWithPhone();
  const before = await databaseFingerprint();
  const handle = await createHandler(manifest, config);
  const app = appPaths();
  const rest = await restPaths();

  await t.step(`app: every route (${app.length}) and method`, () =>
    property(
      "app",
      fc.record({
        path: fc.constantFrom(...app),
        param: hostileSegment,
        method: hostileMethod,
        query: hostileQuery,
        body: hostileBody,
        signedIn: fc.boolean(),
        sameOrigin: fc.boolean(),
        wantsJson: fc.boolean(),
      }),
      async (request) => {
        const path = request.path.replace(/\[[^\]]+\]/g, request.param);
        const headers = new Headers();
        if (request.sameOrigin) headers.set("origin", APP_ORIGIN);
        if (request.signedIn) headers.set("cookie", `${ACCESS_COOKIE}=${citizen.accessToken}`);
        if (request.wantsJson) headers.set("accept", "application/json");
        count("app");
        const response = await handle(
          new Request(
            `${APP_ORIGIN}${path}${queryString(request.query)}`,
            withBody(headers, request.method, request.body),
          ),
          { remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 50000 } },
        );
        await response.body?.cancel();
        assert.ok(response.status < 500, `${request.method} ${path} → ${response.status}`);
      },
    ));

  await t.step(`rest: every table and RPC (${rest.length})`, () =>
    property(
      "rest",
      fc.record({
        path: fc.constantFrom(...rest),
        method: hostileMethod,
        who: caller,
        query: hostileQuery,
        headers: hostileHeaders,
        body: hostileBody,
      }),
      (r) =>
        throughGateway(
          "rest",
          `/rest/v1${r.path}${queryString(r.query)}`,
          r.method,
          r.who,
          r.body,
          r.headers,
        ),
    ));

  await t.step("auth", () =>
    property(
      "auth",
      fc.record({
        path: fc.constantFrom(
          "/otp",
          "/verify",
          "/resend",
          "/token?grant_type=refresh_token",
          "/token?grant_type=password",
          "/token?grant_type=%00",
          "/user",
          "/logout",
          "/settings",
          "/admin/users",
          "/admin/users/" + crypto.randomUUID(),
        ),
        method: hostileMethod,
        who: caller,
        body: hostileBody,
      }),
      (r) => throughGateway("auth", `/auth/v1${r.path}`, r.method, r.who, r.body),
    ));

  await t.step("storage", () =>
    property(
      "storage",
      fc.record({
        path: fc.constantFrom(
          "/bucket",
          "/bucket/complaint-photos",
          "/bucket/complaint-photos/empty",
          "/bucket/{s}",
          "/object/complaint-photos/{s}",
          `/object/complaint-photos/{uid}/{s}`,
          "/object/sign/complaint-photos/{s}",
          "/object/upload/sign/complaint-photos/{uid}/{s}",
          "/object/list/complaint-photos",
          "/object/list-v2/complaint-photos",
          "/object/info/complaint-photos/{s}",
          "/object/public/complaint-photos/{s}",
          "/object/authenticated/complaint-photos/{s}",
          "/object/move",
          "/object/copy",
          "/object/complaint-photos",
        ),
        segment: hostileSegment,
        method: hostileMethod,
        who: caller,
        query: hostileQuery,
        headers: hostileHeaders,
        body: hostileBody,
      }),
      (r) => {
        const path = r.path.replace("{uid}", citizen.id).replace("{s}", r.segment);
        return throughGateway(
          "storage",
          `/storage/v1${path}${queryString(r.query)}`,
          r.method,
          r.who,
          r.body,
          r.headers,
        );
      },
    ));

  await t.step("edge functions", () =>
    property(
      "functions",
      fc.record({
        name: fc.oneof(
          fc.constant("sms"),
          fc.constantFrom("create", "callback", "status", "search", "refund", "reconcile").map((route) =>
            `bkash/${route}`
          ),
          hostileSegment,
        ),
        method: hostileMethod,
        who: caller,
        body: hostileBody,
        signature: fc.dictionary(
          fc.constantFrom("webhook-id", "webhook-timestamp", "webhook-signature"),
          hostileString.map(headerValue),
        ),
      }),
      (r) => throughGateway("functions", `/functions/v1/${r.name}`, r.method, r.who, r.body, r.signature),
    ));

  await t.step("gateway: methods fetch cannot send", () =>
    property(
      "methods",
      fc.record({
        method: fc.constantFrom("TRACE", "TRACK", "CONNECT", "PROPFIND", "FOO", "M-SEARCH"),
        prefix: fc.constantFrom(
          "/rest/v1/wards",
          "/auth/v1/otp",
          "/storage/v1/bucket",
          "/functions/v1/sms",
          "/",
        ),
      }),
      async ({ method, prefix }) => {
        count("methods");
        const status = await rawStatus(method, prefix);
        assert.ok(status > 0 && status < 500, `${method} ${prefix} → ${status}`);
      },
    ));

  await t.step("realtime: hostile frames, then the service still answers", async () => {
    await property("realtime", realtimeFrame, async (frame) => {
      count("realtime");
      await sendFrame(frame);
    });
    assert.ok(await realtimeStillJoins(), "realtime no longer answers a join after the hostile frames");
  });

  assert.deepEqual(await databaseFingerprint(), before, "malformed requests changed the database");
  const total = Object.values(sent).reduce((sum, n) => sum + n, 0);
  console.log(
    `fuzz: seed ${SEED}, ${total} requests sent (${
      Object.entries(sent).map(([k, n]) => `${k} ${n}`).join(", ")
    })`,
  );
}

/** The status line's code of a raw HTTP/1.1 request, 0 when the connection closed without one. */
async function rawStatus(method: string, path: string): Promise<number> {
  const connection = await Deno.connect({ hostname: HOST, port: PORTS.gateway });
  try {
    const request =
      `${method} ${path} HTTP/1.1\r\nHost: ${HOST}\r\napikey: ${ANON_KEY}\r\nConnection: close\r\n\r\n`;
    await connection.write(new TextEncoder().encode(request));
    const buffer = new Uint8Array(512);
    const read = await connection.read(buffer);
    const line = new TextDecoder().decode(buffer.subarray(0, read ?? 0)).split("\r\n")[0];
    return Number(/^HTTP\/1\.[01] (\d{3})/.exec(line)?.[1] ?? 0);
  } finally {
    connection.close();
  }
}

const REALTIME_URL = `${API_URL.replace("http", "ws")}/realtime/v1/websocket?apikey=${ANON_KEY}&vsn=1.0.0`;

/** Frames a Phoenix channel server should refuse politely: wrong shapes, wrong types, garbage, binary. */
const realtimeFrame: fc.Arbitrary<string | Uint8Array<ArrayBuffer>> = fc.oneof(
  hostileString,
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? "null"),
  fc.record({
    topic: fc.oneof(hostileString, fc.constant("realtime:public"), fc.integer()),
    event: fc.oneof(
      fc.constantFrom("phx_join", "phx_leave", "heartbeat", "broadcast", "presence", "access_token"),
      hostileString,
    ),
    payload: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ config: fc.jsonValue({ maxDepth: 2 }), access_token: hostileString }),
    ),
    ref: fc.oneof(hostileString, fc.integer(), fc.constant(null)),
  }).map((message) => JSON.stringify(message)),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 6 }).map((array) => JSON.stringify(array)),
  fc.uint8Array({ maxLength: 256 }).map((bytes) => new Uint8Array(bytes)),
);

/** Opens a socket, sends one frame, and waits briefly for whatever the server answers. */
function sendFrame(frame: string | Uint8Array<ArrayBuffer>): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(REALTIME_URL);
    const done = () => {
      clearTimeout(timer);
      socket.close();
      resolve();
    };
    const timer = setTimeout(done, 300);
    socket.onopen = () => socket.send(frame);
    socket.onmessage = done;
    socket.onclose = done;
    socket.onerror = () => {
      clearTimeout(timer);
      reject(new Error(`realtime dropped the connection for frame ${String(frame).slice(0, 100)}`));
    };
  });
}

/** Whether a well-formed join on a public topic still gets an ok reply. */
function realtimeStillJoins(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(REALTIME_URL);
    const timer = setTimeout(() => finish(false), 5000);
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    socket.onopen = () =>
      socket.send(JSON.stringify({
        topic: "realtime:fuzz-check",
        event: "phx_join",
        payload: { config: { broadcast: { self: false }, private: false } },
        ref: "1",
      }));
    socket.onmessage = (event) => {
      const reply = JSON.parse(event.data);
      if (reply.event === "phx_reply" && reply.ref === "1") finish(reply.payload?.status === "ok");
    };
    socket.onerror = () => finish(false);
  });
}
