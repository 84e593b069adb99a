-- Help chat (20261205000600_help_chat.sql): one per citizen, in their home ward, answered by that ward's
-- admins and super admins only; complaint chats keep their own rules. Rolled back.
begin;
set local search_path = public, extensions;

select plan(11);

select tests.use_unreachable_sms_function();

select tests.create_person('44a00000-0000-4000-8000-0000000000c1', '8801744000001');
select tests.create_person('44a00000-0000-4000-8000-0000000000c2', '8801744000002');
select tests.create_person('44a00000-0000-4000-8000-0000000000a1', '8801744000003', 'ward_admin', '{44}');
select tests.create_person('44a00000-0000-4000-8000-0000000000a2', '8801744000004', 'ward_admin', '{45}');
select tests.create_person('44a00000-0000-4000-8000-0000000000b1', '8801744000005', 'service_provider', '{44}');
select tests.create_person('44a00000-0000-4000-8000-0000000000ad', '8801744000006', 'super_admin');
update public.profiles set ward_id = 44 where id = '44a00000-0000-4000-8000-0000000000c1';

create temporary table help (id uuid) on commit drop;
grant all on help to authenticated;

select tests.sign_in_as('44a00000-0000-4000-8000-0000000000c2');
select is(tests.outcome('select public.open_help_conversation()'), 'CC422 422',
  'a citizen without a home ward is asked to choose one first');
select tests.sign_in_as('44a00000-0000-4000-8000-0000000000c1');
insert into help select public.open_help_conversation();
select is(public.open_help_conversation(), (select id from help), 'one help chat per citizen');
select is((select ward_id from public.conversations where id = (select id from help)), 44, 'in their home ward');
select lives_ok(format($$ insert into public.chat_messages (conversation_id, body) values (%L, 'প্রশ্ন') $$,
                       (select id from help)), 'the citizen writes into it');

select tests.sign_out();
select is(
  (select array_agg(recipient_id::text || ' ' || (data ->> 'conversation_id') order by recipient_id)
     from public.notifications where kind = 'chat_message' and data ->> 'conversation_id' = (select id from help)::text),
  array['44a00000-0000-4000-8000-0000000000a1 ' || (select id from help)],
  'the ward''s admin is notified of it (not other wards'' admins, the ward''s provider or super admins)');
select tests.sign_in_as('44a00000-0000-4000-8000-0000000000a1');
select lives_ok(format($$ insert into public.chat_messages (conversation_id, body) values (%L, 'উত্তর') $$,
                       (select id from help)), 'the ward''s admin answers');
select tests.sign_out();
select is((select count(*)::int from public.notifications where kind = 'chat_message'
            and data ->> 'conversation_id' = (select id from help)::text
            and recipient_id = '44a00000-0000-4000-8000-0000000000c1'), 1, 'and the citizen of the answer');
select tests.sign_in_as('44a00000-0000-4000-8000-0000000000ad');
select is((select count(*)::int from public.chat_messages where conversation_id = (select id from help)), 2,
  'a super admin reads it');
select tests.sign_in_as('44a00000-0000-4000-8000-0000000000a2');
select is_empty(format($$ select * from public.chat_messages where conversation_id = %L $$, (select id from help)),
  'the admin of another ward does not');
select tests.sign_in_as('44a00000-0000-4000-8000-0000000000b1');
select tests.rls_refuses(
  format($$ insert into public.chat_messages (conversation_id, body) values (%L, 'আমি') $$, (select id from help)),
  'chat_messages', 'nor does a service provider of the ward write into it');
select tests.sign_in_as('44a00000-0000-4000-8000-0000000000c2');
select ok(not tests.can_receive('chat:' || (select id from help)), 'nor another citizen receive it live');
select tests.sign_out();

select * from finish();
rollback;
