-- General help chat: a citizen may talk to the city without a complaint. Their help conversation (one per
-- citizen) belongs to their home ward (profiles.ward_id) and lands in the queue of that ward's staff: its
-- ward admins and super admins (service providers work assignments, not the ward's inbox). Everything else
-- (messages, limits, live topic, notifications, read receipts) is the complaint chat's
-- (20261205000400_chat.sql).

-- The ward column, its check and who may chat in a help chat (private.can_chat) are in the chat migration.
create unique index conversations_one_help_chat_idx on public.conversations (citizen_id) where complaint_id is null;
create index conversations_help_queue_idx on public.conversations (ward_id, last_message_at desc)
  where complaint_id is null;

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
