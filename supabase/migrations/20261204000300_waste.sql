-- Waste collection: each ward's collection days and time windows, its secondary transfer stations, and
-- citizens' requests for a special (bulky) pickup, which the ward's staff handle as a small queue.
-- Schedules and stations are public; a ward's admins and super admins keep them (private.can_manage_wards).

-- ---------------------------------------------------------------------------------------------------
-- Schedules
-- ---------------------------------------------------------------------------------------------------

create table public.waste_schedules (
  id bigint generated always as identity primary key,
  ward_id integer not null references public.wards (id),
  weekday smallint not null check (weekday between 0 and 6),
  starts_at time not null,
  ends_at time not null,
  stream text not null default 'mixed' check (stream in ('mixed', 'organic', 'recyclable')),
  unique (ward_id, weekday, starts_at),
  constraint waste_schedules_window check (ends_at > starts_at)
);

alter table public.waste_schedules enable row level security;

comment on table public.waste_schedules is
  'When the city collects household waste in each ward: a weekday and a time window (Bangladesh time), per '
  'waste stream. Public; kept by the ward''s admins and super admins.';
comment on column public.waste_schedules.id is 'The schedule entry.';
comment on column public.waste_schedules.ward_id is 'The ward.';
comment on column public.waste_schedules.weekday is 'Day of the week, 0 Sunday to 6 Saturday (as extract(dow)).';
comment on column public.waste_schedules.starts_at is 'Start of the collection window, Bangladesh time.';
comment on column public.waste_schedules.ends_at is 'End of the collection window, Bangladesh time.';
comment on column public.waste_schedules.stream is 'What is collected: mixed, organic (wet) or recyclable (dry).';

create table public.transfer_stations (
  id bigint generated always as identity primary key,
  ward_id integer not null references public.wards (id),
  name_bn text not null check (name_bn = btrim(name_bn) and char_length(name_bn) between 1 and 150),
  name_en text not null check (name_en = btrim(name_en) and char_length(name_en) between 1 and 150),
  address_bn text check (char_length(address_bn) <= 300),
  latitude numeric(8, 6) check (latitude between 20.5 and 26.7),
  longitude numeric(9, 6) check (longitude between 88 and 92.7),
  hours_bn text check (char_length(hours_bn) <= 100),
  constraint transfer_stations_location_pair check ((latitude is null) = (longitude is null)),
  constraint transfer_stations_name_bn_printable check (private.is_printable(name_bn)),
  constraint transfer_stations_name_en_printable check (private.is_printable(name_en)),
  constraint transfer_stations_address_bn_printable check (private.is_printable(address_bn)),
  constraint transfer_stations_hours_bn_printable check (private.is_printable(hours_bn))
);

alter table public.transfer_stations enable row level security;

comment on table public.transfer_stations is
  'Secondary transfer stations (STS), where a ward''s waste is gathered before the landfill. Public; kept '
  'by the ward''s admins and super admins.';
comment on column public.transfer_stations.id is 'The station.';
comment on column public.transfer_stations.ward_id is 'The ward it serves.';
comment on column public.transfer_stations.name_bn is 'Name in Bengali.';
comment on column public.transfer_stations.name_en is 'Name in English.';
comment on column public.transfer_stations.address_bn is 'Where it is, in Bengali.';
comment on column public.transfer_stations.latitude is 'Its place (Bangladesh), optional.';
comment on column public.transfer_stations.longitude is 'Its place, with latitude.';
comment on column public.transfer_stations.hours_bn is 'When residents may bring waste, in Bengali (e.g. "সকাল ৬টা–১০টা").';

revoke all on table public.waste_schedules, public.transfer_stations from public, anon, authenticated;
grant select on table public.waste_schedules, public.transfer_stations to anon, authenticated;
grant insert (ward_id, weekday, starts_at, ends_at, stream), update (weekday, starts_at, ends_at, stream), delete
  on table public.waste_schedules to authenticated;
grant insert (ward_id, name_bn, name_en, address_bn, latitude, longitude, hours_bn),
  update (name_bn, name_en, address_bn, latitude, longitude, hours_bn), delete
  on table public.transfer_stations to authenticated;
grant all on table public.waste_schedules, public.transfer_stations to service_role;

create policy "Anyone reads collection schedules" on public.waste_schedules for select
  to anon, authenticated using (true);
create policy "The ward's admins and super admins add schedules" on public.waste_schedules for insert
  to authenticated with check ((select private.can_manage_wards(array[ward_id])));
