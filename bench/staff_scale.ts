/**
 * The city's side at scale: the staff queue and the dashboard's reads with N complaints (default a million)
 * over 129 wards, through the gateway and PostgREST as the staff member (their JWT, RLS deciding), each set
 * against its floor, the same call without RLS, call for call: the queue's own function (rpc/staff_queue)
 * called with the service role's token carrying the staff member's `sub` (the same scope, RLS bypassed),
 * the dashboard's reads as the service role with the scope written as a filter; and what keeping the
 * dashboard's summaries adds to a status change. Runs on a throw-away stack beside the
 * developer's (ports shifted by the offset, removed at the end).
 *
 *   node_modules/.bin/deno run -A bench/staff_scale.ts [complaints=1000000] [port offset=7000]
 */
import { ANON_KEY, SERVICE_ROLE_KEY, signJwt } from "../devstack/keys.ts";
import type { Sql } from "../devstack/pg.ts";
import { median, ms, percentile, ratio, secondsSince, table, timeRuns, timeSideBySide } from "./stats.ts";
import {
  accessTokenClaims,
  addComplaints,
  createBenchTables,
  createCitizens,
  moveAlongWorkflow,
  onThrowawayStack,
  quietly,
  scaleRunFromArgs,
  vacuumAnalyze,
} from "./scale_data.ts";

const run = scaleRunFromArgs(1_000_000, 7000);
const { complaintCount, apiUrl } = run;
const WARM_UP_RUNS = 10;
const MEASURED_RUNS = 200;
const STATUS_CHANGES = 200;
/** The demo ward admin's wards. */
const WARDS = [12, 19];
/** Inside লক্ষ্মীবাজার, one of the generated places: a substring of a Bengali word. */
const SEARCH = "ক্ষ্মীবা";
const OPEN_STATUSES = ["submitted", "in_progress"];

/** Staff made the way super admins make them: a role and postings in the tables, the same claims in the JWT. */
async function staffMember(
  sql: Sql,
  n: number,
  role: string,
  wards: number[],
): Promise<{ id: string; token: string; withoutRls: string }> {
  const [user] = await sql<{ id: string; phone: string }[]>`
    insert into auth.users (instance_id, id, aud, role, phone, phone_confirmed_at, raw_app_meta_data,
                            raw_user_meta_data, created_at, updated_at)
    values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
            ${"8801890000" + String(n).padStart(3, "0")}, now(), '{}', '{}', now(), now())
    returning id, phone`;
  await sql`insert into public.staff_roles (user_id, role) values (${user.id}, ${role})`;
  for (const ward of wards) {
    await sql`insert into public.ward_postings (user_id, ward_id) values (${user.id}, ${ward})`;
  }
  const claims = accessTokenClaims(run, { id: user.id, phone: user.phone, appMetadata: { role, wards } });
  // The service role bypasses RLS; with the person's `sub`, the queue's function writes in the same scope.
  return {
    id: user.id,
    token: await signJwt(claims),
    withoutRls: await signJwt({ ...claims, role: "service_role" }),
  };
}

