-- The home page's data in one call: for a signed-in person their name and ward, the urgent and latest
-- notices for that ward and the city, the ward's next collection and their open complaints; for visitors
-- the city-wide notices. SECURITY INVOKER: RLS decides every row, as if each were read on its own; one
-- round trip instead of a profile read followed by four more that depend on its ward. PL/pgSQL, so a
-- visitor's call never touches the tables only signed-in people may read (profiles, complaints).
--
-- public.urgent_notices is the urgent part alone, for the banner every page of a signed-in person carries
-- (rendered on the server, so it shows without JavaScript; the banner island keeps it live).

create or replace function public.urgent_notices()
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  person uuid := auth.uid();
  ward integer;
begin
  if person is not null then
    select p.ward_id into ward from public.profiles as p where p.id = person;
  end if;
  return jsonb_build_object(
    'ward_id', ward,
    'notices', coalesce((
      select jsonb_agg(u order by u.publish_at desc, u.id)
        from (select n.id, n.title_bn, n.title_en, n.publish_at, n.updated_at
                from public.notices as n
               where n.urgent and n.publish_at <= now() and (n.expires_at is null or n.expires_at > now())
                 and (n.ward_ids = '{}' or n.ward_ids @> array[ward])
               order by n.publish_at desc, n.id
               limit 3) as u), '[]'));
end;
$$;

comment on function public.urgent_notices() is
  'The urgent notices published now for the caller, as the caller (RLS applies): {ward_id, notices: [{id, '
  'title_bn, title_en, publish_at, updated_at}]}, newest first, at most three; their home ward''s and '
  'city-wide ones (city-wide only for visitors and people without a ward).';

revoke all on function public.urgent_notices() from public;
grant execute on function public.urgent_notices() to anon, authenticated, service_role;

create or replace function public.home_page(notice_count integer default 3)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  person uuid := auth.uid();
  name text;
  ward integer;
  notices jsonb;
  open_complaints jsonb := '[]'::jsonb;
begin
  if person is not null then
    select p.full_name, p.ward_id into name, ward from public.profiles as p where p.id = person;
    select coalesce(jsonb_agg(o order by o.updated_at desc), '[]') into open_complaints
      from (select c.id, c.tracking_number, c.title, c.status, c.updated_at
              from public.complaints as c
             where c.citizen_id = person and public.complaint_status_is_open(c.status)
             order by c.updated_at desc limit 3) as o;
  end if;

  with shown as (
    select n.id, n.title_bn, n.title_en, n.body_bn, n.body_en, n.category, n.urgent, n.ward_ids, n.pinned,
           n.publish_at, n.expires_at, n.updated_at
      from public.notices as n
     where n.publish_at <= now() and (n.expires_at is null or n.expires_at > now())
       and (n.ward_ids = '{}' or n.ward_ids @> array[ward])
  )
  select coalesce((select jsonb_agg(l order by l.pinned desc, l.publish_at desc)
                     from (select * from shown order by pinned desc, publish_at desc
                            limit least(greatest(notice_count, 1), 10)) as l), '[]')
    into notices;

  return jsonb_build_object(
    'full_name', name,
    'ward_id', ward,
    'urgent', public.urgent_notices() -> 'notices',
    'notices', notices,
    'next_collection', (select to_jsonb(c) from public.next_collections(ward, 1) as c),
    'open_complaints', open_complaints
  );
end;
$$;

comment on function public.home_page(integer) is
  'Everything the home page shows from the database, in one call, as the caller (RLS applies): full_name, '
  'ward_id, urgent and latest published notices (their ward''s and city-wide; city-wide only for visitors), '
  'next_collection in their ward, and up to three of their open complaints.';

revoke all on function public.home_page(integer) from public;
grant execute on function public.home_page(integer) to anon, authenticated, service_role;
