-- Complaints, citizen side: reference data, tracking numbers, filing, the status workflow and its history,
-- "me too" followers, live-update authorisation and the public lookup — for anon, citizen A, citizen B,
-- a super admin and the service role. Runs in one transaction that is rolled back.
-- Needs the tests.* helpers of 00-helpers.sql (which runs first).
begin;
set local search_path = public, extensions;

select plan(82);

-- What the tests keep between roles: every role writes and reads them.
create temporary table filed (id uuid, tracking_number text, created boolean) on commit drop;
create temporary table tracked (result jsonb) on commit drop;
-- How many complaints exist in all (demo data included), counted by the test's own role, which bypasses RLS.
create temporary table complaint_total (total int) on commit drop;
grant all on filed, tracked, complaint_total to public;

-- People: citizens A and B, a super admin.
select tests.create_phone_user(id, phone, app_metadata, phone_confirmed_at => now())
  from (values ('c0a10002-0000-4000-8000-00000000000a'::uuid, '8801300000201', '{"role": "citizen"}'::jsonb),
               ('c0a10002-0000-4000-8000-00000000000b', '8801300000202', '{"role": "citizen"}'),
               ('c0a10002-0000-4000-8000-0000000000ad', '8801300000203', '{"role": "super_admin"}'))
    as person (id, phone, app_metadata);
select tests.give_staff_role('c0a10002-0000-4000-8000-0000000000ad', 'super_admin');

-- A's uploads, as Storage would have recorded them.
insert into storage.buckets (id, name) values ('complaint-photos', 'complaint-photos') on conflict do nothing;
insert into storage.objects (bucket_id, name, owner_id)
select 'complaint-photos',
       'c0a10002-0000-4000-8000-00000000000a/d0a10002-0000-4000-8000-000000000001/' || n || '.jpg',
       'c0a10002-0000-4000-8000-00000000000a'
  from generate_series(1, 6) as n;
insert into storage.objects (bucket_id, name, owner_id)
values ('complaint-photos', 'c0a10002-0000-4000-8000-00000000000b/d0a10002-0000-4000-8000-000000000009/1.jpg',
        'c0a10002-0000-4000-8000-00000000000b');

-- ---------------------------------------------------------------------------------------------------
-- Shape and reference data
-- ---------------------------------------------------------------------------------------------------
select is(
  (select array_agg(relname::text order by relname) from pg_class
    where relnamespace = 'public'::regnamespace and relkind = 'r' and relrowsecurity
      and relname in ('wards', 'categories', 'complaint_status_transitions', 'complaints',
                      'complaint_photos', 'complaint_updates', 'complaint_followers')),
  array['categories', 'complaint_followers', 'complaint_photos', 'complaint_status_transitions',
        'complaint_updates', 'complaints', 'wards'],
  'row level security is on for all seven complaint tables'
);
select results_eq(
  $$select city_corporation, count(*)::int, min(number)::int, max(number)::int
      from public.wards group by city_corporation order by city_corporation$$,
  $$values ('DNCC', 54, 1, 54), ('DSCC', 75, 1, 75)$$,
  'all 54 DNCC and 75 DSCC wards are there'
);
select results_eq(
  $$select name_bn, name_en from public.wards where city_corporation = 'DSCC' and number = 75$$,
  $$values ('ওয়ার্ড ৭৫', 'Ward 75')$$,
  'ward names read "ওয়ার্ড <Bengali number>" / "Ward <number>"'
);
select results_eq(
  $$select code from public.categories where active order by sort_order$$,
  $$values ('cleanliness'), ('waste_management'), ('water_supply'), ('electricity'), ('roads'), ('other')$$,
  'the guide''s six categories, active, in order'
);
select fk_ok('public', 'profiles', 'ward_id', 'public', 'wards', 'id', 'profiles.ward_id references wards');

