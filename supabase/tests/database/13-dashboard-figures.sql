-- public.dashboard_figures: each role gets the figures of its own scope, equal to a count from scratch
-- (a ward admin their wards, a super admin every ward, a service provider their assignments, a citizen
-- nothing); a period it will not cover is refused; anon may not call it. Rolled back.
begin;
set local search_path = public, extensions;
-- The dashboard's days are Bangladesh's: so is current_date here, whatever the hour in UTC.
set local timezone = 'Asia/Dhaka';

select plan(14);

select tests.create_person('5d0b0000-0000-4000-8000-00000000000a', '8801300001301');
select tests.create_person('5d0b0000-0000-4000-8000-0000000000d1', '8801300001302', 'ward_admin', '{77}');
select tests.create_person('5d0b0000-0000-4000-8000-0000000000ad', '8801300001303', 'super_admin');
select tests.create_person('5d0b0000-0000-4000-8000-0000000000b1', '8801300001304', 'service_provider', '{77}');

-- Twelve complaints in wards 77 and 78 over the last days; the provider gets four of ward 77's, two of
-- them resolved.
insert into public.complaints (id, citizen_id, title, description, category, location, ward_id, created_at)
select ('5d0bc000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '5d0b0000-0000-4000-8000-00000000000a',
       'সমস্যা ' || n, 'সমস্যার বিবরণ, নম্বর ' || n, (array['roads', 'cleanliness', 'water_supply'])[1 + n % 3],
       'জায়গা ' || n, case when n % 3 = 0 then 78 else 77 end, now() - make_interval(days => n % 5, hours => n)
  from generate_series(1, 12) as n;
update public.complaints set assigned_to = '5d0b0000-0000-4000-8000-0000000000b1'
 where id::text like '5d0bc000-%' and ward_id = 77 and right(id::text, 2)::integer <= 5;
update public.complaints set status = 'in_progress' where id::text like '5d0bc000-%';
update public.complaints set status = 'resolved'
 where id::text like '5d0bc000-%' and right(id::text, 2)::integer % 2 = 0;
-- Two open ones past their deadline (one a day late, one from this morning's early hours: overdue only
-- from tomorrow), one due later.
update public.complaints set deadline_at = case right(id::text, 2)::integer
    when 1 then now() - interval '1 day' when 3 then date_trunc('day', now()) + interval '1 hour'
    else now() + interval '3 days' end
 where id::text like '5d0bc000-%' and right(id::text, 2)::integer in (1, 3, 5);

-- From scratch: complaints filed this week and resolved this week in a scope, and open (and overdue) ones now.
create function pg_temp.from_scratch(scope text) returns jsonb language sql as $$
  with c as (
    select * from public.complaints
     where case scope when 'ward 77' then ward_id = 77
                      when 'assigned' then assigned_to = '5d0b0000-0000-4000-8000-0000000000b1'
                      else true end
  )
  select jsonb_build_object(
    'received', (select count(*) from c where (created_at at time zone 'Asia/Dhaka')::date
                                             between current_date - 6 and current_date),
    'resolved', (select count(*) from c where status in ('resolved', 'closed')
                   and (resolved_at at time zone 'Asia/Dhaka')::date between current_date - 6 and current_date),
    'open', (select count(*) from c where status in ('submitted', 'in_progress')),
    'overdue', (select count(*) from c where status in ('submitted', 'in_progress')
                  and (deadline_at at time zone 'Asia/Dhaka')::date < current_date),
    'all', (select count(*) from c)
  );
$$;

-- What the function says, in the same terms.
create function pg_temp.said(figures jsonb) returns jsonb language sql as $$
  select jsonb_build_object(
    'received', (select coalesce(sum((d ->> 'received')::integer), 0) from jsonb_array_elements(figures -> 'days') as d),
    'resolved', (select coalesce(sum((d ->> 'resolved')::integer), 0) from jsonb_array_elements(figures -> 'days') as d),
    'open', (select coalesce(sum((s ->> 'complaints')::integer), 0) from jsonb_array_elements(figures -> 'statuses') as s
              where s ->> 'status' in ('submitted', 'in_progress')),
    'overdue', (select coalesce(sum((s ->> 'overdue')::integer), 0) from jsonb_array_elements(figures -> 'statuses') as s),
    'all', (select coalesce(sum((s ->> 'complaints')::integer), 0) from jsonb_array_elements(figures -> 'statuses') as s)
  );
$$;

-- Each caller's figures for the last seven days, kept for checking as the test's own role.
create function pg_temp.keep(name text, caller uuid, ward integer default null, category text default null)
returns void language plpgsql as $$
begin
  perform tests.sign_in_as(caller);
  perform set_config('tests.' || name,
                     public.dashboard_figures(current_date - 6, current_date, ward, category)::text, true);
  perform tests.sign_out();
end;
$$;
select pg_temp.keep('ward_admin', '5d0b0000-0000-4000-8000-0000000000d1');
select pg_temp.keep('super_admin', '5d0b0000-0000-4000-8000-0000000000ad');
select pg_temp.keep('provider', '5d0b0000-0000-4000-8000-0000000000b1');
select pg_temp.keep('provider_roads', '5d0b0000-0000-4000-8000-0000000000b1', 77, 'roads');
select pg_temp.keep('citizen', '5d0b0000-0000-4000-8000-00000000000a');
select is(pg_temp.said(current_setting('tests.ward_admin')::jsonb), pg_temp.from_scratch('ward 77'),
          'a ward admin''s figures are their ward''s, counted from scratch');
select is((select array_agg(distinct (w ->> 'ward_id')::integer)
             from jsonb_array_elements(current_setting('tests.ward_admin')::jsonb -> 'wards') as w),
          '{77}'::integer[], 'and name no other ward');
select is(pg_temp.said(current_setting('tests.super_admin')::jsonb), pg_temp.from_scratch('everywhere'),
          'a super admin''s figures are every ward''s');
select is(pg_temp.said(current_setting('tests.provider')::jsonb), pg_temp.from_scratch('assigned'),
          'a service provider''s figures are their assignments'', from the complaints themselves');
select is(pg_temp.said(current_setting('tests.provider')::jsonb) ->> 'all', '4', 'four assigned to them');
select is(
  (select coalesce(sum((c ->> 'received')::integer), 0)
     from jsonb_array_elements(current_setting('tests.provider_roads')::jsonb -> 'categories') as c),
  (select count(*) from public.complaints
    where assigned_to = '5d0b0000-0000-4000-8000-0000000000b1' and category = 'roads'),
  'the category filter narrows a service provider''s figures too'
);
select is(
  (select sum((b ->> 'resolved')::integer)
     from jsonb_array_elements(current_setting('tests.provider')::jsonb -> 'category_buckets') as b),
  2::bigint, 'their two resolutions are in the histogram'
);
select is(current_setting('tests.citizen')::jsonb - 'today',
          '{"days": [], "wards": [], "statuses": [], "categories": [], "ward_buckets": [], "category_buckets": []}',
          'a citizen gets no figures');

-- Periods it will not cover.
select tests.sign_in_as('5d0b0000-0000-4000-8000-0000000000ad');
select throws_ok($$select public.dashboard_figures(current_date - 400, current_date)$$, '22023', null,
                 'more than a year is refused');
select throws_ok($$select public.dashboard_figures(current_date, current_date - 1)$$, '22023', null,
                 'an end before the start is refused');
select throws_ok($$select public.dashboard_figures(null, current_date)$$, '22023', null, 'no start is refused');
select lives_ok($$select public.dashboard_figures(current_date - 366, current_date)$$, '367 days are fine');
select tests.act_as_api_role('anon');
select throws_ok($$select public.dashboard_figures(current_date - 6, current_date)$$, '42501', null,
                 'anon may not call it');
select tests.sign_out();

select ok(
  (select not prosecdef from pg_proc where oid = 'public.dashboard_figures(date, date, integer, text)'::regprocedure),
  'it runs as the caller, so RLS decides'
);

select * from finish();
rollback;
