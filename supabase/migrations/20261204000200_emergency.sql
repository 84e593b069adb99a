-- Emergency help: a directory of numbers to call (national short codes, and per ward its fire and police
-- stations, hospitals and councillor's office), each ward's duty phone for SOS alerts, and SOS reports.
--
-- An SOS is sent by a signed-in citizen for a ward; it reaches the ward's staff live (Realtime topics
-- sos:ward:<id>, and sos:all for super admins) and its sender live (sos:<id>). Each row carries what an SMS
-- to the ward's duty phone needs (duty_phone, sms_text_bn), copied when it is sent, so the SMS outbox can
-- pick it up as it is. Staff acknowledge it, then close it with an outcome. One person may send at most
-- three in 30 minutes (the database counts, so no client can go around it).

-- ---------------------------------------------------------------------------------------------------
-- The directory
-- ---------------------------------------------------------------------------------------------------

create table public.emergency_contacts (
  id bigint generated always as identity primary key,
  ward_id integer references public.wards (id),
  kind text not null
    check (kind in ('national', 'fire_station', 'police_station', 'hospital', 'councillor_office', 'other')),
  name_bn text not null check (name_bn = btrim(name_bn) and char_length(name_bn) between 1 and 150),
  name_en text not null check (name_en = btrim(name_en) and char_length(name_en) between 1 and 150),
  phone text not null check (phone ~ '^(\+?[0-9]{3,15})$'),
  address_bn text check (char_length(address_bn) <= 300),
  sort_order smallint not null default 100,
  updated_at timestamptz not null default now(),
  constraint emergency_contacts_national_has_no_ward check ((kind = 'national') = (ward_id is null)),
  constraint emergency_contacts_name_bn_printable check (private.is_printable(name_bn)),
  constraint emergency_contacts_name_en_printable check (private.is_printable(name_en)),
  constraint emergency_contacts_address_bn_printable check (private.is_printable(address_bn))
);

alter table public.emergency_contacts enable row level security;

comment on table public.emergency_contacts is
  'Numbers to call in an emergency: the national short codes (no ward) and each ward''s stations, '
  'hospitals and councillor''s office. Public; super admins keep all, ward admins their wards''.';
comment on column public.emergency_contacts.id is 'The contact.';
comment on column public.emergency_contacts.ward_id is 'The ward it serves; null for national numbers.';
comment on column public.emergency_contacts.kind is
  'national, fire_station, police_station, hospital, councillor_office or other.';
comment on column public.emergency_contacts.name_bn is 'Name in Bengali (what it is, e.g. the station''s name).';
comment on column public.emergency_contacts.name_en is 'Name in English.';
comment on column public.emergency_contacts.phone is
  'The number to dial, as dialled: a short code (999) or a full number (+8802…), digits only after "+".';
comment on column public.emergency_contacts.address_bn is 'Where it is, in Bengali; optional.';
comment on column public.emergency_contacts.sort_order is 'Order within its ward (smaller first).';
comment on column public.emergency_contacts.updated_at is 'When it last changed.';

create index emergency_contacts_ward_idx on public.emergency_contacts (ward_id, sort_order);

create trigger emergency_contacts_set_updated_at
  before update on public.emergency_contacts
  for each row execute function public.set_updated_at();

revoke all on table public.emergency_contacts from public, anon, authenticated;
grant select on table public.emergency_contacts to anon, authenticated;
grant insert (ward_id, kind, name_bn, name_en, phone, address_bn, sort_order),
  update (ward_id, kind, name_bn, name_en, phone, address_bn, sort_order), delete
  on table public.emergency_contacts to authenticated;
grant all on table public.emergency_contacts to service_role;

create policy "Anyone reads the emergency directory"
  on public.emergency_contacts for select
  to anon, authenticated
  using (true);

-- National numbers (no ward) are the super admins'; ward contacts also their ward's admins'.
create policy "Super admins and the ward's admins add emergency contacts"
  on public.emergency_contacts for insert
  to authenticated
  with check ((select private.can_manage_wards(array_remove(array[ward_id], null))));

create policy "Super admins and the ward's admins change emergency contacts"
  on public.emergency_contacts for update
  to authenticated
  using ((select private.can_manage_wards(array_remove(array[ward_id], null))))
  with check ((select private.can_manage_wards(array_remove(array[ward_id], null))));

create policy "Super admins and the ward's admins remove emergency contacts"
  on public.emergency_contacts for delete
  to authenticated
  using ((select private.can_manage_wards(array_remove(array[ward_id], null))));

