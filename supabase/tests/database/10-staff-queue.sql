-- The staff complaint queue: public.staff_queue, public.staff_queue_counts and public.staff_queue_assignees
-- for every kind of caller (each sees exactly their scope), the filters, search (a part of a Bengali word),
-- the sort orders, keyset pagination without duplicates or gaps, the counts, and bad input. Rolled back.
begin;
set local search_path = public, extensions;

select plan(65);

-- ---------------------------------------------------------------------------------------------------
-- People: c1 a citizen; p1 a service provider in ward 12 (who also filed a complaint as a resident), p2 one
-- in ward 41; wa a ward admin of wards 12 and 40, wb one of ward 41; sa a super admin.
-- ---------------------------------------------------------------------------------------------------
select tests.create_person('5a0e0000-0000-4000-8000-0000000000c1', '8801300010001');
select tests.create_person('5a0e0000-0000-4000-8000-0000000000b1', '8801300010002', 'service_provider', '{12}');
select tests.create_person('5a0e0000-0000-4000-8000-0000000000b2', '8801300010003', 'service_provider', '{41}');
select tests.create_person('5a0e0000-0000-4000-8000-0000000000a1', '8801300010004', 'ward_admin', '{12, 40}');
select tests.create_person('5a0e0000-0000-4000-8000-0000000000a2', '8801300010005', 'ward_admin', '{41}');
select tests.create_person('5a0e0000-0000-4000-8000-0000000000d1', '8801300010006', 'super_admin');
update public.profiles set full_name = 'সেবাদাতা কিউ এক' where id = '5a0e0000-0000-4000-8000-0000000000b1';

-- ---------------------------------------------------------------------------------------------------
-- Complaints, each title marked "কিউপরীক্ষা" so a search finds these and nothing of the demo data:
--   q1 ward 12, high, assigned to p1, 1 hour old           q5 ward 12, 10 days old: overdue
--   q2 ward 12, low, 3 hours old                          q6 ward 12, reopened once, a day old
--   q3 ward 40, in progress, 2 hours old                  q7 ward 12, low, as old as q2, no deadline,
--   q4 ward 41, filed by p1 as a resident, 5 hours old       "%" and "_" in its words
-- ---------------------------------------------------------------------------------------------------
insert into public.complaints (id, citizen_id, title, description, category, priority, ward_id, location,
                               assigned_to, created_at)
values
  ('5a0e0000-0000-4000-8000-00000000c001', '5a0e0000-0000-4000-8000-0000000000c1', 'কিউপরীক্ষা ড্রেন উপচে পড়ছে',
   'গলির ড্রেন উপচে রাস্তায় পানি।', 'cleanliness', 'high', 12, 'গলি ১', '5a0e0000-0000-4000-8000-0000000000b1',
   now() - interval '1 hour'),
  ('5a0e0000-0000-4000-8000-00000000c002', '5a0e0000-0000-4000-8000-0000000000c1', 'কিউপরীক্ষা রাস্তায় গর্ত',
   'রাস্তার মাঝখানে বড় গর্ত।', 'roads', 'low', 12, 'গলি ২', null, now() - interval '3 hours'),
  ('5a0e0000-0000-4000-8000-00000000c003', '5a0e0000-0000-4000-8000-0000000000c1', 'কিউপরীক্ষা ময়লা তোলা হয়নি',
   'তিন দিন ময়লা তোলা হয়নি।', 'waste_management', 'medium', 40, 'গলি ৩', null, now() - interval '2 hours'),
  ('5a0e0000-0000-4000-8000-00000000c004', '5a0e0000-0000-4000-8000-0000000000b1', 'কিউপরীক্ষা সড়কবাতি নষ্ট',
   'মোড়ের সড়কবাতি জ্বলছে না।', 'electricity', 'medium', 41, 'গলি ৪', null, now() - interval '5 hours'),
  ('5a0e0000-0000-4000-8000-00000000c005', '5a0e0000-0000-4000-8000-0000000000c1', 'কিউপরীক্ষা পুরোনো ময়লা',
   'অনেক দিনের জমা ময়লা।', 'cleanliness', 'medium', 12, 'গলি ৫', null, now() - interval '10 days'),
  ('5a0e0000-0000-4000-8000-00000000c006', '5a0e0000-0000-4000-8000-0000000000c1', 'কিউপরীক্ষা আবার খোলা',
   'মেরামতের পরেও ভাঙা রাস্তা।', 'roads', 'medium', 12, 'গলি ৬', null, now() - interval '1 day'),
  ('5a0e0000-0000-4000-8000-00000000c007', '5a0e0000-0000-4000-8000-0000000000c1', 'কিউপরীক্ষা ৫০% ছাড়ের ব্যানার',
   'ফুটপাতে ব্যানার, লেখা: মোড়_৭।', 'other', 'low', 12, 'গলি ৭', null, now() - interval '3 hours');
