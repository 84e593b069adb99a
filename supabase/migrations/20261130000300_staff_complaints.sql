-- The city's side of complaints: each staff role sees and changes exactly its scope, decided here.
--
--   service_provider  reads the complaints assigned to them; starts work (submitted → in_progress) and
--                     marks it resolved; adds notes and public replies.
--   ward_admin        reads the complaints of the wards they are posted to; every status change along the
--                     workflow, priority, assignment to a service provider posted to the complaint's ward,
--                     notes and replies.
--   super_admin       all of the above everywhere, and moves a complaint to another ward.
--   citizen (filer)   confirms a resolution (→ closed) or says it is not fixed (→ in_progress, with a
--                     reason) within 7 days; after that a pg_cron job closes it.
-- Every change carries a version, so a second save that has not seen the first is refused; deadlines come
-- from category × priority targets; internal notes never reach the citizen, the tracking page or the live
-- channel; every staff action lands in public.audit_log.

create extension if not exists pg_trgm with schema extensions;
create extension if not exists pg_cron with schema pg_catalog;

-- ---------------------------------------------------------------------------------------------------
-- Deadlines: a target time per category and priority
-- ---------------------------------------------------------------------------------------------------

create table public.sla_targets (
  category text not null references public.categories (code) on delete cascade,
  priority public.complaint_priority not null,
  hours integer not null check (hours between 1 and 8760),
  primary key (category, priority)
);

alter table public.sla_targets enable row level security;

comment on table public.sla_targets is
  'How long staff have to resolve a complaint of a category at a priority; every complaint''s deadline_at '
  'follows from it. Read by staff, changed by super admins.';
comment on column public.sla_targets.category is 'public.categories.code.';
comment on column public.sla_targets.priority is 'low, medium or high.';
comment on column public.sla_targets.hours is 'Hours from filing to the deadline (1 hour to a year).';

-- High priority gets half the category's time, low twice as much.
insert into public.sla_targets (category, priority, hours)
select c.code, p.priority, greatest(1, round(c.sla_hours * p.factor))::integer
  from public.categories as c,
       (values ('high', 0.5), ('medium', 1.0), ('low', 2.0)) as p(priority, factor)
on conflict do nothing;

create policy "Staff read the deadline targets"
  on public.sla_targets for select
  to authenticated
  using ((select public.current_app_role()) <> 'citizen');

create policy "Super admins change the deadline targets"
  on public.sla_targets for update
  to authenticated
  using ((select public.current_app_role()) = 'super_admin');

revoke all on table public.sla_targets from public, anon, authenticated;
grant select, update (hours) on table public.sla_targets to authenticated;
grant all on table public.sla_targets to service_role;

-- ---------------------------------------------------------------------------------------------------
-- Response templates (per category, or for all when category is null)
-- ---------------------------------------------------------------------------------------------------

create table public.response_templates (
  id bigint generated always as identity primary key,
  category text references public.categories (code) on delete cascade,
  title_bn text not null check (char_length(btrim(title_bn)) between 1 and 100),
  title_en text not null check (char_length(btrim(title_en)) between 1 and 100),
  body_bn text not null check (char_length(btrim(body_bn)) between 1 and 2000),
  body_en text not null check (char_length(btrim(body_en)) between 1 and 2000),
  created_at timestamptz not null default now()
);

alter table public.response_templates enable row level security;

comment on table public.response_templates is
  'Ready-made replies staff pick from when answering a complaint (FixMyStreet-style), per category or for '
  'every category (category null). Read by staff, kept by super admins.';
comment on column public.response_templates.id is 'Row id.';
comment on column public.response_templates.category is 'The category it suits; null for every category.';
comment on column public.response_templates.title_bn is 'Short name in Bengali, shown in the picker.';
comment on column public.response_templates.title_en is 'Short name in English.';
comment on column public.response_templates.body_bn is 'The reply in Bengali.';
comment on column public.response_templates.body_en is 'The reply in English.';
comment on column public.response_templates.created_at is 'When the template was added.';