/** One GET through the gateway as the holder of `token`; the body is read, as a page would. */
async function get(path: string, token: string): Promise<void> {
  const response = await fetch(`${apiUrl}/rest/v1/${path}`, {
    headers: { apikey: ANON_KEY, authorization: `Bearer ${token}` },
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
}

async function post(path: string, token: string, body: unknown): Promise<void> {
  const response = await fetch(`${apiUrl}/rest/v1/${path}`, {
    method: "POST",
    headers: { apikey: ANON_KEY, authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text.slice(0, 300)}`);
}

const timed = (call: () => Promise<unknown>) => timeRuns(call, WARM_UP_RUNS, MEASURED_RUNS);

/**
 * The dashboard's reads for one period straight from the four summaries, as an analyst's client would make
 * them: three at a time (the database runs at most three of one person's requests at once).
 */
function dashboardReads(token: string, wards: number[] | null) {
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const scope = wards ? `&ward_id=in.(${wards.join(",")})` : "";
  return () =>
    Promise.all([
      get(
        `complaint_day_summary?select=day,ward_id,category,received,reopened,resolved,resolved_on_time,` +
          `resolution_hours&day=gte.${since}${scope}`,
        token,
      ),
      get(
        `complaint_resolution_summary?select=ward_id,category,bucket,resolved&day=gte.${since}${scope}`,
        token,
      ),
      get(`complaint_status_summary?select=ward_id,category,status,complaints,with_deadline${scope}`, token)
        .then(() =>
          get(
            `complaint_deadline_summary?select=deadline_day,ward_id,category,status,complaints` +
              `&deadline_day=gte.${new Date().toISOString().slice(0, 10)}${scope}`,
            token,
          )
        ),
    ]);
}

/**
 * The CSV export of the whole queue, through the app's own code (lib/staff/queue_export.ts) against this
 * stack: rows, bytes, time, and the process's resident memory before and at its peak, sampled every 50 ms.
 */
async function exportFigures(superAdminToken: string): Promise<string> {
  Deno.env.set("SUPABASE_URL", apiUrl);
  Deno.env.set("SUPABASE_ANON_KEY", ANON_KEY);
  const { queueCsv } = await import("../lib/staff/queue_export.ts");
  const { translator } = await import("../lib/i18n/mod.ts");
  const session = {
    user: { id: "", phone: null, role: "super_admin" as const, wards: [] },
    accessToken: superAdminToken,
  };
  const before = Deno.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => peak = Math.max(peak, Deno.memoryUsage().rss), 50);
  const started = performance.now();
  let bytes = 0;
  let lines = 0;
  for await (const chunk of queueCsv(session, { sort: "newest", overdue: false }, translator("bn"), "bn")) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  clearInterval(sampler);
  const mib = (value: number) => `${(value / 1024 ** 2).toFixed(0)} MiB`;
  return table(["rows", "bytes", "time", "RSS before", "RSS peak"], [[
    String(lines - 1),
    mib(bytes),
    secondsSince(started),
    mib(before),
    mib(peak),
  ]]);
}

/** Median time of `count` status changes (each its own transaction), with the summaries trigger on or off. */
async function statusChangeCost(sql: Sql, keepSummaries: boolean, count: number): Promise<number[]> {
  await sql.unsafe(
    `alter table public.complaints ${keepSummaries ? "enable" : "disable"} trigger complaints_keep_summaries`,
  );
  const ids = await sql<{ id: string }[]>`
    select id from public.complaints where status = 'submitted' order by random() limit ${count}`;
  const samples: number[] = [];
  for (const { id } of ids) {
    const started = performance.now();
    await sql`update public.complaints set status = 'in_progress' where id = ${id}`;
    samples.push(performance.now() - started);
  }
  await sql`alter table public.complaints enable trigger complaints_keep_summaries`;
  return samples;
}

await onThrowawayStack(run, async (sql) => {
  await createBenchTables(sql);
  const citizens = Math.max(100, Math.floor(complaintCount / 10));
  await createCitizens(sql, 1, citizens);
  let phase = performance.now();
  await quietly(sql, async () => {
    await addComplaints(sql, complaintCount, 1, citizens);
    await moveAlongWorkflow(sql, 1);
  });
  console.log(`${complaintCount} complaints, their workflow and summaries in ${secondsSince(phase)}`);

  const wardAdmin = await staffMember(sql, 1, "ward_admin", WARDS);
  const { token: superAdmin } = await staffMember(sql, 2, "super_admin", []);
  // A provider in ward 12 with every open complaint there assigned, as a busy ward's would be.
  const provider = await staffMember(sql, 3, "service_provider", [12]);
  await quietly(sql, () =>
    sql`update public.complaints set assigned_to = ${provider.id}
         where ward_id = 12 and status in ('submitted', 'in_progress')`);
  phase = performance.now();
  await vacuumAnalyze(sql);
  await sql`vacuum (analyze) public.complaint_day_summary, public.complaint_resolution_summary,
                             public.complaint_status_summary, public.complaint_deadline_summary`;
  console.log(`VACUUM ANALYZE in ${secondsSince(phase)}`);
  // The queue's functions are for signed-in staff; on this throw-away stack only, the service role may call
  // them too, for the calls without RLS.
  await sql`grant execute on function public.staff_queue, private.staff_queue_conditions,
              private.staff_scope_condition, private.staff_search_hits to service_role`;

  const queue = (token: string, filters: Record<string, unknown>) => () =>
    post("rpc/staff_queue", token, filters);
  const openHighByDeadline = { statuses: OPEN_STATUSES, priority_level: "high", sort: "deadline" };
  const pairs: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    ["queue, first page (ward admin, 2 wards)", queue(wardAdmin.token, {}), queue(wardAdmin.withoutRls, {})],
    [
      "queue, open high-priority by deadline (ward admin)",
      queue(wardAdmin.token, openHighByDeadline),
      queue(wardAdmin.withoutRls, openHighByDeadline),
    ],
    [
      `queue search "${SEARCH}" (ward admin, 2 wards)`,
      queue(wardAdmin.token, { search: SEARCH }),
      queue(wardAdmin.withoutRls, { search: SEARCH }),
    ],
    [
      `queue search "${SEARCH}" in ward ${WARDS[0]} (ward admin)`,
      queue(wardAdmin.token, { search: SEARCH, ward: WARDS[0] }),
      queue(wardAdmin.withoutRls, { search: SEARCH, ward: WARDS[0] }),
    ],
    ["queue, first page (provider, assigned)", queue(provider.token, {}), queue(provider.withoutRls, {})],
    [
      "dashboard reads, 30 days (ward admin)",
      dashboardReads(wardAdmin.token, null),
      dashboardReads(SERVICE_ROLE_KEY, WARDS),
    ],
    [
      "dashboard reads, 30 days (super admin)",
      dashboardReads(superAdmin, null),
      dashboardReads(SERVICE_ROLE_KEY, null),
    ],
  ];
  const period = {
    from_day: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
    to_day: new Date().toISOString().slice(0, 10),
  };
  const dashboards: [string, string][] = [["ward admin", wardAdmin.token], ["super admin", superAdmin]];
  const dashboardRows = [];
  for (const [who, token] of dashboards) {
    const samples = await timed(() => post("rpc/dashboard_figures", token, period));
    dashboardRows.push([
      `dashboard_figures, 30 days (${who})`,
      ms(median(samples)),
      ms(percentile(samples, 0.95)),
    ]);
  }

  const floor = await timed(() => get("wards?select=id&id=eq.1", ANON_KEY));
  const rows: string[][] = [[
    "floor: one ward by id (anon)",
    ms(median(floor)),
    ms(percentile(floor, 0.95)),
    "",
    "",
    "",
  ]];
  for (const [name, withRls, withoutRls] of pairs) {
    const [scoped, open] = await timeSideBySide(withRls, withoutRls, WARM_UP_RUNS, MEASURED_RUNS)
      .catch((error) => (console.log(`${name}: ${error.message}`), [[NaN], [NaN]]));
    rows.push([
      name,
      ms(median(scoped)),
      ms(percentile(scoped, 0.95)),
      ms(median(open)),
      ms(percentile(open, 0.95)),
      `${ratio(median(scoped) / median(open))} / ${ratio(percentile(scoped, 0.95) / percentile(open, 0.95))}`,
    ]);
  }
  console.log(
    `\n${WARM_UP_RUNS} warm-up, then ${MEASURED_RUNS} calls each, with and without RLS in turn ` +
      "(gateway → PostgREST):",
  );
  console.log(
    table(["call", "RLS med", "RLS p95", "no-RLS med", "no-RLS p95", "RLS/no-RLS med / p95"], rows),
  );
  console.log("\nThe dashboard's one call (the figures the page draws), as the staff member:");
  console.log(table(["call", "median", "p95"], dashboardRows));

  console.log(
    "\nThe queue exported as CSV by the super admin (every complaint), streamed as the app streams it:",
  );
  console.log(await exportFigures(superAdmin));

  // Interleaved rounds, so drift on the machine touches both sides alike.
  const on: number[] = [];
  const off: number[] = [];
  for (let round = 0; round < 4; round++) {
    off.push(...await statusChangeCost(sql, false, STATUS_CHANGES / 4));
    on.push(...await statusChangeCost(sql, true, STATUS_CHANGES / 4));
  }
  console.log(
    `\nA status change (submitted → in_progress, its own transaction, as postgres), ${STATUS_CHANGES} each:`,
  );
  console.log(table(["summaries trigger", "median", "p95"], [
    ["off", ms(median(off)), ms(percentile(off, 0.95))],
    ["on", ms(median(on)), ms(percentile(on, 0.95))],
    ["added by the summaries", ms(median(on) - median(off)), ""],
  ]));
});
