-- Chat about a complaint (20261205000400_chat.sql), for every caller: the citizen who filed it, staff in
-- its scope (ward admin of its ward, the assigned service provider, a super admin), and those outside (a
-- follower, another citizen, the admin of another ward, a visitor). Bad input and flooding are refused;
-- messages go live on chat:<id> only to the people in it and notify the other side. Rolled back.
begin;
set local search_path = public, extensions;

select plan(49);

select tests.use_unreachable_sms_function();

select tests.create_person('42a00000-0000-4000-8000-0000000000c1', '8801742000001');
select tests.create_person('42a00000-0000-4000-8000-0000000000f1', '8801742000002');
select tests.create_person('42a00000-0000-4000-8000-0000000000c2', '8801742000003');
select tests.create_person('42a00000-0000-4000-8000-0000000000a1', '8801742000004', 'ward_admin', '{42}');
select tests.create_person('42a00000-0000-4000-8000-0000000000a2', '8801742000005', 'ward_admin', '{43}');
select tests.create_person('42a00000-0000-4000-8000-0000000000b1', '8801742000006', 'service_provider', '{42}');
select tests.create_person('42a00000-0000-4000-8000-0000000000ad', '8801742000007', 'super_admin');
insert into public.complaints (id, citizen_id, title, description, category, priority, location, ward_id)
values ('42c00000-0000-4000-8000-000000000001', '42a00000-0000-4000-8000-0000000000c1', 'ময়লা জমে আছে',
        'গলির মুখে কয়েক দিন ধরে ময়লা জমে আছে।', 'cleanliness', 'medium', 'গলি ৪২', 42);
update public.complaints set assigned_to = '42a00000-0000-4000-8000-0000000000b1'
 where id = '42c00000-0000-4000-8000-000000000001';
insert into public.complaint_followers (complaint_id, citizen_id)
values ('42c00000-0000-4000-8000-000000000001', '42a00000-0000-4000-8000-0000000000f1');

-- Opening ------------------------------------------------------------------------------------------------
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000c1');
create temporary table chat (id uuid) on commit drop;
grant all on chat to authenticated, anon;
insert into chat select public.open_conversation('42c00000-0000-4000-8000-000000000001');
select isnt((select id from chat), null, 'the citizen who filed the complaint opens its chat');
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000a1');
select is(public.open_conversation('42c00000-0000-4000-8000-000000000001'), (select id from chat),
  'the ward''s admin gets the same conversation');
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000f1');
select is(tests.outcome($$ select public.open_conversation('42c00000-0000-4000-8000-000000000001') $$),
  'CC404 404', 'a follower cannot open it');
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000c2');
select is(tests.outcome($$ select public.open_conversation('42c00000-0000-4000-8000-000000000001') $$),
  'CC404 404', 'nor another citizen');
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000a2');
select is(tests.outcome($$ select public.open_conversation('42c00000-0000-4000-8000-000000000001') $$),
  'CC404 404', 'nor the admin of another ward');

-- Writing --------------------------------------------------------------------------------------------------
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000c1');
select lives_ok(
  format($$ insert into public.chat_messages (conversation_id, body) values (%L, '  কবে আসবেন?  ') $$,
         (select id from chat)), 'the citizen writes');
select is((select body from public.chat_messages where conversation_id = (select id from chat)), 'কবে আসবেন?',
  'the text is kept trimmed, as theirs');
select is((select count(*)::int from public.notifications where kind = 'chat_message'
            and recipient_id = '42a00000-0000-4000-8000-0000000000b1'), 0,
  'nobody else''s notifications are visible to the citizen');
select tests.sign_out();
select is((select count(*)::int from public.notifications where kind = 'chat_message'
            and recipient_id = '42a00000-0000-4000-8000-0000000000b1'), 1,
  'the assigned service provider is notified of the citizen''s message');
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000a1');
select lives_ok(
  format($$ insert into public.chat_messages (conversation_id, body) values (%L, 'আজ বিকেলে।') $$,
         (select id from chat)), 'the ward admin writes');
select tests.sign_out();
select is((select data ->> 'tracking_number' from public.notifications where kind = 'chat_message'
            and recipient_id = '42a00000-0000-4000-8000-0000000000c1'),
  (select tracking_number from public.complaints where id = '42c00000-0000-4000-8000-000000000001'),
  'the citizen is notified of the staff''s answer');
select is((select count(*)::int from realtime.messages where topic = 'chat:' || (select id from chat)
            and event = 'message' and private), 2, 'each message is broadcast on the private chat topic');

select tests.sign_in_as('42a00000-0000-4000-8000-0000000000f1');
select tests.rls_refuses(
  format($$ insert into public.chat_messages (conversation_id, body) values (%L, 'আমিও') $$, (select id from chat)),
  'chat_messages', 'a follower cannot write into the chat');