insert into public.response_templates (category, title_bn, title_en, body_bn, body_en) values
  (null, 'পরিদর্শন', 'Inspection',
   'আমাদের কর্মী শীঘ্রই জায়গাটি পরিদর্শন করবেন। জানানোর জন্য ধন্যবাদ।',
   'Our staff will inspect the place soon. Thank you for letting us know.'),
  (null, 'কাজ শেষ', 'Work done',
   'কাজটি শেষ হয়েছে। সমস্যা থেকে গেলে সাত দিনের মধ্যে জানান।',
   'The work is done. If the problem remains, tell us within seven days.'),
  ('waste_management', 'ময়লা সরানো হয়েছে', 'Waste removed',
   'ময়লা সরিয়ে জায়গাটি পরিষ্কার করা হয়েছে।', 'The waste has been removed and the place cleaned.'),
  ('water_supply', 'লাইন মেরামত', 'Line repair',
   'পানির লাইন মেরামতের জন্য ওয়াসাকে জানানো হয়েছে।', 'The water authority has been asked to repair the line.'),
  ('roads', 'মেরামতের তালিকায়', 'On the repair list',
   'রাস্তাটি মেরামতের তালিকায় যোগ করা হয়েছে।', 'The road has been added to the repair list.');

create policy "Staff read the response templates"
  on public.response_templates for select
  to authenticated
  using ((select public.current_app_role()) <> 'citizen');

create policy "Super admins add response templates"
  on public.response_templates for insert
  to authenticated
  with check ((select public.current_app_role()) = 'super_admin');

create policy "Super admins change response templates"
  on public.response_templates for update
  to authenticated
  using ((select public.current_app_role()) = 'super_admin');

create policy "Super admins remove response templates"
  on public.response_templates for delete
  to authenticated
  using ((select public.current_app_role()) = 'super_admin');

revoke all on table public.response_templates from public, anon, authenticated;
grant select, insert (category, title_bn, title_en, body_bn, body_en),
  update (category, title_bn, title_en, body_bn, body_en), delete
  on table public.response_templates to authenticated;
grant all on table public.response_templates to service_role;

-- ---------------------------------------------------------------------------------------------------
-- New columns
-- ---------------------------------------------------------------------------------------------------

alter table public.complaints
  add column deadline_at timestamptz,
  add column version integer not null default 1,
  add column reopened_count smallint not null default 0;

comment on column public.complaints.deadline_at is
  'When staff should have resolved it: filing time plus public.sla_targets for its category and priority; '
  'kept by the database when the priority changes.';
comment on column public.complaints.version is
  'Increases with every change: a staff save names the version it saw, and a save that has not seen the '
  'latest change is refused (optimistic concurrency).';
comment on column public.complaints.reopened_count is
  'How often the citizen said a resolution did not fix it (reopened complaints are flagged in the queue).';

update public.complaints as c
   set deadline_at = c.created_at + make_interval(hours => t.hours)
  from public.sla_targets as t
 where t.category = c.category and t.priority = c.priority and c.deadline_at is null;

-- The queue: a ward's complaints newest first, open ones by deadline, and search over the words people
-- typed (pg_trgm finds a substring of a Bengali word too).
create index complaints_ward_recent_idx on public.complaints (ward_id, created_at desc, id desc);
create index complaints_assignee_recent_idx on public.complaints (assigned_to, created_at desc, id desc)
  where assigned_to is not null;
create index complaints_recent_idx on public.complaints (created_at desc, id desc);
create index complaints_open_deadline_idx on public.complaints (deadline_at, id)
  where public.complaint_status_is_open(status);
-- A ward admin's open work by deadline: their wards' open complaints are few enough to sort.
create index complaints_open_ward_deadline_idx on public.complaints (ward_id, deadline_at, id)
  where public.complaint_status_is_open(status);
create index complaints_search_idx on public.complaints
  using gin ((tracking_number || ' ' || title || ' ' || description || ' ' || coalesce(location, ''))
             extensions.gin_trgm_ops);

-- ---------------------------------------------------------------------------------------------------
-- Who sees what
-- ---------------------------------------------------------------------------------------------------

