-- What a follower ("me too") of someone else's complaint may see: what the public tracking page shows plus
-- the title, never the description, address, coordinates, request key, photos, internal comments, rejection
-- reason or who filed it. For every caller: anon, the filer, a follower, another citizen, a service
-- provider and a ward admin (roles as they exist today: no complaint access beyond a citizen's yet), a
-- super admin. Runs in one transaction that is rolled back.
-- Needs the tests.* helpers of 00-helpers.sql (which runs first).
begin;
set local search_path = public, extensions;

select plan(50);

-- People: filer A, follower B, another citizen C, service provider P, ward admin W, super admin S.
select tests.create_phone_user(id, phone, app_metadata, phone_confirmed_at => now())
  from (values ('f0110005-0000-4000-8000-00000000000a'::uuid, '8801300000501', '{"role": "citizen"}'::jsonb),
               ('f0110005-0000-4000-8000-00000000000b', '8801300000502', '{"role": "citizen"}'),
               ('f0110005-0000-4000-8000-00000000000c', '8801300000503', '{"role": "citizen"}'),
               ('f0110005-0000-4000-8000-0000000000a1', '8801300000504',
                '{"role": "service_provider", "wards": [12]}'),
               ('f0110005-0000-4000-8000-0000000000a2', '8801300000505', '{"role": "ward_admin", "wards": [12]}'),
               ('f0110005-0000-4000-8000-0000000000ad', '8801300000506', '{"role": "super_admin"}'))
    as person (id, phone, app_metadata);
select tests.give_staff_role('f0110005-0000-4000-8000-0000000000a1', 'service_provider', '{12}');
select tests.give_staff_role('f0110005-0000-4000-8000-0000000000a2', 'ward_admin', '{12}');
select tests.give_staff_role('f0110005-0000-4000-8000-0000000000ad', 'super_admin');

-- A's two complaints, with everything a filer gives: words, address, coordinates, request key, a photo.
insert into public.complaints (id, citizen_id, client_request_id, title, description, category, location,
                               latitude, longitude, ward_id, created_at)
values ('f0c00005-0000-4000-8000-000000000001', 'f0110005-0000-4000-8000-00000000000a',
        'f0e00005-0000-4000-8000-000000000001', 'ড্রেন উপচে পড়ছে',
        'আমার বাড়ির (১২ নম্বর) সামনের ড্রেন উপচে পড়ছে, আমার ফোন ০১৭১১০০০০০০।', 'cleanliness',
        'বাড়ি ১২, রোড ৫', 23.80690000, 90.36870000, 12, now() - interval '2 days'),
       ('f0c00005-0000-4000-8000-000000000002', 'f0110005-0000-4000-8000-00000000000a',
        'f0e00005-0000-4000-8000-000000000002', 'ময়লার গাড়ি আসে না',
        'এক সপ্তাহ ধরে আমাদের গলিতে ময়লার গাড়ি আসে না।', 'waste_management',
        'গলি ৩, রোড ৭', 23.80700000, 90.36880000, 12, now() - interval '1 day');
insert into storage.buckets (id, name) values ('complaint-photos', 'complaint-photos') on conflict do nothing;
insert into storage.objects (bucket_id, name, owner_id)
values ('complaint-photos',
        'f0110005-0000-4000-8000-00000000000a/f0e00005-0000-4000-8000-000000000001/1.jpg',
        'f0110005-0000-4000-8000-00000000000a');
insert into public.complaint_photos (complaint_id, storage_path, position)
values ('f0c00005-0000-4000-8000-000000000001',
        'f0110005-0000-4000-8000-00000000000a/f0e00005-0000-4000-8000-000000000001/1.jpg', 1);

-- B says "me too" on both while they are open.
select tests.sign_in_as('f0110005-0000-4000-8000-00000000000b');
select is(public.follow_complaint('f0c00005-0000-4000-8000-000000000001'), true, 'B follows A''s first complaint');
select is(public.follow_complaint('f0c00005-0000-4000-8000-000000000002'), true, 'and the second');
select tests.sign_out();

-- Staff move them on: the first is in progress with a public and an internal comment, the second rejected.
update public.complaints set status = 'in_progress' where id = 'f0c00005-0000-4000-8000-000000000001';
update public.complaint_updates set comment = 'কর্মী পাঠানো হয়েছে', comment_is_public = true
 where complaint_id = 'f0c00005-0000-4000-8000-000000000001' and new_status = 'in_progress';
update public.complaint_updates set comment = 'নাগরিক ফোনে ঠিকানা জানিয়েছেন'
 where complaint_id = 'f0c00005-0000-4000-8000-000000000001' and new_status = 'submitted';
update public.complaints set status = 'rejected', rejection_reason = 'ব্যক্তিগত জমির ভেতরের ড্রেন'
 where id = 'f0c00005-0000-4000-8000-000000000002';

-- What a follower must never see, in any answer.
create temporary table secrets (secret text) on commit drop;
insert into secrets values
  ('ড্রেন উপচে পড়ছে, আমার ফোন'), ('বাড়ি ১২'), ('গলি ৩'), ('23.8069'), ('90.3687'), ('23.807'),
  ('f0110005-0000-4000-8000-00000000000a'), ('f0e00005-0000-4000-8000-000000000001'),
  ('f0e00005-0000-4000-8000-000000000002'), ('1.jpg'), ('নাগরিক ফোনে'), ('ব্যক্তিগত জমির');
grant select on secrets to public;
create temporary table answers (answer jsonb) on commit drop;
grant all on answers to public;

-- ---------------------------------------------------------------------------------------------------
-- Shape
-- ---------------------------------------------------------------------------------------------------
select policies_are('public', 'complaints',
  array['Citizens read their own complaints, staff their scope', 'Citizens file complaints as themselves',
        'Staff change complaints in their scope'],
  'complaints has no policy that lets followers read the row');
select is(
  (select pg_get_expr(polqual, polrelid) ~ 'complaint_followers' from pg_policy
    where polrelid = 'public.complaints'::regclass and polname = 'Citizens read their own complaints, staff their scope'),
  false,
  'the SELECT policy does not mention followers'
);
select function_privs_are('public', 'followed_complaint', array['uuid'], 'anon', array[]::text[],
  'anon cannot call followed_complaint');
select function_privs_are('public', 'my_complaints', array['timestamp with time zone', 'uuid', 'integer'], 'anon',
  array[]::text[], 'nor my_complaints');
select function_privs_are('private', 'public_timeline', array['uuid'], 'authenticated', array[]::text[],
  'private.public_timeline is only for the functions that show complaints to others');

-- ---------------------------------------------------------------------------------------------------
-- Follower B
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('f0110005-0000-4000-8000-00000000000b');

select is((select count(*)::int from public.complaints), 0, 'B reads no complaints row, followed or not');
select is((select count(*)::int from public.complaint_updates), 0, 'nor any history row');
select is((select count(*)::int from public.complaint_photos), 0, 'nor photo records');
select is(
  (select count(*)::int from storage.objects where name like 'f0110005-0000-4000-8000-00000000000a/%'), 0,
  'nor the photos in Storage (the public tracking page shows none either)'
);

insert into answers select public.followed_complaint('f0c00005-0000-4000-8000-000000000001');
select is(
  (select array_agg(key order by key) from answers, jsonb_object_keys(answer) as key),
  array['category', 'created_at', 'id', 'resolved_at', 'status', 'timeline', 'title', 'tracking_number',
        'updated_at', 'ward_id'],
  'followed_complaint gives B the tracking page''s fields plus id and title, nothing else'
);
select results_eq(
  $$select answer ->> 'title', answer ->> 'status', answer ->> 'category', (answer ->> 'ward_id')::int from answers$$,
  $$values ('ড্রেন উপচে পড়ছে', 'in_progress', 'cleanliness', 12)$$,
  'with the title, status, category and ward'
);
select results_eq(
  $$select entry ->> 'status', entry ->> 'comment', entry ? 'id', entry ? 'at'
      from answers, jsonb_array_elements(answer -> 'timeline') with ordinality as t(entry, n) order by n$$,
  $$values ('submitted', null, true, true), ('in_progress', 'কর্মী পাঠানো হয়েছে', true, true)$$,
  'and the history with only the public comment'
);
insert into answers select public.followed_complaint('f0c00005-0000-4000-8000-000000000002');
select is((select answer ->> 'status' from answers where answer ->> 'status' = 'rejected'), 'rejected',
  'a rejected complaint shows B its status');
insert into answers select to_jsonb(m) from public.my_complaints() as m;
select results_eq(
  $$select title, is_own from public.my_complaints()$$,
  $$values ('ময়লার গাড়ি আসে না'::text, false), ('ড্রেন উপচে পড়ছে', false)$$,
  'my_complaints lists both followed complaints, newest first, as not B''s own'
);
select is(
  (select array_agg(secret) from secrets where exists (select 1 from answers where answer::text like '%' || secret || '%')),
  null,
  'nothing B was given holds the description, address, coordinates, filer, request keys, photos, internal '
  'comment or rejection reason'
);
select is(tests.can_receive('complaint:f0c00005-0000-4000-8000-000000000001'), true,
  'B still receives the live updates of a complaint they follow');
select is(public.followed_complaint('f0c00005-0000-4000-8000-0000000000ff'), null,
  'followed_complaint of a complaint that does not exist is null');

-- Keyset pages over own and followed complaints together.
select is(
  (select created from public.submit_complaint('f0e00005-0000-4000-8000-00000000000b', 'roads', 'রাস্তায় গর্ত',
     'বাজারের মোড়ে রাস্তায় বড় গর্ত হয়েছে।', 'বাজারের মোড়', null, null, 12, '{}')),
  true,
  'B files a complaint of their own'
);
select results_eq(
  $$select title, is_own from public.my_complaints(page_size => 2)$$,
  $$values ('রাস্তায় গর্ত'::text, true), ('ময়লার গাড়ি আসে না', false)$$,
  'a page holds B''s own and followed complaints together, newest first, page_size long'
);
select results_eq(
  $$select p.title from public.my_complaints(
      (select created_at from public.my_complaints(page_size => 2) order by created_at limit 1),
      (select id from public.my_complaints(page_size => 2) order by created_at limit 1), 2) as p$$,
  $$values ('ড্রেন উপচে পড়ছে'::text)$$,
  'the next page starts after the last row of the one before'
);

-- After unfollowing, nothing.
delete from public.complaint_followers where complaint_id = 'f0c00005-0000-4000-8000-000000000001';
select is(public.followed_complaint('f0c00005-0000-4000-8000-000000000001'), null,
  'after unfollowing, followed_complaint is null');
select is(tests.can_receive('complaint:f0c00005-0000-4000-8000-000000000001'), false,
  'and the live updates stop');

-- ---------------------------------------------------------------------------------------------------
-- Filer A: the whole row, all of its history, the photos
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('f0110005-0000-4000-8000-00000000000a');

select results_eq(
  $$select location, latitude, client_request_id from public.complaints order by created_at$$,
  $$values ('বাড়ি ১২, রোড ৫'::text, 23.80690000::numeric, 'f0e00005-0000-4000-8000-000000000001'::uuid),
           ('গলি ৩, রোড ৭', 23.80700000, 'f0e00005-0000-4000-8000-000000000002')$$,
  'A reads both of their complaints whole'
);
select is(
  (select array_agg(comment order by id) from public.complaint_updates
    where complaint_id = 'f0c00005-0000-4000-8000-000000000001'),
  array['নাগরিক ফোনে ঠিকানা জানিয়েছেন', 'কর্মী পাঠানো হয়েছে'],
  'and the internal comment too'
);
select is(
  (select rejection_reason from public.complaints where id = 'f0c00005-0000-4000-8000-000000000002'),
  'ব্যক্তিগত জমির ভেতরের ড্রেন', 'and the rejection reason'
);
select is((select count(*)::int from public.complaint_photos), 1, 'and the photo record');
select is(
  (select count(*)::int from storage.objects where name like 'f0110005-0000-4000-8000-00000000000a/%'), 1,
  'and the photo in Storage'
);
select results_eq(
  $$select title, is_own from public.my_complaints()$$,
  $$values ('ময়লার গাড়ি আসে না'::text, true), ('ড্রেন উপচে পড়ছে', true)$$,
  'my_complaints lists A''s own two'
);
select is(public.followed_complaint('f0c00005-0000-4000-8000-000000000001'), null,
  'followed_complaint is only for followers (A reads the row)');
select is(tests.can_receive('complaint:f0c00005-0000-4000-8000-000000000002'), true, 'A receives live updates');

-- ---------------------------------------------------------------------------------------------------
-- Another citizen, a service provider and a ward admin (as roles stand today): nothing of A's
-- ---------------------------------------------------------------------------------------------------
create function pg_temp.sees_nothing_of_as(person uuid, app_metadata jsonb)
returns table (rows int, history int, photos int, followed jsonb, listed int, live boolean)
language plpgsql
as $$
begin
  perform tests.sign_in_as(person, app_metadata);
  return query select
    (select count(*)::int from public.complaints where id::text like 'f0c00005-%'),
    (select count(*)::int from public.complaint_updates where complaint_id::text like 'f0c00005-%'),
    (select count(*)::int from public.complaint_photos where complaint_id::text like 'f0c00005-%'),
    public.followed_complaint('f0c00005-0000-4000-8000-000000000002'),
    (select count(*)::int from public.my_complaints()),
    tests.can_receive('complaint:f0c00005-0000-4000-8000-000000000002');
end;
$$;
grant execute on function pg_temp.sees_nothing_of_as(uuid, jsonb) to authenticated;

select results_eq(
  $$select * from pg_temp.sees_nothing_of_as('f0110005-0000-4000-8000-00000000000c', '{}')$$,
  $$values (0, 0, 0, null::jsonb, 0, false)$$,
  'another citizen: no rows, history, photos, follower view, list entries or live updates'
);
select results_eq(
  $$select * from pg_temp.sees_nothing_of_as('f0110005-0000-4000-8000-0000000000a1',
      '{"role": "service_provider", "wards": [12]}')$$,
  $$values (0, 0, 0, null::jsonb, 0, false)$$,
  'a service provider posted to the ward but not assigned: the same'
);
select results_eq(
  $$select * from pg_temp.sees_nothing_of_as('f0110005-0000-4000-8000-0000000000a2',
      '{"role": "ward_admin", "wards": [12]}')$$,
  $$values (2, 4, 1, null::jsonb, 0, true)$$,
  'a ward admin of the ward reads both complaints whole, history and photo included (their scope)'
);

-- A service provider who says "me too" is a follower like any other.
select tests.sign_in_as('f0110005-0000-4000-8000-0000000000a1', '{"role": "service_provider", "wards": [12]}');
select is(public.follow_complaint('f0c00005-0000-4000-8000-000000000001'), true,
  'a service provider may say "me too" like anyone signed in');
select is((select count(*)::int from public.complaints), 0, 'and then still reads no row');
select is(
  (select array_agg(key order by key) from jsonb_object_keys(
     public.followed_complaint('f0c00005-0000-4000-8000-000000000001')) as key),
  array['category', 'created_at', 'id', 'resolved_at', 'status', 'timeline', 'title', 'tracking_number',
        'updated_at', 'ward_id'],
  'only the follower view'
);

-- ---------------------------------------------------------------------------------------------------
-- Super admin: everything
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('f0110005-0000-4000-8000-0000000000ad', '{"role": "super_admin"}');
select is(
  (select count(*)::int from public.complaints where citizen_id = 'f0110005-0000-4000-8000-00000000000a'), 2,
  'a super admin reads A''s complaints'
);
select is(
  (select description from public.complaints where id = 'f0c00005-0000-4000-8000-000000000001'),
  'আমার বাড়ির (১২ নম্বর) সামনের ড্রেন উপচে পড়ছে, আমার ফোন ০১৭১১০০০০০০।', 'whole'
);
select is(
  (select count(*)::int from public.complaint_updates where comment = 'নাগরিক ফোনে ঠিকানা জানিয়েছেন'), 1,
  'with the internal comments'
);
select is(tests.can_receive('complaint:f0c00005-0000-4000-8000-000000000002'), true,
  'and receives live updates');

-- ---------------------------------------------------------------------------------------------------
-- Anon: the public lookup only
-- ---------------------------------------------------------------------------------------------------
select tests.act_as_api_role('anon');
select throws_ok($$select public.followed_complaint('f0c00005-0000-4000-8000-000000000001')$$, '42501', null,
  'anon cannot call followed_complaint');
select throws_ok($$select * from public.my_complaints()$$, '42501', null, 'nor my_complaints');
select throws_ok($$select * from public.complaints$$, '42501', null, 'nor read complaints');
select is(tests.can_receive('complaint:f0c00005-0000-4000-8000-000000000001'), false, 'nor receive live updates');
select is(
  public.track_complaint((select answer ->> 'tracking_number' from answers
                           where answer ->> 'id' = 'f0c00005-0000-4000-8000-000000000001' and answer ? 'timeline'))
    -> 'timeline' -> 1 ->> 'comment',
  'কর্মী পাঠানো হয়েছে',
  'the tracking page shows the same public comment a follower sees'
);

-- ---------------------------------------------------------------------------------------------------
-- Live updates carry only what a follower may see
-- ---------------------------------------------------------------------------------------------------
select tests.sign_out();
insert into public.complaint_updates (complaint_id, old_status, new_status, comment, comment_is_public)
values ('f0c00005-0000-4000-8000-000000000001', 'in_progress', 'resolved', 'নাগরিকের বাড়িতে গিয়ে দেখা হয়েছে', false),
       ('f0c00005-0000-4000-8000-000000000001', 'resolved', 'closed', 'কাজ শেষ', true);
select results_eq(
  $$select payload ->> 'status', payload ->> 'comment' from realtime.messages
     where topic = 'complaint:f0c00005-0000-4000-8000-000000000001' and payload ->> 'status' in ('resolved', 'closed')
     order by payload ->> 'update_id'$$,
  $$values ('resolved', null), ('closed', 'কাজ শেষ')$$,
  'a broadcast carries a staff comment only when it is public'
);
select is(
  (select count(*)::int from realtime.messages
    where topic = 'complaint:f0c00005-0000-4000-8000-000000000002' and payload ? 'rejection_reason'),
  0,
  'and never the rejection reason'
);
select ok(
  (select count(*) > 0 from realtime.messages where topic = 'complaint:f0c00005-0000-4000-8000-000000000002'),
  'the rejection itself was broadcast'
);

select * from finish();
rollback;