select is_empty(format($$ select * from public.chat_messages where conversation_id = %L $$, (select id from chat)),
  'nor read it');
select ok(not tests.can_receive('chat:' || (select id from chat)), 'nor receive it live');
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000c2');
select tests.rls_refuses(
  format($$ insert into public.chat_messages (conversation_id, body) values (%L, 'হ্যালো') $$, (select id from chat)),
  'chat_messages', 'another citizen cannot write into someone else''s chat');
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000a2');
select is_empty(format($$ select * from public.conversations where id = %L $$, (select id from chat)),
  'the admin of another ward does not see the conversation');
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000b1');
select is((select count(*)::int from public.chat_messages where conversation_id = (select id from chat)), 2,
  'the assigned provider reads the chat');
select ok(tests.can_receive('chat:' || (select id from chat)), 'and receives it live');
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000ad');
select is((select count(*)::int from public.chat_messages where conversation_id = (select id from chat)), 2,
  'a super admin reads it');
select tests.act_as_api_role('anon');
select throws_ok($$ select * from public.chat_messages $$, '42501', null, 'visitors read nothing');

-- Bad input ------------------------------------------------------------------------------------------------
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000c1');
select throws_ok(format($$ insert into public.chat_messages (conversation_id, body) values (%L, %L) $$,
                        (select id from chat), repeat('ক', 2001)),
  '23514', null, 'a message over 2,000 characters is refused');
select throws_ok(format($$ insert into public.chat_messages (conversation_id, body) values (%L, '   ') $$,
                        (select id from chat)),
  '23514', null, 'an empty message is refused');
select throws_ok(format($$ insert into public.chat_messages (conversation_id, body) values (%L, %L) $$,
                        (select id from chat), 'bell' || chr(7)),
  '23514', null, 'control characters are refused');
select throws_ok(
  format($$ insert into public.chat_messages (conversation_id, sender_id, body) values (%L, %L, 'আমি অ্যাডমিন') $$,
         (select id from chat), '42a00000-0000-4000-8000-0000000000a1'),
  '42501', null, 'nobody writes in someone else''s name');
select is((select count(*)::int from public.chat_messages where conversation_id = (select id from chat)), 2,
  'nothing of the refused messages was stored');

-- Photos: only from the sender's own folder for this conversation; a photo may go without words.
select throws_ok(
  format($$ insert into public.chat_messages (conversation_id, body, photo_path) values (%L, '', %L) $$,
         (select id from chat),
         '42a00000-0000-4000-8000-0000000000a1/chat-' || (select id from chat) || '/0123456789abcdef0123456789abcdef.jpg'),
  '23514', null, 'nobody sends a photo out of someone else''s folder');
select lives_ok(
  format($$ insert into public.chat_messages (conversation_id, body, photo_path) values (%L, '', %L) $$,
         (select id from chat),
         '42a00000-0000-4000-8000-0000000000c1/chat-' || (select id from chat) || '/0123456789abcdef0123456789abcdef.jpg'),
  'a photo from one''s own chat folder may go without words');

-- Asking before uploading a photo: the same answers as the insert would give.
select lives_ok(format($$ select public.check_chat_message(%L) $$, (select id from chat)),
  'the citizen may send now (asked before a photo is uploaded)');
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000b1');
select lives_ok(format($$ select public.check_chat_message(%L) $$, (select id from chat)),
  'so may the assigned provider');
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000f1');
select throws_ok(format($$ select public.check_chat_message(%L) $$, (select id from chat)), '42501', null,
  'a follower is told it is not theirs');
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000a2');
select throws_ok(format($$ select public.check_chat_message(%L) $$, (select id from chat)), '42501', null,
  'so is the admin of another ward');
select tests.act_as_api_role('anon');
select throws_ok(format($$ select public.check_chat_message(%L) $$, (select id from chat)), '42501', null,
  'visitors cannot ask');
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000c1');

-- Flooding: 10 a minute, the 11th refused.
select lives_ok(format($$ insert into public.chat_messages (conversation_id, body)
                          select %L, 'বার্তা ' || n from generate_series(1, 8) as n $$, (select id from chat)),
  'ten messages in a minute are fine');
select is(tests.outcome(format($$ insert into public.chat_messages (conversation_id, body) values (%L, 'আবার') $$,
                                    (select id from chat))),
  'CC429 429', 'the eleventh within a minute is refused as too many');
select is(tests.outcome(format($$ select public.check_chat_message(%L) $$, (select id from chat))),
  'CC429 429', 'and asking first gives the same answer, so no photo is uploaded for nothing');

