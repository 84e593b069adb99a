-- Profiles: the person behind each Supabase Auth user, as the city knows them.
--
-- A row is created by a trigger when Auth creates the user, and kept in step with what only Auth changes
-- (phone, phone verification); role and ward scope mirror the staff tables (20261130000100_staff_roles.sql).
-- The person fills in the rest on first sign-in (name, NID, home ward, address, language) and may edit
-- only those columns afterwards.

-- ---------------------------------------------------------------------------------------------------
-- Shared helpers
-- ---------------------------------------------------------------------------------------------------

-- Internal helpers live outside the API schemas, so PostgREST does not expose them.
create schema if not exists private;
comment on schema private is 'Helpers for policies and triggers; not exposed through the API.';
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

-- Text people type is printable: no C0 control characters but tab, line feed and carriage return, in every
-- column that holds what a citizen or staff member wrote. Such characters come only from broken or hostile
-- clients (a form cannot produce them), break the SMS, page and CSV exports that show the text, and can
-- hide text from people who review it. NUL never reaches these checks: Postgres text cannot hold it, and
-- PostgREST refuses a JSON body with \u0000 in a text value (HTTP 400, 22P05) before any SQL runs.
-- The app refuses all of these in its own validation first; this is the database's own guarantee.
create or replace function private.is_printable(value text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select value !~ '[\x01-\x08\x0B\x0C\x0E-\x1F]';
$$;

comment on function private.is_printable(text) is
  'Whether a text holds no C0 control character other than tab, line feed and carriage return (NUL cannot '
  'be in a text at all). Null for null, so CHECK constraints built on it leave nullable columns nullable. '
  'For the <table>_<column>_printable constraints.';

-- CHECK constraints run with the privileges of whoever writes the row.
revoke all on function private.is_printable(text) from public;
grant execute on function private.is_printable(text) to anon, authenticated, service_role;

create or replace function public.set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

comment on function public.set_updated_at() is
  'BEFORE UPDATE trigger for any table with an updated_at column: stamps the time of the change.';

-- ---------------------------------------------------------------------------------------------------
-- public.profiles
-- ---------------------------------------------------------------------------------------------------

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  phone text check (phone ~ '^\+[1-9][0-9]{1,14}$'),
  full_name text check (full_name = btrim(full_name) and char_length(full_name) between 1 and 100),
  nid text check (nid ~ '^([0-9]{10}|[0-9]{13}|[0-9]{17})$'),
  -- The foreign key to public.wards (id) is added by the complaints migration, which creates that table.
  ward_id integer check (ward_id > 0),
  address text check (char_length(address) <= 500),
  preferred_language text not null default 'bn' check (preferred_language in ('bn', 'en')),
  role text not null default 'citizen'
    check (role in ('citizen', 'service_provider', 'ward_admin', 'super_admin')),
  assigned_ward_ids integer[] not null default '{}',
  is_verified boolean not null default false,
  verified_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint profiles_full_name_printable check (private.is_printable(full_name)),
  constraint profiles_address_printable check (private.is_printable(address))
);

alter table public.profiles enable row level security;

comment on table public.profiles is
  'One row per Auth user: who they are to the city. Created and kept in sync by a trigger on auth.users; '
  'the person edits only full_name, nid, ward_id, address and preferred_language.';
comment on column public.profiles.id is 'The Auth user (auth.users.id); the profile goes when the user is deleted.';
comment on column public.profiles.phone is
  'Mobile number in international form with "+" (the app signs in only +8801[3-9]XXXXXXXX), copied from '
  'auth.users.phone; changes only through Auth.';
comment on column public.profiles.full_name is 'Name as the person gave it at onboarding; null until then.';
comment on column public.profiles.nid is 'National ID number (10, 13 or 17 digits), optional, as given by the person.';
comment on column public.profiles.ward_id is
  'Home ward (public.wards.id), optional; used to route complaints and show ward schedules.';