update public.complaints set status = 'in_progress' where id = '5a0e0000-0000-4000-8000-00000000c003';
update public.complaints set status = 'in_progress' where id = '5a0e0000-0000-4000-8000-00000000c006';
update public.complaints set status = 'resolved' where id = '5a0e0000-0000-4000-8000-00000000c006';
update public.complaints set status = 'in_progress', reopened_count = 1
 where id = '5a0e0000-0000-4000-8000-00000000c006';
update public.complaints set deadline_at = null where id = '5a0e0000-0000-4000-8000-00000000c007';

-- The ids of the marked complaints a call returns, in its order, as q1…q7.
create function tests.queue_names(query text)
returns text[]
language plpgsql
set search_path = ''
as $$
declare
  names text[];
begin
  -- Without an ORDER BY of its own, array_agg takes the rows in the order the subquery returns them.
  execute format('select coalesce(array_agg(''q'' || right(q.id::text, 1)), ''{}'') from (%s) as q', query)
    into names;
  return names;
end;
$$;

-- Walks the whole queue page by page, each page after the last row of the one before.
create function tests.queue_walk(sort text, page_size integer)
returns setof uuid
language plpgsql
set search_path = ''
as $$
declare
  item record;
  rows_on_page integer;
  last_id uuid;
  last_at timestamptz;
  last_priority text;
begin
  loop
    rows_on_page := 0;
    for item in select * from public.staff_queue(sort => queue_walk.sort, page_size => queue_walk.page_size,
                                                 after_id => last_id, after_at => last_at,
                                                 after_priority => last_priority) loop
      rows_on_page := rows_on_page + 1;
      return next item.id;
      last_id := item.id;
      last_at := case when queue_walk.sort = 'deadline' then item.deadline_at else item.created_at end;
      last_priority := item.priority;
    end loop;
    exit when rows_on_page < queue_walk.page_size;
  end loop;
end;
$$;

-- What a search for `needle` should find, by plain string search: the newest 100 complaints containing it.
create function tests.containing(needle text)
returns setof uuid
language sql
set search_path = ''
as $$
  select id from public.complaints
   where strpos(tracking_number || ' ' || title || ' ' || description || ' ' || coalesce(location, ''), needle) > 0
   order by created_at desc, id desc limit 100;
$$;

grant execute on function tests.queue_names(text), tests.queue_walk(text, integer), tests.containing(text)
  to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- The functions themselves
-- ---------------------------------------------------------------------------------------------------
select ok(
  not (select prosecdef from pg_proc where oid = 'public.staff_queue'::regproc)
  and not (select prosecdef from pg_proc where oid = 'public.staff_queue_counts'::regproc),
  'the queue and its counts run as the caller (SECURITY INVOKER): RLS decides'
);
select ok(
  not has_function_privilege('anon', 'public.staff_queue_counts(text, integer, text, uuid, boolean, date, date, boolean, text)', 'execute')
  and not has_function_privilege('anon', 'public.staff_queue_assignees()', 'execute'),
  'visitors may not call the counts or the assignee list'
);

-- ---------------------------------------------------------------------------------------------------
-- Who sees what
-- ---------------------------------------------------------------------------------------------------
select tests.act_as_api_role('anon');
select throws_ok($$select * from public.staff_queue()$$, '42501', null, 'a visitor may not call the queue');

select tests.sign_in_as('5a0e0000-0000-4000-8000-0000000000c1');
select ok(
  exists (select 1 from public.complaints where id = '5a0e0000-0000-4000-8000-00000000c001'),
  'the citizen reads their own complaint…'
);
select is_empty($$select * from public.staff_queue()$$, '…but a citizen''s queue is empty');
select is(
  (select sum(complaints)::int from public.staff_queue_counts()), 0, 'and every count is zero for a citizen'
);
select is_empty($$select * from public.staff_queue_assignees()$$, 'a citizen can filter by no one');

select tests.sign_in_as('5a0e0000-0000-4000-8000-0000000000b1');
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা')$$), '{q1}',
  'a service provider sees what is assigned to them, not the complaint they filed as a resident'
);
select results_eq(
  $$select id from public.staff_queue(page_size => 100)$$,
  $$select id from public.complaints where assigned_to = '5a0e0000-0000-4000-8000-0000000000b1'
     order by created_at desc, id desc$$,
  'a service provider''s whole queue is their assignments'
);
select results_eq(
  $$select id, name from public.staff_queue_assignees()$$,
  $$values ('5a0e0000-0000-4000-8000-0000000000b1'::uuid, 'সেবাদাতা কিউ এক')$$,
  'a service provider can filter by themselves only'
);

