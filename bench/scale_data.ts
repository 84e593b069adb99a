/**
 * Bulk data for the scale benchmarks: citizens, complaints spread over 129 wards, 6 categories and two years,
 * taken along the workflow through the tables' own triggers (tracking numbers, priorities, deadlines and the
 * status history are the database's). Runs as `postgres` with generate_series, in sessions that hold the
 * temp tables `bench_citizens` and `bench_targets` (createBenchTables).
 *
 * The triggers nobody needs during a bulk load are switched off meanwhile (quietly): the Realtime
 * broadcasts (nobody listens; each would queue messages), the audit log (the changes are generated, not
 * anyone's actions) and the dashboard summaries, which `rebuildSummaries` recomputes from scratch after.
 */
import postgres from "postgres";
import type { JWTPayload } from "jose";
import { DB_PASSWORD, HOST } from "../devstack/config.ts";
import type { Claims, Sql } from "../devstack/pg.ts";
import {
  makeStateDir,
  removeStack,
  startUntilReady,
  throwawayApiUrl,
} from "../devstack/testing/throwaway_stack.ts";
import { machineSummary, secondsSince } from "./stats.ts";

export const BATCH_SIZE = 50_000;

/** What a scale benchmark was asked for (`[complaints] [port offset]`), and where its stack listens. */
export interface ScaleRun {
  complaintCount: number;
  portOffset: number;
  apiUrl: string;
  /** The developer's database port (devstack/config.ts) shifted like the rest of the stack. */
  dbPort: number;
}

export function scaleRunFromArgs(defaultComplaints: number, defaultPortOffset: number): ScaleRun {
  const portOffset = Number(Deno.args[1] ?? defaultPortOffset);
  return {
    complaintCount: Number(Deno.args[0] ?? defaultComplaints),
    portOffset,
    apiUrl: throwawayApiUrl(portOffset),
    dbPort: 54322 + portOffset,
  };
}

/**
 * Starts a throw-away stack for `run` (its own state folder, ports shifted), runs `work` with a connection
 * to it as `postgres`, and stops and removes the stack after, whether `work` succeeds or fails.
 */
export async function onThrowawayStack(run: ScaleRun, work: (sql: Sql) => Promise<void>): Promise<void> {
  console.log(`${machineSummary()}; ${run.complaintCount} complaints on a throw-away stack at ${run.apiUrl}`);
  const stateDir = await makeStateDir();
  const startedAt = performance.now();
  const stack = await startUntilReady(stateDir, run.portOffset);
  const sql = connectAs(run.dbPort, "postgres");
  try {
    console.log(`stack ready in ${secondsSince(startedAt)}`);
    await work(sql);
  } finally {
    await sql.end();
    stack.process.kill("SIGINT");
    await stack.process.status;
    await removeStack(stateDir, run.portOffset);
  }
}

/**
 * The claims local Auth signs into an access token (devstack/auth/tokens.ts) for a phone user, valid for an
 * hour; no auth.sessions row stands behind them (PostgREST checks only signature, expiry and role).
 */
export function accessTokenClaims(
  run: ScaleRun,
  user: { id: string; phone: string; appMetadata: Record<string, unknown> },
): JWTPayload & Claims {
  const now = Math.floor(Date.now() / 1000);
  return {
    aud: "authenticated",
    exp: now + 3600,
    iat: now,
    iss: `${run.apiUrl}/auth/v1`,
    sub: user.id,
    email: "",
    phone: user.phone,
    app_metadata: user.appMetadata,
    user_metadata: {},
    role: "authenticated",
    aal: "aal1",
    amr: [{ method: "otp", timestamp: now }],
    session_id: crypto.randomUUID(),
    is_anonymous: false,
  };
}

/** A connection to a throw-away stack's database as `role`. */
export function connectAs(
  dbPort: number,
  role: string,
  onnotice: (notice: postgres.Notice) => void = () => {},
): Sql {
  return postgres({
    host: HOST,
    port: dbPort,
    database: "postgres",
    username: role,
    password: DB_PASSWORD,
    max: 1,
    onnotice,
  });
}

export async function createBenchTables(sql: Sql): Promise<void> {
  await sql`create temp table bench_citizens (n integer primary key, id uuid not null)`;
  await sql`create temp table bench_targets (id uuid primary key, target text not null, stage integer not null)`;
}

/** Triggers a bulk load does without: [table, trigger]. */
const QUIET_TRIGGERS = [
  ["public.complaint_updates", "complaint_updates_broadcast"],
  ["public.complaints", "complaints_broadcast_queue"],
  ["public.complaints", "complaints_audit"],
  ["public.complaints", "complaints_keep_summaries"],
] as const;

/** Runs a bulk load with the triggers above off, then recomputes the summaries they would have kept. */
export async function quietly<T>(sql: Sql, load: () => Promise<T>): Promise<T> {
  for (const [table, trigger] of QUIET_TRIGGERS) {
    await sql.unsafe(`alter table ${table} disable trigger ${trigger}`);
  }
  try {
    return await load();
  } finally {
    for (const [table, trigger] of QUIET_TRIGGERS) {
      await sql.unsafe(`alter table ${table} enable trigger ${trigger}`);
    }
    await sql`select private.rebuild_complaint_summaries()`;
  }
}

export async function createCitizens(sql: Sql, first: number, last: number): Promise<void> {
  await sql`
    with created as (
      insert into auth.users (instance_id, id, aud, role, phone, phone_confirmed_at, raw_app_meta_data,
                              raw_user_meta_data, created_at, updated_at)
      select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
             '88019' || lpad(n::text, 8, '0'), now() - interval '3 years',
             '{"provider": "phone", "providers": ["phone"], "role": "citizen"}', '{}',
             now() - interval '3 years', now() - interval '3 years'
        from generate_series(${first}::integer, ${last}::integer) as n
      returning id, phone
    )
    insert into bench_citizens (n, id) select substr(phone, 6)::integer, id from created`;
}

