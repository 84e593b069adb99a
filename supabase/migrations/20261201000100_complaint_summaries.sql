-- Summaries for the dashboard, kept by the database so that no view of the dashboard scans the complaints
-- table: counts by day, ward and category (received, resolved, on time, reopened, resolution-time
-- histogram), counts of complaints by their current status, and of open ones by their deadline day.
--
-- Kept by triggers, not a scheduled refresh: every complaint row contributes a fixed set of counts that
-- depends only on its current state, so a change subtracts the old row's contribution and adds the new
-- one's. The figures are exact and current the moment a change commits (the dashboard updates live), the
-- cost is a few upserts per change (bench/complaints_scale.ts measures it), and upserts that add to a
-- count are correct under concurrent changes; the rows are touched in key order so two changes cannot
-- deadlock. A pg_cron refresh would have to rescan history or lag behind.

-- Resolution times are kept as a histogram with these upper bounds in hours (the last bucket is open).
create or replace function private.resolution_bucket_bounds()
returns integer[]
language sql
immutable
set search_path = ''
as $$
  select array[2, 4, 8, 12, 24, 48, 72, 120, 168, 336, 720];
$$;

comment on function private.resolution_bucket_bounds() is
  'Upper bounds (hours) of the resolution-time histogram buckets; a 12th bucket holds everything longer.';

create table public.complaint_day_summary (
  day date not null,
  ward_id integer not null,
  category text not null,
  received integer not null default 0,
  reopened integer not null default 0,
  resolved integer not null default 0,
  resolved_on_time integer not null default 0,
  resolution_hours numeric not null default 0,
  primary key (day, ward_id, category)
);

alter table public.complaint_day_summary enable row level security;

comment on table public.complaint_day_summary is
  'Per day (Asia/Dhaka), ward and category: complaints filed that day (received, and how many of those '
  'were reopened), and complaints whose current resolution happened that day (resolved, on time, hours). '
  'Kept by triggers on public.complaints; equals a count over complaints at every commit.';
comment on column public.complaint_day_summary.day is 'The day in Asia/Dhaka.';
comment on column public.complaint_day_summary.ward_id is 'public.wards.id; 0 for complaints with no ward.';
comment on column public.complaint_day_summary.category is 'public.categories.code.';
comment on column public.complaint_day_summary.received is 'Complaints filed that day.';
comment on column public.complaint_day_summary.reopened is
  'Of the complaints filed that day, those the citizen has reopened at least once.';
comment on column public.complaint_day_summary.resolved is
  'Complaints resolved that day that stay resolved or closed (a reopened one counts again when resolved again).';
comment on column public.complaint_day_summary.resolved_on_time is 'Of those, resolved by their deadline.';
comment on column public.complaint_day_summary.resolution_hours is 'Sum of their hours from filing to resolution.';

create index complaint_day_summary_ward_idx on public.complaint_day_summary (ward_id, day);

create table public.complaint_resolution_summary (
  day date not null,
  ward_id integer not null,
  category text not null,
  bucket smallint not null check (bucket between 1 and 12),
  resolved integer not null default 0,
  primary key (day, ward_id, category, bucket)
);

alter table public.complaint_resolution_summary enable row level security;

comment on table public.complaint_resolution_summary is
  'A histogram of resolution times: per day of resolution (Asia/Dhaka), ward, category and time bucket, how '
  'many complaints resolved that day (and still resolved or closed) took that long. Percentiles of '
  'resolution time come from it without reading complaints. Kept by triggers on public.complaints.';
comment on column public.complaint_resolution_summary.day is 'The day of resolution in Asia/Dhaka.';
comment on column public.complaint_resolution_summary.ward_id is 'public.wards.id; 0 for complaints with no ward.';
comment on column public.complaint_resolution_summary.category is 'public.categories.code.';
comment on column public.complaint_resolution_summary.bucket is
  'Hours from filing to resolution: 1 up to 2, then up to 4, 8, 12, 24, 48, 72, 120, 168, 336, 720, and 12 '
  'for longer (private.resolution_bucket_bounds()).';
comment on column public.complaint_resolution_summary.resolved is 'How many.';

