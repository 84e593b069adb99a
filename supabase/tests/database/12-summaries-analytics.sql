-- The dashboard's summaries always equal a count from scratch (after filing, status changes, a reopen,
-- a ward move and deletes); staff read them within their scope; the analyst role reads the analytics
-- schema and nothing else, and writes nowhere. Rolled back.
begin;
set local search_path = public, extensions;

select plan(39);

-- From scratch, straight from the complaints table: what the summaries must always say.
create temporary view day_from_scratch as
with filed as (
  select (created_at at time zone 'Asia/Dhaka')::date as day, coalesce(ward_id, 0) as ward_id, category,
         count(*) as received, count(*) filter (where reopened_count > 0) as reopened
    from public.complaints group by 1, 2, 3
), resolved as (
  select (resolved_at at time zone 'Asia/Dhaka')::date as day, coalesce(ward_id, 0) as ward_id, category,
         count(*) as resolved, count(*) filter (where resolved_at <= deadline_at) as resolved_on_time,
         round(sum(extract(epoch from resolved_at - created_at) / 3600), 6) as hours
    from public.complaints where status in ('resolved', 'closed') and resolved_at is not null group by 1, 2, 3
)
select day, ward_id, category, coalesce(f.received, 0)::integer as received,
       coalesce(f.reopened, 0)::integer as reopened, coalesce(r.resolved, 0)::integer as resolved,
       coalesce(r.resolved_on_time, 0)::integer as resolved_on_time, coalesce(r.hours, 0) as hours
  from filed as f full join resolved as r using (day, ward_id, category);

create temporary view status_from_scratch as
select coalesce(ward_id, 0) as ward_id, category, status::text, count(*)::integer as complaints,
       count(*) filter (where status in ('submitted', 'in_progress') and deadline_at is not null)::integer
         as with_deadline
  from public.complaints group by 1, 2, 3;

create temporary view deadline_from_scratch as
select (deadline_at at time zone 'Asia/Dhaka')::date as deadline_day, coalesce(ward_id, 0) as ward_id, category,
       status::text, count(*)::integer as complaints
  from public.complaints
 where status in ('submitted', 'in_progress') and deadline_at is not null
 group by 1, 2, 3, 4;

create temporary view day_kept as
select day, ward_id, category, received, reopened, resolved, resolved_on_time, round(resolution_hours, 6) as hours
  from public.complaint_day_summary where (received, reopened, resolved) <> (0, 0, 0);

create temporary view status_kept as
select ward_id, category, status::text, complaints, with_deadline
  from public.complaint_status_summary where (complaints, with_deadline) <> (0, 0);

create temporary view deadline_kept as
select deadline_day, ward_id, category, status::text, complaints
  from public.complaint_deadline_summary where complaints <> 0;

create function pg_temp.summaries_match(what text) returns setof text language plpgsql as $$
begin
  return next is_empty('(select * from day_kept except select * from day_from_scratch) union all '
                       '(select * from day_from_scratch except select * from day_kept)',
                       'day summary = from scratch ' || what);
  return next is_empty('(select * from status_kept except select * from status_from_scratch) union all '
                       '(select * from status_from_scratch except select * from status_kept)',
                       'status summary = from scratch ' || what);
  return next is_empty('(select * from deadline_kept except select * from deadline_from_scratch) union all '
                       '(select * from deadline_from_scratch except select * from deadline_kept)',
                       'deadline summary = from scratch ' || what);
end;
$$;

select * from pg_temp.summaries_match('(the seeded database)');

select tests.create_person('5d0a0000-0000-4000-8000-00000000000a', '8801300001201');
select tests.create_person('5d0a0000-0000-4000-8000-0000000000d1', '8801300001202', 'ward_admin', '{77}');
select tests.create_person('5d0a0000-0000-4000-8000-0000000000ad', '8801300001203', 'super_admin');
select tests.create_person('5d0a0000-0000-4000-8000-0000000000b1', '8801300001204', 'service_provider', '{77}');

