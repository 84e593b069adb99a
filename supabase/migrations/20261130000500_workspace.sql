-- The staff complaint workspace (/admin/complaints/<id>): how many citizens follow a complaint, and the
-- names and phones of the people in it. Staff read no whole profiles (national ID, home address): the
-- workspace gets a name and a phone through public.staff_people(); super admins read every profile (they
-- manage staff).

-- ---------------------------------------------------------------------------------------------------
-- The people of a complaint, its followers
-- ---------------------------------------------------------------------------------------------------

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