comment on column public.profiles.address is 'Home address in free text, optional (at most 500 characters).';
comment on column public.profiles.preferred_language is 'Language for pages and SMS: bn (default) or en.';
comment on column public.profiles.role is
  'The person''s app role (citizen, service_provider, ward_admin, super_admin): a read-only mirror of '
  'public.staff_roles, where super admins change it.';
comment on column public.profiles.assigned_ward_ids is
  'The wards a staff member is posted to: a read-only mirror of public.ward_postings; empty for citizens.';
comment on column public.profiles.is_verified is
  'Whether the phone number was confirmed with a one-time code (mirrors auth.users.phone_confirmed_at).';
comment on column public.profiles.verified_at is 'When the phone number was first confirmed; null if never.';
comment on column public.profiles.created_at is 'When the profile was created (the Auth user''s sign-up).';
comment on column public.profiles.updated_at is 'When the profile last changed.';

create index profiles_ward_id_idx on public.profiles (ward_id) where ward_id is not null;
create index profiles_role_idx on public.profiles (role) where role <> 'citizen';

create trigger profiles_set_updated_at
  before update on public.profiles
  for each row execute function public.set_updated_at();

-- ---------------------------------------------------------------------------------------------------
-- Access: the owner reads and edits their own row; protected columns are not granted at all.
-- ---------------------------------------------------------------------------------------------------

revoke all on table public.profiles from public, anon, authenticated;
grant select on table public.profiles to authenticated;
grant update (full_name, nid, ward_id, address, preferred_language) on table public.profiles to authenticated;
grant all on table public.profiles to service_role;

create policy "People can read their own profile"
  on public.profiles for select
  to authenticated
  using ((select auth.uid()) = id);

create policy "People can update their own profile"
  on public.profiles for update
  to authenticated
  using ((select auth.uid()) = id)
  with check ((select auth.uid()) = id);

-- ---------------------------------------------------------------------------------------------------
-- Sync from auth.users
-- ---------------------------------------------------------------------------------------------------

create or replace function public.upsert_profile_for_auth_user(auth_user auth.users)
returns void
language plpgsql
set search_path = ''
as $$
begin
  insert into public.profiles as p (id, phone, is_verified, verified_at)
  values (
    auth_user.id,
    case when auth_user.phone ~ '^[1-9][0-9]{1,14}$' then '+' || auth_user.phone end,
    auth_user.phone_confirmed_at is not null,
    auth_user.phone_confirmed_at
  )
  on conflict (id) do update
    set phone = excluded.phone,
        is_verified = excluded.is_verified,
        verified_at = coalesce(p.verified_at, excluded.verified_at)
    where (p.phone, p.is_verified) is distinct from (excluded.phone, excluded.is_verified)
      or (p.verified_at is null and excluded.verified_at is not null);
end;
$$;

comment on function public.upsert_profile_for_auth_user(auth.users) is
  'Creates or updates the profile of an Auth user from what Auth owns: phone (with "+") and phone '
  'verification. Roles and wards come from public.staff_roles and public.ward_postings.';

revoke all on function public.upsert_profile_for_auth_user(auth.users) from public, anon, authenticated;

create or replace function public.sync_profile_from_auth_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform public.upsert_profile_for_auth_user(new);
  return null;
end;
$$;

comment on function public.sync_profile_from_auth_user() is
  'AFTER INSERT/UPDATE trigger on auth.users that keeps public.profiles in step. SECURITY DEFINER because '
  'Auth writes as supabase_auth_admin, which has no rights on public.profiles.';

revoke all on function public.sync_profile_from_auth_user() from public, anon, authenticated;

create trigger sync_profile_on_insert
  after insert on auth.users
  for each row execute function public.sync_profile_from_auth_user();

create trigger sync_profile_on_update
  after update of phone, phone_confirmed_at on auth.users
  for each row
  when (old.phone is distinct from new.phone or old.phone_confirmed_at is distinct from new.phone_confirmed_at)
  execute function public.sync_profile_from_auth_user();

-- Users who signed up before this migration get their profile now.
select public.upsert_profile_for_auth_user(u) from auth.users as u;
