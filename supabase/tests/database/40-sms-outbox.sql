-- The SMS outbox (20261205000200_sms_outbox.sql): queuing once per key, refusals, opt-outs, quiet hours,
-- claiming for delivery through pg_net, and settling the sms function's answers (sent, failed, retried
-- with back-off, given up). Rolled back, so no request queued here is ever performed (pg_net starts a
-- request only when its transaction commits). Needs the tests.* helpers of 00-helpers.sql.
begin;
set local search_path = public, extensions;

select plan(48);

select tests.use_unreachable_sms_function();
-- Only this file's rows: earlier outbox rows are out of the way for the rest of the transaction.
update private.sms_outbox set status = 'sent', request_id = null, lease_until = null
 where status in ('queued', 'sending');
-- First a gateway that drops a repeated reference (the dev inbox, SSL Wireless); BulkSMSBD's kind below.
insert into private.sms_gateway (name, drops_repeats) values ('inbox', true)
on conflict (singleton) do update set name = excluded.name, drops_repeats = excluded.drops_repeats;

-- Quiet hours -----------------------------------------------------------------------------------------
select is(private.after_quiet_hours('2026-12-01 23:30+06'), '2026-12-02 07:00+06'::timestamptz,
  'a text queued at 23:30 in Dhaka is held until 07:00 the next morning');
select is(private.after_quiet_hours('2026-12-01 03:00+06'), '2026-12-01 07:00+06'::timestamptz,
  'one queued at 03:00 waits until 07:00 the same morning');
select is(private.after_quiet_hours('2026-12-01 22:00+06'), '2026-12-02 07:00+06'::timestamptz,
  'quiet hours start at 22:00 sharp');
select is(private.after_quiet_hours('2026-12-01 07:00+06'), '2026-12-01 07:00+06'::timestamptz,
  'at 07:00 a text goes at once');
select is(private.after_quiet_hours('2026-12-01 21:59+06'), '2026-12-01 21:59+06'::timestamptz,
  'and until 21:59');

-- Queuing ----------------------------------------------------------------------------------------------
select ok(private.queue_sms('01711000001', 'পরীক্ষা', 'test', 'outbox-test-1', false) is not null,
  'queue_sms takes a number in any Bangladeshi form and answers the outbox id');
select is((select to_phone from private.sms_outbox where dedupe_key = 'outbox-test-1'), '+8801711000001',
  'the number is stored in its +8801 form');
select is((select status || '/' || attempts || '/' || (request_id is not null)
             from private.sms_outbox where dedupe_key = 'outbox-test-1'),
  'sending/1/true', 'a text due now is handed to the sms function in the same transaction (pg_net request)');
select is(
  (select convert_from(body, 'UTF8')::jsonb -> 'messages' -> 0 ->> 'reference'
     from net.http_request_queue
    where id = (select request_id from private.sms_outbox where dedupe_key = 'outbox-test-1')),
  'cc-sms-' || (select id from private.sms_outbox where dedupe_key = 'outbox-test-1'),
  'the request carries the message with its stable gateway reference');
select is(
  (select convert_from(body, 'UTF8')::jsonb -> 'retry_unknown' from net.http_request_queue
    where id = (select request_id from private.sms_outbox where dedupe_key = 'outbox-test-1')),
  'true'::jsonb, 'and says the dispatcher will hand it over again if the answer is lost (the gateway drops repeats)');
select is(
  (select headers ->> 'Authorization' from net.http_request_queue
    where id = (select request_id from private.sms_outbox where dedupe_key = 'outbox-test-1')),
  'Bearer test-key', 'and the key the function checks');
select is(private.queue_sms('+8801711000001', 'আবার', 'test', 'outbox-test-1', false),
  (select id from private.sms_outbox where dedupe_key = 'outbox-test-1'),
  'queuing the same key again answers the same id');
select is((select count(*)::int from private.sms_outbox where dedupe_key = 'outbox-test-1'), 1,
  'and queues nothing more');
select is((select body from private.sms_outbox where dedupe_key = 'outbox-test-1'), 'পরীক্ষা',
  'the first text stands');

select throws_ok($$ select private.queue_sms('01211000001', 'x', 'test', 'outbox-bad-number') $$, '22023',
  'not a Bangladeshi mobile number: 01211000001', 'a number that is not a Bangladeshi mobile is refused');
