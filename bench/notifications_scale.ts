/**
 * Notifications and SMS at scale, on the running stack (`npm start`; LOCAL_STACK_PORT_OFFSET shifts it):
 *
 * 1. The bell's unread count for a person with 10,000 notifications (half of them unread): the app's own
 *    call (lib/notifications/repository.ts `unreadCount`: PostgREST HEAD with count=exact as that person,
 *    RLS on) timed end to end, beside the same query in SQL as that person (EXPLAIN ANALYZE execution time).
 * 2. The SMS outbox draining N queued texts (default 10,000) through pg_net, the `sms` function and the dev
 *    inbox: the run's texts are queued in one statement, then the dispatcher runs as pg_cron would but
 *    back to back; time until every one is settled, then loss and duplicates counted in the outbox and in
 *    the inbox's own file (each text carries its reference cc-sms-<id>).
 *
 *   node_modules/.bin/deno run -A bench/notifications_scale.ts [texts, default 10000] [count requests, default 300]
 *
 * The client runs on the same 2 cores as Postgres, PostgREST, the gateway and the function.
 */
import { STATE_DIR } from "../devstack/config.ts";
import { asOperator } from "../devstack/testing/db.ts";
import { signInWithPhone } from "../devstack/testing/auth.ts";
import { unreadCount } from "../lib/notifications/repository.ts";
import { userFromClaims } from "../lib/auth/session.ts";
import { machineSummary, median, ms, percentile, table } from "./stats.ts";

const TEXTS = Number(Deno.args[0] ?? 10_000);
const COUNT_REQUESTS = Number(Deno.args[1] ?? 300);
const NOTIFICATIONS = 10_000;

console.log(machineSummary());

// 1. The unread count ------------------------------------------------------------------------------------
const person = await signInWithPhone();
const claims = await person.client.auth.getClaims(person.accessToken);
const session = { user: userFromClaims(claims.data!.claims as never)!, accessToken: person.accessToken };
await asOperator(async (sql) => {
  await sql`
    insert into public.notifications (recipient_id, kind, data, created_at, read_at)
    select ${person.id}, 'complaint_status', '{"tracking_number": "CC-BENCHMRK", "status": "resolved"}',
           now() - make_interval(mins => n), case when n % 2 = 0 then now() end
      from generate_series(1, ${NOTIFICATIONS}) as n`;
  await sql`analyze public.notifications`;
});
const unread = await unreadCount(session);
const appTimes: number[] = [];
for (let i = 0; i < COUNT_REQUESTS; i++) {
  const started = performance.now();
  await unreadCount(session);
  appTimes.push(performance.now() - started);
}
const sqlTimes: number[] = [];
await asOperator((sql) =>
  sql.begin(async (tx) => {
    await tx`select set_config('role', 'authenticated', true),
                    set_config('request.jwt.claims', ${
      JSON.stringify({ sub: person.id, role: "authenticated" })
    }, true)`;
    for (let i = 0; i < COUNT_REQUESTS; i++) {
      const [plan] = await tx.unsafe(
        "explain (analyze, format json) select count(*) from public.notifications where read_at is null",
      );
      sqlTimes.push((plan["QUERY PLAN"] as { "Execution Time": number }[])[0]["Execution Time"]);
    }
  })
);
console.log(
  `\nUnread count for a person with ${NOTIFICATIONS} notifications (${unread} unread), ${COUNT_REQUESTS} requests:`,
);
console.log(table(["measure", "median", "p95"], [
  [
    "app call (PostgREST HEAD count=exact, as the person)",
    ms(median(appTimes)),
    ms(percentile(appTimes, 0.95)),
  ],
  ["SQL execution as the person (RLS on)", ms(median(sqlTimes)), ms(percentile(sqlTimes, 0.95))],
]));

// 2. Draining the SMS outbox ---------------------------------------------------------------------------
const run = crypto.randomUUID().slice(0, 8);
const result = await asOperator(async (sql) => {
  const started = performance.now();
  const [{ first, last }] = await sql<{ first: string; last: string }[]>`
    with queued as (
      insert into private.sms_outbox (dedupe_key, to_phone, body, purpose, quiet_hours)
      select ${`bench:${run}:`} || n, '+88017' || lpad((n % 100000000)::text, 8, '0'),
             'ক্লিন কেয়ার: বেঞ্চমার্ক বার্তা ' || n, 'bench', false
        from generate_series(1, ${TEXTS}) as n
      returning id)
    select min(id)::text as first, max(id)::text as last from queued`;
  const queuedMs = performance.now() - started;
  let pending = TEXTS;
  let dispatches = 0;
  while (pending > 0) {
    await sql`select private.dispatch_sms(2000)`;
    dispatches++;
    [{ pending }] = await sql<{ pending: number }[]>`
      select count(*)::int as pending from private.sms_outbox
       where id between ${first} and ${last} and status in ('queued', 'sending')`;
    if (pending > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    if (performance.now() - started > 15 * 60_000) {
      throw new Error(`${pending} texts still pending after 15 min`);
    }
  }
  const drainedMs = performance.now() - started;
  const [outcome] = await sql<{ sent: number; failed: number; retried: number; distinct_ids: number }[]>`
    select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'failed')::int as failed,
           count(*) filter (where attempts > 1)::int as retried, count(distinct gateway_message_id)::int as distinct_ids
      from private.sms_outbox where id between ${first} and ${last}`;
  return { first: Number(first), last: Number(last), queuedMs, drainedMs, dispatches, ...outcome };
});

// The inbox's own record: every reference of this run once, none twice.
await new Promise((resolve) => setTimeout(resolve, 500)); // its file is appended asynchronously
const seen = new Map<string, number>();
for (const line of (await Deno.readTextFile(`${STATE_DIR}/inbox/messages.jsonl`)).split("\n")) {
  const reference = /"reference":"cc-sms-(\d+)"/.exec(line)?.[1];
  if (reference && Number(reference) >= result.first && Number(reference) <= result.last) {
    seen.set(reference, (seen.get(reference) ?? 0) + 1);
  }
}
const duplicated = [...seen.values()].filter((times) => times > 1).length;
console.log(
  `\nSMS outbox: ${TEXTS} texts queued in one statement, drained through pg_net → sms function → dev inbox:`,
);
console.log(table(["measure", "value"], [
  ["queued (one INSERT)", ms(result.queuedMs)],
  ["all settled after", ms(result.drainedMs)],
  ["texts per second", String(Math.round(TEXTS / (result.drainedMs / 1000)))],
  ["dispatcher runs", String(result.dispatches)],
  ["sent / failed", `${result.sent} / ${result.failed}`],
  ["texts tried more than once", String(result.retried)],
  ["distinct gateway ids", String(result.distinct_ids)],
  ["in the inbox (distinct references)", String(seen.size)],
  ["delivered twice (inbox)", String(duplicated)],
  ["lost (queued, not in the inbox)", String(TEXTS - seen.size)],
]));