create index complaint_resolution_summary_ward_idx on public.complaint_resolution_summary (ward_id, day);

-- Overdue counts are what has a deadline less what is due today or later: the deadline days from today on
-- are a few dozen per ward, while every past deadline day of a city's open complaints would be tens of
-- thousands of rows to add up (bench/staff_scale.ts: super admin's figures 71 ms p95 at a million
-- complaints when the status summary was kept per deadline day).
create table public.complaint_status_summary (
  ward_id integer not null,
  category text not null,
  status public.complaint_status not null,
  complaints integer not null default 0,
  with_deadline integer not null default 0,
  primary key (ward_id, category, status)
);

alter table public.complaint_status_summary enable row level security;

comment on table public.complaint_status_summary is
  'How many complaints are in each status now, per ward and category, and how many of the open ones have '
  'a deadline. Kept by triggers on public.complaints.';
comment on column public.complaint_status_summary.ward_id is 'public.wards.id; 0 for complaints with no ward.';
comment on column public.complaint_status_summary.category is 'public.categories.code.';
comment on column public.complaint_status_summary.status is 'The current status.';
comment on column public.complaint_status_summary.complaints is 'How many.';
comment on column public.complaint_status_summary.with_deadline is
  'Of those, the open ones with a deadline (overdue = these less public.complaint_deadline_summary''s '
  'from today on).';

create table public.complaint_deadline_summary (
  deadline_day date not null,
  ward_id integer not null,
  category text not null,
  status public.complaint_status not null,
  complaints integer not null default 0,
  primary key (deadline_day, ward_id, category, status)
);

alter table public.complaint_deadline_summary enable row level security;

comment on table public.complaint_deadline_summary is
  'Open complaints by the day (Asia/Dhaka) of their deadline, per ward, category and status: read from today '
  'on, it says how many are not overdue yet. Kept by triggers on public.complaints.';
comment on column public.complaint_deadline_summary.deadline_day is 'The deadline''s day in Asia/Dhaka.';
comment on column public.complaint_deadline_summary.ward_id is 'public.wards.id; 0 for complaints with no ward.';
comment on column public.complaint_deadline_summary.category is 'public.categories.code.';
comment on column public.complaint_deadline_summary.status is 'The current status (an open one).';
comment on column public.complaint_deadline_summary.complaints is 'How many.';

-- ---------------------------------------------------------------------------------------------------
-- Keeping them
-- ---------------------------------------------------------------------------------------------------

create or replace function private.dhaka_day(at timestamptz)
returns date
language sql
immutable
set search_path = ''
as $$
  select (at at time zone 'Asia/Dhaka')::date;
$$;

comment on function private.dhaka_day(timestamptz) is 'The calendar day in Asia/Dhaka of a moment.';

-- What a change adds to one summary row: which summary ('day', 'bucket', 'status' or 'deadline'), the row's
-- key (the columns that summary has) and the amounts to add.
create type private.summary_delta as (
  summary text, day date, ward_id integer, category text, status public.complaint_status, bucket smallint,
  received integer, reopened integer, resolved integer, resolved_on_time integer, resolution_hours numeric,
  with_deadline integer
);

comment on type private.summary_delta is
  'An amount to add to one row of a complaint summary: summary names the table (day, bucket: the resolution '
  'histogram, status, deadline); day is the filing or resolution day, or the deadline''s day; received counts '
  'complaints in the status and deadline summaries.';

