-- Chat about a complaint between the citizen who filed it and the staff who may act on it (the staff
-- dashboard's scope: super admins, the ward's admins, the assigned service provider). Followers never see
-- it. One conversation per complaint; messages are stored here, broadcast from the database on the private
-- topic chat:<conversation> (RLS on realtime.messages lets in only the same people), and notify the other
-- side (20261205000300_notifications.sql: in the app, and by SMS when they chose it).
-- Limits the database keeps: 1-2,000 printable characters, at most 10 messages a minute per person.

create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  complaint_id uuid unique references public.complaints (id) on delete cascade,
  citizen_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_message_at timestamptz,
  citizen_read_at timestamptz,
  staff_read_at timestamptz,
  ward_id integer references public.wards (id),
  constraint conversations_complaint_or_ward check ((complaint_id is null) = (ward_id is not null))
);
alter table public.conversations enable row level security;
comment on table public.conversations is
  'A complaint''s chat (one each, public.open_conversation) or a citizen''s help chat with their ward''s staff '
  '(one each, public.open_help_conversation); its messages are chat_messages.';
comment on column public.conversations.id is 'Conversation id; its live topic is chat:<id>.';
comment on column public.conversations.complaint_id is 'The complaint it is about; null for a help chat.';
comment on column public.conversations.citizen_id is 'The citizen who filed the complaint.';
comment on column public.conversations.created_at is 'When it was opened.';
comment on column public.conversations.last_message_at is 'When the last message was written (staff lists).';
comment on column public.conversations.citizen_read_at is 'Up to when the citizen has read (read receipts).';
comment on column public.conversations.staff_read_at is 'Up to when staff have read (read receipts).';
comment on column public.conversations.ward_id is
  'A help chat''s ward (the citizen''s home ward when opened): whose staff answer it; null for a complaint chat.';

create table public.chat_messages (
  id bigint generated always as identity primary key,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  sender_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  body text not null,
  created_at timestamptz not null default now(),
  photo_path text check (photo_path ~ '^[0-9a-f-]{36}/chat-[0-9a-f-]{36}/[0-9a-f]{32}\.(jpg|png|webp)$'),
  constraint chat_messages_body_length
    check (char_length(body) <= 2000 and (char_length(btrim(body)) >= 1 or photo_path is not null)),
  constraint chat_messages_body_printable check (private.is_printable(body))
);
alter table public.chat_messages enable row level security;
comment on table public.chat_messages is
  'Messages of a complaint''s chat, written by its citizen or staff in scope; append-only.';
comment on column public.chat_messages.id is 'Message id, increasing with time (keyset pages).';
comment on column public.chat_messages.conversation_id is 'The conversation.';
comment on column public.chat_messages.sender_id is 'Who wrote it (auth.users.id).';
comment on column public.chat_messages.body is
  'The text: at most 2,000 printable characters, shown as text (never HTML); may be empty with a photo.';
comment on column public.chat_messages.created_at is 'When it was written.';
comment on column public.chat_messages.photo_path is
  'A photo with the message, in bucket complaint-photos under the sender''s own folder '
  '(<sender>/chat-<conversation>/<file>); null for text only.';
create index chat_messages_conversation_idx on public.chat_messages (conversation_id, id desc);
create index chat_messages_sender_recent_idx on public.chat_messages (sender_id, created_at desc);

-- ---------------------------------------------------------------------------------------------------
-- Who may chat
-- ---------------------------------------------------------------------------------------------------
create function private.can_chat(conversation uuid)
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
revoke all on function private.can_chat(uuid) from public;
grant execute on function private.can_chat(uuid) to authenticated;

revoke all on public.conversations, public.chat_messages from anon, authenticated;
grant select on public.conversations to authenticated;
grant select, insert (conversation_id, body, photo_path) on public.chat_messages to authenticated;

create policy "The citizen and staff in scope read a complaint's conversation"
  on public.conversations for select to authenticated
  using (private.can_chat(id));
create policy "The citizen and staff in scope read the messages"
  on public.chat_messages for select to authenticated
  using (private.can_chat(conversation_id));
create policy "The citizen and staff in scope write as themselves"
  on public.chat_messages for insert to authenticated
  with check (sender_id = (select auth.uid()) and private.can_chat(conversation_id));