select tests.sign_in_as('5a0e0000-0000-4000-8000-0000000000a1');
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা')$$),
  '{q1,q3,q7,q2,q6,q5}',
  'a ward admin of wards 12 and 40 sees both wards'' complaints, newest first, and no other ward''s'
);
select results_eq(
  $$select status, complaints from public.staff_queue_counts()$$,
  $$select s.status, count(c.id)
      from unnest('{submitted,in_progress,resolved,closed,rejected}'::text[]) with ordinality as s (status, n)
      left join public.complaints as c on c.status = s.status and c.ward_id in (12, 40)
     group by s.status, s.n order by s.n$$,
  'a ward admin''s counts are their wards'' complaints in each status'
);
select is_empty($$select * from public.staff_queue(ward => 41)$$, 'a ward admin filtering by another ward gets nothing');
select ok(
  (select array_agg(id) from public.staff_queue_assignees()) @> '{5a0e0000-0000-4000-8000-0000000000b1}'
  and not (select array_agg(id) from public.staff_queue_assignees()) @> '{5a0e0000-0000-4000-8000-0000000000b2}',
  'a ward admin can filter by the providers of their wards, not of others'
);

select tests.sign_in_as('5a0e0000-0000-4000-8000-0000000000a2');
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা')$$), '{q4}',
  'a ward admin of another ward sees that ward only'
);
select is(
  (select sum(complaints)::int from public.staff_queue_counts(search => 'কিউপরীক্ষা')), 1,
  'and counts that ward only'
);

select tests.sign_in_as('5a0e0000-0000-4000-8000-0000000000d1');
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা')$$),
  '{q1,q3,q7,q2,q4,q6,q5}',
  'a super admin sees every complaint'
);
select is(
  (select sum(complaints)::int from public.staff_queue_counts()), (select count(*)::int from public.complaints),
  'a super admin''s counts add up to every complaint'
);
select ok(
  (select array_agg(id) from public.staff_queue_assignees())
    @> '{5a0e0000-0000-4000-8000-0000000000b1,5a0e0000-0000-4000-8000-0000000000b2}',
  'a super admin can filter by every provider'
);

-- ---------------------------------------------------------------------------------------------------
-- What a row says (as the super admin)
-- ---------------------------------------------------------------------------------------------------
select results_eq(
  $$select status, priority, ward_id, ward_city_corporation, ward_number, ward_name_bn, assignee_name, is_overdue,
           reopened_count
      from public.staff_queue(search => 'কিউপরীক্ষা', sort => 'oldest')$$,
  $$values ('submitted', 'medium', 12, 'DNCC', 12::smallint, 'ওয়ার্ড ১২', null::text, true, 0::smallint),
           ('in_progress', 'medium', 12, 'DNCC', 12::smallint, 'ওয়ার্ড ১২', null, false, 1::smallint),
           ('submitted', 'medium', 41, 'DNCC', 41::smallint, 'ওয়ার্ড ৪১', null, false, 0::smallint),
           ('submitted', 'low', 12, 'DNCC', 12::smallint, 'ওয়ার্ড ১২', null, false, 0::smallint),
           ('submitted', 'low', 12, 'DNCC', 12::smallint, 'ওয়ার্ড ১২', null, false, 0::smallint),
           ('in_progress', 'medium', 40, 'DNCC', 40::smallint, 'ওয়ার্ড ৪০', null, false, 0::smallint),
           ('submitted', 'high', 12, 'DNCC', 12::smallint, 'ওয়ার্ড ১২', 'সেবাদাতা কিউ এক', false, 0::smallint)$$,
  'each row has its status, priority, ward, assignee''s name, whether it is overdue and how often it was reopened'
);
select is(
  (select deadline_at from public.staff_queue(search => 'কিউপরীক্ষা', priority_level => 'high')),
  now() + interval '23 hours',
  'the deadline is the filing time plus the target (cleanliness, high: 24 hours)'
);

