-- A super admin's change to one person's role and ward postings, in one transaction: all of it or none.
-- SECURITY INVOKER: the staff_roles and ward_postings policies decide (super admins only, never their own
-- row); where a policy leaves a row out instead of raising, nothing is touched, and that is refused too.

create or replace function public.set_staff_role(person uuid, seen_role text, new_role text, wards integer[] default '{}')
returns void
language plpgsql
set search_path = ''
as $$
begin
  if new_role not in ('citizen', 'service_provider', 'ward_admin', 'super_admin') then
    perform private.refuse(400, 'CC400', 'new_role must be citizen, service_provider, ward_admin or super_admin');
  end if;
  -- RLS refuses these too, but by leaving rows out where it can: say so instead.
  if person = auth.uid() then
    perform private.refuse(403, 'CC403', 'Nobody changes their own role');
  end if;
  if public.current_app_role() is distinct from 'super_admin' then
    perform private.refuse(403, 'CC403', 'Only super admins manage staff');
  end if;
  -- The role the page showed must still be the role: a change made meanwhile is not overwritten unseen.
  perform 1 from public.staff_roles as r where r.user_id = person for update;
  if coalesce((select r.role from public.staff_roles as r where r.user_id = person), 'citizen') <> seen_role then
    perform private.refuse(409, 'CC409', 'The role changed since the page was opened');
  end if;

  if new_role = 'citizen' then
    -- Taking the role away ends the postings with it (foreign key cascade).
    delete from public.staff_roles as r where r.user_id = person;
    return;
  end if;

  insert into public.staff_roles as r (user_id, role) values (person, new_role)
    on conflict (user_id) do update set role = excluded.role where r.role is distinct from excluded.role;

  -- Postings belong to ward admins and service providers only.
  delete from public.ward_postings as p
   where p.user_id = person
     and (new_role not in ('ward_admin', 'service_provider') or p.ward_id <> all (coalesce(wards, '{}')));
  if new_role in ('ward_admin', 'service_provider') then
    insert into public.ward_postings (user_id, ward_id)
    select person, ward from unnest(wards) as ward
    on conflict do nothing;
  end if;
end;
$$;

comment on function public.set_staff_role(uuid, text, text, integer[]) is
  'Makes a person a citizen or gives them a staff role, with exactly these ward postings (kept only for ward '
  'admins and service providers), all at once or not at all, if their role is still seen_role (else 409 '
  'CC409). For super admins, never on themselves; RLS on staff_roles and ward_postings decides. 400 CC400 for '
  'an unknown role, 403 CC403 when refused.';

revoke all on function public.set_staff_role(uuid, text, text, integer[]) from public, anon;
grant execute on function public.set_staff_role(uuid, text, text, integer[]) to authenticated, service_role;
