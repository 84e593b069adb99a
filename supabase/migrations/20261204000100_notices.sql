-- Notices: what the city corporation tells its residents, city-wide or for chosen wards.
--
-- Super admins write notices for the whole city or any wards; ward admins only for the wards they are
-- posted to. Everyone (visitors too) reads a notice while it is published (publish_at passed, expires_at
-- not yet). Bodies are the app's small rich-text markup (paragraphs, lists, links; lib/notices/rich_text.ts
-- renders it, escaping everything): no HTML at all is stored, which the database checks itself, since
-- staff can write through PostgREST without the app's pages. Urgent notices are announced live on the
-- Realtime topics notices:city and notices:ward:<id>, which each reader's banner joins.

-- ---------------------------------------------------------------------------------------------------
-- Who may keep a ward's public information (notices here; emergency contacts, waste schedules and the
-- gallery in the migrations after this one).
-- ---------------------------------------------------------------------------------------------------

create or replace function private.can_manage_wards(wards integer[])
returns boolean
language sql
stable
set search_path = ''
as $$
  select private.is_super_admin()
      or (public.current_app_role() = 'ward_admin'
          and cardinality(wards) > 0
          and wards <@ private.posted_wards());
$$;

comment on function private.can_manage_wards(integer[]) is
  'Whether the signed-in caller may publish for these wards: super admins for any (an empty array means '
  'city-wide: theirs only), ward admins for wards they are all posted to. For policies on ward content.';

revoke all on function private.can_manage_wards(integer[]) from public;
grant execute on function private.can_manage_wards(integer[]) to authenticated, service_role;

create or replace function private.home_ward()
returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select ward_id from public.profiles where id = auth.uid();
$$;

comment on function private.home_ward() is
  'The signed-in caller''s home ward (public.profiles.ward_id), null for visitors and people without one. '
  'For the Realtime policies of ward topics. SECURITY DEFINER: a stable lookup of the caller''s own row.';

revoke all on function private.home_ward() from public;
grant execute on function private.home_ward() to authenticated, service_role;

-- Ward id lists are checked against public.wards (an array cannot carry a foreign key).
create or replace function private.refuse_unknown_wards(wards integer[])
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if exists (select 1 from unnest(wards) as w(id) where not exists (select 1 from public.wards where id = w.id)) then
    raise exception 'unknown ward in %', wards using errcode = 'foreign_key_violation';
  end if;
end;
$$;

comment on function private.refuse_unknown_wards(integer[]) is
  'Raises a foreign key violation (23503) when any id is not in public.wards.';

revoke all on function private.refuse_unknown_wards(integer[]) from public;
grant execute on function private.refuse_unknown_wards(integer[]) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- public.notices
-- ---------------------------------------------------------------------------------------------------

create table public.notices (
  id uuid primary key default gen_random_uuid(),
  title_bn text not null check (title_bn = btrim(title_bn) and char_length(title_bn) between 1 and 200),
  title_en text check (title_en = btrim(title_en) and char_length(title_en) between 1 and 200),
  body_bn text not null check (char_length(body_bn) between 1 and 10000),
  body_en text check (char_length(body_en) between 1 and 10000),
  category text not null default 'general'
    check (category in ('general', 'health', 'waste', 'water', 'roads', 'emergency')),
  urgent boolean not null default false,
  ward_ids integer[] not null default '{}',
  pinned boolean not null default false,
  publish_at timestamptz not null default now(),
  expires_at timestamptz,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint notices_expires_after_publish check (expires_at > publish_at),
  constraint notices_ward_ids_bounded check (cardinality(ward_ids) <= 129 and array_position(ward_ids, null) is null),
  constraint notices_title_bn_printable check (private.is_printable(title_bn)),
  constraint notices_title_en_printable check (private.is_printable(title_en)),
  constraint notices_body_bn_printable check (private.is_printable(body_bn)),
  constraint notices_body_en_printable check (private.is_printable(body_en)),
  -- No markup at all: "<" followed by a letter, "/", "!" or "?" starts an HTML tag, comment or directive.
  constraint notices_body_bn_no_html check (body_bn !~ '<[[:alpha:]/!?]'),
  constraint notices_body_en_no_html check (body_en !~ '<[[:alpha:]/!?]')
);

alter table public.notices enable row level security;

comment on table public.notices is
  'Notices of the city corporation to residents, city-wide (ward_ids empty) or for chosen wards. Public '
  'while published; super admins write any, ward admins those for their own wards.';
comment on column public.notices.id is 'The notice (its Atom entry id is urn:uuid:<id>).';
comment on column public.notices.title_bn is 'Title in Bengali (required, at most 200 characters).';
comment on column public.notices.title_en is 'Title in English, optional; readers in English see the Bengali when null.';
comment on column public.notices.body_bn is
  'Body in Bengali in the app''s rich-text markup: paragraphs split by blank lines, "- " or "1. " list '
  'items, [text](https://…) links. Never HTML (checked).';
comment on column public.notices.body_en is 'Body in English, same markup; optional.';
comment on column public.notices.category is 'general, health, waste, water, roads or emergency.';
comment on column public.notices.urgent is
  'Shown as a banner on every page of the readers it concerns while published, announced live.';