-- Read receipts ------------------------------------------------------------------------------------------
select public.mark_conversation_read((select id from chat));
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000a1');
select is((select (citizen_read_at is not null, staff_read_at is null) from public.conversations
            where id = (select id from chat)), (true, true), 'the citizen''s read receipt is recorded as theirs');
select public.mark_conversation_read((select id from chat));
select ok((select staff_read_at is not null from public.conversations where id = (select id from chat)),
  'and staff''s as staff''s');
select tests.sign_out();
select is((select array_agg(payload ->> 'reader' order by payload ->> 'reader') from realtime.messages
            where topic = 'chat:' || (select id from chat) and event = 'read' and private),
  array['citizen', 'staff'], 'each read receipt is broadcast on the private chat topic, saying whose it is');
select ok((select bool_and((payload ->> 'read_at')::timestamptz = now()) from realtime.messages
            where topic = 'chat:' || (select id from chat) and event = 'read'),
  'with the time read, for the "seen" marks');
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000f1');
select is(tests.outcome(format($$ select public.mark_conversation_read(%L) $$, (select id from chat))),
  'CC404 404', 'a follower cannot mark it read (nor broadcast a receipt)');
select tests.act_as_api_role('anon');
select throws_ok(format($$ select public.mark_conversation_read(%L) $$, (select id from chat)), '42501', null,
  'nor can a visitor');
select tests.sign_out();

-- Who hears of a citizen's message on an unassigned complaint: the ward's admins -----------------------
insert into public.complaints (id, citizen_id, title, description, category, priority, location, ward_id)
values ('42c00000-0000-4000-8000-000000000002', '42a00000-0000-4000-8000-0000000000c2', 'বাতি নেই',
        'রাস্তার বাতি এক সপ্তাহ ধরে জ্বলছে না।', 'cleanliness', 'medium', 'গলি ৪২/২', 42);
select tests.create_person('42a00000-0000-4000-8000-0000000000a3', '8801742000008', 'ward_admin', '{41,42}');
insert into public.notification_preferences (user_id, sms_chat, quiet_hours)
values ('42a00000-0000-4000-8000-0000000000a3', true, false);
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000c2');
select public.open_conversation('42c00000-0000-4000-8000-000000000002');
insert into public.chat_messages (conversation_id, body)
select id, 'কেউ কি দেখছেন?' from public.conversations where complaint_id = '42c00000-0000-4000-8000-000000000002';
select tests.sign_out();
select is(
  (select array_agg(recipient_id::text order by recipient_id) from public.notifications
    where kind = 'chat_message' and complaint_id = '42c00000-0000-4000-8000-000000000002'),
  array['42a00000-0000-4000-8000-0000000000a1', '42a00000-0000-4000-8000-0000000000a3'],
  'a message on an unassigned complaint notifies the ward''s admins (not other wards'', providers or super admins)');
select ok((select bool_and((data ->> 'staff')::boolean) from public.notifications
            where kind = 'chat_message' and complaint_id = '42c00000-0000-4000-8000-000000000002'),
  'marked as for staff (their link leads to the staff side)');
select is((select count(*)::int from realtime.messages
            where topic = 'user:42a00000-0000-4000-8000-0000000000a1' and event = 'notification'), 1,
  'it lights the admin''s bell live');
select is((select count(*)::int from private.sms_outbox where to_phone = '+8801742000008'), 1,
  'an admin who chose chat SMS is texted');
select is((select count(*)::int from private.sms_outbox where to_phone = '+8801742000004'), 0,
  'one who did not, is not');
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000a1');
insert into public.chat_messages (conversation_id, body)
select id, 'দেখছি।' from public.conversations where complaint_id = '42c00000-0000-4000-8000-000000000002';
select tests.sign_out();
select is((select count(*)::int from public.notifications where kind = 'chat_message'
            and complaint_id = '42c00000-0000-4000-8000-000000000002'
            and recipient_id <> '42a00000-0000-4000-8000-0000000000c2'), 2,
  'the admin''s answer notifies the citizen only, not the other admins');
update public.complaints set assigned_to = '42a00000-0000-4000-8000-0000000000b1'
 where id = '42c00000-0000-4000-8000-000000000002';
select tests.sign_in_as('42a00000-0000-4000-8000-0000000000c2');
insert into public.chat_messages (conversation_id, body)
select id, 'ধন্যবাদ' from public.conversations where complaint_id = '42c00000-0000-4000-8000-000000000002';
select tests.sign_out();
select is((select array_agg(recipient_id::text) from public.notifications where kind = 'chat_message'
            and complaint_id = '42c00000-0000-4000-8000-000000000002'
            and id > (select max(id) from public.notifications where recipient_id = '42a00000-0000-4000-8000-0000000000c2')),
  array['42a00000-0000-4000-8000-0000000000b1'], 'once assigned, only the assigned provider hears of it');

select * from finish();
rollback;