create policy "The ward's admins and super admins change schedules" on public.waste_schedules for update
  to authenticated using ((select private.can_manage_wards(array[ward_id])))
  with check ((select private.can_manage_wards(array[ward_id])));
create policy "The ward's admins and super admins remove schedules" on public.waste_schedules for delete
  to authenticated using ((select private.can_manage_wards(array[ward_id])));

create policy "Anyone reads transfer stations" on public.transfer_stations for select
  to anon, authenticated using (true);
create policy "The ward's admins and super admins add stations" on public.transfer_stations for insert
  to authenticated with check ((select private.can_manage_wards(array[ward_id])));
create policy "The ward's admins and super admins change stations" on public.transfer_stations for update
  to authenticated using ((select private.can_manage_wards(array[ward_id])))
  with check ((select private.can_manage_wards(array[ward_id])));
create policy "The ward's admins and super admins remove stations" on public.transfer_stations for delete
  to authenticated using ((select private.can_manage_wards(array[ward_id])));

-- The next collections of a ward from now, in Bangladesh time (the home page's "next collection").
create or replace function public.next_collections(ward integer, how_many integer default 3)
returns table (day date, starts_at time, ends_at time, stream text)
language sql
stable
set search_path = ''
as $$
  with here as (select (now() at time zone 'Asia/Dhaka') as local_now)
  select d.day::date, s.starts_at, s.ends_at, s.stream
    from here
   cross join generate_series(here.local_now::date, here.local_now::date + 7, interval '1 day') as d(day)
    join public.waste_schedules as s
      on s.ward_id = next_collections.ward and s.weekday = extract(dow from d.day)
   where d.day::date > here.local_now::date or s.ends_at > here.local_now::time
   order by d.day, s.starts_at
   limit least(greatest(next_collections.how_many, 1), 20);
$$;

comment on function public.next_collections(integer, integer) is
  'The ward''s next collection windows from now (Bangladesh time): today''s not yet over, then the coming '
  'week''s, at most how_many (1-20).';

revoke all on function public.next_collections(integer, integer) from public;
grant execute on function public.next_collections(integer, integer) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Bulky pickups
-- ---------------------------------------------------------------------------------------------------

create table public.bulky_pickup_requests (
  id uuid primary key default gen_random_uuid(),
  citizen_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  ward_id integer not null references public.wards (id),
  items text not null check (char_length(items) between 3 and 500),
  address text not null check (char_length(address) between 3 and 300),
  window_start date not null,
  window_end date not null,
  status text not null default 'requested'
    check (status in ('requested', 'scheduled', 'collected', 'declined', 'cancelled')),
  scheduled_for date,
  staff_note text check (char_length(staff_note) <= 500),
  fee_code text not null references public.payment_fees (code),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint bulky_pickup_requests_window check (window_end >= window_start and window_end - window_start <= 14),
  constraint bulky_pickup_requests_scheduled_in_window
    check (scheduled_for is null or scheduled_for between window_start and window_end),
  constraint bulky_pickup_requests_scheduled_has_date check (status <> 'scheduled' or scheduled_for is not null),
  constraint bulky_pickup_requests_items_printable check (private.is_printable(items)),
  constraint bulky_pickup_requests_address_printable check (private.is_printable(address)),
  constraint bulky_pickup_requests_staff_note_printable check (private.is_printable(staff_note))
);

alter table public.bulky_pickup_requests enable row level security;

comment on table public.bulky_pickup_requests is
  'Requests for a special pickup of bulky waste (furniture, appliances, debris) within a date window, '
  'handled by the ward''s staff: requested → scheduled (a date in the window) → collected, or declined; '
  'the citizen may cancel while requested.';
comment on column public.bulky_pickup_requests.id is 'The request; the citizen''s device may choose it, so a retry cannot ask twice.';
comment on column public.bulky_pickup_requests.citizen_id is 'Who asked (the signed-in caller).';
comment on column public.bulky_pickup_requests.ward_id is 'The ward to collect in.';
comment on column public.bulky_pickup_requests.items is 'What is to be collected, as the citizen wrote it.';
comment on column public.bulky_pickup_requests.address is 'Where to collect.';
comment on column public.bulky_pickup_requests.window_start is 'First day the citizen can hand it over (from tomorrow).';
comment on column public.bulky_pickup_requests.window_end is 'Last such day (at most 14 days after the first).';
comment on column public.bulky_pickup_requests.status is 'requested, scheduled, collected, declined or cancelled.';
comment on column public.bulky_pickup_requests.scheduled_for is 'The day staff will collect, within the window.';
comment on column public.bulky_pickup_requests.staff_note is 'What staff tell the citizen (time, reason for declining).';
comment on column public.bulky_pickup_requests.fee_code is
  'The fee this pickup is paid under: its ward''s corporation''s bulky pickup fee in the payments'' '
  'catalogue (public.payment_fees); the amount comes from there, never from here.';
comment on column public.bulky_pickup_requests.created_at is 'When it was asked.';
comment on column public.bulky_pickup_requests.updated_at is 'When it last changed.';

create index bulky_pickup_requests_citizen_idx on public.bulky_pickup_requests (citizen_id, created_at desc);
create index bulky_pickup_requests_queue_idx on public.bulky_pickup_requests (ward_id, window_start)
  where status in ('requested', 'scheduled');

create or replace function private.bulky_pickup_before_write()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  today date := (now() at time zone 'Asia/Dhaka')::date;
  is_staff boolean := private.can_manage_wards(array[new.ward_id]);
begin
  if tg_op = 'INSERT' then
    new.citizen_id := auth.uid();
    new.status := 'requested';
    new.scheduled_for := null;
    new.staff_note := null;
    -- Each corporation publishes its own fee (dncc_bulky_waste_pickup, dscc_…) in the payments' catalogue.
    -- (An unknown ward is left to the ward's foreign key to refuse.)
    new.fee_code := coalesce((select lower(w.city_corporation) from public.wards as w where w.id = new.ward_id),
                             'unknown') || '_bulky_waste_pickup';
    new.created_at := now();
    if new.window_start <= today or new.window_start > today + 60 then
      raise exception 'the window starts from tomorrow, within 60 days'
        using errcode = 'check_violation', constraint = 'bulky_pickup_requests_window_start';
    end if;
    return new;
  end if;
  -- Only the status moves on, and only along the queue's steps; the request itself stays as asked.
  if (new.citizen_id, new.ward_id, new.items, new.address, new.window_start, new.window_end, new.fee_code,
      new.created_at)
     is distinct from (old.citizen_id, old.ward_id, old.items, old.address, old.window_start, old.window_end,
      old.fee_code, old.created_at) then
    raise exception 'only the status of a request changes' using errcode = 'insufficient_privilege';
  end if;
  if new.status is distinct from old.status and not (
       (old.status = 'requested' and new.status in ('scheduled', 'declined') and is_staff)
       or (old.status = 'scheduled' and new.status in ('collected', 'declined') and is_staff)
       or (old.status = 'requested' and new.status = 'cancelled' and old.citizen_id = auth.uid())
     ) then
    raise exception 'a request moves requested → scheduled → collected (staff), declined (staff) or cancelled (its citizen, while requested)'
      using errcode = 'check_violation', constraint = 'bulky_pickup_requests_status_order';
  end if;
  new.updated_at := now();
  return new;
end;
$$;

comment on function private.bulky_pickup_before_write() is
  'BEFORE INSERT/UPDATE on bulky_pickup_requests: a new request is the caller''s, starts as requested, '
  'from tomorrow; afterwards only status (along its steps), scheduled_for and staff_note change.';

create trigger bulky_pickup_before_write
  before insert or update on public.bulky_pickup_requests
  for each row execute function private.bulky_pickup_before_write();

revoke all on function private.bulky_pickup_before_write() from public;

revoke all on table public.bulky_pickup_requests from public, anon, authenticated;
grant select, insert (id, ward_id, items, address, window_start, window_end),
  update (status, scheduled_for, staff_note) on table public.bulky_pickup_requests to authenticated;
grant all on table public.bulky_pickup_requests to service_role;

create policy "Citizens ask for bulky pickups as themselves" on public.bulky_pickup_requests for insert
  to authenticated with check (citizen_id = (select auth.uid()));
create policy "Citizens read their requests, the ward's staff its queue" on public.bulky_pickup_requests
  for select to authenticated
  using (citizen_id = (select auth.uid()) or (select private.can_manage_wards(array[ward_id])));
create policy "Citizens cancel their requests, the ward's staff move them on" on public.bulky_pickup_requests
  for update to authenticated
  using (citizen_id = (select auth.uid()) or (select private.can_manage_wards(array[ward_id])))
  with check (citizen_id = (select auth.uid()) or (select private.can_manage_wards(array[ward_id])));