-- ---------------------------------------------------------------------------------------------------
-- Tracking numbers
-- ---------------------------------------------------------------------------------------------------
select is(
  (select count(*)::int from (select private.random_tracking_number() as n from generate_series(1, 500)) as g
    where n ~ '^CC-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$'),
  500,
  'tracking numbers are CC- and 8 characters without 0, O, 1, I, L or U'
);
select is(
  (select count(distinct n)::int from (select private.random_tracking_number() as n
                                         from generate_series(1, 500)) as g),
  500,
  'tracking numbers do not repeat'
);
select results_eq(
  $$select public.normalize_tracking_number(typed)
      from unnest(array['cc-abcd2345', 'CC ABCD 2345', 'abcd2345', ' CCABCD-2345 ', 'CC-ABCD234', 'x'])
           with ordinality as t(typed, n) order by n$$,
  $$values ('CC-ABCD2345'), ('CC-ABCD2345'), ('CC-ABCD2345'), ('CC-ABCD2345'), (null), (null)$$,
  'typed tracking numbers are normalised: any case, dash, spaces or prefix optional; wrong length is null'
);

-- ---------------------------------------------------------------------------------------------------
-- Citizen A files
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('c0a10002-0000-4000-8000-00000000000a');

insert into filed
select * from public.submit_complaint(
  'd0a10002-0000-4000-8000-000000000001', 'cleanliness', '  রাস্তায় ময়লার স্তূপ ',
  'মোড়ের পাশে তিন দিন ধরে ময়লা জমে আছে, দুর্গন্ধ ছড়াচ্ছে।', 'মিরপুর ১০ গোলচত্বর', 24.8949, 91.8687, 11,
  array['c0a10002-0000-4000-8000-00000000000a/d0a10002-0000-4000-8000-000000000001/1.jpg',
        'c0a10002-0000-4000-8000-00000000000a/d0a10002-0000-4000-8000-000000000001/2.jpg']);

