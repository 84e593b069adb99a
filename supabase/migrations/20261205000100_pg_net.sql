-- pg_net: asynchronous HTTP from SQL, how the database hands work to Edge Functions (the SMS outbox in
-- 20261205000200_sms_outbox.sql calls the `sms` function with net.http_post).
--
-- A hosted project has the extension: enable it here (Supabase lets postgres create it). The local stack's
-- Postgres has no pg_net package; there devstack/net provides the same contract (schema net, http_get,
-- http_post, http_delete, the request queue, the response table and a worker), installed before migrations
-- run, so this migration and every one that calls net.* run unchanged on both.
do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_net') then
    create extension if not exists pg_net;
  elsif to_regprocedure('net.http_post(text, jsonb, jsonb, jsonb, integer)') is null then
    raise exception 'pg_net is needed: enable it under Database → Extensions'
      using errcode = 'feature_not_supported';
  end if;
end
$$;
