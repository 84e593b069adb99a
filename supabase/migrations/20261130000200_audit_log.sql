-- The audit log: every staff action, recorded by the database itself (who, what, when, old and new
-- values). Append-only for everyone, the service role and super admins included: rows can be added only
-- by the triggers that record actions, and a trigger refuses every UPDATE, DELETE and TRUNCATE. Super
-- admins read it.

create table public.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_role text,
  action text not null check (action ~ '^[a-z_]+\.[a-z_]+$'),
  subject_id text not null,
  ward_id integer,
  old_value jsonb,
  new_value jsonb
);

alter table public.audit_log enable row level security;

comment on table public.audit_log is
  'Append-only record of staff actions: role and posting changes, and (with the staff dashboard) status, '
  'priority, assignment and notes on complaints. Written only by triggers; never updated or deleted.';
comment on column public.audit_log.id is 'Row id, increasing with time.';
comment on column public.audit_log.at is 'When the action happened.';
comment on column public.audit_log.actor_id is
  'Who did it (auth.users.id, no foreign key so the record outlives the account); null for operators and jobs.';
comment on column public.audit_log.actor_role is 'The actor''s app role at the time (null for operators and jobs).';
comment on column public.audit_log.action is
  'What happened, as area.verb: staff.role_given, staff.role_changed, staff.role_taken, staff.posted, '
  'staff.unposted, complaint.status, complaint.priority, complaint.assigned, complaint.note, complaint.reply.';
comment on column public.audit_log.subject_id is 'What it happened to: a user id or a complaint id.';
comment on column public.audit_log.ward_id is 'The ward concerned, when there is one (for filtering).';
comment on column public.audit_log.old_value is 'The value before, as JSON; null for additions.';
comment on column public.audit_log.new_value is 'The value after, as JSON; null for removals.';

create index audit_log_at_idx on public.audit_log (at desc, id desc);
create index audit_log_subject_idx on public.audit_log (subject_id, id desc);
create index audit_log_actor_idx on public.audit_log (actor_id, id desc) where actor_id is not null;

create or replace function private.refuse_audit_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'the audit log is append-only' using errcode = 'insufficient_privilege';
end;
$$;

comment on function private.refuse_audit_change() is
  'BEFORE UPDATE/DELETE/TRUNCATE trigger on audit_log: refuses, whoever asks (the service role included).';

create trigger audit_log_append_only
  before update or delete on public.audit_log
  for each row execute function private.refuse_audit_change();
create trigger audit_log_no_truncate
  before truncate on public.audit_log
  for each statement execute function private.refuse_audit_change();

create or replace function private.record_audit(
  action text,
  subject_id text,
  ward_id integer,
  old_value jsonb,
  new_value jsonb
)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.audit_log (actor_id, actor_role, action, subject_id, ward_id, old_value, new_value)
  values (auth.uid(), public.current_app_role(), action, subject_id, ward_id, old_value, new_value);
$$;

comment on function private.record_audit(text, text, integer, jsonb, jsonb) is
  'Appends one action to public.audit_log as the current caller. SECURITY DEFINER: nobody may insert there '
  'directly.';

revoke all on function private.record_audit(text, text, integer, jsonb, jsonb) from public;

create or replace function private.audit_staff_roles()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.record_audit(
    case tg_op when 'INSERT' then 'staff.role_given' when 'UPDATE' then 'staff.role_changed'
      else 'staff.role_taken' end,
    coalesce(new.user_id, old.user_id)::text,
    null,
    case when tg_op <> 'INSERT' then jsonb_build_object('role', old.role) end,
    case when tg_op <> 'DELETE' then jsonb_build_object('role', new.role) end
  );
  return null;
end;
$$;

comment on function private.audit_staff_roles() is 'AFTER trigger on staff_roles: records the change.';

create or replace function private.audit_ward_postings()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.record_audit(
    case tg_op when 'INSERT' then 'staff.posted' else 'staff.unposted' end,
    coalesce(new.user_id, old.user_id)::text,
    coalesce(new.ward_id, old.ward_id),
    case when tg_op = 'DELETE' then jsonb_build_object('ward_id', old.ward_id) end,
    case when tg_op = 'INSERT' then jsonb_build_object('ward_id', new.ward_id) end
  );
  return null;
end;
$$;

comment on function private.audit_ward_postings() is 'AFTER trigger on ward_postings: records the change.';

create trigger staff_roles_audit
  after insert or update or delete on public.staff_roles
  for each row execute function private.audit_staff_roles();
create trigger ward_postings_audit
  after insert or delete on public.ward_postings
  for each row execute function private.audit_ward_postings();

create policy "Super admins read the audit log"
  on public.audit_log for select
  to authenticated
  using ((select public.current_app_role()) = 'super_admin');

revoke all on table public.audit_log from public, anon, authenticated, service_role;
grant select on table public.audit_log to authenticated, service_role;

revoke all on function private.refuse_audit_change(), private.audit_staff_roles(), private.audit_ward_postings()
  from public;
