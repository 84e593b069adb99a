-- The `analytics` schema: documented views over the complaints data for the city's analysts, who query
-- them in Supabase Studio's SQL editor or any Postgres client as the login role `analyst`. No personal
-- data: no names, phone numbers, NIDs, addresses, free text or who filed; places no finer than 0.001°
-- (about 110 m). The role reads this schema and nothing else, writes nowhere, and its statements stop
-- after 30 seconds. The views run with their owner's rights (the analyst has none on the tables below).

create schema if not exists analytics;
comment on schema analytics is
  'Complaints data for SQL analysts, without personal data. Read with the analyst role; every view and '
  'column is described.';

create view analytics.complaints as
select c.tracking_number,
       c.category,
       c.priority,
       c.status,
       c.ward_id,
       w.city_corporation,
       round(c.latitude, 3) as latitude_approx,
       round(c.longitude, 3) as longitude_approx,
       c.created_at,
       c.resolved_at,
       c.deadline_at,
       c.resolved_at is not null and c.resolved_at <= c.deadline_at as resolved_on_time,
       round((extract(epoch from c.resolved_at - c.created_at) / 3600)::numeric, 1) as hours_to_resolve,
       c.reopened_count,
       c.assigned_to is not null as assigned,
       (select count(*) from public.complaint_followers as f where f.complaint_id = c.id) as followers
  from public.complaints as c
  left join public.wards as w on w.id = c.ward_id;

comment on view analytics.complaints is
  'One row per complaint, without personal data: what, where (ward, place rounded to about 110 m), when, '
  'how it went. Join to analytics.wards and analytics.categories for names.';
comment on column analytics.complaints.tracking_number is 'The public tracking number (CC-XXXXXXXX).';
comment on column analytics.complaints.category is 'Category code (analytics.categories).';
comment on column analytics.complaints.priority is 'low, medium or high.';
comment on column analytics.complaints.status is 'submitted, in_progress, resolved, closed or rejected.';
comment on column analytics.complaints.ward_id is 'Ward (analytics.wards); null when the citizen gave none.';
comment on column analytics.complaints.city_corporation is 'DNCC or DSCC; null without a ward.';
comment on column analytics.complaints.latitude_approx is 'Latitude rounded to 0.001° (about 110 m); null if not shared.';
comment on column analytics.complaints.longitude_approx is 'Longitude rounded to 0.001°; null if not shared.';
comment on column analytics.complaints.created_at is 'When it was filed.';
comment on column analytics.complaints.resolved_at is 'When it was last resolved; null if not resolved.';
comment on column analytics.complaints.deadline_at is 'When it should be resolved by (category and priority target).';
comment on column analytics.complaints.resolved_on_time is 'Whether it was resolved by its deadline (false if not resolved).';
comment on column analytics.complaints.hours_to_resolve is 'Hours from filing to resolution; null if not resolved.';
comment on column analytics.complaints.reopened_count is 'How often the citizen said it was not fixed.';
comment on column analytics.complaints.assigned is 'Whether a service provider is assigned.';
comment on column analytics.complaints.followers is 'How many other citizens said "me too".';

create view analytics.wards as
select id as ward_id, city_corporation, number, name_bn, name_en from public.wards;

comment on view analytics.wards is 'The wards of the two Dhaka city corporations.';
comment on column analytics.wards.ward_id is 'Ward id (as in analytics.complaints.ward_id).';
comment on column analytics.wards.city_corporation is 'DNCC (north) or DSCC (south).';
comment on column analytics.wards.number is 'The ward''s number within its city corporation.';
comment on column analytics.wards.name_bn is 'Name in Bengali.';
comment on column analytics.wards.name_en is 'Name in English.';

create view analytics.categories as
select code as category, name_bn, name_en, default_priority, sla_hours, active from public.categories;

comment on view analytics.categories is 'Complaint categories.';
comment on column analytics.categories.category is 'Category code (as in analytics.complaints.category).';
comment on column analytics.categories.name_bn is 'Name in Bengali.';
comment on column analytics.categories.name_en is 'Name in English.';
comment on column analytics.categories.default_priority is 'Priority a new complaint starts with.';
comment on column analytics.categories.sla_hours is 'Target hours to resolve at medium priority.';
comment on column analytics.categories.active is 'Whether new complaints can be filed in it.';

create view analytics.daily_complaints as
select day, nullif(ward_id, 0) as ward_id, category, received, reopened, resolved, resolved_on_time
  from public.complaint_day_summary
 where (received, reopened, resolved) <> (0, 0, 0);

