-- The bKash reconciliation schedule (20261208000100_bkash_reconcile_schedule.sql): pg_cron's job, and the
-- request it hands pg_net. Rolled back, so no request queued here is ever performed (pg_net starts a request
-- only when its transaction commits). Needs the tests.* helpers of 00-helpers.sql.
begin;
set local search_path = public, extensions;

select plan(8);

select is((select schedule from cron.job where jobname = 'bkash-reconcile'), '*/5 * * * *',
  'pg_cron asks for reconciliation every five minutes');
select is((select command from cron.job where jobname = 'bkash-reconcile'),
  'select private.reconcile_bkash_payments()', 'through private.reconcile_bkash_payments');

insert into private.settings (name, value) values
  ('bkash_function_url', 'http://127.0.0.1:9/functions/v1/bkash'), ('bkash_function_key', 'test-key')
on conflict (name) do update set value = excluded.value;

create temporary table reconcile_call as select private.reconcile_bkash_payments() as request_id;
create temporary table reconcile_request as
select r.* from net.http_request_queue as r join reconcile_call as c on c.request_id = r.id;

select is((select url from reconcile_request), 'http://127.0.0.1:9/functions/v1/bkash/reconcile',
  'the request goes to the function''s /reconcile');
select is((select method from reconcile_request), 'POST', 'as a POST');
select is((select headers ->> 'Authorization' from reconcile_request), 'Bearer test-key',
  'with the key the settings name');
select is((select convert_from(body, 'UTF8')::jsonb from reconcile_request), '{"older_than_seconds": 120}'::jsonb,
  'leaving payments younger than two minutes to their payers');

delete from private.settings where name = 'bkash_function_url';
select is(private.reconcile_bkash_payments(), null, 'without a URL nothing is queued');

select tests.create_phone_user('22000000-0000-4000-8000-000000000001', '8801711000222');
select tests.sign_in_as('22000000-0000-4000-8000-000000000001');
select throws_ok('select private.reconcile_bkash_payments()', '42501', null,
  'a signed-in person cannot start a reconciliation');

select * from finish();
rollback;