select is((select created from filed), true, 'submit_complaint files a new complaint');
select results_eq(
  $$select title, status::text, priority::text, citizen_id, resolved_at
      from public.complaints where id = (select id from filed)$$,
  $$values ('রাস্তায় ময়লার স্তূপ', 'submitted', 'medium', 'c0a10002-0000-4000-8000-00000000000a'::uuid,
            null::timestamptz)$$,
  'it starts submitted, with the category''s priority, as A, title trimmed'
);
select ok((select tracking_number ~ '^CC-[2-9A-HJKMNP-TV-Z]{8}$' from filed), 'it gets a tracking number');
select results_eq(
  $$select position::int, storage_path from public.complaint_photos
     where complaint_id = (select id from filed) order by position$$,
  $$values (1, 'c0a10002-0000-4000-8000-00000000000a/d0a10002-0000-4000-8000-000000000001/1.jpg'),
           (2, 'c0a10002-0000-4000-8000-00000000000a/d0a10002-0000-4000-8000-000000000001/2.jpg')$$,
  'its photos are attached in order, in the same call'
);
select results_eq(
  $$select old_status::text, new_status::text, changed_by from public.complaint_updates
     where complaint_id = (select id from filed)$$,
  $$values (null::text, 'submitted', 'c0a10002-0000-4000-8000-00000000000a'::uuid)$$,
  'the filing is the first entry of its history'
);
select results_eq(
  $$select id, tracking_number, created from public.submit_complaint(
      'd0a10002-0000-4000-8000-000000000001', 'cleanliness', 'রাস্তায় ময়লার স্তূপ',
      'মোড়ের পাশে তিন দিন ধরে ময়লা জমে আছে, দুর্গন্ধ ছড়াচ্ছে।', null, 24.8949, 91.8687, null, '{}')$$,
  $$select id, tracking_number, false from filed$$,
  'a retried submit with the same request key returns the same complaint'
);
select is(
  (select count(*)::int from public.complaints where client_request_id = 'd0a10002-0000-4000-8000-000000000001'),
  1,
  'and does not file a second one'
);
select throws_ok(
  $$select public.submit_complaint('d0a10002-0000-4000-8000-000000000002', 'roads', 'গর্ত', 'বড় গর্ত হয়েছে রাস্তায়',
      'রোড ৫', null, null, 11,
      array['c0a10002-0000-4000-8000-00000000000b/d0a10002-0000-4000-8000-000000000009/1.jpg'])$$,
  '23514', null,
  'photos from another person''s folder are refused'
);
select throws_ok(
  $$select public.submit_complaint('d0a10002-0000-4000-8000-000000000002', 'roads', 'গর্ত', 'বড় গর্ত হয়েছে রাস্তায়',
      'রোড ৫', null, null, 11,
      array['c0a10002-0000-4000-8000-00000000000a/d0a10002-0000-4000-8000-000000000002/never-uploaded.jpg'])$$,
  '23514', null,
  'photos that were never uploaded are refused'
);
select throws_ok(
  $$select public.submit_complaint('d0a10002-0000-4000-8000-000000000001', 'roads', 'গর্ত', 'বড় গর্ত হয়েছে রাস্তায়',
      'রোড ৫', null, null, 11,
      array(select 'c0a10002-0000-4000-8000-00000000000a/d0a10002-0000-4000-8000-000000000001/' || n || '.jpg'
              from generate_series(1, 6) as n))$$,
  '23514', null,
  'more than five photos are refused'
);
select throws_ok(
  $$select public.submit_complaint('d0a10002-0000-4000-8000-000000000003', 'roads', 'গর্ত', 'ছোট',
      'রোড ৫', null, null, 11, '{}')$$,
  '23514', null,
  'a description under 10 characters is refused'
);
select throws_ok(
  $$select public.submit_complaint('d0a10002-0000-4000-8000-000000000003', 'roads', 'রাস্তায় গর্ত',
      'বড় গর্ত হয়েছে রাস্তায়', null, null, null, null, '{}')$$,
  '23514', null,
  'a complaint with neither coordinates nor ward and address is refused'
);
select is(
  (select count(*)::int from public.complaints where citizen_id = 'c0a10002-0000-4000-8000-00000000000a'),
  1,
  'failed submissions leave nothing behind'
);
select throws_ok(
  $$insert into public.complaints (title, description, category, ward_id, location, status)
    values ('রাস্তায় গর্ত', 'বড় গর্ত হয়েছে রাস্তায়', 'roads', 11, 'রোড ৫', 'resolved')$$,
  '42501', null,
  'a citizen cannot set the status of a new complaint'
);
select throws_ok(
  $$insert into public.complaints (title, description, category, ward_id, location, priority)
    values ('রাস্তায় গর্ত', 'বড় গর্ত হয়েছে রাস্তায়', 'roads', 11, 'রোড ৫', 'high')$$,
  '42501', null,
  'a citizen cannot set the priority'
);
select throws_ok(
  $$insert into public.complaints (title, description, category, ward_id, location, citizen_id)
    values ('রাস্তায় গর্ত', 'বড় গর্ত হয়েছে রাস্তায়', 'roads', 11, 'রোড ৫', 'c0a10002-0000-4000-8000-00000000000b')$$,
  '42501', null,
  'a citizen cannot file in someone else''s name'
);
select is_empty(
  $$update public.complaints set status = 'in_progress' where id = (select id from filed) returning id$$,
  'a citizen cannot change the status of their own complaint (no row is theirs to update)'
);
select is_empty(
  $$update public.complaints set priority = 'high', assigned_to = auth.uid() where id = (select id from filed)
    returning id$$,
  'nor its priority or assignment'
);
select throws_ok(
  $$update public.complaints set title = 'অন্য শিরোনাম' where id = (select id from filed)$$,
  '42501', null,
  'nor its text once filed'
);
select throws_ok(
  $$delete from public.complaints where id = (select id from filed)$$,
  '42501', null,
  'nor delete it'
);
select throws_ok(
  $$insert into public.complaint_updates (complaint_id, new_status) values ((select id from filed), 'closed')$$,
  '42501', null,
  'nor write its history'
);
select throws_ok(
  $$insert into public.complaint_photos (complaint_id, storage_path, position)
    values ((select id from filed),
            'c0a10002-0000-4000-8000-00000000000b/d0a10002-0000-4000-8000-000000000009/1.jpg', 3)$$,
  '42501', null,
  'nor attach a photo from someone else''s folder'
);