insert into public.complaints (id, citizen_id, title, description, category, location, ward_id, created_at)
select ('5d0ac000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '5d0a0000-0000-4000-8000-00000000000a',
       'সমস্যা ' || n, 'সমস্যার বিবরণ, নম্বর ' || n, (array['roads', 'cleanliness', 'water_supply'])[1 + n % 3],
       'জায়গা ' || n, case when n % 4 = 0 then 78 else 77 end, now() - make_interval(days => n % 5, hours => n)
  from generate_series(1, 12) as n;
select * from pg_temp.summaries_match('after filing');

update public.complaints set status = 'in_progress' where id::text like '5d0ac000-%';
update public.complaints set status = 'resolved'
 where id::text like '5d0ac000-%' and right(id::text, 2)::integer % 2 = 0;
select * from pg_temp.summaries_match('after status changes');

-- A reopen, a close, a rejection, a ward move and a priority change (moves the deadline).
update public.complaints set status = 'in_progress', reopened_count = reopened_count + 1
 where id = '5d0ac000-0000-4000-8000-000000000002';
update public.complaints set status = 'closed' where id = '5d0ac000-0000-4000-8000-000000000004';
update public.complaints set status = 'rejected', rejection_reason = 'আওতার বাইরে'
 where id = '5d0ac000-0000-4000-8000-000000000003';
update public.complaints set ward_id = 79 where id = '5d0ac000-0000-4000-8000-000000000005';
update public.complaints set priority = 'high' where id = '5d0ac000-0000-4000-8000-000000000007';
select * from pg_temp.summaries_match('after a reopen, a close, a rejection, a ward move and a priority change');

delete from public.complaints where id in ('5d0ac000-0000-4000-8000-000000000006',
                                           '5d0ac000-0000-4000-8000-000000000001');
select * from pg_temp.summaries_match('after deletes');

-- Rebuilt from scratch (as after a bulk load with the trigger off), they say the same.
select private.rebuild_complaint_summaries();
select * from pg_temp.summaries_match('after a rebuild');

select results_eq(
  $$select bucket::integer, resolved from public.complaint_resolution_summary
     where day = (select (resolved_at at time zone 'Asia/Dhaka')::date from public.complaints
                   where id = '5d0ac000-0000-4000-8000-000000000004')
       and ward_id = 78 and category = 'cleanliness' and resolved <> 0$$,
  $$values (8, 1)$$,
  'a complaint resolved 4 days 4 hours after filing lands in the 72-120 hour bucket'
);
select is_empty(
  $$(select day, ward_id, category, sum(resolved) from public.complaint_resolution_summary group by 1, 2, 3
      having sum(resolved) <> 0
     except select day, ward_id, category, resolved from day_kept where resolved <> 0)
    union all
    (select day, ward_id, category, resolved from day_kept where resolved <> 0
     except select day, ward_id, category, sum(resolved) from public.complaint_resolution_summary
      group by 1, 2, 3 having sum(resolved) <> 0)$$,
  'the histogram holds every resolution once'
);

-- ---------------------------------------------------------------------------------------------------
-- Who reads the summaries
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('5d0a0000-0000-4000-8000-0000000000d1');
select is(
  (select array_agg(distinct ward_id) from public.complaint_day_summary), '{77}'::integer[],
  'a ward admin reads only their wards'' day summary'
);
select is(
  (select array_agg(distinct ward_id) from public.complaint_status_summary), '{77}'::integer[],
  'and status summary'
);
select is(
  (select array_agg(distinct ward_id) from public.complaint_deadline_summary), '{77}'::integer[],
  'and deadline summary'
);
select tests.sign_in_as('5d0a0000-0000-4000-8000-0000000000ad');
select ok((select count(distinct ward_id) from public.complaint_day_summary) >= 3, 'a super admin reads every ward');
select ok((select count(distinct ward_id) from public.complaint_deadline_summary) >= 2,
          'and every ward''s deadlines');
select tests.sign_in_as('5d0a0000-0000-4000-8000-0000000000b1');
select is_empty($$select * from public.complaint_day_summary$$, 'a service provider reads no ward summary');
select is_empty($$select * from public.complaint_deadline_summary$$, 'nor deadline summary');
select tests.sign_in_as('5d0a0000-0000-4000-8000-00000000000a');
select is_empty($$select * from public.complaint_status_summary$$, 'a citizen reads none');
select is_empty($$select * from public.complaint_deadline_summary$$, 'nor deadline summary');
select tests.act_as_api_role('anon');
select throws_ok($$select * from public.complaint_day_summary$$, '42501', null, 'anon reads none');
select throws_ok($$select * from public.complaint_deadline_summary$$, '42501', null, 'nor deadline summary');
select tests.sign_out();

-- ---------------------------------------------------------------------------------------------------
-- The analyst
-- ---------------------------------------------------------------------------------------------------
select is(
  (select count(*)::integer from information_schema.role_table_grants
    where grantee = 'analyst' and privilege_type <> 'SELECT'),
  0, 'the analyst holds no privilege but SELECT on any table'
);
select is_empty(
  $$select format('%I.%I', schemaname, tablename) from pg_tables
     where schemaname in ('public', 'private', 'auth', 'storage', 'realtime', 'analytics', 'cron')
       and (has_table_privilege('analyst', format('%I.%I', schemaname, tablename), 'select')
            or has_table_privilege('analyst', format('%I.%I', schemaname, tablename), 'insert,update,delete,truncate'))
       and (schemaname, tablename) not in (('cron', 'job'), ('cron', 'job_run_details'))$$,
  'the analyst reads no table of public, private, auth, storage or realtime, and writes none'
);
select ok(
  (select bool_and(has_table_privilege('analyst', format('analytics.%I', table_name), 'select'))
     from information_schema.views where table_schema = 'analytics'),
  'the analyst reads every view of analytics'
);
select ok(
  not has_schema_privilege('analyst', 'analytics', 'create')
  and not has_schema_privilege('analyst', 'public', 'create'),
  'the analyst creates nothing in analytics or public'
);
select ok(
  (select setconfig @> array['statement_timeout=30s'] from pg_db_role_setting
    where setrole = 'analyst'::regrole and setdatabase = 0),
  'the analyst''s statements stop after 30 seconds'
);
select is_empty(
  $$select c.table_name || '.' || c.column_name from information_schema.columns as c
     where c.table_schema = 'analytics'
       and c.column_name ~ '(phone|nid|name$|full_name|address|description|title|citizen|latitude$|longitude$|email)'
       and c.column_name not in ('name_bn', 'name_en')$$,
  'no analytics column holds names of people, phones, NIDs, addresses, free text or exact places'
);
select is_empty(
  $$select c.relname || coalesce('.' || a.attname, '') from pg_class as c
      left join pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where c.relnamespace = 'analytics'::regnamespace
       and coalesce(col_description(c.oid, a.attnum), obj_description(c.oid, 'pg_class')) is null$$,
  'every analytics view and column is described'
);
set local role analyst;
select set_config('tests.analyst_rows', (select count(*)::text from analytics.complaints), true);
reset role;
select ok(current_setting('tests.analyst_rows')::integer > 0, 'the analyst reads the complaints without personal data');

select * from finish();
rollback;
