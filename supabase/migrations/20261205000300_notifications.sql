-- Notifications: what a person hears without opening the complaint. The database creates them (triggers),
-- never page code: a status change or staff reply on a complaint notifies the citizen who filed it and its
-- followers (a reply only when it is public); later features add their own kinds (chat, ward alerts). Each
-- new notification is broadcast on the person's private topic user:<uid> (the header's bell) and, when the
-- person chose SMS for that kind, texted in Bengali (or English) through the SMS outbox
-- (20261205000200_sms_outbox.sql) with their quiet hours.

-- ---------------------------------------------------------------------------------------------------
-- Preferences
-- ---------------------------------------------------------------------------------------------------
create table public.notification_preferences (
  user_id uuid primary key default auth.uid() references auth.users (id) on delete cascade,
  sms_status_mine boolean not null default true,
  sms_status_followed boolean not null default false,
  sms_replies boolean not null default false,
  sms_chat boolean not null default false,
  quiet_hours boolean not null default true,
  updated_at timestamptz not null default now()
);
alter table public.notification_preferences enable row level security;
comment on table public.notification_preferences is
  'Which notifications a person also gets by SMS. No row means the defaults: SMS for status changes of their '
  'own complaints only, held through the quiet hours.';
comment on column public.notification_preferences.user_id is 'The person (auth.users.id).';
comment on column public.notification_preferences.sms_status_mine is 'SMS when one of my complaints changes status.';
comment on column public.notification_preferences.sms_status_followed is 'SMS when a complaint I follow changes status.';
comment on column public.notification_preferences.sms_replies is 'SMS when staff reply on my complaint.';
comment on column public.notification_preferences.sms_chat is 'SMS for new chat messages to me.';
comment on column public.notification_preferences.quiet_hours is
  'Hold texts from 22:00 to 07:00 Asia/Dhaka until the morning.';
comment on column public.notification_preferences.updated_at is 'When the person last changed them.';

create trigger notification_preferences_set_updated_at
  before update on public.notification_preferences
  for each row execute function public.set_updated_at();

-- Default privileges in public grant everything; RLS aside, grant only what people do.
revoke all on public.notification_preferences from anon, authenticated;
grant select, insert, update on public.notification_preferences to authenticated;
create policy "People read their own notification preferences"
  on public.notification_preferences for select to authenticated
  using (user_id = (select auth.uid()));
create policy "People set their own notification preferences"
  on public.notification_preferences for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy "People change their own notification preferences"
  on public.notification_preferences for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------------
-- Notifications
-- ---------------------------------------------------------------------------------------------------
create table public.notifications (
  id bigint generated always as identity primary key,
  recipient_id uuid not null references auth.users (id) on delete cascade,
  kind text not null check (kind in ('complaint_status', 'complaint_reply', 'chat_message', 'ward_complaint')),
  complaint_id uuid references public.complaints (id) on delete cascade,
  data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
alter table public.notifications enable row level security;
comment on table public.notifications is
  'What a person is told in the app (the bell and /notifications). Created only by database triggers; the '
  'person reads their own and marks them read (public.mark_notifications_read).';
comment on column public.notifications.id is 'Notification id, increasing with time (keyset pages).';
comment on column public.notifications.recipient_id is 'Who it is for (auth.users.id).';
comment on column public.notifications.kind is
  'complaint_status (a complaint I filed or follow changed status), complaint_reply (staff replied), '
  'chat_message (a new chat message to me) or ward_complaint (a new complaint in a ward I watch).';
comment on column public.notifications.complaint_id is 'The complaint it is about, when it is about one.';
comment on column public.notifications.data is
  'What the text needs, never more than the recipient may see: tracking_number, status, following (true '
  'for a followed complaint).';
comment on column public.notifications.created_at is 'When it was created.';
comment on column public.notifications.read_at is 'When the person read it; null while unread.';

create index notifications_recipient_idx on public.notifications (recipient_id, id desc);
-- The bell's count reads only this index.
create index notifications_unread_idx on public.notifications (recipient_id) where read_at is null;

revoke all on public.notifications from anon, authenticated;
grant select on public.notifications to authenticated;
create policy "People read their own notifications"
  on public.notifications for select to authenticated
  using (recipient_id = (select auth.uid()));

create function public.mark_notifications_read(notification_ids bigint[] default null)
returns integer
language sql
security invoker
set search_path = ''
as $$
  -- Runs as the caller through a column grant of their own rows only (policy below).
  with marked as (
    update public.notifications set read_at = now()
     where recipient_id = (select auth.uid()) and read_at is null
       and (notification_ids is null or id = any (notification_ids))
    returning 1
  )
  select count(*)::integer from marked;
$$;
comment on function public.mark_notifications_read(bigint[]) is
  'Marks the caller''s notifications read: those listed, or all when none are given. Returns how many changed.';
revoke all on function public.mark_notifications_read(bigint[]) from public, anon;
grant execute on function public.mark_notifications_read(bigint[]) to authenticated;
grant update (read_at) on public.notifications to authenticated;
create policy "People mark their own notifications read"
  on public.notifications for update to authenticated
  using (recipient_id = (select auth.uid())) with check (recipient_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------------
-- SMS texts
-- ---------------------------------------------------------------------------------------------------
-- SMS wording is its own, shorter than the pages' labels: Bengali travels as UCS-2, 70 characters per
-- single part, and every template must fit one part with its longest values
-- (tests/notifications/sms_templates_test.ts).
create function private.sms_text(kind text, locale text, data jsonb)
returns text
language sql
immutable
set search_path = ''
as $$
  select case when locale = 'en' then
    case kind
      when 'complaint_status' then
        'Clean Care: ' || case when (data ->> 'following')::boolean then 'followed complaint ' else 'your complaint ' end
        || (data ->> 'tracking_number') || ' is now ' || case data ->> 'status'
          when 'submitted' then 'submitted' when 'in_progress' then 'in progress' when 'resolved' then 'resolved'
          when 'closed' then 'closed' when 'rejected' then 'rejected' end || '.'
      when 'complaint_reply' then
        'Clean Care: staff replied on complaint ' || (data ->> 'tracking_number') || '. See the app.'
      when 'chat_message' then
        'Clean Care: new message' || coalesce(' on complaint ' || (data ->> 'tracking_number'), ' in help chat')
        || '. See the app.'
      when 'ward_digest' then
        'Clean Care: ' || (data ->> 'count') || ' new complaint(s) in ward ' || (data ->> 'ward') || ' today.'
    end
  else
    case kind
      when 'complaint_status' then
        'ক্লিন কেয়ার: ' || case when (data ->> 'following')::boolean then 'অনুসৃত অভিযোগ ' else 'আপনার অভিযোগ ' end
        || (data ->> 'tracking_number') || ' এখন ' || case data ->> 'status'
          when 'submitted' then 'জমা হয়েছে' when 'in_progress' then 'কাজ চলছে' when 'resolved' then 'সমাধান হয়েছে'
          when 'closed' then 'বন্ধ' when 'rejected' then 'বাতিল' end || '।'
      when 'complaint_reply' then
        'ক্লিন কেয়ার: অভিযোগ ' || (data ->> 'tracking_number') || '-এ কর্মীর নতুন উত্তর। অ্যাপে দেখুন।'
      when 'chat_message' then
        'ক্লিন কেয়ার: ' || coalesce('অভিযোগ ' || (data ->> 'tracking_number') || ' নিয়ে', 'সহায়তা চ্যাটে')
        || ' নতুন বার্তা। অ্যাপে দেখুন।'
      when 'ward_digest' then
        'ক্লিন কেয়ার: ওয়ার্ড ' || translate(data ->> 'ward', '0123456789', '০১২৩৪৫৬৭৮৯') || '-এ আজ '
        || translate(data ->> 'count', '0123456789', '০১২৩৪৫৬৭৮৯') || 'টি নতুন অভিযোগ।'
    end
  end;
$$;
comment on function private.sms_text(text, text, jsonb) is
  'The SMS for a notification kind in bn (default) or en, each fitting one SMS part; null for a kind with no SMS.';

-- Which preference decides SMS for a notification; no row: the defaults of notification_preferences.
create function private.wants_sms(person uuid, kind text, data jsonb)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select case kind
              when 'complaint_status' then
                case when (data ->> 'following')::boolean then p.sms_status_followed else p.sms_status_mine end
              when 'complaint_reply' then p.sms_replies
              when 'chat_message' then p.sms_chat
              else false end
       from public.notification_preferences as p where p.user_id = person),
    kind = 'complaint_status' and not coalesce((data ->> 'following')::boolean, false));