-- A second complaint of A's, by direct insert (what PostgREST's POST /complaints does), 60 m away.
insert into public.complaints (client_request_id, title, description, category, latitude, longitude)
values ('d0a10002-0000-4000-8000-000000000004', 'পানি আসছে না', 'দুই দিন ধরে লাইনে পানি নেই, সবাই কষ্টে আছি।',
        'water_supply', 24.8954, 91.8687);
select results_eq(
  $$select status::text, priority::text from public.complaints
     where client_request_id = 'd0a10002-0000-4000-8000-000000000004'$$,
  $$values ('submitted', 'high')$$,
  'a direct insert gets the same defaults (water supply starts high)'
);
select results_eq(
  $$select count(*)::int from public.complaints$$, $$values (2)$$,
  'A reads exactly their own two complaints'
);

-- ---------------------------------------------------------------------------------------------------
-- Citizen B: sees nothing of A's, finds it nearby, follows it
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('c0a10002-0000-4000-8000-00000000000b');

select is((select count(*)::int from public.complaints), 0, 'B reads none of A''s complaints');
select is((select count(*)::int from public.complaint_photos), 0, 'nor their photos');
select is((select count(*)::int from public.complaint_updates), 0, 'nor their history');
select results_eq(
  $$select id, title, status::text, is_own, is_following, follower_count
      from public.nearby_open_complaints('cleanliness', 24.8953, 91.8687)$$,
  $$select id, 'রাস্তায় ময়লার স্তূপ', 'submitted', false, false, 0 from filed$$,
  'B finds A''s open cleanliness complaint ~45 m away, with its title only'
);
select ok(
  (select distance_m between 40 and 50 from public.nearby_open_complaints('cleanliness', 24.8953, 91.8687)),
  'the distance is reported in metres'
);
select is(
  (select count(*)::int from public.nearby_open_complaints('cleanliness', 24.8967, 91.8687)), 0,
  'nothing 200 m away'
);
select is(
  (select count(*)::int from public.nearby_open_complaints('roads', 24.8953, 91.8687)), 0,
  'nothing of another category'
);
select throws_ok(
  $$insert into public.complaint_followers (complaint_id, citizen_id)
    values ((select id from filed), 'c0a10002-0000-4000-8000-00000000000a')$$,
  '42501', null,
  'B cannot sign someone else up as a follower'
);
select is(public.follow_complaint((select id from filed)), true, 'B follows A''s complaint ("me too")');
select is(public.follow_complaint((select id from filed)), null, 'following twice changes nothing');
select is(
  public.followed_complaint((select id from filed)) ->> 'title', 'রাস্তায় ময়লার স্তূপ',
  'now B reads the complaint they follow as a follower sees it (05-complaint-followers.sql has the rest)'
);
select is((select count(*)::int from public.complaints), 0, 'but not its row');
select is((select count(*)::int from public.complaint_photos), 0, 'nor its photos');
select results_eq(
  $$select is_following, follower_count from public.nearby_open_complaints('cleanliness', 24.8953, 91.8687)$$,
  $$values (true, 1)$$,
  'nearby shows B as following, with one follower'
);

-- B's own complaint, then B tries to follow it.
select is(
  (select created from public.submit_complaint('d0a10002-0000-4000-8000-000000000009', 'cleanliness',
     'ড্রেন বন্ধ', 'ড্রেন বন্ধ হয়ে পানি জমে আছে রাস্তায়।', null, 24.8950, 91.8688, null,
     array['c0a10002-0000-4000-8000-00000000000b/d0a10002-0000-4000-8000-000000000009/1.jpg'])),
  true,
  'B files their own complaint nearby'
);
select throws_ok(
  $$select public.follow_complaint((select id from public.complaints where citizen_id = auth.uid()))$$,
  '42501', null,
  'B cannot follow their own complaint'
);
select results_eq(
  $$select title, is_own from public.nearby_open_complaints('cleanliness', 24.8953, 91.8687) order by title$$,
  $$values ('ড্রেন বন্ধ'::text, true), ('রাস্তায় ময়লার স্তূপ', false)$$,
  'nearby marks B''s own complaint as theirs'
);

-- ---------------------------------------------------------------------------------------------------
-- Live updates: who may receive complaint:<id> broadcasts
-- ---------------------------------------------------------------------------------------------------
select tests.sign_out();
update public.complaints set status = 'in_progress' where id = (select id from filed);

