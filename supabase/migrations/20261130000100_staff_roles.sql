-- Staff: who works for the city corporation and where, kept in tables that only super admins change, and
-- put into each access token by a custom access token hook (Supabase's role-based access pattern).
--
--   service_provider  works on the complaints assigned to them, nothing else;
--   ward_admin        runs the complaint desk of the wards they are posted to (one person, several wards);
--   super_admin       everything, and the only one who manages staff.
-- Everyone else is a citizen. Policies read these tables (through private.* helpers), so taking a role away
-- takes effect at once; the JWT carries the role too (app_metadata.role, .wards) for the app's pages, and
-- that copy changes with the person's next token.

-- ---------------------------------------------------------------------------------------------------
-- Roles and postings
-- ---------------------------------------------------------------------------------------------------

create table public.staff_roles (
  user_id uuid primary key references auth.users (id) on delete cascade,
  role text not null check (role in ('service_provider', 'ward_admin', 'super_admin')),
  granted_by uuid default auth.uid() references auth.users (id) on delete set null,
  granted_at timestamptz not null default now()
);

alter table public.staff_roles enable row level security;

comment on table public.staff_roles is
  'The staff role of each person who works for the city corporation (none: a citizen). Changed only by '
  'super admins, never by the person themselves; every change lands in public.audit_log.';
comment on column public.staff_roles.user_id is 'The staff member (auth.users.id).';
comment on column public.staff_roles.role is 'service_provider, ward_admin or super_admin.';
comment on column public.staff_roles.granted_by is 'The super admin who gave the role; null when set by an operator.';
comment on column public.staff_roles.granted_at is 'When the role was given or last changed.';

create table public.ward_postings (
  user_id uuid not null references public.staff_roles (user_id) on delete cascade,
  ward_id integer not null references public.wards (id),
  posted_by uuid default auth.uid() references auth.users (id) on delete set null,
  posted_at timestamptz not null default now(),
  primary key (user_id, ward_id)
);

alter table public.ward_postings enable row level security;

comment on table public.ward_postings is
  'The wards a ward admin or service provider is posted to (several per person). Only staff can be posted: '
  'taking the role away removes the postings.';
comment on column public.ward_postings.user_id is 'The staff member (public.staff_roles.user_id).';
comment on column public.ward_postings.ward_id is 'The ward (public.wards.id).';
comment on column public.ward_postings.posted_by is 'The super admin who made the posting.';
comment on column public.ward_postings.posted_at is 'When the posting was made.';

create index ward_postings_ward_idx on public.ward_postings (ward_id, user_id);

-- ---------------------------------------------------------------------------------------------------
-- The caller's role and wards, for policies. SECURITY DEFINER: policies on these very tables use them,
-- and the caller may not read other people's rows.
-- ---------------------------------------------------------------------------------------------------

create or replace function public.current_app_role()
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when auth.uid() is null then null
    else coalesce((select role from public.staff_roles where user_id = auth.uid()), 'citizen')
  end;
$$;

comment on function public.current_app_role() is
  'The app role of the signed-in caller (citizen, service_provider, ward_admin, super_admin) from '
  'public.staff_roles, so a role taken away counts at once; null for callers who are not signed in. For '
  'RLS policies: write (select public.current_app_role()). SECURITY DEFINER: policies on staff_roles use it.';

revoke all on function public.current_app_role() from public;
grant execute on function public.current_app_role() to anon, authenticated, service_role;

-- Shorthands over it, for policies and triggers (the complaints migration's insert trigger asks the first).
create or replace function private.caller_is_staff()
returns boolean
language sql
stable
set search_path = ''
as $$
  select public.current_app_role() in ('service_provider', 'ward_admin', 'super_admin');
$$;

comment on function private.caller_is_staff() is 'Whether the signed-in caller holds a staff role (public.staff_roles).';

create or replace function private.is_super_admin()
returns boolean
language sql
stable
set search_path = ''
as $$
  select public.current_app_role() = 'super_admin';
$$;

comment on function private.is_super_admin() is 'Whether the signed-in caller is a super admin (public.staff_roles).';

create or replace function private.posted_wards()
returns integer[]
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(array_agg(ward_id order by ward_id), '{}')
    from public.ward_postings where user_id = auth.uid();
$$;

comment on function private.posted_wards() is
  'The wards the signed-in caller is posted to (empty for everyone else). SECURITY DEFINER: reads past RLS. '
  'For policies: (select private.posted_wards()).';

revoke all on function private.caller_is_staff(), private.is_super_admin(), private.posted_wards() from public;
grant execute on function private.caller_is_staff(), private.is_super_admin(), private.posted_wards()
  to authenticated, service_role;

-- Who may manage staff: super admins, and never on their own row (nobody gives themselves a role, and no
-- super admin can lock themselves out).
create policy "Staff read their own role, super admins every role"
  on public.staff_roles for select
  to authenticated
  using (user_id = (select auth.uid()) or (select public.current_app_role()) = 'super_admin');

create policy "Super admins give roles to others"
  on public.staff_roles for insert
  to authenticated
  with check ((select public.current_app_role()) = 'super_admin' and user_id <> (select auth.uid()));

create policy "Super admins change the roles of others"
  on public.staff_roles for update
  to authenticated
  using ((select public.current_app_role()) = 'super_admin' and user_id <> (select auth.uid()))
  with check (user_id <> (select auth.uid()));

create policy "Super admins take roles from others"
  on public.staff_roles for delete
  to authenticated
  using ((select public.current_app_role()) = 'super_admin' and user_id <> (select auth.uid()));

create policy "Staff read their own postings, super admins every posting"
  on public.ward_postings for select
  to authenticated
  using (user_id = (select auth.uid()) or (select public.current_app_role()) = 'super_admin');

create policy "Super admins post others to wards"
  on public.ward_postings for insert
  to authenticated
  with check ((select public.current_app_role()) = 'super_admin' and user_id <> (select auth.uid()));

create policy "Super admins end the postings of others"
  on public.ward_postings for delete
  to authenticated
  using ((select public.current_app_role()) = 'super_admin' and user_id <> (select auth.uid()));

revoke all on table public.staff_roles, public.ward_postings from public, anon, authenticated;
grant select, delete on table public.staff_roles, public.ward_postings to authenticated;
grant insert (user_id, role), update (role) on table public.staff_roles to authenticated;
grant insert (user_id, ward_id) on table public.ward_postings to authenticated;
grant all on table public.staff_roles, public.ward_postings to service_role;

create or replace function private.stamp_role_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.granted_by := auth.uid();
  new.granted_at := now();
  return new;
end;
$$;

comment on function private.stamp_role_change() is
  'BEFORE UPDATE trigger on staff_roles: who changed the role, and when.';

create trigger staff_roles_stamp_change
  before update on public.staff_roles
  for each row execute function private.stamp_role_change();

-- ---------------------------------------------------------------------------------------------------
-- profiles.role and .assigned_ward_ids: a read-only mirror of the tables above, for analysts and lists.
-- ---------------------------------------------------------------------------------------------------

create or replace function private.mirror_staff_into_profile()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  person uuid := coalesce(new.user_id, old.user_id);
begin
  update public.profiles
     set role = coalesce((select role from public.staff_roles where user_id = person), 'citizen'),
         assigned_ward_ids = (
           select coalesce(array_agg(ward_id order by ward_id), '{}')
             from public.ward_postings where user_id = person
         )
   where id = person;
  return null;
end;
$$;

comment on function private.mirror_staff_into_profile() is
  'AFTER trigger on staff_roles and ward_postings: copies the role and wards into public.profiles. '
  'SECURITY DEFINER: super admins have no write access to other people''s profiles.';

create trigger staff_roles_mirror
  after insert or update or delete on public.staff_roles
  for each row execute function private.mirror_staff_into_profile();
create trigger ward_postings_mirror
  after insert or delete on public.ward_postings
  for each row execute function private.mirror_staff_into_profile();

-- ---------------------------------------------------------------------------------------------------
-- Custom access token hook ([auth.hook.custom_access_token] in config.toml): Auth calls it as
-- supabase_auth_admin each time it issues an access token.
-- ---------------------------------------------------------------------------------------------------

create or replace function public.custom_access_token_hook(event jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  person uuid := (event ->> 'user_id')::uuid;
  claims jsonb := coalesce(event -> 'claims', '{}');
  staff_role text;
  wards jsonb;
begin
  select role into staff_role from public.staff_roles where user_id = person;
  select coalesce(jsonb_agg(ward_id order by ward_id), '[]') into wards
    from public.ward_postings where user_id = person;
  claims := jsonb_set(
    claims,
    '{app_metadata}',
    coalesce(claims -> 'app_metadata', '{}')
      || jsonb_build_object('role', coalesce(staff_role, 'citizen'), 'wards', wards)
  );
  return jsonb_build_object('claims', claims);
end;
$$;

comment on function public.custom_access_token_hook(jsonb) is
  'Auth''s custom access token hook: writes the person''s role (public.staff_roles, citizen when none) and '
  'ward postings into the token''s app_metadata.role and app_metadata.wards. Only supabase_auth_admin may '
  'call it.';

revoke all on function public.custom_access_token_hook(jsonb) from public, anon, authenticated;
grant execute on function public.custom_access_token_hook(jsonb) to supabase_auth_admin;
grant usage on schema public to supabase_auth_admin;
grant select on table public.staff_roles, public.ward_postings to supabase_auth_admin;

create policy "Auth reads roles to put them into tokens"
  on public.staff_roles for select
  to supabase_auth_admin
  using (true);

create policy "Auth reads postings to put them into tokens"
  on public.ward_postings for select
  to supabase_auth_admin
  using (true);

revoke all on function private.stamp_role_change(), private.mirror_staff_into_profile() from public;