comment on column public.notices.ward_ids is 'The wards (public.wards.id) it is for; empty: the whole city.';
comment on column public.notices.pinned is 'Listed before the others while published.';
comment on column public.notices.publish_at is 'When it becomes public (may be in the future: scheduled).';
comment on column public.notices.expires_at is 'When it stops being shown; null: never.';
comment on column public.notices.created_by is 'The staff member who wrote it.';
comment on column public.notices.created_at is 'When it was written.';
comment on column public.notices.updated_at is 'When it last changed (the Atom entry''s updated).';

create index notices_published_idx on public.notices (pinned desc, publish_at desc);
create index notices_ward_ids_idx on public.notices using gin (ward_ids);
create index notices_urgent_idx on public.notices (publish_at) where urgent;

create or replace function private.notices_before_write()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform private.refuse_unknown_wards(new.ward_ids);
  -- One order, no repeats: policies compare ward lists as sets, people read them as lists.
  new.ward_ids := array(select distinct w from unnest(new.ward_ids) as w order by w);
  if tg_op = 'UPDATE' then
    new.created_by := old.created_by;
    new.created_at := old.created_at;
    new.updated_at := now();
  end if;
  return new;
end;
$$;

comment on function private.notices_before_write() is
  'BEFORE INSERT/UPDATE on notices: refuses unknown wards, sorts ward_ids, keeps the author and stamps the change.';

create trigger notices_before_write
  before insert or update on public.notices
  for each row execute function private.notices_before_write();

revoke all on table public.notices from public, anon, authenticated;
grant select on table public.notices to anon, authenticated;
grant insert (title_bn, title_en, body_bn, body_en, category, urgent, ward_ids, pinned, publish_at, expires_at),
  update (title_bn, title_en, body_bn, body_en, category, urgent, ward_ids, pinned, publish_at, expires_at),
  delete on table public.notices to authenticated;
grant all on table public.notices to service_role;

create policy "Anyone reads published notices"
  on public.notices for select
  to anon, authenticated
  using (publish_at <= now() and (expires_at is null or expires_at > now()));

create policy "Staff read the notices they may edit"
  on public.notices for select
  to authenticated
  using ((select private.can_manage_wards(ward_ids)));

create policy "Super admins and the ward's admins publish notices"
  on public.notices for insert
  to authenticated
  with check ((select private.can_manage_wards(ward_ids)));

create policy "Super admins and the ward's admins change notices"
  on public.notices for update
  to authenticated
  using ((select private.can_manage_wards(ward_ids)))
  with check ((select private.can_manage_wards(ward_ids)));

create policy "Super admins and the ward's admins withdraw notices"
  on public.notices for delete
  to authenticated
  using ((select private.can_manage_wards(ward_ids)));

-- ---------------------------------------------------------------------------------------------------
-- Live urgent notices: a message on each topic the notice concerns, before and after the change, so a
-- banner appears, changes and disappears. Messages carry the id only; banners fetch what they may read.
-- ---------------------------------------------------------------------------------------------------

-- The topics an urgent notice for these wards is heard on: the city's for a city-wide one, else each ward's.
create or replace function private.urgent_notice_topics(ward_ids integer[])
returns text[]
language sql
immutable
set search_path = ''
as $$
  select case when cardinality(ward_ids) = 0 then array['notices:city']
              else array(select 'notices:ward:' || w from unnest(ward_ids) as w) end;
$$;

comment on function private.urgent_notice_topics(integer[]) is
  'notices:city for a city-wide notice (no wards), else notices:ward:<id> for each of its wards.';

create or replace function private.send_urgent_changed(notice_id uuid, topics text[])
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  topic text;
begin
  for topic in select distinct t from unnest(topics) as t loop
    perform realtime.send(jsonb_build_object('notice_id', notice_id), 'urgent_changed', topic, true);
  end loop;
end;
$$;

comment on function private.send_urgent_changed(uuid, text[]) is
  'Sends urgent_changed with the notice id (nothing more) once on each of the topics.';

create or replace function private.broadcast_urgent_notice()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  topics text[] := '{}';
begin
  if tg_op <> 'INSERT' and old.urgent then
    topics := topics || private.urgent_notice_topics(old.ward_ids);
  end if;
  if tg_op <> 'DELETE' and new.urgent then
    topics := topics || private.urgent_notice_topics(new.ward_ids);
  end if;
  perform private.send_urgent_changed(coalesce(new.id, old.id), topics);
  return null;
end;
$$;

comment on function private.broadcast_urgent_notice() is
  'AFTER INSERT/UPDATE/DELETE on notices: announces a change to an urgent notice (urgent before or after) '
  'on notices:city (city-wide) or notices:ward:<id> for each ward, with the notice id only.';

create trigger notices_broadcast_urgent
  after insert or update or delete on public.notices
  for each row execute function private.broadcast_urgent_notice();

create policy "People hear urgent notices for the city and their own ward"
  on realtime.messages for select
  to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and realtime.messages.topic = (select realtime.topic())
    and (
      (select realtime.topic()) = 'notices:city'
      or (select realtime.topic()) = 'notices:ward:' || (select private.home_ward())
      or ((select realtime.topic()) ~ '^notices:ward:[0-9]{1,9}$'
          and (select private.can_manage_wards(array[substr((select realtime.topic()), 14)::integer])))
    )
  );

comment on policy "People hear urgent notices for the city and their own ward" on realtime.messages is
  'Signed-in people join notices:city and notices:ward:<their home ward>; staff also the wards they manage.';

revoke all on function private.notices_before_write(), private.broadcast_urgent_notice(),
  private.urgent_notice_topics(integer[]), private.send_urgent_changed(uuid, text[]) from public;