-- One complaint's contribution (sign +1 or -1) to the summaries, as rows to add.
create or replace function private.summary_contribution(c public.complaints, sign integer)
returns setof private.summary_delta
language sql
stable
set search_path = ''
as $$
  with resolution as (
    select private.dhaka_day(c.resolved_at) as day, extract(epoch from c.resolved_at - c.created_at) / 3600 as hours
     where c.resolved_at is not null and c.status in ('resolved', 'closed')
  ),
  deadline as (
    select private.dhaka_day(c.deadline_at) as day
     where c.deadline_at is not null and public.complaint_status_is_open(c.status)
  )
  select 'day', private.dhaka_day(c.created_at), coalesce(c.ward_id, 0), c.category, null::public.complaint_status,
         null::smallint, sign, sign * (c.reopened_count > 0)::integer, 0, 0, 0::numeric, 0
  union all
  select 'day', r.day, coalesce(c.ward_id, 0), c.category, null, null, 0, 0, sign,
         sign * (c.resolved_at <= coalesce(c.deadline_at, 'infinity'))::integer, sign * r.hours, 0
    from resolution as r
  union all
  select 'bucket', r.day, coalesce(c.ward_id, 0), c.category, null,
         coalesce((select min(b.position) from unnest(private.resolution_bucket_bounds()) with ordinality
                                                as b(hours, position)
                    where r.hours <= b.hours), 12)::smallint,
         0, 0, sign, 0, 0, 0
    from resolution as r
  union all
  select 'status', null, coalesce(c.ward_id, 0), c.category, c.status, null, sign, 0, 0, 0, 0,
         sign * (select count(*) from deadline)::integer
  union all
  select 'deadline', d.day, coalesce(c.ward_id, 0), c.category, c.status, null, sign, 0, 0, 0, 0, 0
    from deadline as d;
$$;

comment on function private.summary_contribution(public.complaints, integer) is
  'What one complaint adds to (sign 1) or takes from (sign -1) the day, resolution, status and deadline '
  'summaries.';

-- One statement: the deltas are aggregated per key and written in key order, so concurrent changes lock
-- summary rows in the same order, and a change that leaves a key where it was adds nothing there.
-- plpgsql, so that each session plans the statement once (a SQL function is planned at every call).
create or replace function private.add_to_summaries(deltas private.summary_delta[])
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  with delta as materialized (
    select * from unnest(deltas)
  ),
  days as (
    insert into public.complaint_day_summary as s (day, ward_id, category, received, reopened, resolved,
                                                   resolved_on_time, resolution_hours)
    select d.day, d.ward_id, d.category, sum(d.received), sum(d.reopened), sum(d.resolved),
           sum(d.resolved_on_time), sum(d.resolution_hours)
      from delta as d
     where d.summary = 'day'
     group by d.day, d.ward_id, d.category
    having (sum(d.received), sum(d.reopened), sum(d.resolved), sum(d.resolved_on_time), sum(d.resolution_hours))
           <> (0, 0, 0, 0, 0)
     order by d.day, d.ward_id, d.category
    on conflict (day, ward_id, category) do update
      set received = s.received + excluded.received,
          reopened = s.reopened + excluded.reopened,
          resolved = s.resolved + excluded.resolved,
          resolved_on_time = s.resolved_on_time + excluded.resolved_on_time,
          resolution_hours = s.resolution_hours + excluded.resolution_hours
    returning 1
  ),
  buckets as (
    insert into public.complaint_resolution_summary as s (day, ward_id, category, bucket, resolved)
    select d.day, d.ward_id, d.category, d.bucket, sum(d.resolved)
      from delta as d
     where d.summary = 'bucket'
     group by d.day, d.ward_id, d.category, d.bucket
    having sum(d.resolved) <> 0
     order by d.day, d.ward_id, d.category, d.bucket
    on conflict (day, ward_id, category, bucket) do update
      set resolved = s.resolved + excluded.resolved
    returning 1
  ),
  statuses as (
    insert into public.complaint_status_summary as s (ward_id, category, status, complaints, with_deadline)
    select d.ward_id, d.category, d.status, sum(d.received), sum(d.with_deadline)
      from delta as d
     where d.summary = 'status'
     group by d.ward_id, d.category, d.status
    having (sum(d.received), sum(d.with_deadline)) <> (0, 0)
     order by d.ward_id, d.category, d.status
    on conflict (ward_id, category, status) do update
      set complaints = s.complaints + excluded.complaints,
          with_deadline = s.with_deadline + excluded.with_deadline
    returning 1
  )
  insert into public.complaint_deadline_summary as s (deadline_day, ward_id, category, status, complaints)
  select d.day, d.ward_id, d.category, d.status, sum(d.received)
    from delta as d
   where d.summary = 'deadline'
   group by d.day, d.ward_id, d.category, d.status
  having sum(d.received) <> 0
   order by d.day, d.ward_id, d.category, d.status
  on conflict (deadline_day, ward_id, category, status) do update
    set complaints = s.complaints + excluded.complaints;
