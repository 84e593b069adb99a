-- General help chat: a citizen may talk to the city without a complaint. Their help conversation (one per
-- citizen) belongs to their home ward (profiles.ward_id) and lands in the queue of that ward's staff: its
-- ward admins and super admins (service providers work assignments, not the ward's inbox). Everything else
-- (messages, limits, live topic, notifications, read receipts) is the complaint chat's
-- (20261205000400_chat.sql).

alter table public.conversations
  alter column complaint_id drop not null,
  add column ward_id integer references public.wards (id),
  add constraint conversations_complaint_or_ward check ((complaint_id is null) = (ward_id is not null));
comment on column public.conversations.complaint_id is 'The complaint it is about; null for a help chat.';
comment on column public.conversations.ward_id is
  'A help chat''s ward (the citizen''s home ward when opened): whose staff answer it; null for a complaint chat.';
comment on table public.conversations is
  'A complaint''s chat (one each, public.open_conversation) or a citizen''s help chat with their ward''s staff '
  '(one each, public.open_help_conversation); its messages are chat_messages.';
create unique index conversations_one_help_chat_idx on public.conversations (citizen_id) where complaint_id is null;
create index conversations_help_queue_idx on public.conversations (ward_id, last_message_at desc)
  where complaint_id is null;

create or replace function private.can_chat(conversation uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.conversations as v left join public.complaints as c on c.id = v.complaint_id
     where v.id = conversation
       and (v.citizen_id = (select auth.uid())
            or (c.id is not null and private.staff_scope_includes(c.ward_id, c.assigned_to))
            or (v.complaint_id is null and public.current_app_role() in ('ward_admin', 'super_admin')
                and coalesce(private.staff_scope_includes(v.ward_id, null), false)))
  );
$$;
comment on function private.can_chat(uuid) is
  'Whether the caller takes part in this conversation: its citizen; for a complaint chat staff in the '
  'complaint''s scope; for a help chat the ward''s admins and super admins.';

create function public.open_help_conversation()
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  home_ward integer := (select p.ward_id from public.profiles as p where p.id = auth.uid());
  opened uuid;
begin
  if auth.uid() is null then
    perform private.refuse(401, 'CC401', 'Sign in first');
  end if;
  select v.id into opened from public.conversations as v where v.citizen_id = auth.uid() and v.complaint_id is null;
  if opened is not null then
    return opened;
  end if;
  if home_ward is null then
    perform private.refuse(422, 'CC422', 'Choose your home ward in your profile first');
  end if;
  insert into public.conversations (citizen_id, ward_id) values (auth.uid(), home_ward)
  on conflict (citizen_id) where complaint_id is null do nothing
  returning id into opened;
  return coalesce(opened,
    (select v.id from public.conversations as v where v.citizen_id = auth.uid() and v.complaint_id is null));
end;
$$;
comment on function public.open_help_conversation() is
  'The caller''s help chat with their home ward''s staff, opened on first use; 422 CC422 when their profile '
  'names no ward.';
revoke all on function public.open_help_conversation() from public, anon;
grant execute on function public.open_help_conversation() to authenticated;
