-- What every signed-in page shows around its own content, read in one call: the bell's unread count and the
-- urgent-notice banner. Two calls cost a signed-in page two round trips through the API beside its own
-- (bench/urgent_banner.ts); one call that runs both reads costs one.

create or replace function public.page_shell()
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    -- notifications_unread_idx serves this; RLS would keep the count to the caller's own anyway.
    'unread_notifications', (select count(*) from public.notifications as n
                              where n.recipient_id = auth.uid() and n.read_at is null),
    'urgent', public.urgent_notices());
$$;

comment on function public.page_shell() is
  'The page shell of a signed-in person, as that person (RLS applies): {unread_notifications, urgent}, urgent '
  'being public.urgent_notices(). One call per page for the header''s bell and the urgent-notice banner.';

revoke all on function public.page_shell() from public;
grant execute on function public.page_shell() to authenticated, service_role;
