-- The staff complaint workspace (/admin/complaints/<id>): how many citizens follow a complaint, and the
-- names and phones of the people in it. Building the workspace on the staff complaints migration
-- (20261130000300) also showed five things wrong there, fixed here:
--
--   1. Ward admins could not assign anyone. The posting check in private.complaints_before_update runs
--      with the caller's rights, and RLS on staff_roles and ward_postings shows a ward admin only their own
--      rows, so every provider looked unposted (23514); only super admins, who read every row, could assign.
--      The check now asks private.is_provider_of_ward(), which reads past RLS.
--   2. A super admin moving a complaint to another ward kept its assignee, a provider not posted there, who
--      went on seeing and changing it. A ward change must now leave an assignee posted to the new ward (or
--      none).
--   3. Any staff member in scope, service providers included, could rewrite the rejection reason the
--      citizen reads (PATCH rejection_reason alone), with no status change and no audit entry. The reason
--      is now written only by the change into rejected.
--   4. The citizen who filed a complaint, calling staff_update_complaint, was told CC409 "someone else
--      saved first": private.refuse_stale_or_hidden asked whether the caller can read the complaint, and
--      filers can. It now asks whether the caller's staff scope includes it; anyone else gets CC404.
--   5. Staff read whole profiles of the people of their complaints and of every colleague, national ID
--      number and home address included, where the workspace needs a name and a phone. That policy gives
--      way to public.staff_people(), which answers for the same people with their name and phone only;
--      super admins keep reading every profile (they manage staff).

-- ---------------------------------------------------------------------------------------------------
-- 1-3: the rules of a change
-- ---------------------------------------------------------------------------------------------------

