-- Ward alerts (20261205000500_ward_alerts.sql): watching a ward as oneself only; a new complaint there
-- notifies in-app watchers (tracking number and ward only, not the filer); the daily digest texts each
-- SMS watcher once with the day's count in Bengali. Rolled back.
begin;
set local search_path = public, extensions;

select plan(9);

select tests.use_unreachable_sms_function();

select tests.create_person('43a00000-0000-4000-8000-000000000001', '8801743000001');
select tests.create_person('43a00000-0000-4000-8000-000000000002', '8801743000002');
select tests.create_person('43a00000-0000-4000-8000-000000000003', '8801743000003');

select tests.sign_in_as('43a00000-0000-4000-8000-000000000001');
select lives_ok($$ insert into public.ward_subscriptions (ward_id) values (43) $$, 'a person watches a ward in the app');
select tests.rls_refuses(
  $$ insert into public.ward_subscriptions (user_id, ward_id) values ('43a00000-0000-4000-8000-000000000002', 44) $$,
  'ward_subscriptions', 'nobody subscribes someone else');
select tests.sign_in_as('43a00000-0000-4000-8000-000000000002');
select lives_ok($$ insert into public.ward_subscriptions (ward_id, channel) values (43, 'sms_digest') $$,
  'or by a daily SMS digest');
select is_empty($$ select * from public.ward_subscriptions where user_id <> auth.uid() $$,
  'nobody sees who else watches');
select tests.sign_out();

insert into public.complaints (citizen_id, title, description, category, priority, location, ward_id)
select '43a00000-0000-4000-8000-000000000003', 'ড্রেন বন্ধ ' || n, 'গলির ড্রেন কয়েক দিন ধরে বন্ধ হয়ে আছে।',
       'cleanliness', 'medium', 'গলি ৪৩', 43
  from generate_series(1, 3) as n;
insert into public.complaints (citizen_id, title, description, category, priority, location, ward_id)
values ('43a00000-0000-4000-8000-000000000001', 'নিজের অভিযোগ', 'নিজের ওয়ার্ডে নিজের দেওয়া একটি অভিযোগ।',
        'cleanliness', 'medium', 'গলি ৪৩', 43);

select is((select count(*)::int from public.notifications
            where recipient_id = '43a00000-0000-4000-8000-000000000001' and kind = 'ward_complaint'), 3,
  'each new complaint in the ward notifies the in-app watcher, except their own');
select is((select array_agg(key order by key) from public.notifications, jsonb_object_keys(data) as key
            where recipient_id = '43a00000-0000-4000-8000-000000000001' and kind = 'ward_complaint'
            group by id limit 1), array['tracking_number', 'ward'],
  'telling only the tracking number and the ward');
select is((select count(*)::int from public.notifications
            where recipient_id = '43a00000-0000-4000-8000-000000000002'), 0,
  'digest watchers get no notification per complaint');

select private.send_ward_digests();
select private.send_ward_digests();
select is((select count(*)::int from private.sms_outbox where to_phone = '+8801743000002' and purpose = 'ward.digest'), 1,
  'the digest is queued once a day, however often it runs');
select is((select body from private.sms_outbox where to_phone = '+8801743000002' and purpose = 'ward.digest'),
  'ক্লিন কেয়ার: ওয়ার্ড ৪৩-এ আজ ৪টি নতুন অভিযোগ।', 'with the day''s count in Bengali');

select * from finish();
rollback;