comment on view analytics.daily_complaints is
  'Per day (Asia/Dhaka), ward and category: complaints filed, how many of those were reopened, and how many '
  'were resolved that day (and on time). From the summaries the database keeps, so it is instant at any size.';
comment on column analytics.daily_complaints.day is 'The day in Asia/Dhaka.';
comment on column analytics.daily_complaints.ward_id is 'Ward; null for complaints without one.';
comment on column analytics.daily_complaints.category is 'Category code.';
comment on column analytics.daily_complaints.received is 'Complaints filed that day.';
comment on column analytics.daily_complaints.reopened is 'Of those, reopened by the citizen at least once.';
comment on column analytics.daily_complaints.resolved is 'Complaints resolved that day (and still resolved or closed).';
comment on column analytics.daily_complaints.resolved_on_time is 'Of those, resolved by their deadline.';

create view analytics.resolution_times as
select category, ward_id, date_trunc('month', resolved_at at time zone 'Asia/Dhaka')::date as month,
       count(*) as resolved,
       percentile_cont(0.5) within group (order by hours_to_resolve) as median_hours,
       percentile_cont(0.9) within group (order by hours_to_resolve) as p90_hours
  from analytics.complaints
 where hours_to_resolve is not null and status in ('resolved', 'closed')
 group by 1, 2, 3;

comment on view analytics.resolution_times is
  'Per category, ward and month of resolution (Asia/Dhaka): how many were resolved and how long they took '
  '(median and 90th percentile hours from filing).';
comment on column analytics.resolution_times.category is 'Category code.';
comment on column analytics.resolution_times.ward_id is 'Ward; null for complaints without one.';
comment on column analytics.resolution_times.month is 'First day of the month of resolution.';
comment on column analytics.resolution_times.resolved is 'Complaints resolved in that month.';
comment on column analytics.resolution_times.median_hours is 'Median hours from filing to resolution.';
comment on column analytics.resolution_times.p90_hours is '90th percentile hours from filing to resolution.';

create view analytics.ward_performance as
select w.ward_id, w.city_corporation, w.number, w.name_en,
       count(c.*) filter (where c.status in ('submitted', 'in_progress')) as open,
       count(c.*) filter (where c.status in ('submitted', 'in_progress') and c.deadline_at < now()) as overdue,
       count(c.*) filter (where c.resolved_at > now() - interval '30 days') as resolved_last_30_days,
       round(avg(c.resolved_on_time::integer) filter (where c.resolved_at > now() - interval '90 days'), 3)
         as on_time_share_90_days,
       percentile_cont(0.5) within group (order by c.hours_to_resolve)
         filter (where c.resolved_at > now() - interval '90 days') as median_hours_90_days
  from analytics.wards as w
  left join analytics.complaints as c on c.ward_id = w.ward_id
 group by 1, 2, 3, 4;

comment on view analytics.ward_performance is
  'Each ward now: open and overdue complaints, resolved in the last 30 days, and over the last 90 days the '
  'share resolved on time and the median hours to resolve.';
comment on column analytics.ward_performance.ward_id is 'Ward id.';
comment on column analytics.ward_performance.city_corporation is 'DNCC or DSCC.';
comment on column analytics.ward_performance.number is 'Ward number within its city corporation.';
comment on column analytics.ward_performance.name_en is 'Ward name in English.';
comment on column analytics.ward_performance.open is 'Complaints submitted or in progress.';
comment on column analytics.ward_performance.overdue is 'Of those, past their deadline.';
comment on column analytics.ward_performance.resolved_last_30_days is 'Resolved in the last 30 days.';
comment on column analytics.ward_performance.on_time_share_90_days is
  'Share (0-1) of those resolved in the last 90 days that met their deadline.';
comment on column analytics.ward_performance.median_hours_90_days is
  'Median hours to resolve, over those resolved in the last 90 days.';

-- ---------------------------------------------------------------------------------------------------
-- The analyst role
-- ---------------------------------------------------------------------------------------------------

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'analyst') then
    -- No password here: an operator sets one (README), so the role cannot sign in until someone decides.
    create role analyst login noinherit;
  end if;
end
$$;

comment on role analyst is
  'SQL analysts: read the analytics schema, nothing else; no writes anywhere; statements stop after 30 s.';

alter role analyst set statement_timeout = '30s';
alter role analyst set default_transaction_read_only = on;
alter role analyst set search_path = analytics;

-- Operators (postgres) may act as the analyst to check what it sees.
grant analyst to postgres;

revoke all on schema public, private from analyst;
grant usage on schema analytics to analyst;
grant select on all tables in schema analytics to analyst;
revoke all on schema analytics from anon, authenticated;
