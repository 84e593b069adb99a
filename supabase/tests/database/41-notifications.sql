-- Notifications (20261205000300_notifications.sql): created by triggers for the citizen and followers on a
-- status change or a reply (never for notes, never for the one who acted), read and marked read only by
-- their recipient, broadcast on user:<uid>, and texted per the person's preferences (default: status
-- changes of their own complaints) with their language and quiet hours. Rolled back.
-- Needs the tests.* helpers of 00-helpers.sql.
begin;
set local search_path = public, extensions;

select plan(27);

select tests.use_unreachable_sms_function();

select tests.create_person('41a00000-0000-4000-8000-0000000000c1', '8801741000001');
select tests.create_person('41a00000-0000-4000-8000-0000000000f1', '8801741000002');
select tests.create_person('41a00000-0000-4000-8000-0000000000f2', '8801741000003');
select tests.create_person('41a00000-0000-4000-8000-0000000000a1', '8801741000004', 'ward_admin', '{41}');
insert into public.complaints (id, citizen_id, title, description, category, priority, location, ward_id)
values ('41c00000-0000-4000-8000-000000000001', '41a00000-0000-4000-8000-0000000000c1', 'ড্রেন বন্ধ',
        'গলির ড্রেন কয়েক দিন ধরে বন্ধ হয়ে আছে।', 'cleanliness', 'medium', 'গলি ৪১', 41);
insert into public.complaint_followers (complaint_id, citizen_id) values
  ('41c00000-0000-4000-8000-000000000001', '41a00000-0000-4000-8000-0000000000f1'),
  ('41c00000-0000-4000-8000-000000000001', '41a00000-0000-4000-8000-0000000000f2');
-- F2 reads English and wants SMS for what they follow, at night too.
update public.profiles set preferred_language = 'en' where id = '41a00000-0000-4000-8000-0000000000f2';
insert into public.notification_preferences (user_id, sms_status_followed, quiet_hours)
values ('41a00000-0000-4000-8000-0000000000f2', true, false);
-- The citizen turned quiet hours off, so the test does not depend on the hour.
insert into public.notification_preferences (user_id, quiet_hours)
values ('41a00000-0000-4000-8000-0000000000c1', false);

select is((select count(*)::int from public.notifications
            where complaint_id = '41c00000-0000-4000-8000-000000000001'), 0, 'filing a complaint notifies nobody');

-- The ward admin moves it to in_progress, with a public comment.
select tests.sign_in_as('41a00000-0000-4000-8000-0000000000a1');
select public.staff_update_complaint('41c00000-0000-4000-8000-000000000001', 1, 'in_progress', 'কাজ শুরু', true);
select tests.sign_out();

select is(
  (select array_agg(recipient_id::text || ' ' || (data ->> 'following') order by recipient_id)
     from public.notifications where complaint_id = '41c00000-0000-4000-8000-000000000001'),
  array['41a00000-0000-4000-8000-0000000000c1 false', '41a00000-0000-4000-8000-0000000000f1 true',
        '41a00000-0000-4000-8000-0000000000f2 true'],
  'a status change notifies the citizen and each follower, not the staff member who made it');
select is((select data ->> 'status' from public.notifications
            where recipient_id = '41a00000-0000-4000-8000-0000000000c1'), 'in_progress', 'with the new status');
select is(
  (select count(*)::int from realtime.messages
    where topic = 'user:41a00000-0000-4000-8000-0000000000c1' and event = 'notification' and private),
  1, 'and is broadcast on the citizen''s private user topic, for the bell');

-- SMS per preferences.
select is((select body from private.sms_outbox where to_phone = '+8801741000001'),
  'ক্লিন কেয়ার: আপনার অভিযোগ ' || (select tracking_number from public.complaints
                                     where id = '41c00000-0000-4000-8000-000000000001') || ' এখন কাজ চলছে।',
  'the citizen gets the Bengali status SMS by default');
select is((select count(*)::int from private.sms_outbox where to_phone = '+8801741000002'), 0,
  'a follower gets no SMS unless they asked for one');
select matches((select body from private.sms_outbox where to_phone = '+8801741000003'),
  '^Clean Care: followed complaint CC-[A-Z0-9]{8} is now in progress\.$',
  'a follower who asked gets it, in their language');
select is((select quiet_hours from private.sms_outbox where to_phone = '+8801741000003'), false,
  'with their quiet-hours choice');

-- Turning status SMS off stops them.
update public.notification_preferences set sms_status_mine = false
 where user_id = '41a00000-0000-4000-8000-0000000000c1';
select tests.sign_in_as('41a00000-0000-4000-8000-0000000000a1');
select public.staff_update_complaint('41c00000-0000-4000-8000-000000000001', 2, 'resolved', null, false);
select tests.sign_out();
select is((select count(*)::int from private.sms_outbox where to_phone = '+8801741000001'), 1,
  'with status SMS turned off the next change sends none');