create or replace function private.staff_scope_includes(complaint_ward integer, complaint_assignee uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select case public.current_app_role()
    when 'super_admin' then true
    when 'ward_admin' then complaint_ward = any (private.posted_wards())
    when 'service_provider' then complaint_assignee = auth.uid()
    else false
  end;
$$;

comment on function private.staff_scope_includes(integer, uuid) is
  'Whether a complaint in this ward with this assignee is in the signed-in staff member''s scope: '
  'everything for super admins, their wards for ward admins, their assignments for service providers.';

revoke all on function private.staff_scope_includes(integer, uuid) from public;
grant execute on function private.staff_scope_includes(integer, uuid) to authenticated, service_role;

-- One permissive policy, its parts in the order of cost; the role lookups run once per statement. The super
-- admin's part is a bare boolean: the planner counts it as matching half the rows, where `role = '...'` on
-- a parameter counted as 0.5 % made it expect a few rows and sort a whole ward rather than read the newest
-- first and stop (bench/README.md, the city's side at a million complaints).
create policy "Citizens read their own complaints, staff their scope"
  on public.complaints for select
  to authenticated
  using (
    citizen_id = (select auth.uid())
    or (select private.is_super_admin())
    or ((select public.current_app_role()) = 'ward_admin' and ward_id = any ((select private.posted_wards())::integer[]))
    or ((select public.current_app_role()) = 'service_provider' and assigned_to = (select auth.uid()))
  );

comment on policy "Citizens read their own complaints, staff their scope" on public.complaints is
  'The whole row for the citizen who filed it and for staff whose scope includes it. Followers read the '
  'public part through public.followed_complaint() and public.my_complaints().';

create policy "Staff change complaints in their scope"
  on public.complaints for update
  to authenticated
  using (private.staff_scope_includes(ward_id, assigned_to))
  with check (private.staff_scope_includes(ward_id, assigned_to));

grant update (status, priority, assigned_to, rejection_reason, ward_id) on table public.complaints to authenticated;

create policy "Whoever reads a complaint reads its history, staff its notes too"
  on public.complaint_updates for select
  to authenticated
  using (
    exists (select 1 from public.complaints as c where c.id = complaint_updates.complaint_id)
    and (kind <> 'note' or (select public.current_app_role()) <> 'citizen')
  );

create policy "Staff see the photos of complaints in their scope"
  on storage.objects for select
  to authenticated
  using (
    bucket_id = 'complaint-photos'
    and (select public.current_app_role()) <> 'citizen'
    and exists (select 1 from public.complaint_photos as p where p.storage_path = objects.name)
  );

create or replace function private.is_staff_member(person uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.staff_roles where user_id = person);
$$;

comment on function private.is_staff_member(uuid) is
  'Whether a person holds a staff role. SECURITY DEFINER: staff_roles'' RLS hides other people''s roles.';

revoke all on function private.is_staff_member(uuid) from public;
grant execute on function private.is_staff_member(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- The rules of a change, whoever makes it (the API, the functions below, the service role, jobs)
-- ---------------------------------------------------------------------------------------------------

create or replace function private.deadline_for(category text, priority public.complaint_priority, filed timestamptz)
returns timestamptz
language sql
stable
set search_path = ''
as $$
  select filed + make_interval(hours => t.hours)
    from public.sla_targets as t where t.category = deadline_for.category and t.priority = deadline_for.priority;
$$;

comment on function private.deadline_for(text, public.complaint_priority, timestamptz) is
  'A complaint''s deadline: its filing time plus the target for its category and priority.';

create or replace function private.complaints_set_deadline()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.deadline_at := private.deadline_for(new.category, new.priority, new.created_at);
  return new;
end;
$$;

comment on function private.complaints_set_deadline() is
  'BEFORE INSERT, and BEFORE UPDATE OF priority or category, on complaints: sets deadline_at. SECURITY '
  'DEFINER: sla_targets are staff-only reading.';

create trigger complaints_set_deadline
  before insert or update of priority, category on public.complaints
  for each row execute function private.complaints_set_deadline();

create or replace function private.is_provider_of_ward(person uuid, ward integer)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.staff_roles as r
      join public.ward_postings as p on p.user_id = r.user_id
     where r.user_id = person and r.role = 'service_provider' and p.ward_id = ward
  );
$$;

comment on function private.is_provider_of_ward(uuid, integer) is
  'Whether a person is a service provider posted to a ward, the only people a complaint there may be '
  'assigned to. SECURITY DEFINER: ward admins cannot read their colleagues'' roles and postings.';

revoke all on function private.is_provider_of_ward(uuid, integer) from public;
grant execute on function private.is_provider_of_ward(uuid, integer) to authenticated, service_role;

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

create trigger complaints_before_update
  before update on public.complaints
  for each row execute function private.complaints_before_update();

-- ---------------------------------------------------------------------------------------------------
-- The live queue: staff hear about new and changed complaints in their scope
-- ---------------------------------------------------------------------------------------------------

create or replace function private.broadcast_queue_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  message jsonb := jsonb_build_object('complaint_id', new.id, 'status', new.status, 'ward_id', new.ward_id,
                                      'version', new.version);
begin
  perform realtime.send(message, lower(tg_op), 'queue:all', true);
  if new.ward_id is not null then
    perform realtime.send(message, lower(tg_op), 'queue:ward:' || new.ward_id, true);
  end if;
  if new.assigned_to is not null then
    perform realtime.send(message, lower(tg_op), 'queue:assignee:' || new.assigned_to, true);
  end if;
  return null;
end;
$$;

comment on function private.broadcast_queue_change() is
  'AFTER INSERT/UPDATE on complaints: tells the staff queues (topics queue:all, queue:ward:<id>, '
  'queue:assignee:<uid>) that a complaint is new or changed; the message carries ids only.';

create trigger complaints_broadcast_queue
  after insert or update on public.complaints
  for each row execute function private.broadcast_queue_change();

create policy "Staff hear about complaints in their scope"
  on realtime.messages for select
  to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and realtime.messages.topic = (select realtime.topic())
    and (
      ((select realtime.topic()) = 'queue:all' and (select public.current_app_role()) = 'super_admin')
      or ((select realtime.topic()) ~ '^queue:ward:[0-9]+$'
          and ((select public.current_app_role()) = 'super_admin'
               or ((select public.current_app_role()) = 'ward_admin'
                   and substr((select realtime.topic()), 12)::integer = any ((select private.posted_wards())::integer[]))))
      or (select realtime.topic()) = 'queue:assignee:' || (select auth.uid())::text
    )
  );

-- ---------------------------------------------------------------------------------------------------
-- The audit log of complaint actions
-- ---------------------------------------------------------------------------------------------------

create or replace function private.audit_complaint_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status is distinct from old.status then
    perform private.record_audit('complaint.status', new.id::text, new.ward_id,
      jsonb_build_object('status', old.status), jsonb_build_object('status', new.status,
        'comment', nullif(btrim(current_setting('app.status_comment', true)), ''),
        'rejection_reason', new.rejection_reason));
  end if;
  if new.priority is distinct from old.priority then
    perform private.record_audit('complaint.priority', new.id::text, new.ward_id,
      jsonb_build_object('priority', old.priority), jsonb_build_object('priority', new.priority));
  end if;
  if new.assigned_to is distinct from old.assigned_to then
    perform private.record_audit('complaint.assigned', new.id::text, new.ward_id,
      jsonb_build_object('assigned_to', old.assigned_to), jsonb_build_object('assigned_to', new.assigned_to));
  end if;
  if new.ward_id is distinct from old.ward_id then
    perform private.record_audit('complaint.ward', new.id::text, new.ward_id,
      jsonb_build_object('ward_id', old.ward_id), jsonb_build_object('ward_id', new.ward_id));
  end if;
  return null;
end;
$$;

comment on function private.audit_complaint_change() is
  'AFTER UPDATE on complaints: records status, priority, assignment and ward changes in the audit log.';

create trigger complaints_audit
  after update on public.complaints
  for each row execute function private.audit_complaint_change();

create or replace function private.audit_complaint_message()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.record_audit('complaint.' || new.kind, new.complaint_id::text,
    (select ward_id from public.complaints where id = new.complaint_id),
    null, jsonb_build_object('comment', new.comment, 'public', new.comment_is_public));
  return null;
end;
$$;

comment on function private.audit_complaint_message() is
  'AFTER INSERT of a reply or note on complaint_updates: records it in the audit log.';

create trigger complaint_updates_audit
  after insert on public.complaint_updates
  for each row when (new.kind <> 'status')
  execute function private.audit_complaint_message();

-- ---------------------------------------------------------------------------------------------------
-- What staff call (SECURITY INVOKER: RLS and the triggers above decide)
-- ---------------------------------------------------------------------------------------------------

-- Answers refusals as PostgREST responses: the app shows the person a message for each code.
create or replace function private.refuse(http_status integer, code text, message text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise sqlstate 'PGRST' using
    message = pg_catalog.json_build_object('code', code, 'message', message, 'details', null, 'hint', null)::text,
    detail = pg_catalog.json_build_object('status', http_status, 'headers', pg_catalog.json_build_object())::text;
end;
$$;

comment on function private.refuse(integer, text, text) is
  'Ends the request with this HTTP status and error code (PostgREST''s SQLSTATE PGRST).';

revoke all on function private.refuse(integer, text, text) from public;
grant execute on function private.refuse(integer, text, text) to authenticated, service_role;

-- Why an update by id and version touched no row: the complaint is not the caller's to change, or it
-- changed since they saw it.
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

revoke all on function private.refuse_stale_or_hidden(uuid) from public;
grant execute on function private.refuse_stale_or_hidden(uuid) to authenticated, service_role;

create or replace function public.staff_update_complaint(
  complaint_id uuid,
  seen_version integer,
  status text default null,
  comment text default null,
  comment_is_public boolean default false,
  rejection_reason text default null,
  priority text default null,
  assigned_to uuid default null,
  unassign boolean default false
)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  changed public.complaints;
begin
  perform set_config('app.status_comment', coalesce(staff_update_complaint.comment, ''), true);
  perform set_config('app.status_comment_public', staff_update_complaint.comment_is_public::text, true);
  update public.complaints as c
     set status = coalesce(staff_update_complaint.status, c.status),
         rejection_reason = case when staff_update_complaint.status = 'rejected'
                                 then staff_update_complaint.rejection_reason else c.rejection_reason end,
         priority = coalesce(staff_update_complaint.priority, c.priority),
         assigned_to = case when unassign then null
                            else coalesce(staff_update_complaint.assigned_to, c.assigned_to) end
   where c.id = complaint_id and c.version = seen_version
  returning * into changed;
  if changed.id is null then
    perform private.refuse_stale_or_hidden(complaint_id);
  end if;
  perform set_config('app.status_comment', '', true);
  return changed.version;
end;
$$;

comment on function public.staff_update_complaint(uuid, integer, text, text, boolean, text, text, uuid, boolean) is
  'A staff member''s change to a complaint they saw at seen_version: status (with a comment for the citizen, '
  'public on the tracking page when comment_is_public; a reason when rejecting), priority, assignment. '
  'Returns the new version; 409 CC409 when someone saved first, 404 CC404 outside the caller''s scope; '
  'RLS and the complaints triggers decide what each role may change.';

revoke all on function public.staff_update_complaint(uuid, integer, text, text, boolean, text, text, uuid, boolean)
  from public, anon;
grant execute on function public.staff_update_complaint(uuid, integer, text, text, boolean, text, text, uuid, boolean)
  to authenticated, service_role;

create or replace function public.staff_write_to_complaint(
  complaint_id uuid,
  body text,
  internal boolean,
  public_on_tracking_page boolean default false
)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  complaint public.complaints;
  written bigint;
begin
  -- SECURITY DEFINER because complaint_updates is append-only for API roles; the scope check is the same
  -- rule the SELECT policy uses.
  select * into complaint from public.complaints as c where c.id = complaint_id;
  if complaint.id is null or not private.staff_scope_includes(complaint.ward_id, complaint.assigned_to) then
    perform private.refuse(404, 'CC404', 'No such complaint in your scope');
  end if;
  if coalesce(btrim(body), '') = '' then
    perform private.refuse(422, 'CC422', 'A reply or note needs words');
  end if;
  insert into public.complaint_updates (complaint_id, old_status, new_status, kind, comment, comment_is_public,
                                        changed_by)
  values (complaint.id, complaint.status, complaint.status, case when internal then 'note' else 'reply' end,
          btrim(body), not internal and public_on_tracking_page, auth.uid())
  returning id into written;
  return written;
end;
$$;

comment on function public.staff_write_to_complaint(uuid, text, boolean, boolean) is
  'Staff write on a complaint in their scope without changing its status: a reply to the citizen (also on '
  'the tracking page when public_on_tracking_page) or an internal note (staff only). Returns the entry id.';

revoke all on function public.staff_write_to_complaint(uuid, text, boolean, boolean) from public, anon;
grant execute on function public.staff_write_to_complaint(uuid, text, boolean, boolean) to authenticated, service_role;

create or replace function public.assignable_providers(complaint_id uuid)
returns table (id uuid, full_name text, phone text)
language sql
stable
security definer
set search_path = ''
as $$
  select p.id, p.full_name, p.phone
    from public.complaints as c
    join public.ward_postings as w on w.ward_id = c.ward_id
    join public.staff_roles as r on r.user_id = w.user_id and r.role = 'service_provider'
    join public.profiles as p on p.id = r.user_id
   where c.id = assignable_providers.complaint_id
     and public.current_app_role() in ('ward_admin', 'super_admin')
     and private.staff_scope_includes(c.ward_id, c.assigned_to)
   order by p.full_name nulls last, p.id;
$$;

comment on function public.assignable_providers(uuid) is
  'The service providers posted to a complaint''s ward, for ward admins of that ward and super admins; '
  'empty for anyone else. SECURITY DEFINER: postings of colleagues are not readable directly.';

revoke all on function public.assignable_providers(uuid) from public, anon;
grant execute on function public.assignable_providers(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- The citizen confirms or reopens (SECURITY DEFINER with the checks spelled out: citizens cannot update
-- complaints themselves)
-- ---------------------------------------------------------------------------------------------------

create or replace function private.resolved_complaint_of_caller(complaint_id uuid)
returns public.complaints
language plpgsql
security definer
set search_path = ''
as $$
declare
  complaint public.complaints;
begin
  select * into complaint from public.complaints as c
   where c.id = complaint_id and c.citizen_id = auth.uid() for update;
  if complaint.id is null then
    perform private.refuse(404, 'CC404', 'No such complaint of yours');
  end if;
  if complaint.status <> 'resolved' or complaint.resolved_at < now() - interval '7 days' then
    perform private.refuse(409, 'CC409', 'Only a complaint resolved in the last 7 days can be confirmed or reopened');
  end if;
  return complaint;
end;
$$;

comment on function private.resolved_complaint_of_caller(uuid) is
  'The caller''s own complaint, locked, if it was resolved within the last 7 days; else a 404 or 409.';

revoke all on function private.resolved_complaint_of_caller(uuid) from public;

create or replace function public.confirm_resolution(complaint_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.resolved_complaint_of_caller(complaint_id);
  perform set_config('app.status_comment', '', true);
  update public.complaints set status = 'closed' where id = complaint_id;
end;
$$;

comment on function public.confirm_resolution(uuid) is
  'The citizen who filed a complaint confirms, within 7 days of its resolution, that it is fixed: closed.';

create or replace function public.reopen_complaint(complaint_id uuid, reason text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.resolved_complaint_of_caller(complaint_id);
  if char_length(btrim(coalesce(reason, ''))) not between 1 and 2000 then
    perform private.refuse(422, 'CC422', 'Say what is still wrong (1-2000 characters)');
  end if;
  perform set_config('app.status_comment', btrim(reason), true);
  perform set_config('app.status_comment_public', 'false', true);
  update public.complaints
     set status = 'in_progress', reopened_count = reopened_count + 1
   where id = complaint_id;
  perform set_config('app.status_comment', '', true);
end;
$$;

comment on function public.reopen_complaint(uuid, text) is
  'The citizen who filed a complaint says, within 7 days of its resolution, that it is not fixed: back to '
  'in_progress with their reason in the history, and flagged as reopened in the queue.';

revoke all on function public.confirm_resolution(uuid), public.reopen_complaint(uuid, text) from public, anon;
grant execute on function public.confirm_resolution(uuid), public.reopen_complaint(uuid, text)
  to authenticated, service_role;

create or replace function private.close_unconfirmed_resolutions()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  closed integer;
begin
  perform set_config('app.status_comment', 'Closed automatically: 7 days passed without a reply.', true);
  perform set_config('app.status_comment_public', 'false', true);
  update public.complaints set status = 'closed'
   where status = 'resolved' and resolved_at < now() - interval '7 days';
  get diagnostics closed = row_count;
  return closed;
end;
$$;

comment on function private.close_unconfirmed_resolutions() is
  'Closes complaints resolved more than 7 days ago that the citizen neither confirmed nor reopened. Run '
  'hourly by pg_cron (job close-unconfirmed-resolutions).';

revoke all on function private.close_unconfirmed_resolutions() from public;

select cron.schedule('close-unconfirmed-resolutions', '17 * * * *',
                     'select private.close_unconfirmed_resolutions()');

-- Trigger functions and helpers of this file run only inside the database's own triggers and functions.
revoke all on function private.complaints_before_update(), private.complaints_set_deadline(),
  private.broadcast_queue_change(), private.audit_complaint_change(), private.audit_complaint_message(),
  private.deadline_for(text, public.complaint_priority, timestamptz) from public;