select results_eq(
  $$select event, private, payload ->> 'status', payload ->> 'old_status' from realtime.messages
     where topic = 'complaint:' || (select id from filed)$$,
  $$values ('status_changed', true, 'in_progress', 'submitted')$$,
  'a status change is broadcast privately on complaint:<id>'
);

select tests.sign_in_as('c0a10002-0000-4000-8000-00000000000a');
select is(tests.can_receive('complaint:' || (select id from filed)), true, 'A receives their complaint''s updates');
select tests.sign_in_as('c0a10002-0000-4000-8000-00000000000b');
select is(tests.can_receive('complaint:' || (select id from filed)), true, 'B receives them as a follower');
delete from public.complaint_followers where complaint_id = (select id from filed);
select is(tests.can_receive('complaint:' || (select id from filed)), false, 'after unfollowing, B does not');
select is(public.followed_complaint((select id from filed)), null, 'nor reads the complaint any more');
select tests.act_as_api_role('anon');
select is(tests.can_receive('complaint:' || (select id from filed)), false, 'anon does not');

-- ---------------------------------------------------------------------------------------------------
-- The status workflow (service role; staff rules come with the staff issue)
-- ---------------------------------------------------------------------------------------------------
select tests.sign_out();
insert into complaint_total select count(*) from public.complaints;
select tests.act_as_api_role('service_role');

select throws_ok(
  $$update public.complaints set status = 'closed' where id = (select id from filed)$$,
  '23514', 'a complaint cannot go from in_progress to closed',
  'in_progress cannot jump to closed'
);
select throws_ok(
  $$update public.complaints set status = 'rejected' where id = (select id from filed)$$,
  '23514', 'a rejected complaint needs a rejection reason',
  'rejecting needs a reason'
);
select throws_ok(
  $$update public.complaints set tracking_number = 'CC-AAAAAAAA' where id = (select id from filed)$$,
  '42501', null,
  'the tracking number never changes, even for the service role'
);
update public.complaints set status = 'resolved' where id = (select id from filed);
select ok(
  (select resolved_at is not null and updated_at >= created_at from public.complaints where id = (select id from filed)),
  'resolving sets resolved_at'
);
update public.complaints set status = 'in_progress' where id = (select id from filed);
select is((select resolved_at from public.complaints where id = (select id from filed)), null,
  'reopening clears resolved_at');
update public.complaints set status = 'resolved' where id = (select id from filed);
update public.complaints set status = 'closed' where id = (select id from filed);
select is((select resolved_at is not null from public.complaints where id = (select id from filed)), true,
  'closing keeps resolved_at');
select throws_ok(
  $$update public.complaints set status = 'in_progress' where id = (select id from filed)$$,
  '23514', null,
  'closed is final'
);
select results_eq(
  $$select old_status::text, new_status::text from public.complaint_updates
     where complaint_id = (select id from filed) order by id$$,
  $$values (null, 'submitted'), ('submitted', 'in_progress'), ('in_progress', 'resolved'),
           ('resolved', 'in_progress'), ('in_progress', 'resolved'), ('resolved', 'closed')$$,
  'every transition is in the history, in order'
);
update public.complaints
   set status = 'rejected', rejection_reason = 'একই সমস্যা আগে জানানো হয়েছে'
 where client_request_id = 'd0a10002-0000-4000-8000-000000000004';
select is(
  (select rejection_reason from public.complaints where client_request_id = 'd0a10002-0000-4000-8000-000000000004'),
  'একই সমস্যা আগে জানানো হয়েছে',
  'rejecting with a reason works'
);
select throws_ok(
  $$update public.complaints set rejection_reason = 'কারণ' where id = (select id from filed)$$,
  '23514', null,
  'only rejected complaints carry a rejection reason'
);
select is((select count(*)::int from public.complaints), (select total from complaint_total),
  'the service role reads every complaint');

-- Staff comments: a public one appears on the tracking page, an internal one does not.
select tests.sign_out();
update public.complaint_updates set comment = 'কর্মী পাঠানো হয়েছে', comment_is_public = true
 where complaint_id = (select id from filed) and old_status = 'submitted';