select throws_ok($$ select private.queue_sms('01711000001', '  ', 'test', 'outbox-empty') $$, '22023',
  'an SMS needs a text', 'an empty text is refused');
select throws_ok(
  $$ select private.queue_sms('01711000001', repeat('ক', 336), 'test', 'outbox-long') $$, '23514', null,
  'a text longer than five parts is refused');

insert into private.sms_opt_outs (phone) values ('+8801711000002');
select private.queue_sms('01711000002', 'পরীক্ষা', 'test', 'outbox-opted-out', false);
select is((select status || ': ' || last_error || ' / ' || (request_id is null)
             from private.sms_outbox where dedupe_key = 'outbox-opted-out'),
  'suppressed: the number opted out of SMS / true', 'a number that opted out gets nothing, and the row says why');

select private.queue_sms('01711000003', 'রাতে', 'test', 'outbox-quiet', true);
-- Whenever the suite runs: inside the quiet hours the text waits for 07:00; outside them it is due now, and
-- the dispatch that follows every queueing claims it at once.
select is((select (status, next_attempt_at) from private.sms_outbox where dedupe_key = 'outbox-quiet'),
  (case when private.after_quiet_hours(now()) > now() then 'queued' else 'sending' end,
   private.after_quiet_hours(now())),
  'a text that respects quiet hours is held until they end, or goes at once outside them');

-- Who may queue ----------------------------------------------------------------------------------------
select tests.act_as_api_role('authenticated');
select throws_ok($$ select private.queue_sms('01711000004', 'x', 'test', 'outbox-api') $$, '42501', null,
  'signed-in callers cannot queue texts (only the database''s own triggers and functions can)');
select throws_ok($$ select * from private.sms_outbox $$, '42501', null, 'nor read the outbox');
select tests.act_as_api_role('anon');
select throws_ok($$ select private.dispatch_sms() $$, '42501', null, 'nor can visitors start a dispatch');
select tests.sign_out();

-- Claiming ---------------------------------------------------------------------------------------------
select is(private.dispatch_sms(), 0, 'a second dispatch finds nothing due: a sending text is never claimed twice');
-- A held text (as the quiet one is at night, whatever the time of this run).
update private.sms_outbox set status = 'queued', next_attempt_at = now() + interval '1 hour'
 where dedupe_key = 'outbox-quiet';
select private.queue_sms('01711000005', 'এক', 'test', 'outbox-batch-1', false);
select is((select status from private.sms_outbox where dedupe_key = 'outbox-quiet'), 'queued',
  'a held text stays queued while others go');

-- Settling the function's answers ---------------------------------------------------------------------
create temporary table answered (dedupe_key text, answer jsonb) on commit drop;
insert into answered
  select dedupe_key, jsonb_build_object('results', jsonb_build_array(jsonb_build_object('id', id, 'status', 'sent',
                                                                                        'message_id', 'gw-1')))
    from private.sms_outbox where dedupe_key = 'outbox-test-1';
insert into net._http_response (id, status_code, content_type, content)
  select o.request_id, 200, 'application/json', a.answer::text
    from answered as a join private.sms_outbox as o using (dedupe_key);
select ok(private.settle_sms() >= 1, 'settle_sms applies answers');
select is((select status || '/' || gateway_message_id || '/' || (sent_at is not null) || '/' || (request_id is null)
             from private.sms_outbox where dedupe_key = 'outbox-test-1'),
  'sent/gw-1/true/true', 'a text the gateway accepted is sent, with the gateway''s id');

-- A retry answer: back to the queue with back-off.
insert into net._http_response (id, status_code, content_type, content)
  select request_id, 200, 'application/json',
         jsonb_build_object('results', jsonb_build_array(
           jsonb_build_object('id', id, 'status', 'retry', 'error', 'busy', 'retry_after', 5)))::text
    from private.sms_outbox where dedupe_key = 'outbox-batch-1';
select private.settle_sms();
select is((select status || '/' || attempts || '/' || last_error from private.sms_outbox
            where dedupe_key = 'outbox-batch-1'),
  'queued/1/busy', 'a busy gateway sends the text back to the queue, with the reason');
select ok((select next_attempt_at between now() + interval '29 seconds' and now() + interval '31 seconds'
             from private.sms_outbox where dedupe_key = 'outbox-batch-1'),
  'to be tried again after 30 s (the first back-off, longer than the gateway''s retry-after)');