select is((select count(*)::int from public.notifications
            where recipient_id = '41a00000-0000-4000-8000-0000000000c1'), 2, 'but still notifies in the app');

-- Replies: the citizen always, followers only when public; notes: nobody.
select tests.sign_in_as('41a00000-0000-4000-8000-0000000000a1');
select public.staff_write_to_complaint('41c00000-0000-4000-8000-000000000001', 'ব্যক্তিগত উত্তর', false, false);
select public.staff_write_to_complaint('41c00000-0000-4000-8000-000000000001', 'ভেতরের নোট', true);
select tests.sign_out();
select is((select array_agg(recipient_id::text) from public.notifications where kind = 'complaint_reply'
            and complaint_id = '41c00000-0000-4000-8000-000000000001'),
  array['41a00000-0000-4000-8000-0000000000c1'],
  'a private reply notifies the citizen only; an internal note nobody');
select tests.sign_in_as('41a00000-0000-4000-8000-0000000000a1');
select public.staff_write_to_complaint('41c00000-0000-4000-8000-000000000001', 'সবার জন্য উত্তর', false, true);
select tests.sign_out();
select is((select count(*)::int from public.notifications where kind = 'complaint_reply'
            and complaint_id = '41c00000-0000-4000-8000-000000000001'), 4,
  'a public reply notifies the followers too');

-- Chat messages: in the app always, by SMS only for those who chose sms_chat (off by default).
select tests.sign_in_as('41a00000-0000-4000-8000-0000000000a1');
select public.open_conversation('41c00000-0000-4000-8000-000000000001');
insert into public.chat_messages (conversation_id, body)
select id, 'কাল সকালে যাব।' from public.conversations where complaint_id = '41c00000-0000-4000-8000-000000000001';
select tests.sign_out();
select is((select count(*)::int from private.sms_outbox
            where to_phone = '+8801741000001' and purpose = 'notification.chat_message'), 0,
  'a chat message notifies the citizen in the app but sends no SMS by default');
update public.notification_preferences set sms_chat = true where user_id = '41a00000-0000-4000-8000-0000000000c1';
select tests.sign_in_as('41a00000-0000-4000-8000-0000000000a1');
insert into public.chat_messages (conversation_id, body)
select id, 'পৌঁছে গেছি।' from public.conversations where complaint_id = '41c00000-0000-4000-8000-000000000001';
select tests.sign_out();
select is((select body from private.sms_outbox
            where to_phone = '+8801741000001' and purpose = 'notification.chat_message'),
  'ক্লিন কেয়ার: অভিযোগ ' || (select tracking_number from public.complaints
                              where id = '41c00000-0000-4000-8000-000000000001') || ' নিয়ে নতুন বার্তা। অ্যাপে দেখুন।',
  'with sms_chat turned on the next message is texted, in Bengali');
select is((select count(*)::int from public.notifications where kind = 'chat_message'
            and recipient_id = '41a00000-0000-4000-8000-0000000000c1'), 2, 'and both are in the app');
-- Out of the way of the counts below.
delete from public.notifications where kind = 'chat_message' and recipient_id = '41a00000-0000-4000-8000-0000000000c1';

-- Reading and marking read.
select tests.sign_in_as('41a00000-0000-4000-8000-0000000000f1');
select is((select count(*)::int from public.notifications), 3, 'a person sees only their own notifications');
select is((select count(*)::int from public.notifications where read_at is null), 3, 'all unread at first');
select is(public.mark_notifications_read(array[(select min(id) from public.notifications)]), 1,
  'marking one read changes one');
select is(public.mark_notifications_read(array(select id from public.notifications
  where recipient_id = '41a00000-0000-4000-8000-0000000000c1')), 0, 'nor can anyone mark another''s');
select is(public.mark_notifications_read(), 2, 'mark all read changes the rest');
select is((select count(*)::int from public.notifications where read_at is null), 0, 'none unread after');
select throws_ok($$ update public.notifications set recipient_id = auth.uid() $$, '42501', null,
  'nobody can take over notifications (only read_at is writable)');
select throws_ok($$ insert into public.notifications (recipient_id, kind) values (auth.uid(), 'complaint_status') $$,
  '42501', null, 'nobody can create notifications through the API');
select tests.sign_in_as('41a00000-0000-4000-8000-0000000000c1');
select is((select count(*)::int from public.notifications where read_at is null), 4,
  'the citizen''s notifications are untouched by the follower''s mark-all');
select tests.rls_refuses(
  $$ insert into public.notification_preferences (user_id) values ('41a00000-0000-4000-8000-0000000000f1') $$,
  'notification_preferences', 'nobody sets another person''s preferences');
select is_empty($$ select * from public.notification_preferences
                    where user_id <> '41a00000-0000-4000-8000-0000000000c1' $$,
  'nor reads them');
select tests.act_as_api_role('anon');
select throws_ok($$ select count(*) from public.notifications $$, '42501', null, 'visitors read no notifications');
select tests.sign_out();

select * from finish();
rollback;
