-- public.notices: who publishes where (super admins city-wide and any ward, ward admins their own wards),
-- who reads what (published and unexpired for everyone, drafts for those who may edit them), no HTML in
-- bodies, unknown wards refused, and who hears the urgent ones live. Rolled back.
begin;
set local search_path = public, extensions;

select plan(24);

select tests.create_person('c0000030-0000-4000-8000-0000000000c1', '8801300003001');
select tests.create_person('c0000030-0000-4000-8000-0000000000c2', '8801300003002');
select tests.create_person('c0000030-0000-4000-8000-0000000000a1', '8801300003003', 'ward_admin', '{12, 19}');
select tests.create_person('c0000030-0000-4000-8000-0000000000ad', '8801300003004', 'super_admin');
select tests.create_person('c0000030-0000-4000-8000-0000000000b1', '8801300003005', 'service_provider', '{12}');
update public.profiles set ward_id = 12 where id = 'c0000030-0000-4000-8000-0000000000c1';
update public.profiles set ward_id = 40 where id = 'c0000030-0000-4000-8000-0000000000c2';

-- Published city-wide, scheduled for ward 12, expired for ward 12, published for ward 40.
insert into public.notices (id, title_bn, body_bn, ward_ids, publish_at, expires_at)
values ('c0000030-0000-4000-8000-000000000e01', 'শহরের নোটিশ', 'সবার জন্য', '{}', now() - interval '1 day', null),
       ('c0000030-0000-4000-8000-000000000e02', 'আগামী নোটিশ', 'পরে', '{12}', now() + interval '1 day', null),
       ('c0000030-0000-4000-8000-000000000e03', 'পুরনো নোটিশ', 'শেষ', '{12}', now() - interval '3 days', now() - interval '1 day'),
       ('c0000030-0000-4000-8000-000000000e04', 'ওয়ার্ড ৪০', 'চল্লিশ', '{40}', now() - interval '1 hour', null);

create function pg_temp.visible() returns text[] language sql as $$
  select coalesce(array_agg(right(id::text, 3) order by id), '{}') from public.notices
   where id::text like 'c0000030-%';
$$;

-- Reading
select tests.act_as_api_role('anon');
select is(pg_temp.visible(), '{e01,e04}', 'visitors read published, unexpired notices only');
select tests.sign_in_as('c0000030-0000-4000-8000-0000000000c1');
select is(pg_temp.visible(), '{e01,e04}', 'a citizen too: not the scheduled one nor the expired one');
select tests.sign_in_as('c0000030-0000-4000-8000-0000000000a1');
select is(pg_temp.visible(), '{e01,e02,e03,e04}', 'a ward admin also reads the scheduled and expired notices of their wards');
select tests.sign_in_as('c0000030-0000-4000-8000-0000000000b1');
select is(pg_temp.visible(), '{e01,e04}', 'a service provider reads what the public reads');

-- Writing
select tests.sign_in_as('c0000030-0000-4000-8000-0000000000c1');
select throws_ok(
  $$insert into public.notices (title_bn, body_bn, ward_ids) values ('ভুয়া', 'ভুয়া', '{12}')$$,
  '42501', null, 'a citizen cannot publish a notice'
);
select is(tests.rows_affected('update public.notices set pinned = true'), 0, 'nor change one');
select tests.sign_in_as('c0000030-0000-4000-8000-0000000000b1');
select throws_ok(
  $$insert into public.notices (title_bn, body_bn, ward_ids) values ('ভুয়া', 'ভুয়া', '{12}')$$,
  '42501', null, 'a service provider cannot publish a notice, even for their own ward'
);

select tests.sign_in_as('c0000030-0000-4000-8000-0000000000a1');
select lives_ok(
  $$insert into public.notices (title_bn, body_bn, ward_ids) values ('ওয়ার্ডের নোটিশ', 'পানি থাকবে না', '{19, 12, 12}')$$,
  'a ward admin publishes for their own wards'
);
select is((select ward_ids from public.notices where title_bn = 'ওয়ার্ডের নোটিশ'), '{12,19}',
  'ward ids are kept sorted and without repeats');