select is(private.sms_retry_delay(4), interval '4 minutes', 'back-off doubles: 4 min after the fourth attempt');
select is(private.sms_retry_delay(20), interval '1 hour', 'and never exceeds an hour');

-- A failed request (no answer body): retried; a permanent refusal: failed.
update private.sms_outbox set next_attempt_at = now() where dedupe_key = 'outbox-batch-1';
select private.dispatch_sms();
insert into net._http_response (id, error_msg, timed_out)
  select request_id, 'Timeout of 30000 ms reached', true from private.sms_outbox where dedupe_key = 'outbox-batch-1';
select private.settle_sms();
select is((select status || '/' || attempts || '/' || last_error from private.sms_outbox
            where dedupe_key = 'outbox-batch-1'),
  'queued/2/Timeout of 30000 ms reached', 'a request with no answer goes back to the queue');

update private.sms_outbox set next_attempt_at = now(), attempts = 5 where dedupe_key = 'outbox-batch-1';
select private.dispatch_sms();
insert into net._http_response (id, status_code, content)
  select request_id, 500, 'oops' from private.sms_outbox where dedupe_key = 'outbox-batch-1';
select private.settle_sms();
select is((select status || '/' || attempts from private.sms_outbox where dedupe_key = 'outbox-batch-1'),
  'failed/6', 'after the sixth attempt a text is given up (failed), not retried for ever');

select private.queue_sms('01711000006', 'দুই', 'test', 'outbox-refused', false);
insert into net._http_response (id, status_code, content)
  select request_id, 200, jsonb_build_object('results', jsonb_build_array(
           jsonb_build_object('id', id, 'status', 'failed', 'error', 'invalid number')))::text
    from private.sms_outbox where dedupe_key = 'outbox-refused';
select private.settle_sms();
select is((select status || '/' || last_error from private.sms_outbox where dedupe_key = 'outbox-refused'),
  'failed/invalid number', 'a text the gateway refuses for good is failed at once');

-- A lost answer (the worker died): after the lease the text goes back, to be sent with the same reference.
select private.queue_sms('01711000007', 'তিন', 'test', 'outbox-lost', false);
update private.sms_outbox set lease_until = now() - interval '1 second' where dedupe_key = 'outbox-lost';
select private.settle_sms();
select is((select status || '/' || last_error from private.sms_outbox where dedupe_key = 'outbox-lost'),
  'queued/no answer from the sms function', 'a text whose request got no answer in time is queued again');

select is((select count(*)::int from cron.job where jobname = 'dispatch-sms' and schedule = '* * * * *'), 1,
  'pg_cron runs the dispatcher every minute');

-- A gateway that does not drop repeats (BulkSMSBD, sms.net.bd): an unknown outcome is never resent -------
-- The dispatcher learns the gateway's kind from the function's answers.
select private.queue_sms('01711000008', 'চার', 'test', 'outbox-learn', false);
insert into net._http_response (id, status_code, content)
  select request_id, 200, jsonb_build_object(
           'gateway', jsonb_build_object('name', 'bulksmsbd', 'drops_repeats', false),
           'results', jsonb_build_array(jsonb_build_object('id', id, 'status', 'sent', 'message_id', '9')))::text
    from private.sms_outbox where dedupe_key = 'outbox-learn';
select private.settle_sms();
select is((select name || '/' || drops_repeats from private.sms_gateway), 'bulksmsbd/false',
  'settle_sms learns from the answer that the gateway (BulkSMSBD) does not drop repeats');

select private.queue_sms('01711000009', 'পাঁচ', 'test', 'outbox-unknown-answer', false);
select is(
  (select o.retry_unknown::text || '/' || (convert_from(q.body, 'UTF8')::jsonb ->> 'retry_unknown')
     from private.sms_outbox as o join net.http_request_queue as q on q.id = o.request_id
    where o.dedupe_key = 'outbox-unknown-answer'),
  'false/false', 'the next hand-over is stamped so, and tells the function it will not be resent blindly');
insert into net._http_response (id, status_code, content)
  select request_id, 200, jsonb_build_object('results', jsonb_build_array(jsonb_build_object(
           'id', id, 'status', 'unknown', 'error', 'bulksmsbd answered HTTP 502')))::text
    from private.sms_outbox where dedupe_key = 'outbox-unknown-answer';
