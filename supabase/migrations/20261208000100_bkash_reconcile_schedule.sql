-- bKash payments left uncertain (the payer never came back from the checkout page, or the function died
-- between bKash's execute and recording it) are settled by the bkash function's /reconcile, which asks bKash
-- about each (supabase/functions/bkash). pg_cron calls it every five minutes through pg_net, as the SMS
-- outbox calls the sms function: the URL and the key come from private.setting (Vault on a hosted project,
-- private.settings locally, where the stack writes them at every start).

create function private.reconcile_bkash_payments(older_than_seconds integer default 120)
returns bigint
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  function_url text := private.setting('bkash_function_url');
  function_key text := private.setting('bkash_function_key');
begin
  if function_url is null or function_key is null then
    raise warning 'bkash_function_url or bkash_function_key is not set: bKash payments are not reconciled';
    return null;
  end if;
  return net.http_post(
    url := function_url || '/reconcile',
    body := jsonb_build_object('older_than_seconds', older_than_seconds),
    headers := jsonb_build_object('Content-Type', 'application/json', 'Authorization', 'Bearer ' || function_key),
    timeout_milliseconds := 60000
  );
end;
$$;

comment on function private.reconcile_bkash_payments(integer) is
  'Asks the bkash Edge Function (POST <bkash_function_url>/reconcile, with bkash_function_key) to settle the '
  'payments and refunds left uncertain for longer than older_than_seconds (default two minutes: younger ones '
  'may still have their payer on bKash''s page); returns the pg_net request id (null when the settings are '
  'missing). Run by pg_cron every five minutes; operators may run it at once with 0.';

revoke all on function private.reconcile_bkash_payments(integer) from public;

select cron.schedule('bkash-reconcile', '*/5 * * * *', 'select private.reconcile_bkash_payments()');
