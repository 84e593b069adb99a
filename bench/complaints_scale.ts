/**
 * Whether the complaint queries the app makes hold up at the roadmap's scale (a million complaints). Runs
 * on a throw-away stack beside the developer's (its own state folder, every port shifted by the offset,
 * removed at the end); the developer's database is never touched.
 *
 *   node_modules/.bin/deno run -A bench/complaints_scale.ts [complaints=200000] [port offset=3000]
 *
 * 1. Baseline: two bench citizens, "typical" (12 complaints) and "busy" (2,000, say a ward volunteer), each
 *    following 3 open complaints of other people; the app's calls are timed on that small table.
 * 2. At scale: the other complaints, spread over N/10 citizens, 129 wards, 6 categories and two years, 80%
 *    with a position in Dhaka, statuses by age (recent ones mostly open, older ones mostly closed), N/20
 *    "me too"s; VACUUM ANALYZE; the same calls timed again. Ratio = at scale / baseline.
 *
 * Data comes from bench/scale_data.ts: generated as `postgres` through the tables' own triggers, with the
 * ones a bulk load does without (broadcasts, audit, summaries rebuilt after) switched off meanwhile.
 *
 * The calls are the app's (lib/complaints/repository.ts) through the gateway and PostgREST, as a citizen
 * whose JWT is minted with `signJwt` (devstack/keys.ts) carrying the claims local Auth puts in its
 * access tokens (no auth.sessions row stands behind it; PostgREST checks only signature, expiry and role).
 * Plans: each call's PostgREST requests are replayed with PostgREST's plan media type, i.e. EXPLAIN
 * (ANALYZE, BUFFERS) of the exact SQL PostgREST runs, as the JWT's role under RLS (db-plan-enabled is
 * switched on for this stack only); the SQL inside rpc functions is explained by auto_explain in a session
 * that takes the caller's role and claims as PostgREST does. Full plans go to test-output/bench/.
 */
import postgres from "postgres";
import type { JWTPayload } from "jose";
import { PROJECT_ROOT } from "../devstack/config.ts";
import { ANON_KEY, signJwt } from "../devstack/keys.ts";
import { asCaller, type Claims, type Sql, type TransactionSql } from "../devstack/pg.ts";
import type { UserSession } from "../lib/auth/session.ts";
import type { PageCursor } from "../lib/complaints/repository.ts";
import { kib, median, ms, percentile, ratio, secondsSince, table, timeRuns } from "./stats.ts";
import {
  accessTokenClaims,
  addComplaints,
  addFollows,
  connectAs,
  createBenchTables,
  createCitizens,
  followOthers,
  moveAlongWorkflow,
  onThrowawayStack,
  quietly,
  scaleRunFromArgs,
  vacuumAnalyze,
} from "./scale_data.ts";

const run = scaleRunFromArgs(200_000, 3000);
const { complaintCount, apiUrl, dbPort } = run;

const WARM_UP_RUNS = 5;
const MEASURED_RUNS = 30;
/** bench_citizens numbers: the two bench citizens first, then everyone else. */
const TYPICAL = 1;
const BUSY = 2;
const TYPICAL_COMPLAINTS = 12;
/** Each bench citizen follows this many complaints, so their list takes the app's "own or followed" path. */
const FOLLOWS_EACH = 3;
const BUSY_COMPLAINTS = 2_000;
const citizenCount = Math.max(100, Math.floor(complaintCount / 10));
const followCount = Math.floor(complaintCount / 20);
const PLAN_DIR = `${PROJECT_ROOT}/test-output/bench`;
const PLAN_FILE = `${PLAN_DIR}/complaints_scale-${complaintCount}.plans.txt`;

// The app's modules read SUPABASE_URL when first loaded (type imports above load nothing): point them at
// the throw-away stack before that.
Deno.env.set("SUPABASE_URL", apiUrl);
Deno.env.set("SUPABASE_ANON_KEY", ANON_KEY);
const repository = await import("../lib/complaints/repository.ts");
const { userFromClaims } = await import("../lib/auth/session.ts");