select private.settle_sms();
select is((select status || ': ' || last_error from private.sms_outbox where dedupe_key = 'outbox-unknown-answer'),
  'unknown: outcome unknown, not sent again (the gateway does not drop a repeated message, so a retry could '
  'deliver it twice; check the gateway''s delivery report before resending): bulksmsbd answered HTTP 502',
  'a text the function reports as unknown settles as unknown, and the operator reads why it was not resent');
update private.sms_outbox set next_attempt_at = now() - interval '1 minute' where dedupe_key = 'outbox-unknown-answer';
select is(private.dispatch_sms(), 0, 'and no dispatch ever hands it over again');

select private.queue_sms('01711000010', 'ছয়', 'test', 'outbox-timeout', false);
insert into net._http_response (id, error_msg, timed_out)
  select request_id, 'Timeout of 30000 ms reached', true from private.sms_outbox where dedupe_key = 'outbox-timeout';
select private.settle_sms();
select is((select status || '/' || attempts from private.sms_outbox where dedupe_key = 'outbox-timeout'),
  'unknown/1', 'a request to the function that timed out (it may have sent) settles as unknown, not retried');

select private.queue_sms('01711000011', 'সাত', 'test', 'outbox-dropped', false);
insert into net._http_response (id, error_msg)
  select request_id, 'Failure when receiving data from the peer' from private.sms_outbox
   where dedupe_key = 'outbox-dropped';
select private.settle_sms();
select is((select status from private.sms_outbox where dedupe_key = 'outbox-dropped'), 'unknown',
  'so does one whose connection dropped before the answer');

select private.queue_sms('01711000012', 'আট', 'test', 'outbox-refused-call', false);
insert into net._http_response (id, error_msg)
  select request_id, 'Couldn''t connect to server' from private.sms_outbox where dedupe_key = 'outbox-refused-call';
select private.settle_sms();
select is((select status || '/' || last_error from private.sms_outbox where dedupe_key = 'outbox-refused-call'),
  'queued/Couldn''t connect to server',
  'a function that could not be reached sent nothing: the text goes back to the queue');

update private.sms_outbox set next_attempt_at = now() where dedupe_key = 'outbox-refused-call';
select private.dispatch_sms();
insert into net._http_response (id, status_code, content)
  select request_id, 401, '{"error":"the outbox is for the database''s dispatcher only"}'
    from private.sms_outbox where dedupe_key = 'outbox-refused-call';
select private.settle_sms();
select is((select status || '/' || attempts from private.sms_outbox where dedupe_key = 'outbox-refused-call'),
  'queued/2', 'nor did one that refused the call (4xx): queued again');

update private.sms_outbox set next_attempt_at = now() where dedupe_key = 'outbox-refused-call';
select private.dispatch_sms();
insert into net._http_response (id, status_code, content)
  select request_id, 200, jsonb_build_object('results', jsonb_build_array(jsonb_build_object(
           'id', id, 'status', 'retry', 'error', 'bulksmsbd could not be reached')))::text
    from private.sms_outbox where dedupe_key = 'outbox-refused-call';
select private.settle_sms();
select is((select status || '/' || attempts from private.sms_outbox where dedupe_key = 'outbox-refused-call'),
  'queued/3', 'and one the function says it did not hand over is retried, whatever the gateway');

select private.queue_sms('01711000013', 'নয়', 'test', 'outbox-lost-unknown', false);
update private.sms_outbox set lease_until = now() - interval '1 second' where dedupe_key = 'outbox-lost-unknown';
select private.settle_sms();
select is((select status || '/' || (next_attempt_at <= now()) from private.sms_outbox
            where dedupe_key = 'outbox-lost-unknown'),
  'unknown/true', 'a lost answer through such a gateway: unknown, not queued again');
select ok((select last_error like 'outcome unknown, not sent again %: no answer from the sms function'
             from private.sms_outbox where dedupe_key = 'outbox-lost-unknown'),
  'with the reason for the operator');

update private.sms_gateway set drops_repeats = true;
delete from private.sms_gateway;
select private.queue_sms('01711000014', 'দশ', 'test', 'outbox-unlearned', false);
select is((select retry_unknown from private.sms_outbox where dedupe_key = 'outbox-unlearned'), false,
  'before the function has ever answered, the dispatcher assumes a gateway that does not drop repeats');

select tests.act_as_api_role('authenticated');
select throws_ok($$ select * from private.sms_gateway $$, '42501', null,
  'signed-in callers cannot read what the dispatcher learned');
select tests.sign_out();

select * from finish();
rollback;
