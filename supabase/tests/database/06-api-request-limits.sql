-- What one API caller can hold: the statement timeouts of the API roles (as PostgREST, Storage and Realtime
-- apply them) and the db-pre-request function that caps a signed-in person's concurrent requests. The cap
-- itself needs concurrent sessions: tests/app/api_request_limits_test.ts exercises it through PostgREST.
-- Rolled back at the end. Needs the tests.* helpers of 00-helpers.sql (which runs first).
begin;
set local search_path = public, extensions;

select plan(9);

-- A role's own statement_timeout (ALTER ROLE ... SET), in milliseconds; null when it has none.
create function pg_temp.statement_timeout_ms(role_name text)
returns integer
language plpgsql
as $$
declare
  configured text;
  milliseconds integer;
begin
  select substr(setting, length('statement_timeout=') + 1) into configured
    from pg_db_role_setting as s, unnest(s.setconfig) as setting
   where s.setrole = role_name::regrole and s.setdatabase = 0 and setting like 'statement_timeout=%';
  if configured is null then
    return null;
  end if;
  -- Let Postgres read the value (units included) and report it in its base unit, milliseconds.
  perform set_config('statement_timeout', configured, true);
  select setting::integer into milliseconds from pg_settings where name = 'statement_timeout';
  perform set_config('statement_timeout', '0', true);
  return milliseconds;
end;
$$;

select ok(pg_temp.statement_timeout_ms('anon') between 1 and 1000,
  'anon statements stop after at most 1 s (and the limit is not switched off)');
select ok(pg_temp.statement_timeout_ms('authenticated') between 1 and 2000,
  'signed-in callers'' statements stop after at most 2 s');
select is(
  (select setting from pg_db_role_setting as s, unnest(s.setconfig) as setting
    where s.setrole = 'authenticator'::regrole and setting like 'pgrst.db_pre_request=%'),
  'pgrst.db_pre_request=private.limit_concurrent_requests',
  'PostgREST runs private.limit_concurrent_requests before every request'
);
select function_privs_are('private', 'limit_concurrent_requests', array[]::text[], 'authenticated',
  array['EXECUTE'], 'signed-in callers can run it');
select function_privs_are('private', 'limit_concurrent_requests', array[]::text[], 'anon',
  array['EXECUTE'], 'anon can run it');

select tests.sign_in_as('a1110006-0000-4000-8000-00000000000a');
select lives_ok($$select private.limit_concurrent_requests()$$, 'a signed-in caller''s first request passes');
select is(
  (select count(*)::int from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()), 1,
  'and holds one slot (an advisory lock) for the rest of its transaction'
);
select tests.act_as_api_role('anon');
select lives_ok($$select private.limit_concurrent_requests()$$, 'anon passes');
select tests.act_as_api_role('service_role');
select lives_ok($$select private.limit_concurrent_requests()$$, 'the service role passes');

select * from finish();
rollback;