-- ---------------------------------------------------------------------------------------------------
-- Filters
-- ---------------------------------------------------------------------------------------------------
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা', statuses => '{in_progress}')$$),
  '{q3,q6}', 'by status'
);
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা', statuses => '{submitted,in_progress}',
                                                        ward => 12)$$),
  '{q1,q7,q2,q6,q5}', 'by several statuses and a ward'
);
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা', category_code => 'roads')$$),
  '{q2,q6}', 'by category'
);
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা', ward => 40)$$), '{q3}', 'by ward'
);
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা', priority_level => 'low')$$),
  '{q7,q2}', 'by priority'
);
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা',
                                                        assignee => '5a0e0000-0000-4000-8000-0000000000b1')$$),
  '{q1}', 'by assignee'
);
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা', unassigned => true)$$),
  '{q3,q7,q2,q4,q6,q5}', 'unassigned only'
);
select is(
  tests.queue_names(format($$select id from public.staff_queue(search => 'কিউপরীক্ষা', filed_to => %L)$$,
                           ((now() - interval '5 days') at time zone 'Asia/Dhaka')::date)),
  '{q5}', 'filed up to a day (in Bangladesh)'
);
select is(
  tests.queue_names(format($$select id from public.staff_queue(search => 'কিউপরীক্ষা', filed_from => %1$L,
                                                               filed_to => %1$L)$$,
                           ((now() - interval '10 days') at time zone 'Asia/Dhaka')::date)),
  '{q5}', 'filed on one day'
);
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা', overdue => true)$$),
  '{q5}', 'overdue: open and past the deadline'
);
select results_eq(
  $$select status, complaints from public.staff_queue_counts(search => 'কিউপরীক্ষা', ward => 12)$$,
  $$values ('submitted', 4::bigint), ('in_progress', 1), ('resolved', 0), ('closed', 0), ('rejected', 0)$$,
  'the counts follow the filters, every status listed'
);
select results_eq(
  $$select status, complaints from public.staff_queue_counts(search => 'কিউপরীক্ষা', overdue => true)$$,
  $$values ('submitted', 1::bigint), ('in_progress', 0), ('resolved', 0), ('closed', 0), ('rejected', 0)$$,
  'overdue counts'
);

-- ---------------------------------------------------------------------------------------------------
-- Search
-- ---------------------------------------------------------------------------------------------------
select ok(
  '5a0e0000-0000-4000-8000-00000000c001' in (select id from public.staff_queue(search => 'পচ', page_size => 100)),
  'a part from the middle of a Bengali word ("পচ" of "উপচে") finds the complaint'
);
select results_eq(
  $$select id from public.staff_queue(search => 'পচ', page_size => 100)$$,
  $$select * from tests.containing('পচ')$$,
  'and finds exactly the complaints that contain it'
);
select is(
  tests.queue_names($$select id from public.staff_queue(search => ' ফুটপাতে ব্যানার ')$$), '{q7}',
  'search looks in the description too, and ignores spaces around what was typed'
);
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'গলি ৪')$$), '{q4}', 'and in the location'
);
select is(
  tests.queue_names(format($$select id from public.staff_queue(search => %L)$$,
    (select lower(substr(tracking_number, 4, 6)) from public.complaints where id = '5a0e0000-0000-4000-8000-00000000c005'))),
  '{q5}', 'part of a tracking number, in any case'
);
select results_eq(
  $$select id from public.staff_queue(search => '%', page_size => 100)$$,
  $$select * from tests.containing('%')$$,
  '"%" is looked for as itself, not as a wildcard'
);
select results_eq(
  $$select id from public.staff_queue(search => '_', page_size => 100)$$,
  $$select * from tests.containing('_')$$,
  '"_" too'
);
select is_empty($$select * from public.staff_queue(search => 'কিউপরীক্ষা নেই এমন কিছু')$$, 'no match, no rows');

-- ---------------------------------------------------------------------------------------------------
-- Sorting
-- ---------------------------------------------------------------------------------------------------
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা', sort => 'oldest')$$),
  '{q5,q6,q4,q2,q7,q3,q1}', 'oldest first (the same age: by id)'
);
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা', sort => 'priority')$$),
  '{q1,q5,q6,q4,q3,q2,q7}', 'by priority: high first, then the oldest'
);
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা', sort => 'deadline')$$),
  '{q5,q4,q1,q3,q6,q2,q7}', 'by deadline: the soonest (or longest past) first, none last'
);