insert into public.emergency_contacts (kind, name_bn, name_en, phone, sort_order) values
  ('national', 'জাতীয় জরুরি সেবা — পুলিশ, ফায়ার সার্ভিস, অ্যাম্বুলেন্স',
   'National emergency service — police, fire service, ambulance', '999', 1),
  ('national', 'জাতীয় কল সেন্টার — সরকারি তথ্য ও সেবা', 'National call centre — government information and services',
   '333', 2),
  ('national', 'নারী ও শিশু নির্যাতন প্রতিরোধ হেল্পলাইন', 'Helpline against violence towards women and children',
   '109', 3),
  ('national', 'স্বাস্থ্য বাতায়ন — চিকিৎসকের পরামর্শ', 'Shastho Batayon — advice from a doctor', '16263', 4),
  ('national', 'ফায়ার সার্ভিস ও সিভিল ডিফেন্স নিয়ন্ত্রণ কক্ষ', 'Fire Service and Civil Defence control room',
   '+8801730336699', 5);

-- ---------------------------------------------------------------------------------------------------
-- Duty phones: where each ward's SOS alerts go by SMS. Staff only.
-- ---------------------------------------------------------------------------------------------------

create table public.ward_duty_phones (
  ward_id integer primary key references public.wards (id),
  phone text not null check (phone ~ '^\+8801[3-9][0-9]{8}$'),
  updated_by uuid default auth.uid() references auth.users (id) on delete set null,
  updated_at timestamptz not null default now()
);

alter table public.ward_duty_phones enable row level security;

comment on table public.ward_duty_phones is
  'The mobile number on duty for each ward''s SOS alerts (an SMS per SOS). Read and kept by the ward''s '
  'admins and super admins.';
comment on column public.ward_duty_phones.ward_id is 'The ward.';
comment on column public.ward_duty_phones.phone is 'Mobile number, +8801[3-9]XXXXXXXX.';
comment on column public.ward_duty_phones.updated_by is 'Who set it last.';
comment on column public.ward_duty_phones.updated_at is 'When it was set last.';

create trigger ward_duty_phones_set_updated_at
  before update on public.ward_duty_phones
  for each row execute function public.set_updated_at();

revoke all on table public.ward_duty_phones from public, anon, authenticated;
-- update of ward_id too: an upsert (PostgREST merge-duplicates) sets every column it was given.
grant select, insert (ward_id, phone), update (ward_id, phone), delete on table public.ward_duty_phones to authenticated;
grant all on table public.ward_duty_phones to service_role;

create policy "The ward's admins and super admins read its duty phone"
  on public.ward_duty_phones for select
  to authenticated
  using ((select private.can_manage_wards(array[ward_id])));

create policy "The ward's admins and super admins set its duty phone"
  on public.ward_duty_phones for insert
  to authenticated
  with check ((select private.can_manage_wards(array[ward_id])));

create policy "The ward's admins and super admins change its duty phone"
  on public.ward_duty_phones for update
  to authenticated
  using ((select private.can_manage_wards(array[ward_id])))
  with check ((select private.can_manage_wards(array[ward_id])));

create policy "The ward's admins and super admins remove its duty phone"
  on public.ward_duty_phones for delete
  to authenticated
  using ((select private.can_manage_wards(array[ward_id])));

-- ---------------------------------------------------------------------------------------------------
-- SOS reports
-- ---------------------------------------------------------------------------------------------------

create table public.sos_reports (
  id uuid primary key default gen_random_uuid(),
  citizen_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  kind text not null
    check (kind in ('fire', 'flood', 'building_collapse', 'gas_leak', 'fallen_tree_or_wire', 'other')),
  ward_id integer not null references public.wards (id),
  latitude numeric(8, 6) check (latitude between 20.5 and 26.7),
  longitude numeric(9, 6) check (longitude between 88 and 92.7),
  details text check (char_length(details) <= 500),
  status text not null default 'sent' check (status in ('sent', 'acknowledged', 'closed')),
  outcome text check (outcome in ('help_sent', 'referred_999', 'resolved', 'false_alarm', 'duplicate')),
  outcome_note text check (char_length(outcome_note) <= 500),
  citizen_phone text,
  duty_phone text,
  sms_text_bn text,
  created_at timestamptz not null default now(),
  acknowledged_at timestamptz,
  acknowledged_by uuid references auth.users (id) on delete set null,
  closed_at timestamptz,
  closed_by uuid references auth.users (id) on delete set null,
  constraint sos_reports_location_pair check ((latitude is null) = (longitude is null)),
  constraint sos_reports_closed_has_outcome check ((status = 'closed') = (outcome is not null)),
  constraint sos_reports_details_printable check (private.is_printable(details)),
  constraint sos_reports_outcome_note_printable check (private.is_printable(outcome_note))
);