const connectTo = (role: string, onnotice?: (notice: postgres.Notice) => void) =>
  connectAs(dbPort, role, onnotice);

// ---------------------------------------------------------------------------------------------------
// The app's calls
// ---------------------------------------------------------------------------------------------------

/** A bench citizen's access token claims, as local Auth would sign them. */
async function citizenClaims(sql: Sql, citizen: number): Promise<JWTPayload & Claims> {
  const [user] = await sql<{ id: string; phone: string; raw_app_meta_data: Record<string, unknown> }[]>`
    select u.id, u.phone, u.raw_app_meta_data
      from bench_citizens as b join auth.users as u on u.id = b.id
     where b.n = ${citizen}`;
  return accessTokenClaims(run, { id: user.id, phone: user.phone, appMetadata: user.raw_app_meta_data });
}

async function sessionFor(claims: JWTPayload & Claims): Promise<UserSession> {
  return { user: userFromClaims(claims)!, accessToken: await signJwt(claims) };
}

interface Operation {
  name: string;
  /** One call as the app makes it; `i` varies the input where the app's input varies. */
  run: (i: number) => Promise<unknown>;
  /** The rpc the call makes, as SQL with its caller, for auto_explain to show the plans inside it. */
  rpc?: { caller: Claims; sql: (tx: TransactionSql) => Promise<unknown> };
  /** False for the reference call, whose plan says nothing about complaints. */
  explain?: false;
}

interface Inputs {
  typical: { claims: JWTPayload & Claims; session: UserSession };
  busy: { session: UserSession };
  trackingNumbers: string[];
  places: { category: string; latitude: number; longitude: number }[];
}

async function firstPageCursor(session: UserSession): Promise<PageCursor> {
  const { next } = await repository.listMyComplaints(session, null);
  if (!next) throw new Error(`citizen ${session.user.id} has a single page of complaints`);
  return next;
}

async function operations(inputs: Inputs): Promise<Operation[]> {
  const { typical, busy, trackingNumbers, places } = inputs;
  const [typicalNext, busyNext] = await Promise.all([
    firstPageCursor(typical.session),
    firstPageCursor(busy.session),
  ]);
  const { complaints } = await repository.listMyComplaints(typical.session, null);
  const ownId = complaints.find((complaint) => complaint.is_own)!.id;
  const visitor: Claims = { role: "anon" };
  return [
    {
      name: "floor: one ward by id (visitor)",
      explain: false,
      run: async () => {
        const response = await fetch(`${apiUrl}/rest/v1/wards?select=id&id=eq.1`, {
          headers: { apikey: ANON_KEY },
        });
        await response.arrayBuffer();
      },
    },
    { name: "my complaints p1 (typical)", run: () => repository.listMyComplaints(typical.session, null) },
    {
      name: "my complaints p2 (typical)",
      run: () => repository.listMyComplaints(typical.session, typicalNext),
    },
    { name: "my complaints p1 (busy, 2000)", run: () => repository.listMyComplaints(busy.session, null) },
    { name: "my complaints p2 (busy, 2000)", run: () => repository.listMyComplaints(busy.session, busyNext) },
    { name: "complaint detail (typical)", run: () => repository.getComplaint(typical.session, ownId) },
    {
      name: "track by number (visitor, rpc)",
      run: (i) => repository.trackComplaint(trackingNumbers[i % trackingNumbers.length]),
      rpc: { caller: visitor, sql: (tx) => tx`select public.track_complaint(${trackingNumbers[0]})` },
    },
    {
      name: "nearby open complaints (rpc)",
      run: (i) => repository.nearbyOpenComplaints(typical.session, places[i % places.length]),
      rpc: {
        caller: typical.claims,
        sql: (tx) =>
          tx`select * from public.nearby_open_complaints(${places[0].category}, ${places[0].latitude},
                                                         ${places[0].longitude})`,
      },
    },
  ];
}