create or replace function private.complaints_before_update()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  -- API callers act as `authenticated`; SECURITY DEFINER functions (the citizen's confirm and reopen),
  -- the service role and scheduled jobs are trusted with the workflow's own rules only.
  api_caller constant boolean := current_user = 'authenticated';
  caller_role constant text := public.current_app_role();
  closing_comment text := nullif(btrim(current_setting('app.status_comment', true)), '');
begin
  if (new.id, new.tracking_number, new.citizen_id, new.client_request_id, new.created_at)
     is distinct from (old.id, old.tracking_number, old.citizen_id, old.client_request_id, old.created_at) then
    raise exception 'a complaint''s id, tracking number, citizen, request key and filing time never change'
      using errcode = 'insufficient_privilege';
  end if;

  if api_caller then
    if caller_role not in ('service_provider', 'ward_admin', 'super_admin') then
      raise exception 'only staff can change a complaint''s status, priority or assignment'
        using errcode = 'insufficient_privilege';
    end if;
    if caller_role = 'service_provider' then
      if (new.priority, new.assigned_to, new.ward_id) is distinct from (old.priority, old.assigned_to, old.ward_id)
      then
        raise exception 'service providers change only the status of their complaints'
          using errcode = 'insufficient_privilege';
      end if;
      if new.status is distinct from old.status
         and (old.status, new.status) not in (('submitted', 'in_progress'), ('in_progress', 'resolved')) then
        raise exception 'service providers start work and mark it resolved; % to % is for ward admins',
          old.status, new.status using errcode = 'insufficient_privilege';
      end if;
    end if;
    if new.ward_id is distinct from old.ward_id and caller_role <> 'super_admin' then
      raise exception 'only super admins move a complaint to another ward' using errcode = 'insufficient_privilege';
    end if;
    if new.rejection_reason is distinct from old.rejection_reason
       and not (new.status = 'rejected' and old.status <> 'rejected') then
      raise exception 'the rejection reason is written when rejecting, and never changed afterwards'
        using errcode = 'insufficient_privilege';
    end if;
    if new.status is distinct from old.status and new.status = 'closed' and closing_comment is null then
      raise exception 'closing a complaint needs a comment' using errcode = 'check_violation';
    end if;
  end if;

  if new.assigned_to is not null
     and (new.assigned_to is distinct from old.assigned_to or new.ward_id is distinct from old.ward_id)
     and not private.is_provider_of_ward(new.assigned_to, new.ward_id) then
    raise exception 'complaints are assigned only to a service provider posted to the complaint''s ward'
      using errcode = 'check_violation';
  end if;

  if new.status is distinct from old.status then
    if not exists (select 1 from public.complaint_status_transitions
                    where from_status = old.status and to_status = new.status) then
      raise exception 'a complaint cannot go from % to %', old.status, new.status
        using errcode = 'check_violation';
    end if;
    if new.status = 'rejected' and coalesce(btrim(new.rejection_reason), '') = '' then
      raise exception 'a rejected complaint needs a rejection reason' using errcode = 'check_violation';
    end if;
    if new.status = 'resolved' then
      new.resolved_at := now();
    elsif new.status <> 'closed' then
      new.resolved_at := null;
    end if;
  end if;

  new.version := old.version + 1;
  -- Stamp the change unless the caller (the service role backfilling history) set the time itself.
  if new.updated_at is not distinct from old.updated_at then
    new.updated_at := now();
  end if;
  return new;
end;
$$;

comment on function private.complaints_before_update() is
  'BEFORE UPDATE on complaints: identity columns are immutable; API callers must be staff, service '
  'providers only move their complaints'' status forward (start, resolve), only super admins move wards, '
  'the rejection reason is written only by rejecting, closing needs a comment; assignees are service '
  'providers posted to the ward, also after a ward change; status follows complaint_status_transitions, '
  'rejection needs a reason; version, resolved_at and updated_at are kept here.';

-- ---------------------------------------------------------------------------------------------------
-- 4: a refusal names the right reason
-- ---------------------------------------------------------------------------------------------------

create or replace function private.refuse_stale_or_hidden(complaint_id uuid)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if exists (select 1 from public.complaints as c
              where c.id = complaint_id and private.staff_scope_includes(c.ward_id, c.assigned_to)) then
    perform private.refuse(409, 'CC409', 'The complaint changed since it was opened');
  end if;
  perform private.refuse(404, 'CC404', 'No such complaint in your scope');
end;
$$;

comment on function private.refuse_stale_or_hidden(uuid) is
  'For the staff functions: 409 CC409 when the complaint is in the caller''s staff scope (someone else '
  'saved first), else 404 CC404 (the filer included: they read it, but it is not theirs to change).';

-- ---------------------------------------------------------------------------------------------------
-- 5 and the workspace: the people of a complaint, its followers
-- ---------------------------------------------------------------------------------------------------

drop policy "Staff read the people of their complaints and their colleagues" on public.profiles;

create policy "Super admins read every profile"
  on public.profiles for select
  to authenticated
  using ((select public.current_app_role()) = 'super_admin');

comment on policy "Super admins read every profile" on public.profiles is
  'Super admins manage staff and read whole profiles. Other staff see names and phones only, through '
  'public.staff_people().';

create or replace function public.staff_people(person_ids uuid[])
returns table (id uuid, full_name text, phone text)
language sql
stable
security definer
set search_path = ''
as $$
  select p.id, p.full_name, p.phone
    from public.profiles as p
   where p.id = any (staff_people.person_ids)
     and public.current_app_role() in ('service_provider', 'ward_admin', 'super_admin')
     and (
       public.current_app_role() = 'super_admin'
       or private.is_staff_member(p.id)
       or exists (select 1 from public.complaints as c
                   where c.citizen_id = p.id and private.staff_scope_includes(c.ward_id, c.assigned_to))
     )
   order by p.id;
$$;

comment on function public.staff_people(uuid[]) is
  'Name and phone of those of these people a staff member may know: citizens who filed a complaint in their '
  'scope, and colleagues (everyone for super admins). Nothing for citizens and anon, and never the national '
  'ID or address. SECURITY DEFINER: profiles'' RLS shows staff whole rows of nobody but themselves.';

revoke all on function public.staff_people(uuid[]) from public, anon;
grant execute on function public.staff_people(uuid[]) to authenticated, service_role;

create or replace function public.complaint_follower_count(complaint_id uuid)
returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select (select count(*) from public.complaint_followers as f where f.complaint_id = c.id)::integer
    from public.complaints as c
   where c.id = complaint_follower_count.complaint_id
     and private.staff_scope_includes(c.ward_id, c.assigned_to);
$$;

comment on function public.complaint_follower_count(uuid) is
  'How many citizens follow a complaint ("me too"), for staff whose scope includes it; null for anyone '
  'else. SECURITY DEFINER: followers are private to each follower.';

revoke all on function public.complaint_follower_count(uuid) from public, anon;
grant execute on function public.complaint_follower_count(uuid) to authenticated, service_role;
