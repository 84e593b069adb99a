-- Helpers the pgTAP files in supabase/tests/database/ share: Auth users to arrange data with, and acting
-- as a caller the way PostgREST, Storage and Realtime do (the caller's role plus their JWT claims).
--
-- Test-only: never put these in a migration. Every other file runs in a transaction that it rolls back;
-- this one commits, and its name sorts first, so `supabase test db` (and the test runner's pg_prove over
-- the folder) creates the helpers before any file uses them. It is also a test file itself: one check
-- that the helpers are there. Safe to run again and again. The schema `tests` is not in config.toml's
-- [api].schemas, so PostgREST never exposes it.

create extension if not exists pgtap with schema extensions;
set client_min_messages = warning; -- "schema tests already exists" is the normal case
create schema if not exists tests;
comment on schema tests is
  'pgTAP helpers (supabase/tests/database/00-helpers.sql): test databases only, not exposed by the API.';
revoke all on schema tests from public;
-- The acting helpers switch role; a test calls the next one as the role the last one switched to.
grant usage on schema tests to anon, authenticated, service_role;

create or replace function tests.create_phone_user(
  user_id uuid,
  phone text,
  app_metadata jsonb default '{}',
  phone_confirmed_at timestamptz default null
)
returns void
language sql
set search_path = ''
as $$
  insert into auth.users (id, aud, role, phone, phone_confirmed_at, raw_app_meta_data, raw_user_meta_data,
                          created_at, updated_at)
  values (create_phone_user.user_id, 'authenticated', 'authenticated', create_phone_user.phone,
          create_phone_user.phone_confirmed_at,
          '{"provider": "phone", "providers": ["phone"]}'::jsonb || create_phone_user.app_metadata, '{}',
          now(), now());
$$;

comment on function tests.create_phone_user(uuid, text, jsonb, timestamptz) is
  'An Auth user who signed up with their phone, stored as Auth stores one (phone as digits without "+"); '
  'app_metadata adds to the provider keys Auth writes (role, wards).';

create or replace function tests.give_staff_role(user_id uuid, staff_role text, wards integer[] default '{}')
returns void
language sql
set search_path = ''
as $$
  insert into public.staff_roles (user_id, role, granted_by) values (user_id, staff_role, null)
    on conflict on constraint staff_roles_pkey do update set role = excluded.role;
  insert into public.ward_postings (user_id, ward_id, posted_by)
    select user_id, ward, null from unnest(wards) as ward
    on conflict do nothing;
$$;

comment on function tests.give_staff_role(uuid, text, integer[]) is
  'Makes a user staff as an operator would (the connecting login role, postgres): the role and the wards '
  'they are posted to. Call it before signing in as anyone.';

create or replace function tests.set_caller(claims text, sub text, jwt_role text, db_role text)
returns void
language sql
set search_path = ''
as $$
  select set_config('request.jwt.claims', claims, true),
         set_config('request.jwt.claim.sub', sub, true),
         set_config('request.jwt.claim.role', jwt_role, true),
         set_config('role', db_role, true);
$$;

comment on function tests.set_caller(text, text, text, text) is
  'Sets, for the rest of the transaction, what PostgREST, Storage and Realtime set for a request: the JWT '
  'claims (whole and the sub and role claims on their own) and the role the statements run as. For the '
  'acting helpers below.';

create or replace function tests.sign_in_as(user_id uuid, app_metadata jsonb default '{}')
returns void
language sql
set search_path = ''
as $$
  select tests.set_caller(
    jsonb_build_object('sub', user_id, 'role', 'authenticated', 'app_metadata', app_metadata)::text,
    user_id::text, 'authenticated', 'authenticated'
  );
$$;

comment on function tests.sign_in_as(uuid, jsonb) is
  'Acts as this signed-in user for the rest of the transaction (or until the next helper call), as the '
  'API does with their JWT: role authenticated and the claims, app_metadata included (none: a citizen).';

create or replace function tests.act_as_api_role(api_role text)
returns void
language sql
set search_path = ''
as $$
  select tests.set_caller(jsonb_build_object('role', api_role)::text, '', api_role, api_role);
$$;

comment on function tests.act_as_api_role(text) is
  'Acts as an API role with no user (anon, or service_role) for the rest of the transaction, as the API '
  'does with the anon or service role key.';

create or replace function tests.sign_out()
returns void
language sql
set search_path = ''
as $$
  select tests.set_caller('', '', '', 'none');
$$;

comment on function tests.sign_out() is
  'Back to the login role the test connected as (postgres), with no JWT, to arrange or check data.';

create or replace function tests.can_receive(topic text)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  visible boolean;
begin
  perform set_config('realtime.topic', topic, true);
  select exists (select 1 from realtime.messages where messages.topic = can_receive.topic) into visible;
  perform set_config('realtime.topic', '', true);
  return visible;
end;
$$;

comment on function tests.can_receive(text) is
  'Whether the current caller may join the private Realtime topic and receive its broadcasts: what the '
  'Realtime service asks, by what the realtime.messages policies let the caller see while the topic is set '
  '(the topic needs a message in realtime.messages).';

create or replace function tests.create_person(
  user_id uuid,
  phone text,
  staff_role text default null,
  wards integer[] default '{}'
)
returns void
language sql
set search_path = ''
as $$
  select tests.create_phone_user(create_person.user_id, create_person.phone, phone_confirmed_at => now());
  select tests.give_staff_role(create_person.user_id, create_person.staff_role, create_person.wards)
   where create_person.staff_role is not null;
$$;

comment on function tests.create_person(uuid, text, text, integer[]) is
  'Someone a test acts as: an Auth user who signed up and confirmed their phone, and, with a staff_role, '
  'made staff posted to the wards (tests.give_staff_role). Without one, a citizen. Call it before signing '
  'in as anyone.';

create or replace function tests.raised_refusal(message text, detail text)
returns text
language sql
immutable
set search_path = ''
as $$
  select (message::json ->> 'code') || ' ' || (detail::json ->> 'status');
$$;

comment on function tests.raised_refusal(text, text) is
  'A refusal raised with SQLSTATE PGRST (its message and detail, as PostgREST reads them) as code and HTTP '
  'status, e.g. "CC409 409".';

create or replace function tests.outcome(statement text)
returns text
language plpgsql
set search_path = ''
as $$
declare
  detail text;
begin
  execute statement;
  return 'done';
exception
  when sqlstate 'PGRST' then
    get stacked diagnostics detail = pg_exception_detail;
    return tests.raised_refusal(sqlerrm, detail);
  when others then
    return sqlstate;
end;
$$;

comment on function tests.outcome(text) is
  'Runs the statement as the current caller and says how the API would answer it: a refusal raised with '
  'SQLSTATE PGRST as its code and HTTP status ("CC409 409"), any other error as its SQLSTATE, "done" when '
  'it went through. One word to compare, so a test can check many ways in without a throws_ok each.';

create or replace function tests.answer(query text)
returns text
language plpgsql
set search_path = ''
as $$
declare
  body text;
  detail text;
begin
  perform pg_catalog.set_config('response.status', '', true);
  execute query into body;
  if coalesce(pg_catalog.current_setting('response.status', true), '') <> '' then
    return (body::json ->> 'code') || ' ' || pg_catalog.current_setting('response.status', true);
  end if;
  return 'done';
exception
  when sqlstate 'PGRST' then
    get stacked diagnostics detail = pg_exception_detail;
    return tests.raised_refusal(sqlerrm, detail); -- as tests.outcome says it, without running the query again
  when others then
    return sqlstate;
end;
$$;

comment on function tests.answer(text) is
  'tests.outcome for a query whose function may refuse without raising (so that it can record the refusal): '
  'a refusal answered through PostgREST''s response.status as its code and HTTP status ("CC_FEE 400"), '
  'a raised one as tests.outcome says it, "done" when it went through.';

create or replace function tests.rows_affected(statement text)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  affected integer;
begin
  execute statement;
  get diagnostics affected = row_count;
  return affected;
end;
$$;

comment on function tests.rows_affected(text) is
  'Runs an UPDATE or DELETE as the current caller and answers how many rows it changed: row-level security '
  'hides the rows a caller may not touch instead of raising an error, so 0 is how a refusal looks.';

create or replace function tests.use_unreachable_sms_function()
returns void
language sql
set search_path = ''
as $$
  insert into private.settings (name, value) values
    ('sms_function_url', 'http://127.0.0.1:9/functions/v1/sms'), ('sms_function_key', 'test-key')
  on conflict (name) do update set value = excluded.value;
$$;

comment on function tests.use_unreachable_sms_function() is
  'Points the SMS dispatcher (private.settings) at a port nobody listens on, for the rest of the test''s '
  'transaction: a file that queues texts does not depend on the stack''s own sms function, and as the '
  'file rolls back pg_net never sends its requests anyway. Call it as the login role (postgres).';

-- pgTAP's own functions call each other unqualified, so these two run with pgTAP's schema on their path.
create or replace function tests.rls_refuses(statement text, table_name text, description text)
returns text
language sql
set search_path = extensions
as $$
  select extensions.throws_ok(
    statement, '42501', format('new row violates row-level security policy for table "%s"', table_name),
    description
  );
$$;

comment on function tests.rls_refuses(text, text, text) is
  'pgTAP check that the statement is refused by a row-level security policy of the table (a WITH CHECK or '
  'INSERT policy the new row does not pass), as the current caller.';

create or replace function tests.check_refuses(
  statement text,
  table_name text,
  constraint_name text,
  description text
)
returns text
language sql
set search_path = extensions
as $$
  select extensions.throws_ok(
    statement, '23514',
    format('new row for relation "%s" violates check constraint "%s"', table_name, constraint_name),
    description
  );
$$;

comment on function tests.check_refuses(text, text, text, text) is
  'pgTAP check that the statement is refused by the named CHECK constraint of the table.';

revoke all on all functions in schema tests from public;
grant execute on function tests.set_caller(text, text, text, text), tests.sign_in_as(uuid, jsonb),
  tests.act_as_api_role(text), tests.sign_out(), tests.can_receive(text), tests.outcome(text), tests.answer(text),
  tests.raised_refusal(text, text),
  tests.rows_affected(text), tests.rls_refuses(text, text, text), tests.check_refuses(text, text, text, text)
  to anon, authenticated, service_role;

select extensions.plan(1);
select extensions.has_function('tests', 'sign_in_as', array['uuid', 'jsonb'], 'the pgTAP helpers are installed');
select * from extensions.finish();