async function timeAll(ops: Operation[]): Promise<Map<string, number[]>> {
  const timings = new Map<string, number[]>();
  for (const operation of ops) {
    timings.set(operation.name, await timeRuns(operation.run, WARM_UP_RUNS, MEASURED_RUNS));
  }
  return timings;
}

async function sampleInputs(sql: Sql, typical: Inputs["typical"], busy: Inputs["busy"]): Promise<Inputs> {
  const numbers = await sql<{ tracking_number: string }[]>`
    select tracking_number from public.complaints order by random() limit ${MEASURED_RUNS}`;
  const places = await sql<{ category: string; latitude: number; longitude: number }[]>`
    select category, latitude::float8 as latitude, longitude::float8 as longitude
      from public.complaints
     where status in ('submitted', 'in_progress') and latitude is not null
     order by random() limit ${MEASURED_RUNS}`;
  return { typical, busy, trackingNumbers: numbers.map((row) => row.tracking_number), places };
}

// ---------------------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------------------

/** The PostgREST requests `work` sends, recorded while they go out unchanged. */
async function postgrestRequests(work: () => Promise<unknown>): Promise<Request[]> {
  const send = globalThis.fetch;
  const requests: Request[] = [];
  globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname.startsWith("/rest/v1/")) requests.push(request.clone());
    return send(request);
  };
  try {
    await work();
  } finally {
    globalThis.fetch = send;
  }
  return requests;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the SQL PostgREST runs for `request`, as text. */
async function postgrestPlan(request: Request): Promise<string> {
  const headers = new Headers(request.headers);
  const wanted = request.headers.get("accept") ?? "application/json";
  headers.set("accept", `application/vnd.pgrst.plan+text; for="${wanted}"; options=analyze|buffers`);
  const response = await fetch(new Request(request, { headers }));
  const text = await response.text();
  if (!response.ok) throw new Error(`no plan for ${request.url}: ${response.status} ${text}`);
  return text;
}