-- ---------------------------------------------------------------------------------------------------
-- Keyset pagination: page after page, every complaint once, in order
-- ---------------------------------------------------------------------------------------------------
select results_eq(
  $$select * from tests.queue_walk('newest', 25)$$,
  $$select id from public.complaints order by created_at desc, id desc$$,
  'newest first, 25 to a page: every complaint once, none missing'
);
select results_eq(
  $$select * from tests.queue_walk('oldest', 40)$$,
  $$select id from public.complaints order by created_at, id$$,
  'oldest first, page after page'
);
select results_eq(
  $$select * from tests.queue_walk('priority', 30)$$,
  $$select id from public.complaints
     order by array_position('{high,medium,low}'::text[], priority::text), created_at, id$$,
  'by priority, page after page (across the priorities)'
);
select results_eq(
  $$select * from tests.queue_walk('deadline', 7)$$,
  $$select id from public.complaints order by deadline_at nulls last, id$$,
  'by deadline, page after page (into those without one)'
);
select is(
  tests.queue_names($$select id from public.staff_queue(search => 'কিউপরীক্ষা', sort => 'priority', page_size => 3,
                                                        after_id => '5a0e0000-0000-4000-8000-00000000c004',
                                                        after_at => now() - interval '5 hours',
                                                        after_priority => 'medium')$$),
  '{q3,q2,q7}', 'a page starts right after the cursor'
);

-- A ward admin's queue is read ward by ward and merged (each ward from its own index): the same order, and
-- page after page every complaint of their wards once.
select tests.sign_in_as('5a0e0000-0000-4000-8000-0000000000a1');
select results_eq(
  $$select * from tests.queue_walk('newest', 25)$$,
  $$select id from public.complaints where ward_id in (12, 40) order by created_at desc, id desc$$,
  'a ward admin: newest first across both wards, page after page'
);
select results_eq(
  $$select * from tests.queue_walk('oldest', 40)$$,
  $$select id from public.complaints where ward_id in (12, 40) order by created_at, id$$,
  'a ward admin: oldest first, page after page'
);
select results_eq(
  $$select * from tests.queue_walk('priority', 30)$$,
  $$select id from public.complaints where ward_id in (12, 40)
     order by array_position('{high,medium,low}'::text[], priority::text), created_at, id$$,
  'a ward admin: by priority, page after page'
);
select results_eq(
  $$select * from tests.queue_walk('deadline', 7)$$,
  $$select id from public.complaints where ward_id in (12, 40) order by deadline_at nulls last, id$$,
  'a ward admin: by deadline, page after page'
);
select results_eq(
  $$select id from public.staff_queue(statuses => '{submitted,in_progress}', priority_level => 'high',
                                      sort => 'deadline', page_size => 100)$$,
  $$select id from public.complaints
     where ward_id in (12, 40) and status in ('submitted', 'in_progress') and priority = 'high'
     order by deadline_at nulls last, id limit 100$$,
  'a ward admin''s open high-priority complaints by deadline (the open-only index''s order)'
);
select tests.sign_in_as('5a0e0000-0000-4000-8000-0000000000d1');

-- ---------------------------------------------------------------------------------------------------
-- Bad input: a clear 400, never a server error
-- ---------------------------------------------------------------------------------------------------
select throws_like($$select * from public.staff_queue(sort => 'random')$$, '%sort must be%', 'an unknown sort');
select throws_like($$select * from public.staff_queue(page_size => 101)$$, '%page_size is 1 to 100%',
                   'more than 100 rows a page');
select throws_like($$select * from public.staff_queue(page_size => 0)$$, '%page_size is 1 to 100%',
                   'no rows a page');
select throws_like($$select * from public.staff_queue(statuses => '{open}')$$, '%statuses are%', 'an unknown status');
select throws_like($$select * from public.staff_queue(priority_level => 'urgent')$$, '%priority_level must be%',
                   'an unknown priority');
select throws_like(
  $$select * from public.staff_queue(after_id => '5a0e0000-0000-4000-8000-00000000c004')$$,
  '%needs after_at%', 'a cursor without its time'
);
select throws_like(
  $$select * from public.staff_queue(sort => 'priority', after_id => '5a0e0000-0000-4000-8000-00000000c004',
                                     after_at => now())$$,
  '%needs after_priority%', 'a priority cursor without its priority'
);
select throws_like($$select * from public.staff_queue(filed_from => '2026-11-20', filed_to => '2026-11-10')$$,
                   '%filed_from comes after filed_to%', 'a date range the wrong way round');
select throws_like(
  $$select * from public.staff_queue_counts(assignee => '5a0e0000-0000-4000-8000-0000000000b1', unassigned => true)$$,
  '%not both%', 'an assignee and unassigned at once'
);
select throws_like($$select * from public.staff_queue(search => repeat('ক', 101))$$, '%at most 100 characters%',
                   'a search over 100 characters');
select throws_ok($$select * from public.staff_queue(sort => 'random')$$, 'PGRST', null,
                 'refusals reach the API as PostgREST answers (400 CC400)');

select * from finish();
rollback;
