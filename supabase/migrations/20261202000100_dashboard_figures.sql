-- The staff dashboard's figures in one call, added up in the database: PostgREST answers at most 1,000 rows
-- (config.toml max_rows), and a year of the day summary for a city is far more rows than that, so the app
-- asks for totals (per day, ward, category and status) rather than summary rows.
--
-- SECURITY INVOKER: RLS on the summaries decides whose figures these are (super admins every ward, ward
-- admins their wards). A service provider's scope is the complaints assigned to them, which summaries by
-- ward cannot express: for them the figures come from their own complaints (RLS on complaints keeps them
-- to their assignments), each complaint counted by private.summary_contribution exactly as the triggers
-- count it. Nobody else's call reads public.complaints: that part runs only for service providers.

create or replace function private.refuse_dashboard_period()
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
begin
  raise exception 'the dashboard covers from one day up to 367 days'
    using errcode = '22023', hint = 'Give from_day on or before to_day, at most 366 days apart.';
end;
$$;

comment on function private.refuse_dashboard_period() is
  'Raises invalid_parameter_value: public.dashboard_figures was asked for no period or a period over a year.';

create or replace function public.dashboard_figures(from_day date, to_day date, ward integer default null,
                                                    category text default null)
returns jsonb
language sql
stable
set search_path = ''
-- The estimate for the providers' part (never run for anyone else) is above jit_above_cost, and compiling
-- the plan took longer than answering (hundreds of ms a call at a million complaints).
set jit = off
as $$
  with assigned as materialized (
    select d.*
      from public.complaints as c
     cross join lateral private.summary_contribution(c, 1) as d
     where (select public.current_app_role()) = 'service_provider'
       -- What RLS allows them, said here too so that the assignee index finds it.
       and c.assigned_to = (select auth.uid())
       and (dashboard_figures.ward is null or coalesce(c.ward_id, 0) = dashboard_figures.ward)
       and (dashboard_figures.category is null or c.category = dashboard_figures.category)
  ),
  day_rows as materialized (
    select s.day, s.ward_id, s.category, s.received, s.reopened, s.resolved, s.resolved_on_time,
           s.resolution_hours
      from public.complaint_day_summary as s
     where s.day between dashboard_figures.from_day and dashboard_figures.to_day
       and (dashboard_figures.ward is null or s.ward_id = dashboard_figures.ward)
       and (dashboard_figures.category is null or s.category = dashboard_figures.category)
    union all
    select a.day, a.ward_id, a.category, a.received, a.reopened, a.resolved, a.resolved_on_time,
           a.resolution_hours
      from assigned as a
     where a.summary = 'day' and a.day between dashboard_figures.from_day and dashboard_figures.to_day
  ),
  bucket_rows as materialized (
    select s.ward_id, s.category, s.bucket, s.resolved
      from public.complaint_resolution_summary as s
     where s.day between dashboard_figures.from_day and dashboard_figures.to_day
       and (dashboard_figures.ward is null or s.ward_id = dashboard_figures.ward)
       and (dashboard_figures.category is null or s.category = dashboard_figures.category)
    union all
    select a.ward_id, a.category, a.bucket, a.resolved
      from assigned as a
     where a.summary = 'bucket' and a.day between dashboard_figures.from_day and dashboard_figures.to_day
  ),
  today as (
    select (now() at time zone 'Asia/Dhaka')::date as day
  ),
  -- Overdue: the open complaints with a deadline less those due today or later, which are a few days' rows
  -- (reading every past deadline day of a city's open complaints took most of a super admin's call).
  statuses as (
    select r.ward_id, r.status, sum(r.complaints) as complaints, sum(r.with_deadline) - sum(r.due_later) as overdue
      from (select s.ward_id, s.status, s.complaints, s.with_deadline, 0 as due_later
              from public.complaint_status_summary as s
             where (dashboard_figures.ward is null or s.ward_id = dashboard_figures.ward)
               and (dashboard_figures.category is null or s.category = dashboard_figures.category)
            union all
            select s.ward_id, s.status, 0, 0, s.complaints
              from public.complaint_deadline_summary as s
             where s.deadline_day >= (select day from today)
               and (dashboard_figures.ward is null or s.ward_id = dashboard_figures.ward)
               and (dashboard_figures.category is null or s.category = dashboard_figures.category)
            union all
            select a.ward_id, a.status, a.received, a.with_deadline, 0
              from assigned as a
             where a.summary = 'status'
            union all
            select a.ward_id, a.status, 0, 0, a.received
              from assigned as a
             where a.summary = 'deadline' and a.day >= (select day from today)) as r
     group by r.ward_id, r.status
    having sum(r.complaints) <> 0
  )
  select case
    when dashboard_figures.from_day is null or dashboard_figures.to_day is null
      or dashboard_figures.from_day > dashboard_figures.to_day
      or dashboard_figures.to_day - dashboard_figures.from_day > 366
    then private.refuse_dashboard_period()
    else jsonb_build_object(
      'today', (select day from today),
      'days', (
        select coalesce(jsonb_agg(jsonb_build_object('day', d.day, 'received', d.received, 'resolved', d.resolved)
                                  order by d.day), '[]')
          from (select day, sum(received) as received, sum(resolved) as resolved
                  from day_rows group by day having sum(received) <> 0 or sum(resolved) <> 0) as d
      ),
      'wards', (
        select coalesce(jsonb_agg(to_jsonb(w) order by w.ward_id), '[]')
          from (select ward_id, sum(received) as received, sum(reopened) as reopened, sum(resolved) as resolved,
                       sum(resolved_on_time) as resolved_on_time, round(sum(resolution_hours), 2) as resolution_hours
                  from day_rows group by ward_id having sum(received) <> 0 or sum(resolved) <> 0) as w
      ),
      'categories', (
        select coalesce(jsonb_agg(to_jsonb(c) order by c.category), '[]')
          from (select category, sum(received) as received, sum(reopened) as reopened, sum(resolved) as resolved,
                       sum(resolved_on_time) as resolved_on_time, round(sum(resolution_hours), 2) as resolution_hours
                  from day_rows group by category having sum(received) <> 0 or sum(resolved) <> 0) as c
      ),
      'ward_buckets', (
        select coalesce(jsonb_agg(to_jsonb(b) order by b.ward_id, b.bucket), '[]')
          from (select ward_id, bucket, sum(resolved) as resolved
                  from bucket_rows group by ward_id, bucket having sum(resolved) <> 0) as b
      ),
      'category_buckets', (
        select coalesce(jsonb_agg(to_jsonb(b) order by b.category, b.bucket), '[]')
          from (select category, bucket, sum(resolved) as resolved
                  from bucket_rows group by category, bucket having sum(resolved) <> 0) as b
      ),
      'statuses', (
        select coalesce(jsonb_agg(to_jsonb(s) order by s.ward_id, s.status), '[]') from statuses as s
      )
    )
  end;
$$;

comment on function public.dashboard_figures(date, date, integer, text) is
  'The staff dashboard''s figures for the caller''s scope, as JSON: complaints received and resolved per '
  'day (Asia/Dhaka) from from_day to to_day (at most 367 days); per ward and per category received, '
  'reopened, resolved, resolved on time and hours to resolve; resolution-time histograms per ward and per '
  'category (buckets of private.resolution_bucket_bounds()); complaints per ward and current status, and how '
  'many open ones passed their deadline day before today. ward (0: no ward) and category narrow it. From the '
  'summaries under RLS; for service providers from their assigned complaints.';

-- A complaint's contribution is a function of the row alone (and of the pure helpers it calls): service
-- providers work theirs out over the complaints RLS lets them read.
grant execute on function private.summary_contribution(public.complaints, integer), private.dhaka_day(timestamptz),
  private.resolution_bucket_bounds() to authenticated, service_role;

revoke all on function public.dashboard_figures(date, date, integer, text) from public, anon;
grant execute on function public.dashboard_figures(date, date, integer, text) to authenticated, service_role;
revoke all on function private.refuse_dashboard_period() from public;
grant execute on function private.refuse_dashboard_period() to authenticated, service_role;