const NODE =
  /^\s*(?:->\s+)?([A-Z][\w ]*?)(?: using (\S+))?(?: on (\S+)(?: \w+)?)?\s+\(cost=.*?(?:\(actual time=\S+ rows=(\d+) loops=(\d+)\)|\((never executed)\))/;
const TABLE_SCAN = /^(Seq|Index|Index Only|Bitmap Heap|Bitmap Index) Scan/;
const BIG_TABLES = new Set(["complaints", "complaint_updates", "complaint_followers"]);

interface PlanSummary {
  line: string;
  seqScansOnBigTables: string[];
}

/** Node types, every scan (index, table, rows) and the execution time of a text plan. */
function summarise(plan: string): PlanSummary {
  const nodeTypes = new Set<string>();
  const scans: string[] = [];
  const seqScansOnBigTables: string[] = [];
  for (const text of plan.split("\n")) {
    const match = NODE.exec(text);
    if (!match) continue;
    const [, type, index, relation, rows, loops, never] = match;
    nodeTypes.add(type);
    if (!TABLE_SCAN.test(type)) continue;
    const where = `${type}${index ? ` ${index}` : ""}${relation ? ` on ${relation}` : ""}`;
    scans.push(never ? `${where} (never executed)` : `${where} rows=${rows}×${loops}`);
    if (type === "Seq Scan" && !never && BIG_TABLES.has(relation ?? "")) seqScansOnBigTables.push(where);
  }
  const time = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? /duration: ([\d.]+) ms/.exec(plan)?.[1];
  const buffers = /Buffers: (shared [^\n]*)/.exec(plan)?.[1] ?? "no buffers";
  return {
    line: `${time} ms, ${buffers}; nodes: ${[...nodeTypes].join(", ")}; scans: ${scans.join("; ") || "none"}`,
    seqScansOnBigTables,
  };
}

/** The first line of SQL in an auto_explain message, to name the statement. */
function firstSqlLine(message: string): string {
  const query = message.split("Query Text:")[1] ?? "";
  return query.split("\n").map((line) => line.trim()).find((line) => line && !line.startsWith("--")) ?? "?";
}

/** The plans of the statements inside an rpc, from auto_explain, as the caller. */
async function rpcPlans(rpc: NonNullable<Operation["rpc"]>): Promise<string[]> {
  const plans: string[] = [];
  const admin = connectTo("supabase_admin", (notice) => {
    if (!notice.message.includes("set_config(")) plans.push(notice.message);
  });
  try {
    await asCaller(admin, rpc.caller, rpc.sql); // once unexplained: a session's first call loads catalogs
    await admin`load 'auto_explain'`;
    for (
      const setting of [
        "set auto_explain.log_min_duration = 0",
        "set auto_explain.log_analyze = on",
        "set auto_explain.log_buffers = on",
        "set auto_explain.log_nested_statements = on",
        "set auto_explain.log_level = notice",
      ]
    ) await admin.unsafe(setting);
    await asCaller(admin, rpc.caller, rpc.sql);
  } finally {
    await admin.end();
  }
  return plans;
}

async function explainAll(ops: Operation[]): Promise<{ report: string[]; alerts: string[] }> {
  const report: string[] = [];
  const full: string[] = [];
  const alerts: string[] = [];
  /** `source` names the statement briefly; the plan file gets `fullSource` (e.g. with the query string). */
  const note = (name: string, source: string, plan: string, fullSource = source) => {
    const summary = summarise(plan);
    report.push(`  ${source}: ${summary.line}`);
    full.push(`=== ${name}: ${fullSource}\n${plan.trim()}\n`);
    for (const scan of summary.seqScansOnBigTables) alerts.push(`${name}: ${scan} (${source})`);
  };
  for (const operation of ops.filter((op) => op.explain !== false)) {
    report.push(`${operation.name}`);
    for (const request of await postgrestRequests(() => operation.run(0))) {
      const url = new URL(request.url);
      const plan = await postgrestPlan(request);
      const source = `${request.method} ${url.pathname}`;
      note(operation.name, source, plan, `${source}${decodeURIComponent(url.search)}`);
    }
    if (operation.rpc) {
      for (const plan of await rpcPlans(operation.rpc)) {
        note(operation.name, `inside: ${firstSqlLine(plan)}`, plan);
      }
    }
  }
  await Deno.mkdir(PLAN_DIR, { recursive: true });
  await Deno.writeTextFile(PLAN_FILE, full.join("\n"));
  return { report, alerts };
}

/** PostgREST serves the plan media type only when db-plan-enabled is on; on for this stack, in-database. */
async function enablePlans(): Promise<void> {
  const admin = connectTo("supabase_admin");
  try {
    await admin`alter role authenticator set pgrst.db_plan_enabled = 'true'`;
    await admin`notify pgrst, 'reload config'`;
  } finally {
    await admin.end();
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    const response = await fetch(`${apiUrl}/rest/v1/wards?select=id&limit=1`, {
      headers: { apikey: ANON_KEY, accept: 'application/vnd.pgrst.plan+text; for="application/json"' },
    });
    await response.arrayBuffer();
    if (response.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("PostgREST did not take db-plan-enabled");
}

async function sizes(sql: Sql): Promise<string> {
  const tables = await sql<{ name: string; rows: number; heap: number; indexes: number; total: number }[]>`
    select t.name, t.rows, pg_relation_size(t.name::regclass) as heap, pg_indexes_size(t.name::regclass) as indexes,
           pg_total_relation_size(t.name::regclass) as total
      from (values ('public.complaints', (select count(*) from public.complaints)),
                   ('public.complaint_updates', (select count(*) from public.complaint_updates)),
                   ('public.complaint_followers', (select count(*) from public.complaint_followers)),
                   ('public.profiles', (select count(*) from public.profiles)),
                   ('auth.users', (select count(*) from auth.users))) as t (name, rows)
     order by total desc`;
  const indexes = await sql<{ name: string; size: number }[]>`
    select indexrelid::regclass::text as name, pg_relation_size(indexrelid) as size
      from pg_index where indrelid = 'public.complaints'::regclass order by size desc`;
  const mib = (bytes: number) => `${(Number(bytes) / 1024 ** 2).toFixed(1)} MiB`;
  return [
    table(
      ["table", "rows", "heap", "indexes", "total", "total/row"],
      tables.map((t) => [
        t.name,
        String(t.rows),
        mib(t.heap),
        mib(t.indexes),
        mib(t.total),
        kib(Math.round(Number(t.total) / Math.max(1, Number(t.rows)))),
      ]),
    ),
    "",
    table(["index on public.complaints", "size"], indexes.map((index) => [index.name, mib(index.size)])),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------------------------------

await onThrowawayStack(run, async (sql) => {
  await enablePlans();
  await createBenchTables(sql);

  let phase = performance.now();
  await createCitizens(sql, TYPICAL, BUSY);
  await quietly(sql, async () => {
    await addComplaints(sql, TYPICAL_COMPLAINTS, TYPICAL, TYPICAL);
    await addComplaints(sql, BUSY_COMPLAINTS, BUSY, BUSY);
    await moveAlongWorkflow(sql, 1);
  });
  await followOthers(sql, TYPICAL, FOLLOWS_EACH);
  await followOthers(sql, BUSY, FOLLOWS_EACH);
  await vacuumAnalyze(sql);
  const typicalClaims = await citizenClaims(sql, TYPICAL);
  const typical = { claims: typicalClaims, session: await sessionFor(typicalClaims) };
  const busy = { session: await sessionFor(await citizenClaims(sql, BUSY)) };
  const baselineOps = await operations(await sampleInputs(sql, typical, busy));
  console.log(`baseline data in ${secondsSince(phase)}; timing…`);
  const baseline = await timeAll(baselineOps);

  phase = performance.now();
  const bulk = complaintCount - TYPICAL_COMPLAINTS - BUSY_COMPLAINTS;
  await createCitizens(sql, BUSY + 1, BUSY + citizenCount);
  console.log(`${citizenCount} citizens in ${secondsSince(phase)}`);
  let step = performance.now();
  await quietly(sql, async () => {
    await addComplaints(sql, bulk, BUSY + 1, BUSY + citizenCount);
    console.log(`${bulk} complaints (insert triggers on) in ${secondsSince(step)}`);
    step = performance.now();
    await moveAlongWorkflow(sql, 2);
    console.log(`statuses and history (update triggers on) in ${secondsSince(step)}`);
  });
  step = performance.now();
  await addFollows(sql, followCount, BUSY + 1, BUSY + citizenCount);
  await vacuumAnalyze(sql);
  console.log(
    `${followCount} follows, VACUUM ANALYZE in ${secondsSince(step)}; all data in ${secondsSince(phase)}`,
  );

  const scaleOps = await operations(await sampleInputs(sql, typical, busy));
  console.log("timing…");
  const atScale = await timeAll(scaleOps);

  console.log(
    `\n${WARM_UP_RUNS} warm-up, then ${MEASURED_RUNS} sequential calls each (app code → gateway → PostgREST):`,
  );
  console.log(table(
    ["call", "baseline med", `${complaintCount} med`, `${complaintCount} p90`, "ratio"],
    scaleOps.map(({ name }) => {
      const before = median(baseline.get(name)!);
      const after = atScale.get(name)!;
      return [name, ms(before), ms(median(after)), ms(percentile(after, 0.9)), ratio(median(after) / before)];
    }),
  ));

  console.log(`\nSizes after VACUUM ANALYZE (dead space from the status updates is reused, not returned):`);
  console.log(await sizes(sql));

  console.log(
    `\nPlans at ${complaintCount} (EXPLAIN ANALYZE, BUFFERS as the caller's role; full text: ${PLAN_FILE}):`,
  );
  const { report, alerts } = await explainAll(scaleOps);
  console.log(report.join("\n"));
  console.log(
    alerts.length
      ? `\nSEQUENTIAL SCANS ON BIG TABLES:\n${alerts.map((alert) => `  ${alert}`).join("\n")}`
      : "\nNo sequential scan on complaints, complaint_updates or complaint_followers.",
  );
});