alter table public.sos_reports enable row level security;

comment on table public.sos_reports is
  'SOS reports from citizens: what is happening, in which ward, where. Live to the ward''s staff and the '
  'sender; staff acknowledge, then close with an outcome. At most 3 per person in 30 minutes.';
comment on column public.sos_reports.id is
  'The report (also its live topic sos:<id>); the sender''s device may choose it, so a retry cannot send twice.';
comment on column public.sos_reports.citizen_id is 'Who sent it (the signed-in caller).';
comment on column public.sos_reports.kind is 'fire, flood (or waterlogging), building_collapse, gas_leak, fallen_tree_or_wire or other.';
comment on column public.sos_reports.ward_id is 'The ward it happens in; its staff are alerted.';
comment on column public.sos_reports.latitude is 'Where, if the sender shared their location (Bangladesh only).';
comment on column public.sos_reports.longitude is 'Where, with latitude.';
comment on column public.sos_reports.details is 'What the sender added, optional, at most 500 characters.';
comment on column public.sos_reports.status is 'sent (new), acknowledged (staff on it) or closed (with an outcome).';
comment on column public.sos_reports.outcome is
  'How it ended: help_sent, referred_999, resolved, false_alarm or duplicate; set when closed.';
comment on column public.sos_reports.outcome_note is 'What staff add when closing, shown to the sender.';
comment on column public.sos_reports.citizen_phone is 'The sender''s number (profiles.phone) at sending, for staff to call back.';
comment on column public.sos_reports.duty_phone is
  'The ward''s duty phone (ward_duty_phones) at sending: where the SOS SMS goes; null when none is set.';
comment on column public.sos_reports.sms_text_bn is 'The SMS to the duty phone, in Bengali, short enough for two parts.';
comment on column public.sos_reports.created_at is 'When it was sent.';
comment on column public.sos_reports.acknowledged_at is 'When staff acknowledged it.';
comment on column public.sos_reports.acknowledged_by is 'Who acknowledged it.';
comment on column public.sos_reports.closed_at is 'When it was closed.';
comment on column public.sos_reports.closed_by is 'Who closed it.';

create index sos_reports_citizen_idx on public.sos_reports (citizen_id, created_at desc);
create index sos_reports_open_ward_idx on public.sos_reports (ward_id, created_at desc) where status <> 'closed';

create or replace function private.sos_before_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  kind_bn text := case new.kind
    when 'fire' then 'আগুন' when 'flood' then 'বন্যা/জলাবদ্ধতা' when 'building_collapse' then 'ভবন ধস'
    when 'gas_leak' then 'গ্যাস লিক' when 'fallen_tree_or_wire' then 'গাছ/তার পড়ে আছে' else 'অন্যান্য' end;
  ward_bn text;
begin
  new.citizen_id := auth.uid();
  -- One at a time per person, so two reports sent at once cannot both pass the count.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('sos:' || new.citizen_id::text, 0));
  if (select count(*) from public.sos_reports
       where citizen_id = new.citizen_id and created_at > now() - interval '30 minutes') >= 3 then
    perform private.refuse(429, 'SOS429', 'At most 3 SOS reports in 30 minutes');
  end if;
  new.status := 'sent';
  new.outcome := null;
  new.outcome_note := null;
  new.created_at := now();
  new.citizen_phone := (select phone from public.profiles where id = new.citizen_id);
  new.duty_phone := (select phone from public.ward_duty_phones where ward_id = new.ward_id);
  select name_bn into ward_bn from public.wards where id = new.ward_id;
  new.sms_text_bn := left(
    'জরুরি SOS: ' || kind_bn || ', ' || coalesce(ward_bn, '') || '। ফোন ' || coalesce(new.citizen_phone, '-')
      || case when new.latitude is not null then '। অবস্থান ' || new.latitude || ',' || new.longitude else '' end
      || case when new.details is not null then '। ' || new.details else '' end,
    134);
  return new;
end;
$$;

comment on function private.sos_before_insert() is
  'BEFORE INSERT on sos_reports: the sender is the caller, at most 3 in 30 minutes (else 429 SOS429), a '
  'new report starts as sent; copies the sender''s phone, the ward''s duty phone and writes the SMS text. '
  'SECURITY DEFINER: reads the duty phone, which citizens may not.';

create trigger sos_before_insert
  before insert on public.sos_reports
  for each row execute function private.sos_before_insert();