end;
$$;

comment on function private.add_to_summaries(private.summary_delta[]) is
  'Adds the deltas to the day, resolution, status and deadline summaries (upserts, in key order). The one '
  'way the summaries are written: by the complaints trigger and by private.rebuild_complaint_summaries().';

create or replace function private.keep_complaint_summaries()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE'
     and (new.status, new.ward_id, new.category, new.created_at, new.resolved_at, new.deadline_at,
          new.reopened_count)
         is not distinct from (old.status, old.ward_id, old.category, old.created_at, old.resolved_at,
                               old.deadline_at, old.reopened_count) then
    return null;
  end if;

  perform private.add_to_summaries(array(
    select d from private.summary_contribution(old, -1) as d where tg_op <> 'INSERT'
    union all
    select d from private.summary_contribution(new, 1) as d where tg_op <> 'DELETE'));
  return null;
end;
$$;

comment on function private.keep_complaint_summaries() is
  'AFTER INSERT/UPDATE/DELETE on complaints: subtracts the old row''s contribution to the summaries and adds '
  'the new one''s. SECURITY DEFINER: nobody else writes the summaries.';

create trigger complaints_keep_summaries
  after insert or update or delete on public.complaints
  for each row execute function private.keep_complaint_summaries();

-- From scratch: for the complaints filed before this migration, and for operators after a bulk load made
-- with the trigger switched off (bench/staff_scale.ts).
create or replace function private.rebuild_complaint_summaries()
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  month timestamptz;
begin
  lock table public.complaints in share mode;
  delete from public.complaint_day_summary;
  delete from public.complaint_resolution_summary;
  delete from public.complaint_status_summary;
  delete from public.complaint_deadline_summary;
  -- A month of filings at a time: the same writes as the trigger's, with a bounded array each.
  for month in select distinct date_trunc('month', c.created_at) from public.complaints as c loop
    perform private.add_to_summaries(array(
      select d from public.complaints as c, private.summary_contribution(c, 1) as d
       where c.created_at >= month and c.created_at < month + interval '1 month'));
  end loop;
end;
$$;

comment on function private.rebuild_complaint_summaries() is
  'Recomputes every summary from the complaints table (locks it against changes meanwhile). For the first '
  'fill and after bulk loads with complaints_keep_summaries disabled; the trigger keeps them otherwise.';

revoke all on function private.rebuild_complaint_summaries() from public;

select private.rebuild_complaint_summaries();

-- ---------------------------------------------------------------------------------------------------
-- Who reads them: staff, within their wards (service providers' scope is their assignments, which
-- summaries by ward cannot express: their figures come from their few complaints directly). One rule for
-- the four tables.
-- ---------------------------------------------------------------------------------------------------

do $$
declare
  summary record;
begin
  for summary in
    select * from (values
      ('complaint_day_summary', 'Super and ward admins read the day summary in scope'),
      ('complaint_resolution_summary', 'Super and ward admins read the resolution summary in scope'),
      ('complaint_status_summary', 'Super and ward admins read the status summary in scope'),
      ('complaint_deadline_summary', 'Super and ward admins read the deadline summary in scope')
    ) as summaries (table_name, policy_name)
  loop
    execute format($policy$
      create policy %I
        on public.%I for select
        to authenticated
        using (
          (select private.is_super_admin())
          or ((select public.current_app_role()) = 'ward_admin'
              and ward_id = any ((select private.posted_wards())::integer[]))
        )
    $policy$, summary.policy_name, summary.table_name);
  end loop;
end
$$;

revoke all on table public.complaint_day_summary, public.complaint_resolution_summary,
  public.complaint_status_summary, public.complaint_deadline_summary from public, anon, authenticated;
grant select on table public.complaint_day_summary, public.complaint_resolution_summary,
  public.complaint_status_summary, public.complaint_deadline_summary to authenticated, service_role;

revoke all on function private.add_to_summaries(private.summary_delta[]) from public;
revoke all on function private.summary_contribution(public.complaints, integer), private.keep_complaint_summaries(),
  private.dhaka_day(timestamptz), private.resolution_bucket_bounds() from public;
