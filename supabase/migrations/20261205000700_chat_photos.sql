-- A chat message may carry one photo, with the privacy of complaint photos: it is uploaded (GPS position
-- removed by the app, type checked by content) into the sender's own folder of the private bucket
-- complaint-photos, as <sender>/chat-<conversation>/<hash>.<ext>, and only the conversation's people (its
-- citizen and staff in scope, by the chat_messages policies) may read it; followers and others never.

alter table public.chat_messages
  add column photo_path text
    check (photo_path ~ '^[0-9a-f-]{36}/chat-[0-9a-f-]{36}/[0-9a-f]{32}\.(jpg|png|webp)$'),
  drop constraint chat_messages_body_length,
  add constraint chat_messages_body_length
    check (char_length(body) <= 2000 and (char_length(btrim(body)) >= 1 or photo_path is not null));
comment on column public.chat_messages.photo_path is
  'A photo with the message, in bucket complaint-photos under the sender''s own folder '
  '(<sender>/chat-<conversation>/<file>); null for text only.';
comment on column public.chat_messages.body is
  'The text: at most 2,000 printable characters, shown as text (never HTML); may be empty with a photo.';
grant insert (photo_path) on public.chat_messages to authenticated;

create or replace function private.chat_messages_before_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.sender_id := auth.uid();
  new.created_at := now();
  new.body := btrim(new.body);
  if new.photo_path is not null
     and not starts_with(new.photo_path, new.sender_id || '/chat-' || new.conversation_id || '/') then
    raise exception 'a chat photo must be in the sender''s folder for this conversation'
      using errcode = 'check_violation';
  end if;
  if (select count(*) from public.chat_messages as m
       where m.sender_id = new.sender_id and m.created_at > now() - interval '1 minute') >= 10 then
    perform private.refuse(429, 'CC429', 'Too many messages: wait a minute');
  end if;
  return new;
end;
$$;
comment on function private.chat_messages_before_insert() is
  'BEFORE INSERT on chat_messages: the sender is the caller, the time now, the text trimmed, a photo only '
  'from the sender''s own folder for this conversation; more than 10 messages a minute from one person are '
  'refused (429 CC429).';

create policy "Chat participants see the chat's photos"
  on storage.objects for select
  to authenticated
  using (
    bucket_id = 'complaint-photos'
    and (storage.foldername(name))[2] like 'chat-%'
    and exists (select 1 from public.chat_messages as m where m.photo_path = objects.name)
  );
comment on policy "Chat participants see the chat's photos" on storage.objects is
  'Download and sign a chat photo: whoever may read the message carrying it (chat_messages RLS).';

-- The live message says whether it has a photo (the link is signed when the page is read).
create or replace function private.chat_messages_after_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  conversation public.conversations;
  complaint public.complaints;
begin
  update public.conversations set last_message_at = new.created_at where id = new.conversation_id
  returning * into conversation;
  select * into complaint from public.complaints where id = conversation.complaint_id;
  perform realtime.send(
    jsonb_build_object('id', new.id, 'sender_id', new.sender_id, 'body', new.body, 'created_at', new.created_at,
                       'has_photo', new.photo_path is not null),
    'message', 'chat:' || new.conversation_id, true);
  -- The other side: staff write to the citizen; the citizen to the staff member working it, if any.
  insert into public.notifications (recipient_id, kind, complaint_id, data)
  select recipient, 'chat_message', complaint.id,
         jsonb_build_object('tracking_number', complaint.tracking_number, 'conversation_id', conversation.id)
    from (select case when new.sender_id = conversation.citizen_id then complaint.assigned_to
                      else conversation.citizen_id end as recipient) as r
   where recipient is not null and recipient <> new.sender_id;
  return null;
end;
$$;
comment on function private.chat_messages_after_insert() is
  'AFTER INSERT on chat_messages: stamps the conversation, broadcasts event message on private topic '
  'chat:<conversation>, and notifies the other side (the citizen, or the assigned staff member).';
