-- What the Supabase Postgres image provides that migrations rely on: roles, schemas, grants, default
-- privileges, the auth helper functions and the realtime publication. Run by the local stack as
-- supabase_admin on every start, so every statement is idempotent.

-- ---------------------------------------------------------------------------------------------------
-- Roles
-- ---------------------------------------------------------------------------------------------------
do $$
declare
  spec record;
begin
  for spec in
    select * from (values
      ('anon', 'nologin'),
      ('authenticated', 'nologin'),
      ('service_role', 'nologin noinherit bypassrls'),
      ('authenticator', 'login noinherit'),
      ('postgres', 'login createrole createdb replication bypassrls'),
      ('supabase_auth_admin', 'login noinherit createrole'),
      ('supabase_storage_admin', 'login noinherit createrole'),
      ('supabase_realtime_admin', 'nologin noinherit'),
      ('supabase_replication_admin', 'login replication'),
      ('dashboard_user', 'nologin createrole createdb replication'),
      ('supabase_read_only_user', 'login bypassrls')
    ) as r(name, attributes)
  loop
    if not exists (select 1 from pg_roles where rolname = spec.name) then
      execute format('create role %I %s', spec.name, spec.attributes);
    end if;
  end loop;
end
$$;

-- Local demo password for every login role (the value `supabase start` uses).
alter role postgres with password 'postgres';
alter role authenticator with password 'postgres';
alter role supabase_auth_admin with password 'postgres';
alter role supabase_storage_admin with password 'postgres';
alter role supabase_replication_admin with password 'postgres';
alter role supabase_read_only_user with password 'postgres';

-- Statement timeouts Supabase sets for the API roles when it creates a project: only where none is set yet,
-- because migrations may change them (the image sets them once; this file runs on every start).
do $$
declare
  api_role record;
begin
  for api_role in select * from (values ('anon', '3s'), ('authenticated', '8s')) as r(name, timeout) loop
    if not exists (
      select 1 from pg_db_role_setting as s, unnest(s.setconfig) as setting
       where s.setrole = api_role.name::regrole and s.setdatabase = 0 and setting like 'statement_timeout=%'
    ) then
      execute format('alter role %I set statement_timeout = %L', api_role.name, api_role.timeout);
    end if;
  end loop;
end
$$;
-- The Auth and Storage services find their tables without schema-qualifying them.
alter role supabase_auth_admin set search_path = auth;
alter role supabase_storage_admin set search_path = storage;

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres;
-- Hosted Supabase lets postgres, which runs migrations, set PostgREST's in-database configuration on the
-- authenticator role (ALTER ROLE authenticator SET pgrst.db_pre_request = ...).
grant set on parameter "pgrst.db_pre_request" to postgres;
grant supabase_auth_admin, supabase_storage_admin to postgres;
grant authenticator to supabase_storage_admin;

-- pg_cron, which hosted Supabase lets postgres enable (its supautils extension allows it): created here by
-- the superuser, so a migration's `create extension if not exists pg_cron` finds it, and postgres schedules
-- jobs as on Supabase.
create extension if not exists pg_cron with schema pg_catalog;
grant usage on schema cron to postgres;
grant all privileges on all tables in schema cron to postgres;
-- As on Supabase, postgres runs pg_cron's functions too (the dashboard pauses a job with cron.alter_job).
grant execute on all functions in schema cron to postgres;
grant pg_read_all_data to supabase_read_only_user;

-- ---------------------------------------------------------------------------------------------------
-- Schemas and extensions
-- ---------------------------------------------------------------------------------------------------
create schema if not exists extensions;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
alter default privileges in schema extensions grant all on functions to postgres, anon, authenticated, service_role;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists pgtap with schema extensions;
do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'plpgsql_check') then
    create extension if not exists plpgsql_check with schema extensions;
  end if;
end
$$;

alter database postgres set search_path = "$user", public, extensions;
grant all on database postgres to postgres;
grant connect, temporary on database postgres to anon, authenticated, service_role;

-- public: usable by the API roles; RLS on every table is the gate (migrations grant deliberately).
alter schema public owner to postgres;
grant usage on schema public to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to postgres, anon, authenticated, service_role;

create schema if not exists graphql_public;
grant usage on schema graphql_public to postgres, anon, authenticated, service_role;

create schema if not exists auth authorization supabase_auth_admin;
grant usage on schema auth to postgres, anon, authenticated, service_role, dashboard_user;
grant all on schema auth to postgres;

create schema if not exists storage authorization supabase_storage_admin;
grant usage on schema storage to postgres, anon, authenticated, service_role;
grant all on schema storage to postgres;
alter default privileges for role supabase_storage_admin in schema storage grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage grant all on sequences to postgres, anon, authenticated, service_role;

create schema if not exists realtime;
grant usage on schema realtime to postgres, anon, authenticated, service_role;
grant all on schema realtime to supabase_realtime_admin;

-- ---------------------------------------------------------------------------------------------------
-- Auth helpers, as GoTrue defines them: read the JWT claims PostgREST (and the local services) set.
-- ---------------------------------------------------------------------------------------------------
create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;
comment on function auth.uid() is 'The signed-in user''s id (JWT sub), or null for anon and service calls.';

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;
comment on function auth.role() is 'The JWT role claim of the current request (anon, authenticated, service_role).';

create or replace function auth.email() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;
comment on function auth.email() is 'The JWT email claim of the current request.';

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;
comment on function auth.jwt() is 'All JWT claims of the current request as jsonb.';

alter function auth.uid() owner to supabase_auth_admin;
alter function auth.role() owner to supabase_auth_admin;
alter function auth.email() owner to supabase_auth_admin;
alter function auth.jwt() owner to supabase_auth_admin;
grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt()
  to postgres, anon, authenticated, service_role, dashboard_user;

-- ---------------------------------------------------------------------------------------------------
-- Realtime publication (empty; migrations may add tables) and PostgREST schema reloads.
-- ---------------------------------------------------------------------------------------------------
do $$
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$$;

-- Migration history written by `supabase db push`.
create schema if not exists supabase_migrations authorization postgres;