update public.complaint_updates set comment = 'নাগরিকের সাথে ফোনে কথা হয়েছে'
 where complaint_id = (select id from filed) and new_status = 'closed';

-- ---------------------------------------------------------------------------------------------------
-- A citizen cannot move a complaint even when an update grant exists (the trigger stands behind it)
-- ---------------------------------------------------------------------------------------------------
grant update (status) on public.complaints to authenticated;
create policy "test: anyone may update" on public.complaints for update to authenticated using (true);
select tests.sign_in_as('c0a10002-0000-4000-8000-00000000000b');
select throws_ok(
  $$update public.complaints set status = 'in_progress' where citizen_id = auth.uid()$$,
  '42501', 'only staff can change a complaint''s status, priority or assignment',
  'the trigger refuses a citizen''s status change even if a grant slips'
);
select tests.sign_out();
drop policy "test: anyone may update" on public.complaints;
revoke update (status) on public.complaints from authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Super admin
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('c0a10002-0000-4000-8000-0000000000ad', '{"role": "super_admin"}');
select is((select count(*)::int from public.complaints), (select total from complaint_total),
  'a super admin reads every complaint');
select is(
  (select count(*)::int from public.complaint_photos where split_part(storage_path, '/', 1) in
    ('c0a10002-0000-4000-8000-00000000000a', 'c0a10002-0000-4000-8000-00000000000b')),
  3,
  'and the photo records of A and B'
);
select is(tests.can_receive('complaint:' || (select id from filed)), true, 'and receives live updates');

-- ---------------------------------------------------------------------------------------------------
-- Anon: reference data and the public lookup only
-- ---------------------------------------------------------------------------------------------------
select tests.act_as_api_role('anon');
select is((select count(*)::int from public.wards), 129, 'anon reads wards');
select is((select count(*)::int from public.categories), 6, 'anon reads categories');
select throws_ok($$select * from public.complaints$$, '42501', null, 'anon cannot read complaints');
select throws_ok($$select * from public.complaint_photos$$, '42501', null, 'nor photos');
select throws_ok($$select * from public.complaint_updates$$, '42501', null, 'nor histories');
select throws_ok(
  $$select public.submit_complaint('d0a10002-0000-4000-8000-000000000005', 'roads', 'রাস্তায় গর্ত',
      'বড় গর্ত হয়েছে রাস্তায়', 'রোড ৫', null, null, 11, '{}')$$,
  '42501', null,
  'anon cannot file'
);
select throws_ok(
  $$select public.nearby_open_complaints('cleanliness', 24.8953, 91.8687)$$, '42501', null,
  'anon cannot search nearby complaints'
);

insert into tracked
select public.track_complaint(lower(replace((select tracking_number from filed), '-', ' '))) as result;
select is(
  (select result ->> 'tracking_number' from tracked), (select tracking_number from filed),
  'anon looks a complaint up by its number typed in lower case with a space'
);
select results_eq(
  $$select result ->> 'status', result ->> 'category', result -> 'ward' ->> 'name_en',
           result -> 'ward' ->> 'city_corporation' from tracked$$,
  $$values ('closed', 'cleanliness', 'Ward 11', 'DNCC')$$,
  'and sees status, category and ward'
);
select is(
  (select array_agg(key order by key) from tracked, jsonb_object_keys(result) as key),
  array['category', 'created_at', 'resolved_at', 'status', 'timeline', 'tracking_number', 'updated_at', 'ward'],
  'but no title, description, address, coordinates, photos or citizen'
);
select results_eq(
  $$select entry ->> 'status', entry ->> 'comment'
      from tracked, jsonb_array_elements(result -> 'timeline') with ordinality as t(entry, n) order by n$$,
  $$values ('submitted', null), ('in_progress', 'কর্মী পাঠানো হয়েছে'), ('resolved', null),
           ('in_progress', null), ('resolved', null), ('closed', null)$$,
  'the timeline lists every status, with only the comments staff marked public'
);
select is(public.track_complaint('CC-ZZZZZZZZ'), null, 'an unknown number finds nothing');

select * from finish();
rollback;
