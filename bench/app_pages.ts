/**
 * How fast the running app serves its key pages and how big they are on the wire: per page, warm-up and
 * then sequential requests, gzip and identity interleaved (time to first byte and total, median and p90;
 * raw and gzip sizes), then throughput with 8 concurrent clients. Needs the local stack and the app up
 * (`npm start`). Signs in as the demo citizen of supabase/seed.sql (+8801700000000, test code 123456)
 * through Auth with supabase-js and sends the app its session cookies, as a browser does after
 * /login/verify (the app's own forms allow only five codes an hour per number).
 *
 *   node_modules/.bin/deno run -A bench/app_pages.ts [measured requests per page, default 30] [app URL]
 *
 * The client runs on the same machine as the app, the gateway and Postgres, and takes CPU from them.
 */
import http from "node:http";
import type { SupabaseClient } from "@supabase/supabase-js";
import { APP_URL } from "../devstack/config.ts";
import { ACCESS_COOKIE, REFRESH_COOKIE } from "../lib/auth/session.ts";
import { supabaseClient } from "../devstack/testing/auth.ts";
import { kib, median, ms, percentile, ratio, table } from "./stats.ts";

const measuredRequests = Number(Deno.args[0] ?? 30);
const appUrl = Deno.args[1] ?? APP_URL;
const WARM_UP_REQUESTS = 5;
const CONCURRENT_CLIENTS = 8;
const CONCURRENCY_SECONDS = 5;
const CONCURRENCY_ROUNDS = 3;

const DEMO_PHONE = "+8801700000000";
const DEMO_CODE = "123456";
/** The demo citizen's street-light complaint in supabase/seed.sql: resolved, three history entries. */
const DEMO_COMPLAINT_ID = "de00c000-0000-4000-8000-000000000003";

/** Kept-alive connections, as a browser reuses its connection; one per concurrent client. */
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENT_CLIENTS });

interface Fetched {
  status: number;
  /** Until the response headers arrived. */
  ttfbMs: number;
  /** Until the last body byte arrived. */
  totalMs: number;
  /** Body bytes as sent (compressed when gzip was accepted). */
  bytes: number;
}

/** node:http rather than fetch: fetch inflates gzip bodies and hides their size on the wire. */
function get(path: string, { cookie, gzip }: { cookie?: string; gzip: boolean }): Promise<Fetched> {
  const headers: Record<string, string> = {
    accept: "text/html",
    "accept-encoding": gzip ? "gzip" : "identity",
  };
  if (cookie) headers.cookie = cookie;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(new URL(path, appUrl), { agent, headers }, (response) => {
      const ttfbMs = performance.now() - started;
      let bytes = 0;
      response.on("data", (chunk: Uint8Array) => bytes += chunk.length);
      response.on("error", reject);
      response.on(
        "end",
        () =>
          resolve({ status: response.statusCode ?? 0, ttfbMs, totalMs: performance.now() - started, bytes }),
      );
    });
    request.on("error", reject);
  });
}

async function exitUnlessAppAnswers(): Promise<void> {
  try {
    await get("/", { gzip: false });
  } catch (error) {
    console.error(`Nothing answers at ${appUrl} (${(error as Error).message}).`);
    console.error("Start the local stack with the app first: npm start");
    Deno.exit(1);
  }
}

interface DemoSession {
  client: SupabaseClient;
  cookie: string;
  trackingNumber: string;
}

/** Auth allows one code a minute per number: when the demo number had one just now, wait as told. */
async function signInDemoCitizen(): Promise<DemoSession> {
  const client = supabaseClient();
  for (;;) {
    const { error } = await client.auth.signInWithOtp({ phone: DEMO_PHONE });
    if (!error) break;
    const seconds = /after (\d+) seconds?/.exec(error.message)?.[1];
    if (!seconds) throw new Error(`Auth refused the demo sign-in (${error.message}); is the stack up?`);
    console.log(`The demo number was sent a code less than a minute ago; waiting ${seconds} s.`);
    await new Promise((resolve) => setTimeout(resolve, Number(seconds) * 1000));
  }
  const { data, error } = await client.auth.verifyOtp({ phone: DEMO_PHONE, token: DEMO_CODE, type: "sms" });
  if (error || !data.session) throw new Error(`the demo code was refused: ${error?.message}`);
  const complaint = await client.from("complaints").select("tracking_number").eq("id", DEMO_COMPLAINT_ID)
    .single();
  if (complaint.error) throw new Error(`the seed's demo complaint is missing: ${complaint.error.message}`);
  const { access_token, refresh_token } = data.session;
  return {
    client,
    cookie: `${ACCESS_COOKIE}=${access_token}; ${REFRESH_COOKIE}=${refresh_token}`,
    trackingNumber: complaint.data.tracking_number,
  };
}

