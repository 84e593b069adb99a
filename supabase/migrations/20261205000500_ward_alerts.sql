-- Ward alerts (as FixMyStreet offers): a person watches a ward and hears of new complaints there, in the
-- app as each is filed (a notification, 20261205000300_notifications.sql), or as one SMS a day with the
-- day's count (pg_cron at 18:00 Asia/Dhaka through the SMS outbox). What they learn is what the public
-- tracking page shows: the tracking number, never who filed it or what they wrote.

create table public.ward_subscriptions (
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  ward_id integer not null references public.wards (id) on delete cascade,
  channel text not null default 'in_app' check (channel in ('in_app', 'sms_digest')),
  created_at timestamptz not null default now(),
  primary key (user_id, ward_id)
);
alter table public.ward_subscriptions enable row level security;
comment on table public.ward_subscriptions is
  'Wards a person watches for new complaints: in the app as each is filed, or a daily SMS digest.';
comment on column public.ward_subscriptions.user_id is 'The person (auth.users.id).';
comment on column public.ward_subscriptions.ward_id is 'The ward watched (public.wards.id).';
comment on column public.ward_subscriptions.channel is 'in_app (a notification per new complaint) or sms_digest (one SMS a day).';
comment on column public.ward_subscriptions.created_at is 'When they started watching.';
create index ward_subscriptions_ward_idx on public.ward_subscriptions (ward_id, channel);

revoke all on public.ward_subscriptions from anon, authenticated;
grant select, insert, update, delete on public.ward_subscriptions to authenticated;
create policy "People read the wards they watch"
  on public.ward_subscriptions for select to authenticated using (user_id = (select auth.uid()));
create policy "People watch wards as themselves"
  on public.ward_subscriptions for insert to authenticated with check (user_id = (select auth.uid()));
create policy "People change how they watch a ward"
  on public.ward_subscriptions for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "People stop watching a ward"
  on public.ward_subscriptions for delete to authenticated using (user_id = (select auth.uid()));

create function private.notify_ward_watchers()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.notifications (recipient_id, kind, data)
  select s.user_id, 'ward_complaint',
         jsonb_build_object('tracking_number', new.tracking_number, 'ward', new.ward_id)
    from public.ward_subscriptions as s
   where s.ward_id = new.ward_id and s.channel = 'in_app' and s.user_id <> new.citizen_id;
  return null;
end;
$$;
comment on function private.notify_ward_watchers() is
  'AFTER INSERT on complaints: a notification (tracking number and ward only) to each person who watches the '
  'ward in the app, except the one who filed it.';
revoke all on function private.notify_ward_watchers() from public;
create trigger complaints_notify_ward_watchers
  after insert on public.complaints
  for each row when (new.ward_id is not null) execute function private.notify_ward_watchers();

create function private.send_ward_digests()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  day date := (now() at time zone 'Asia/Dhaka')::date;
  queued integer := 0;
  digest record;
begin
  for digest in
    select s.user_id, s.ward_id, u.phone, coalesce(p.preferred_language, 'bn') as locale, count(c.id) as filed
      from public.ward_subscriptions as s
      join auth.users as u on u.id = s.user_id
      left join public.profiles as p on p.id = s.user_id
      join public.complaints as c on c.ward_id = s.ward_id
       and c.created_at >= day::timestamp at time zone 'Asia/Dhaka'
       and c.created_at < (day + 1)::timestamp at time zone 'Asia/Dhaka'
     where s.channel = 'sms_digest' and private.normalise_bd_mobile(u.phone) is not null
     group by s.user_id, s.ward_id, u.phone, p.preferred_language
  loop
    perform private.queue_sms(
      digest.phone,
      private.sms_text('ward_digest', digest.locale,
                       jsonb_build_object('ward', digest.ward_id::text, 'count', digest.filed::text)),
      'ward.digest', 'ward-digest:' || digest.user_id || ':' || digest.ward_id || ':' || day);
    queued := queued + 1;
  end loop;
  return queued;
end;
$$;
comment on function private.send_ward_digests() is
  'Queues today''s SMS digest (count of complaints filed today, Asia/Dhaka) for each sms_digest watcher of a '
  'ward with any; once per person, ward and day. Run by pg_cron at 18:00 Dhaka (job send-ward-digests).';
revoke all on function private.send_ward_digests() from public;

select cron.schedule('send-ward-digests', '0 12 * * *', 'select private.send_ward_digests()');