-- Staff move a report on: sent → acknowledged → closed (or straight to closed), each step stamped.
create or replace function private.sos_before_update()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status = old.status and new.outcome is not distinct from old.outcome
     and new.outcome_note is not distinct from old.outcome_note then
    return new;
  end if;
  if old.status = 'closed' or (new.status = 'sent' and old.status <> 'sent') then
    raise exception 'an SOS report moves from sent to acknowledged to closed only'
      using errcode = 'check_violation', constraint = 'sos_reports_status_order';
  end if;
  if new.status = 'acknowledged' and old.status = 'sent' then
    new.acknowledged_at := now();
    new.acknowledged_by := auth.uid();
  end if;
  if new.status = 'closed' then
    new.acknowledged_at := coalesce(old.acknowledged_at, now());
    new.acknowledged_by := coalesce(old.acknowledged_by, auth.uid());
    new.closed_at := now();
    new.closed_by := auth.uid();
  end if;
  return new;
end;
$$;

comment on function private.sos_before_update() is
  'BEFORE UPDATE on sos_reports: status only moves forward (sent, acknowledged, closed); stamps who and when.';

create trigger sos_before_update
  before update on public.sos_reports
  for each row execute function private.sos_before_update();

revoke all on table public.sos_reports from public, anon, authenticated;
grant select, insert (id, kind, ward_id, latitude, longitude, details), update (status, outcome, outcome_note)
  on table public.sos_reports to authenticated;
grant all on table public.sos_reports to service_role;

create policy "Citizens send SOS reports as themselves"
  on public.sos_reports for insert
  to authenticated
  with check (citizen_id = (select auth.uid()));

create policy "Senders read their own SOS reports, the ward's admins and super admins theirs"
  on public.sos_reports for select
  to authenticated
  using (citizen_id = (select auth.uid()) or (select private.can_manage_wards(array[ward_id])));

create policy "The ward's admins and super admins handle SOS reports"
  on public.sos_reports for update
  to authenticated
  using ((select private.can_manage_wards(array[ward_id])))
  with check ((select private.can_manage_wards(array[ward_id])));

-- Live: the ward's staff (sos:ward:<id>), super admins (sos:all), and the sender (sos:<id>).
create or replace function private.broadcast_sos()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  message jsonb := jsonb_build_object('sos_id', new.id, 'status', new.status, 'ward_id', new.ward_id,
                                      'kind', new.kind);
  event text := case when tg_op = 'INSERT' then 'sos_sent' else 'sos_changed' end;
begin
  perform realtime.send(message, event, 'sos:ward:' || new.ward_id, true);
  perform realtime.send(message, event, 'sos:all', true);
  perform realtime.send(message, event, 'sos:' || new.id, true);
  return null;
end;
$$;

comment on function private.broadcast_sos() is
  'AFTER INSERT/UPDATE on sos_reports: tells sos:ward:<ward>, sos:all and sos:<id> (id, status, ward, kind).';

create trigger sos_reports_broadcast
  after insert or update on public.sos_reports
  for each row execute function private.broadcast_sos();

create or replace function private.sos_id_from_topic(topic text)
returns uuid
language sql
immutable
set search_path = ''
as $$
  select case when topic ~ '^sos:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              then substr(topic, 5)::uuid end;
$$;

comment on function private.sos_id_from_topic(text) is 'The report id of a sos:<uuid> topic, else null.';

create or replace function private.is_own_sos(report uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.sos_reports where id = report and citizen_id = auth.uid());
$$;

comment on function private.is_own_sos(uuid) is
  'Whether the caller sent this SOS report. SECURITY DEFINER so the Realtime policy needs no table grant.';

revoke all on function private.sos_before_insert(), private.sos_before_update(), private.broadcast_sos(),
  private.sos_id_from_topic(text), private.is_own_sos(uuid) from public;
grant execute on function private.sos_id_from_topic(text), private.is_own_sos(uuid) to authenticated, service_role;

create policy "Staff and senders hear SOS reports"
  on realtime.messages for select
  to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and realtime.messages.topic = (select realtime.topic())
    and (
      ((select realtime.topic()) = 'sos:all' and (select private.is_super_admin()))
      or ((select realtime.topic()) ~ '^sos:ward:[0-9]{1,9}$'
          and (select private.can_manage_wards(array[substr((select realtime.topic()), 10)::integer])))
      or (select private.is_own_sos(private.sos_id_from_topic((select realtime.topic()))))
    )
  );

comment on policy "Staff and senders hear SOS reports" on realtime.messages is
  'sos:all for super admins, sos:ward:<id> for that ward''s admins (and super admins), sos:<id> for its sender.';