select tests.rls_refuses(
  $$insert into public.notices (title_bn, body_bn, ward_ids) values ('অন্য ওয়ার্ড', 'না', '{12, 40}')$$,
  'notices', 'a ward admin cannot publish for a ward they are not posted to'
);
select tests.rls_refuses(
  $$insert into public.notices (title_bn, body_bn, ward_ids) values ('সারা শহর', 'না', '{}')$$,
  'notices', 'nor city-wide'
);
select tests.rls_refuses(
  $$update public.notices set ward_ids = '{12, 40}' where id = 'c0000030-0000-4000-8000-000000000e02'$$,
  'notices', 'nor move their notice to another ward'
);
select is(
  tests.rows_affected($$update public.notices set pinned = true
                      where id in ('c0000030-0000-4000-8000-000000000e01', 'c0000030-0000-4000-8000-000000000e04')$$),
  0, 'nor change a city-wide notice or another ward''s'
);
select is(tests.rows_affected($$delete from public.notices where id = 'c0000030-0000-4000-8000-000000000e04'$$),
  0, 'nor withdraw another ward''s notice');
select is(tests.rows_affected($$delete from public.notices where id = 'c0000030-0000-4000-8000-000000000e03'$$),
  1, 'but withdraws one of their own wards');

select tests.sign_in_as('c0000030-0000-4000-8000-0000000000ad');
select lives_ok(
  $$insert into public.notices (title_bn, body_bn, ward_ids, urgent, category) values ('জরুরি', 'সাবধান', '{}', true, 'emergency')$$,
  'a super admin publishes city-wide'
);
select throws_ok(
  $$insert into public.notices (title_bn, body_bn, ward_ids) values ('ভুল', 'ভুল', '{12, 4000}')$$,
  '23503', null, 'an unknown ward is refused'
);
select tests.check_refuses(
  $$insert into public.notices (title_bn, body_bn) values ('স্ক্রিপ্ট', 'আগে<script>alert(1)</script>পরে')$$,
  'notices', 'notices_body_bn_no_html', 'a body with a script tag is refused'
);
select tests.check_refuses(
  $$insert into public.notices (title_bn, body_bn, body_en) values ('ছবি', 'ঠিক আছে', 'x <img src=x onerror=alert(1)>')$$,
  'notices', 'notices_body_en_no_html', 'so is any tag in the English body'
);
select lives_ok(
  $$insert into public.notices (title_bn, body_bn) values ('তুলনা', 'তাপমাত্রা < ৩০ এবং 2<3')$$,
  'a "<" that starts no tag is just text'
);
select tests.check_refuses(
  $$insert into public.notices (title_bn, body_bn, publish_at, expires_at) values ('উল্টো', 'না', now(), now() - interval '1 hour')$$,
  'notices', 'notices_expires_after_publish', 'expiry before publication is refused'
);

-- Live urgent notices: the city topic for everyone signed in, a ward topic for its residents and staff.
select tests.sign_out();
select realtime.send('{}', 'urgent_changed', topic, true)
  from unnest(array['notices:city', 'notices:ward:12', 'notices:ward:40']) as topic;
select tests.sign_in_as('c0000030-0000-4000-8000-0000000000c1');
select is(
  array[tests.can_receive('notices:city'), tests.can_receive('notices:ward:12'), tests.can_receive('notices:ward:40')],
  array[true, true, false], 'a citizen of ward 12 hears the city and ward 12, not ward 40'
);
select tests.sign_in_as('c0000030-0000-4000-8000-0000000000a1');
select is(
  array[tests.can_receive('notices:ward:12'), tests.can_receive('notices:ward:40')],
  array[true, false], 'a ward admin hears their wards only'
);
select tests.act_as_api_role('anon');
select is(tests.can_receive('notices:city'), false, 'visitors join no private notice topic');

select * from finish();
rollback;
