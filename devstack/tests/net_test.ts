/**
 * The local stack's pg_net (devstack/net): SQL queues requests with net.http_get / http_post, the worker
 * performs them after the transaction commits and records the answers in net._http_response, as pg_net
 * does on a hosted project. The target is a small HTTP server in this test.
 */
import assert from "node:assert/strict";
import { asOperator } from "../testing/db.ts";
import type { Sql } from "../pg.ts";

interface Seen {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

/** A local server that records what reached it; `/slow` answers after 2 s. */
function target() {
  const seen: Seen[] = [];
  const { promise: listening, resolve } = Promise.withResolvers<number>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: ({ port }) => resolve(port) },
    async (req) => {
      const url = new URL(req.url);
      seen.push({
        method: req.method,
        path: url.pathname + url.search,
        headers: req.headers,
        body: await req.text(),
      });
      if (url.pathname === "/slow") await new Promise((done) => setTimeout(done, 2_000));
      return Response.json({ echoed: url.searchParams.get("q") }, {
        status: 201,
        headers: { "x-answer": "yes" },
      });
    },
  );
  return { seen, listening, close: () => server.shutdown() };
}

/** Runs `work` as the operator with a new target server listening on `port`, shut down afterwards. */
async function withTarget(work: (sql: Sql, port: number, seen: Seen[]) => Promise<void>): Promise<void> {
  const server = target();
  const port = await server.listening;
  try {
    await asOperator((sql) => work(sql, port, server.seen));
  } finally {
    await server.close();
  }
}

interface ResponseRow {
  status_code: number | null;
  content_type: string | null;
  headers: Record<string, string> | null;
  content: string | null;
  timed_out: boolean | null;
  error_msg: string | null;
}

async function responseOf(sql: Sql, id: string, waitMs = 10_000): Promise<ResponseRow> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const [row] = await sql<ResponseRow[]>`
      select status_code, content_type, headers, content, timed_out, error_msg from net._http_response where id = ${id}`;
    if (row) return row;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`no response recorded for request ${id}`);
}

Deno.test("net.http_post: the request is made after commit and its answer recorded", () =>
  withTarget(async (sql, port, seen) => {
    const [{ id }] = await sql<{ id: string }[]>`
      select net.http_post(${`http://127.0.0.1:${port}/hook`}, '{"greeting": "নমস্কার"}'::jsonb,
                           headers := '{"Authorization": "Bearer k"}'::jsonb) as id`;
    const answer = await responseOf(sql, id);
    assert.equal(answer.status_code, 201);
    assert.equal(answer.content_type, "application/json");
    assert.equal(answer.headers?.["x-answer"], "yes");
    assert.deepEqual(JSON.parse(answer.content!), { echoed: null });
    assert.equal(answer.error_msg, null);
    const [request] = seen;
    assert.equal(request.method, "POST");
    assert.equal(request.headers.get("authorization"), "Bearer k");
    assert.equal(request.headers.get("content-type"), "application/json", "added when not given");
    assert.deepEqual(JSON.parse(request.body), { greeting: "নমস্কার" });
    const [{ left }] = await sql<{ left: number }[]>`
      select count(*)::int as left from net.http_request_queue where id = ${id}`;
    assert.equal(left, 0, "a started request leaves the queue");
  }));

Deno.test("net.http_get: params are url-encoded onto the url; collect_response waits for the answer", () =>
  withTarget(async (sql, port, seen) => {
    const [{ id }] = await sql<{ id: string }[]>`
      select net.http_get(${`http://127.0.0.1:${port}/find`}, '{"q": "ঢাকা উত্তর & more"}'::jsonb) as id`;
    const [{ result }] = await sql<{ result: string }[]>`
      select (net._http_collect_response(${id}, async := false)).status::text as result`;
    assert.equal(result, "SUCCESS");
    assert.equal(JSON.parse((await responseOf(sql, id)).content!).echoed, "ঢাকা উত্তর & more");
    assert.equal(seen[0].method, "GET");
    assert.match(seen[0].path, /^\/find\?q=%E0%A6%A2/);
  }));

Deno.test("net: a request queued by a transaction that rolls back is never made", () =>
  withTarget(async (sql, port, seen) => {
    await sql.begin(async (tx) => {
      await tx`select net.http_post(${`http://127.0.0.1:${port}/never`}, '{}'::jsonb)`;
      await tx`select 1/0`;
    }).catch(() => {});
    // A request after it, which does arrive, shows the worker has looked at the queue since.
    const [{ id }] = await sql<
      { id: string }[]
    >`select net.http_get(${`http://127.0.0.1:${port}/after`}) as id`;
    await responseOf(sql, id);
    assert.deepEqual(seen.map((request) => request.path), ["/after"]);
  }));

Deno.test("net: a timeout and an unreachable server are recorded as errors without a status", () =>
  withTarget(async (sql, port) => {
    const [{ slow, closed }] = await sql<{ slow: string; closed: string }[]>`
      select net.http_get(${`http://127.0.0.1:${port}/slow`}, timeout_milliseconds := 300) as slow,
             net.http_get('http://127.0.0.1:9/nothing-listens') as closed`;
    const timedOut = await responseOf(sql, slow);
    assert.equal(timedOut.status_code, null);
    assert.equal(timedOut.timed_out, true);
    assert.match(timedOut.error_msg!, /^Timeout of 300 ms reached/);
    const refused = await responseOf(sql, closed);
    assert.equal(refused.status_code, null);
    assert.equal(refused.timed_out, false);
    assert.match(refused.error_msg!, /^Couldn't connect to server/);
    const [{ status }] = await sql<{ status: string }[]>`
      select (net._http_collect_response(${closed})).status::text as status`;
    assert.equal(status, "ERROR");
  }));

Deno.test("net.http_post: JSON bodies only, and not for the API roles", async () => {
  await asOperator(async (sql) => {
    await assert.rejects(
      sql`select net.http_post('http://127.0.0.1:9/', '{}'::jsonb, headers := '{"Content-Type": "text/plain"}')`,
      /Content-Type header must be "application\/json"/,
    );
    for (const role of ["anon", "authenticated"]) {
      await assert.rejects(
        sql.begin(async (tx) => {
          await tx`select set_config('role', ${role}, true)`;
          await tx`select net.http_get('http://127.0.0.1:9/')`;
        }),
        /permission denied for (schema net|function http_get)/,
        `${role} may not make requests from the database`,
      );
    }
  });
});