$$;
comment on function private.wants_sms(uuid, text, jsonb) is
  'Whether the person wants this notification by SMS (their preferences, else the default: own status changes).';
revoke all on function private.wants_sms(uuid, text, jsonb) from public;

-- ---------------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------------
create function private.deliver_notification()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  person record;
  body text;
begin
  perform realtime.send(jsonb_build_object('id', new.id, 'kind', new.kind), 'notification',
                        'user:' || new.recipient_id, true);
  if not private.wants_sms(new.recipient_id, new.kind, new.data) then
    return null;
  end if;
  select u.phone, coalesce(p.preferred_language, 'bn') as locale,
         coalesce(np.quiet_hours, true) as quiet_hours
    into person
    from auth.users as u
    left join public.profiles as p on p.id = u.id
    left join public.notification_preferences as np on np.user_id = u.id
   where u.id = new.recipient_id;
  body := private.sms_text(new.kind, person.locale, new.data);
  if body is not null and private.normalise_bd_mobile(person.phone) is not null then
    perform private.queue_sms(person.phone, body, 'notification.' || new.kind, 'notification:' || new.id,
                              person.quiet_hours);
  end if;
  return null;
end;
$$;
comment on function private.deliver_notification() is
  'AFTER INSERT on notifications: broadcasts event notification on private topic user:<recipient> and, when '
  'the recipient wants this kind by SMS, queues the text (private.queue_sms, keyed by the notification).';
revoke all on function private.deliver_notification() from public;

create trigger notifications_deliver
  after insert on public.notifications
  for each row execute function private.deliver_notification();

create function private.notify_complaint_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  complaint public.complaints;
  kind text := case new.kind when 'status' then 'complaint_status' else 'complaint_reply' end;
begin
  if new.old_status is null or new.kind = 'note' then
    return null; -- the filing itself, or a note for staff only
  end if;
  select * into complaint from public.complaints where id = new.complaint_id;
  insert into public.notifications (recipient_id, kind, complaint_id, data)
  select who.person, kind, complaint.id,
         jsonb_build_object('tracking_number', complaint.tracking_number, 'status', new.new_status,
                            'following', who.following)
    from (select complaint.citizen_id as person, false as following
          union all
          select f.citizen_id, true from public.complaint_followers as f
           where f.complaint_id = complaint.id and (new.kind = 'status' or new.comment_is_public)) as who
   where who.person is distinct from new.changed_by;
  return null;
end;
$$;
comment on function private.notify_complaint_update() is
  'AFTER INSERT on complaint_updates: a status change notifies the citizen and the followers, a reply the '
  'citizen (and followers when public); never the person who made it, never for internal notes.';
revoke all on function private.notify_complaint_update() from public;

create trigger complaint_updates_notify
  after insert on public.complaint_updates
  for each row execute function private.notify_complaint_update();
