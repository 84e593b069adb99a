-- public.page_shell runs as its caller: a signed-in person gets their own unread count and the urgent
-- notices of their ward and the city, never another person's notifications or another ward's notices;
-- visitors cannot call it (they have no bell). Rolled back.
begin;
set local search_path = public, extensions;

select plan(7);

select tests.create_person('c0000054-0000-4000-8000-0000000000c1', '8801300005401');
select tests.create_person('c0000054-0000-4000-8000-0000000000c2', '8801300005402');
update public.profiles set ward_id = 90 where id = 'c0000054-0000-4000-8000-0000000000c1';
insert into public.notifications (recipient_id, kind, read_at) values
  ('c0000054-0000-4000-8000-0000000000c1', 'complaint_status', null),
  ('c0000054-0000-4000-8000-0000000000c1', 'complaint_status', null),
  ('c0000054-0000-4000-8000-0000000000c1', 'complaint_status', now()),
  ('c0000054-0000-4000-8000-0000000000c2', 'complaint_status', null);
insert into public.notices (title_bn, body_bn, ward_ids, urgent) values
  ('খোলস-জরুরি শহর', 'সবার', '{}', true), ('খোলস-জরুরি ৯০', 'ওয়ার্ড ৯০', '{90}', true),
  ('খোলস-জরুরি ৯১', 'ওয়ার্ড ৯১', '{91}', true);

create function pg_temp.urgent_titles(shell jsonb) returns text[] language sql as $$
  select coalesce(array_agg(n ->> 'title_bn' order by n ->> 'title_bn'), '{}')
    from jsonb_array_elements(shell -> 'urgent' -> 'notices') as n where n ->> 'title_bn' like 'খোলস-জরুরি%';
$$;

select tests.act_as_api_role('anon');
select throws_ok($$select public.page_shell()$$, '42501', null, 'visitors cannot call it');

select tests.sign_in_as('c0000054-0000-4000-8000-0000000000c1');
select is((public.page_shell() ->> 'unread_notifications')::integer, 2,
  'a citizen''s bell counts their own unread notifications, not read ones or another person''s');
select is(pg_temp.urgent_titles(public.page_shell()), '{"খোলস-জরুরি শহর","খোলস-জরুরি ৯০"}',
  'their banner has their ward''s and the city''s urgent notices, not another ward''s');
select is(public.page_shell() -> 'urgent', public.urgent_notices(), 'the same banner as public.urgent_notices()');

select tests.sign_in_as('c0000054-0000-4000-8000-0000000000c2');
select is((public.page_shell() ->> 'unread_notifications')::integer, 1, 'another citizen counts only theirs');
select is(pg_temp.urgent_titles(public.page_shell()), '{"খোলস-জরুরি শহর"}',
  'and without a ward sees the city''s urgent notices only');

select tests.sign_out();
select is((select count(*)::integer from public.notifications where recipient_id = 'c0000054-0000-4000-8000-0000000000c1' and read_at is null), 2,
  'reading the shell marks nothing read');

select * from finish();
rollback;