/** `count` complaints, each by a citizen drawn from bench_citizens numbers `first`..`last`. */
/** Words of the generated complaints, in Bengali as people write them (the queue's search is tried on them). */
const TITLES = [
  "ড্রেন উপচে পানি জমেছে",
  "রাস্তায় বড় গর্ত",
  "ময়লা তোলা হয়নি",
  "সড়কবাতি নষ্ট",
  "পানির লাইনে ময়লা পানি",
  "ফুটপাত দখল",
  "মশার উপদ্রব",
  "ম্যানহোলের ঢাকনা নেই",
];
const PLACES = [
  "লক্ষ্মীবাজার",
  "মোহাম্মদপুর",
  "ধানমন্ডি",
  "মিরপুর",
  "উত্তরা",
  "গুলশান",
  "বাড্ডা",
  "যাত্রাবাড়ী",
  "শ্যামলী",
  "কাওরান বাজার",
];

export async function addComplaints(sql: Sql, count: number, first: number, last: number): Promise<void> {
  const categories = (await sql<{ code: string }[]>`select code from public.categories where active`)
    .map((row) => row.code);
  for (let done = 0; done < count; done += BATCH_SIZE) {
    const size = Math.min(BATCH_SIZE, count - done);
    await sql`
      insert into public.complaints (citizen_id, client_request_id, title, description, category, location,
                                     latitude, longitude, ward_id, created_at, updated_at)
      select c.id, gen_random_uuid(), (${TITLES}::text[])[1 + p.g % ${TITLES.length}] || ' ' || p.g,
             'Generated by a scale benchmark, row ' || p.g,
             (${categories}::text[])[1 + floor(random() * ${categories.length})::integer],
             (${PLACES}::text[])[1 + (p.g / 7) % ${PLACES.length}] || ', বাড়ি ' || p.g % 1000,
             case when p.located then 23.70 + random() * 0.20 end,
             case when p.located then 90.33 + random() * 0.12 end,
             1 + floor(random() * 129)::integer,
             p.created_at, p.created_at
        from (select g, random() < 0.8 as located,
                     ${first}::integer + floor(random() * ${last - first + 1})::integer as who,
                     now() - random() * interval '730 days' as created_at
                from generate_series(${done + 1}::integer, ${done + size}::integer) as g) as p
        join bench_citizens as c on c.n = p.who`;
    if (count > BATCH_SIZE) console.log(`  ${done + size} of ${count} complaints`);
  }
}

/**
 * Takes complaints added since the last call along the workflow, through the update triggers (which
 * check the transitions and write the history). Recent complaints are mostly open, older ones closed.
 */
export async function moveAlongWorkflow(sql: Sql, stage: number): Promise<void> {
  await sql`
    insert into bench_targets (id, target, stage)
    select id,
           case when created_at > now() - interval '30 days' then
                  case when r < 0.5 then 'submitted' when r < 0.8 then 'in_progress'
                       when r < 0.95 then 'resolved' else 'rejected' end
                else
                  case when r < 0.03 then 'submitted' when r < 0.06 then 'in_progress'
                       when r < 0.14 then 'resolved' when r < 0.94 then 'closed' else 'rejected' end
           end,
           ${stage}
      from (select c.id, c.created_at, random() as r
              from public.complaints as c
             where c.description like 'Generated by a scale benchmark, row %'
               and not exists (select 1 from bench_targets as t where t.id = c.id)) as added`;
  for (
    const [status, targets] of [
      ["in_progress", ["in_progress"]],
      ["resolved", ["resolved", "closed"]],
      ["closed", ["closed"]],
      ["rejected", ["rejected"]],
    ] as const
  ) {
    await sql`
        update public.complaints as c
           set status = ${status},
               rejection_reason = case when ${status} = 'rejected' then 'Generated by the scale benchmark.' end
          from bench_targets as t
         where t.id = c.id and t.stage = ${stage} and t.target in ${sql(targets)}`;
  }
}

/** `count` "me too"s on random open complaints, each by a citizen drawn from `first`..`last`. */
export async function addFollows(sql: Sql, count: number, first: number, last: number): Promise<void> {
  await sql`
    insert into public.complaint_followers (complaint_id, citizen_id, created_at)
    select o.id, c.id, o.created_at + (now() - o.created_at) * random()
      from (select id, citizen_id, created_at,
                   ${first}::integer + floor(random() * ${last - first + 1})::integer as who
              from public.complaints
             where status in ('submitted', 'in_progress')
             order by random()
             limit ${count}) as o
      join bench_citizens as c on c.n = o.who
     where c.id <> o.citizen_id
    on conflict do nothing`;
}

/** `citizen` follows `count` open complaints of other people. */
export async function followOthers(sql: Sql, citizen: number, count: number): Promise<void> {
  await sql`
    insert into public.complaint_followers (complaint_id, citizen_id, created_at)
    select o.id, b.id, o.created_at + (now() - o.created_at) * random()
      from bench_citizens as b
     cross join lateral (select id, created_at from public.complaints
                          where status in ('submitted', 'in_progress') and citizen_id <> b.id
                          order by random() limit ${count}) as o
     where b.n = ${citizen}`;
}

export async function vacuumAnalyze(sql: Sql): Promise<void> {
  await sql`vacuum (analyze) public.complaints, public.complaint_updates, public.complaint_followers,
                             public.profiles`;
}