create function public.open_conversation(complaint_id uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  complaint public.complaints;
  opened uuid;
begin
  select * into complaint from public.complaints as c where c.id = open_conversation.complaint_id;
  if complaint.id is null or not (complaint.citizen_id = auth.uid()
                                  or private.staff_scope_includes(complaint.ward_id, complaint.assigned_to)) then
    perform private.refuse(404, 'CC404', 'No such complaint of yours or in your scope');
  end if;
  insert into public.conversations (complaint_id, citizen_id) values (complaint.id, complaint.citizen_id)
  on conflict on constraint conversations_complaint_id_key do nothing
  returning id into opened;
  return coalesce(opened, (select v.id from public.conversations as v where v.complaint_id = complaint.id));
end;
$$;
comment on function public.open_conversation(uuid) is
  'The conversation of a complaint, opened on first use: for its citizen and staff in scope; 404 CC404 otherwise.';
revoke all on function public.open_conversation(uuid) from public, anon;
grant execute on function public.open_conversation(uuid) to authenticated;

create function public.mark_conversation_read(conversation_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  reader text;
begin
  if not private.can_chat(conversation_id) then
    perform private.refuse(404, 'CC404', 'No such conversation');
  end if;
  update public.conversations as v
     set citizen_read_at = case when v.citizen_id = auth.uid() then now() else v.citizen_read_at end,
         staff_read_at = case when v.citizen_id = auth.uid() then v.staff_read_at else now() end
   where v.id = mark_conversation_read.conversation_id
  returning case when v.citizen_id = auth.uid() then 'citizen' else 'staff' end into reader;
  -- The other side's open page marks its messages seen at once.
  perform realtime.send(jsonb_build_object('reader', reader, 'read_at', now()), 'read',
                        'chat:' || mark_conversation_read.conversation_id, true);
end;
$$;
comment on function public.mark_conversation_read(uuid) is
  'Records that the caller (the citizen, or staff) has read the conversation up to now (the read receipts) '
  'and broadcasts event read {reader: citizen|staff, read_at} on the private topic chat:<conversation>.';
revoke all on function public.mark_conversation_read(uuid) from public, anon;
grant execute on function public.mark_conversation_read(uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Triggers: flood limit, live broadcast, notification of the other side
-- ---------------------------------------------------------------------------------------------------
create function private.refuse_chat_flood(sender uuid)
returns void
language plpgsql
volatile -- counts with a snapshot of its own: the insert trigger counts after waiting for its turn
security definer
set search_path = ''
as $$
begin
  if (select count(*) from public.chat_messages as m
       where m.sender_id = sender and m.created_at > now() - interval '1 minute') >= 10 then
    perform private.refuse(429, 'CC429', 'Too many messages: wait a minute');
  end if;
end;
$$;
comment on function private.refuse_chat_flood(uuid) is
  'Refuses (429 CC429) when this person wrote 10 chat messages in the last minute: the flood limit.';
revoke all on function private.refuse_chat_flood(uuid) from public;

create function public.check_chat_message(conversation_id uuid)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not private.can_chat(check_chat_message.conversation_id) then
    raise exception 'Not a conversation of yours' using errcode = 'insufficient_privilege';
  end if;
  perform private.refuse_chat_flood(auth.uid());
end;
$$;
comment on function public.check_chat_message(uuid) is
  'Whether the caller may send a message into this conversation now, asked before uploading its photo: '
  'raises 42501 when it is not theirs and 429 CC429 over the flood limit, as the insert would.';
revoke all on function public.check_chat_message(uuid) from public, anon;
grant execute on function public.check_chat_message(uuid) to authenticated;

create function private.chat_messages_before_insert()
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
  -- One at a time per person, so messages sent at once cannot all pass the count.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('chat:' || new.sender_id::text, 0));
  perform private.refuse_chat_flood(new.sender_id);
  return new;
end;
$$;
comment on function private.chat_messages_before_insert() is
  'BEFORE INSERT on chat_messages: the sender is the caller, the time now, the text trimmed, a photo only '
  'from the sender''s own folder for this conversation; more than 10 messages a minute from one person are '
  'refused (429 CC429).';
revoke all on function private.chat_messages_before_insert() from public;
create trigger chat_messages_before_insert
  before insert on public.chat_messages
  for each row execute function private.chat_messages_before_insert();

create function private.chat_messages_after_insert()
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
    -- Whether it has a photo; the link is signed when the page is read.
    jsonb_build_object('id', new.id, 'sender_id', new.sender_id, 'body', new.body, 'created_at', new.created_at,
                       'has_photo', new.photo_path is not null),
    'message', 'chat:' || new.conversation_id, true);
  -- The other side: staff write to the citizen; the citizen to the staff member working it, and while nobody
  -- is (an unassigned complaint, a help chat) to the ward's admins. Their preferences decide on SMS
  -- (private.deliver_notification).
  insert into public.notifications (recipient_id, kind, complaint_id, data)
  select r.recipient, 'chat_message', complaint.id,
         jsonb_build_object('tracking_number', complaint.tracking_number, 'conversation_id', conversation.id)
           || case when r.recipient <> conversation.citizen_id then '{"staff": true}'::jsonb else '{}' end
    from (select conversation.citizen_id as recipient where new.sender_id <> conversation.citizen_id
          union
          select complaint.assigned_to where new.sender_id = conversation.citizen_id
          union
          select p.user_id
            from public.ward_postings as p
            join public.staff_roles as s on s.user_id = p.user_id and s.role = 'ward_admin'
           where new.sender_id = conversation.citizen_id and complaint.assigned_to is null
             and p.ward_id = coalesce(complaint.ward_id, conversation.ward_id)) as r
   where r.recipient is not null and r.recipient <> new.sender_id;
  return null;
end;
$$;
comment on function private.chat_messages_after_insert() is
  'AFTER INSERT on chat_messages: stamps the conversation, broadcasts event message on private topic '
  'chat:<conversation>, and notifies the other side: the citizen, or the assigned staff member, or while '
  'there is none (an unassigned complaint, a help chat) the ward''s admins (data.staff true).';
revoke all on function private.chat_messages_after_insert() from public;
create trigger chat_messages_after_insert
  after insert on public.chat_messages
  for each row execute function private.chat_messages_after_insert();

create function private.conversation_id_from_topic(topic text)
returns uuid
language sql
immutable
set search_path = ''
as $$
  select case when topic ~ '^chat:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              then substr(topic, 6)::uuid end;
$$;
comment on function private.conversation_id_from_topic(text) is
  'The conversation id in a Realtime topic "chat:<uuid>"; null for any other topic.';

create policy "The citizen and staff in scope receive a conversation live"
  on realtime.messages for select to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and realtime.messages.topic = (select realtime.topic())
    and private.can_chat(private.conversation_id_from_topic((select realtime.topic())))
  );
comment on policy "The citizen and staff in scope receive a conversation live" on realtime.messages is
  'Joining chat:<conversation>: only its citizen and staff in the complaint''s scope (never followers).';
