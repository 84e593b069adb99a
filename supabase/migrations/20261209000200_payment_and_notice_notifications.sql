-- The notification centre hears about payments and urgent notices too, created by the database like the
-- others: a payer when their payment ends (paid, failed, cancelled, expired) or money comes back, and the
-- citizens of a ward (every citizen, for a city-wide one) when an urgent notice for it is published.
-- An urgent notice written to appear later is announced when it is saved (its banner waits for publish_at).

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

create function private.notify_urgent_notice()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.notifications (recipient_id, kind, data)
  select p.id, 'urgent_notice',
         jsonb_build_object('notice_id', new.id, 'title_bn', new.title_bn, 'title_en', new.title_en)
    from public.profiles as p
   where (cardinality(new.ward_ids) = 0 or p.ward_id = any (new.ward_ids))
     and p.id is distinct from new.created_by
     and not private.is_staff_member(p.id);
  return null;
end;
$$;

comment on function private.notify_urgent_notice() is
  'AFTER INSERT on notices, and AFTER UPDATE when a notice becomes urgent: tells the citizens of its wards '
  '(everyone, when city-wide). One row per citizen: a city-wide notice writes as many rows as there are '
  'citizens, in the publishing transaction.';

revoke all on function private.notify_urgent_notice() from public;

create trigger notices_notify_urgent_insert
  after insert on public.notices
  for each row when (new.urgent)
  execute function private.notify_urgent_notice();

create trigger notices_notify_urgent_update
  after update of urgent on public.notices
  for each row when (new.urgent and not old.urgent)
  execute function private.notify_urgent_notice();
