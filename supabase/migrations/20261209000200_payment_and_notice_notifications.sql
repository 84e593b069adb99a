-- The notification centre hears about payments and urgent notices too, created by the database like the
-- others: a payer when their payment ends (paid, failed, cancelled, expired) or money comes back, and the
-- citizens of a ward (every citizen, for a city-wide one) when an urgent notice for it is published, once per
-- notice and never after it expired. The minute job `announce-urgent-notices` does it, not the request that
-- saves the notice: a city-wide notice writes a row per citizen (6.1 s for 100,000 citizens), beyond the 2 s
-- an API request may run. Open pages show the banner at once all the same (notices_broadcast_urgent).

alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (
  kind in ('complaint_status', 'complaint_reply', 'chat_message', 'ward_complaint', 'payment_result', 'urgent_notice')
);
comment on column public.notifications.kind is
  'complaint_status (a complaint I filed or follow changed status), complaint_reply (staff replied), '
  'chat_message (a new chat message to me), ward_complaint (a new complaint in a ward I watch), '
  'payment_result (a payment of mine ended or was refunded) or urgent_notice (an urgent notice for my ward '
  'or the whole city).';
comment on column public.notifications.data is
  'What the text needs, never more than the recipient may see: tracking_number, status, following (true '
  'for a followed complaint); payment_id, state, invoice_number for payments; notice_id, title_bn, title_en '
  'for notices.';

create function private.notify_payment_result()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- A refund that did not go through puts the payment back to completed: nothing to tell.
  if new.state in ('completed', 'failed', 'cancelled', 'expired', 'partially_refunded', 'refunded')
     and not (new.state = 'completed' and old.state = 'refund_requested') then
    insert into public.notifications (recipient_id, kind, data)
    values (new.payer_id, 'payment_result',
            jsonb_build_object('payment_id', new.id, 'state', new.state, 'invoice_number', new.invoice_number));
  end if;
  return null;
end;
$$;

comment on function private.notify_payment_result() is
  'AFTER UPDATE OF state on payments: tells the payer how their payment ended, or that money came back.';

revoke all on function private.notify_payment_result() from public;

create trigger payments_notify_result
  after update of state on public.payments
  for each row when (new.state is distinct from old.state)
  execute function private.notify_payment_result();

-- Which urgent notices have been announced, and when: each is announced once, however often it is edited or
-- made urgent again.
create table private.urgent_notice_announcements (
  notice_id uuid primary key references public.notices (id) on delete cascade,
  announced_at timestamptz not null default now()
);

comment on table private.urgent_notice_announcements is
  'Urgent notices whose citizens have been told (notifications and live banners), one row each, written by '
  'the minute job once the notice is published (private.announce_urgent_notices).';
comment on column private.urgent_notice_announcements.notice_id is 'public.notices.id.';
comment on column private.urgent_notice_announcements.announced_at is 'When its citizens were told.';

create function private.announce_urgent_notices()
returns integer
language sql
volatile
set search_path = ''
as $$
  with announced as (
    insert into private.urgent_notice_announcements (notice_id)
    select n.id
      from public.notices as n
     where n.urgent and n.publish_at <= now() and (n.expires_at is null or n.expires_at > now())
       and not exists (select 1 from private.urgent_notice_announcements as a where a.notice_id = n.id)
    on conflict (notice_id) do nothing
    returning notice_id
  )
  select count(*)::integer from announced;
$$;

comment on function private.announce_urgent_notices() is
  'Announces the urgent notices that are published, not expired and not announced yet; returns how many. Run '
  'every minute by pg_cron (announce-urgent-notices).';

create function private.notify_urgent_notice()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  notice public.notices;
begin
  select * into notice from public.notices where id = new.notice_id;
  insert into public.notifications (recipient_id, kind, data)
  select p.id, 'urgent_notice',
         jsonb_build_object('notice_id', notice.id, 'title_bn', notice.title_bn, 'title_en', notice.title_en)
    from public.profiles as p
   where (cardinality(notice.ward_ids) = 0 or p.ward_id = any (notice.ward_ids))
     and p.id is distinct from notice.created_by
     and not private.is_staff_member(p.id);
  -- Open pages show its banner now (a notice published later changed nothing when it appeared).
  perform private.send_urgent_changed(notice.id, private.urgent_notice_topics(notice.ward_ids));
  return null;
end;
$$;

comment on function private.notify_urgent_notice() is
  'AFTER INSERT on private.urgent_notice_announcements: tells the citizens of the notice''s wards (everyone, '
  'when city-wide) and the open pages. One row per citizen: a city-wide notice writes as many rows as there '
  'are citizens, in the minute job''s transaction.';

create trigger urgent_notice_announcements_notify
  after insert on private.urgent_notice_announcements
  for each row execute function private.notify_urgent_notice();

revoke all on table private.urgent_notice_announcements from public, anon, authenticated;
revoke all on function private.announce_urgent_notices(), private.notify_urgent_notice() from public;

select cron.schedule('announce-urgent-notices', '* * * * *', 'select private.announce_urgent_notices()');
