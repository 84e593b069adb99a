-- Realtime: realtime.messages and its helpers, and the policies that keep private topics `user:<uid>`
-- to their owner. Realtime checks a private channel by what the user may SELECT (receive) and INSERT
-- (send) in realtime.messages while realtime.topic() names the channel; these tests do the same.
-- Runs in one transaction that is rolled back.
-- Needs the tests.* helpers of 00-helpers.sql (which runs first).
begin;
set local search_path = public, extensions;

select plan(27);

-- ---------------------------------------------------------------------------------------------------
-- Shape and helpers (as the test's login role, postgres)
-- ---------------------------------------------------------------------------------------------------
select has_table('realtime', 'messages', 'realtime.messages exists');
select is(
  (select relrowsecurity from pg_class where oid = 'realtime.messages'::regclass), true,
  'row level security is on for realtime.messages'
);
select ok(
  has_table_privilege('authenticated', 'realtime.messages', 'select, insert, update'),
  'authenticated may select, insert and update realtime.messages, subject to RLS'
);

set local realtime.topic = 'user:00000000-0000-4000-8000-00000000000a';
select is(realtime.topic(), 'user:00000000-0000-4000-8000-00000000000a', 'realtime.topic() reads realtime.topic');
set local realtime.topic = '';
select is(realtime.topic(), null, 'realtime.topic() is null when no channel is being authorised');

select lives_ok(
  $$ select realtime.send('{"text": "hello"}', 'note', 'user:00000000-0000-4000-8000-00000000000a') $$,
  'postgres sends with realtime.send'
);
select results_eq(
  $$ select extension, event, private, payload ->> 'text', payload ->> 'id' = id::text
       from realtime.messages
      where topic = 'user:00000000-0000-4000-8000-00000000000a' and event = 'note' $$,
  $$ values ('broadcast', 'note', true, 'hello', true) $$,
  'realtime.send stores a private broadcast whose payload carries the message id'
);
select lives_ok(
  $$ select realtime.send('{"text": "hi all"}', 'note', 'lobby', false) $$,
  'realtime.send can send to a public topic'
);
select is(
  (select private from realtime.messages where topic = 'lobby' and event = 'note'), false,
  'the message to a public topic is not private'
);
set local client_min_messages = error; -- the expected warning would only clutter the output
select lives_ok(
  $$ select realtime.send('{}', 'note', null) $$,
  'a failing realtime.send warns instead of breaking the caller''s transaction'
);
set local client_min_messages = notice;

select lives_ok(
  $$ select realtime.broadcast_changes('user:00000000-0000-4000-8000-00000000000a', 'changed', 'UPDATE',
                                       'complaints', 'public', row(2, 'resolved'), row(2, 'open')) $$,
  'realtime.broadcast_changes sends a row change'
);
select results_eq(
  $$ select payload ->> 'operation', payload ->> 'table', payload ->> 'schema',
            payload -> 'record' ->> 'f2', payload -> 'old_record' ->> 'f2', private
       from realtime.messages where event = 'changed' $$,
  $$ values ('UPDATE', 'complaints', 'public', 'resolved', 'open', true) $$,
  'broadcast_changes sends {record, old_record, operation, table, schema} privately'
);
select throws_ok(
  $$ select realtime.broadcast_changes('t', 'e', 'TRUNCATE', 'x', 'public', null::record, null::record) $$,
  'P0001', null,
  'broadcast_changes refuses operations other than INSERT, UPDATE and DELETE'
);

-- Messages on each user's topic, for the read checks below.
insert into realtime.messages (topic, extension, event, payload, private)
values ('user:00000000-0000-4000-8000-00000000000b', 'broadcast', 'note', '{"for": "b"}', true);

-- ---------------------------------------------------------------------------------------------------
-- User A on their own topic
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('00000000-0000-4000-8000-00000000000a');
set local realtime.topic = 'user:00000000-0000-4000-8000-00000000000a';
select is(
  (select count(*)::int from realtime.messages where topic = 'user:00000000-0000-4000-8000-00000000000a'), 2,
  'user A receives on user:<A>'
);
select lives_ok(
  $$ insert into realtime.messages (topic, extension) values ('user:00000000-0000-4000-8000-00000000000a', 'broadcast') $$,
  'user A may broadcast on user:<A>'
);
select lives_ok(
  $$ insert into realtime.messages (topic, extension) values ('user:00000000-0000-4000-8000-00000000000a', 'presence') $$,
  'user A may track presence on user:<A>'
);
select is_empty(
  $$ select 1 from realtime.messages where topic <> 'user:00000000-0000-4000-8000-00000000000a' $$,
  'while joined to user:<A>, user A sees no other topic''s messages'
);
select tests.rls_refuses(
  $$ insert into realtime.messages (topic, extension) values ('user:00000000-0000-4000-8000-00000000000a', 'postgres_changes') $$,
  'messages', 'only broadcast and presence rows are allowed on user:<A>'
);
select throws_ok(
  $$ select realtime.send('{}', 'note', 'user:00000000-0000-4000-8000-00000000000a') $$,
  '42501', 'permission denied for function send',
  'signed-in users cannot call realtime.send directly'
);

-- ---------------------------------------------------------------------------------------------------
-- User A on user B's topic
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('00000000-0000-4000-8000-00000000000a');
set local realtime.topic = 'user:00000000-0000-4000-8000-00000000000b';
select is_empty(
  $$ select 1 from realtime.messages where topic = 'user:00000000-0000-4000-8000-00000000000b' $$,
  'user A cannot receive on user:<B>'
);
select tests.rls_refuses(
  $$ insert into realtime.messages (topic, extension) values ('user:00000000-0000-4000-8000-00000000000b', 'broadcast') $$,
  'messages', 'user A cannot broadcast on user:<B>'
);
select tests.rls_refuses(
  $$ insert into realtime.messages (topic, extension) values ('user:00000000-0000-4000-8000-00000000000b', 'presence') $$,
  'messages', 'user A cannot track presence on user:<B>'
);

-- ---------------------------------------------------------------------------------------------------
-- User B on their own topic
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('00000000-0000-4000-8000-00000000000b');
set local realtime.topic = 'user:00000000-0000-4000-8000-00000000000b';
select is(
  (select payload ->> 'for' from realtime.messages where topic = 'user:00000000-0000-4000-8000-00000000000b'),
  'b',
  'user B receives on user:<B>'
);
select lives_ok(
  $$ insert into realtime.messages (topic, extension) values ('user:00000000-0000-4000-8000-00000000000b', 'broadcast') $$,
  'user B may broadcast on user:<B>'
);

-- ---------------------------------------------------------------------------------------------------
-- Anonymous callers
-- ---------------------------------------------------------------------------------------------------
select tests.act_as_api_role('anon');
set local realtime.topic = 'user:00000000-0000-4000-8000-00000000000a';
select is_empty(
  $$ select 1 from realtime.messages $$,
  'anon cannot receive on a user topic'
);
select tests.rls_refuses(
  $$ insert into realtime.messages (topic, extension) values ('user:00000000-0000-4000-8000-00000000000a', 'broadcast') $$,
  'messages', 'anon cannot broadcast on a user topic'
);
select tests.rls_refuses(
  $$ insert into realtime.messages (topic, extension) values ('user:', 'broadcast') $$,
  'messages', 'anon cannot use the topic of the user without an id'
);

select * from finish();
rollback;