interface Page {
  name: string;
  path: string;
  cookie?: string;
}

async function expectOk(page: Page, gzip: boolean): Promise<Fetched> {
  const fetched = await get(page.path, { cookie: page.cookie, gzip });
  if (fetched.status !== 200) throw new Error(`${page.path} answered ${fetched.status}, not 200`);
  return fetched;
}

async function measurePage(page: Page): Promise<string[]> {
  for (let i = 0; i < WARM_UP_REQUESTS; i++) {
    await expectOk(page, true);
    await expectOk(page, false);
  }
  const gzipped: Fetched[] = [];
  const identity: Fetched[] = [];
  for (let i = 0; i < measuredRequests; i++) {
    gzipped.push(await expectOk(page, true));
    identity.push(await expectOk(page, false));
  }
  const rawBytes = median(identity.map((f) => f.bytes));
  const gzipBytes = median(gzipped.map((f) => f.bytes));
  const totals = gzipped.map((f) => f.totalMs);
  return [
    page.name,
    kib(rawBytes),
    kib(gzipBytes),
    ratio(rawBytes / gzipBytes),
    ms(median(gzipped.map((f) => f.ttfbMs))),
    ms(median(totals)),
    ms(percentile(totals, 0.9)),
    ms(median(identity.map((f) => f.totalMs))),
  ];
}

/** Requests per second that CONCURRENT_CLIENTS clients, each waiting for its last answer, get through. */
async function throughput(page: Page): Promise<number> {
  const started = performance.now();
  const deadline = started + CONCURRENCY_SECONDS * 1000;
  let completed = 0;
  await Promise.all(Array.from({ length: CONCURRENT_CLIENTS }, async () => {
    while (performance.now() < deadline) {
      await expectOk(page, true);
      completed++;
    }
  }));
  return completed / ((performance.now() - started) / 1000);
}

await exitUnlessAppAnswers();
const demo = await signInDemoCitizen();
try {
  const pages: Page[] = [
    { name: "/ (visitor)", path: "/" },
    { name: "/login", path: "/login" },
    { name: "/track/<number>", path: `/track/${demo.trackingNumber}` },
    { name: "/complaints (signed in)", path: "/complaints", cookie: demo.cookie },
    { name: "/complaints/<id> (signed in)", path: `/complaints/${DEMO_COMPLAINT_ID}`, cookie: demo.cookie },
  ];

  console.log(
    `${appUrl}: ${WARM_UP_REQUESTS} warm-up, then ${measuredRequests} sequential requests per page`,
  );
  console.log("and encoding; times with accept-encoding: gzip, the last column without (identity).\n");
  const rows: string[][] = [];
  for (const page of pages) rows.push(await measurePage(page));
  console.log(table(
    ["page", "raw", "gzip", "raw/gzip", "TTFB med", "total med", "total p90", "identity med"],
    rows,
  ));

  console.log(
    `\n${CONCURRENT_CLIENTS} concurrent clients (gzip), ${CONCURRENCY_SECONDS} s per round, ` +
      `${CONCURRENCY_ROUNDS} rounds:`,
  );
  const rates = new Map<string, number>();
  for (const page of [pages[0], pages[3]]) {
    const rounds: number[] = [];
    for (let round = 0; round < CONCURRENCY_ROUNDS; round++) rounds.push(await throughput(page));
    rates.set(page.name, median(rounds));
    const each = rounds.map((rate) => rate.toFixed(0)).join(", ");
    console.log(`  ${page.name.padEnd(24)} median ${median(rounds).toFixed(0)} requests/s (rounds: ${each})`);
  }
  const [visitor, signedIn] = [...rates.values()];
  console.log(`  visitor / signed-in throughput: ${ratio(visitor / signedIn)}`);
} finally {
  await demo.client.auth.signOut({ scope: "local" });
  agent.destroy();
}
