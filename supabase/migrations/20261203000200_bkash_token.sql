-- The bkash function's bKash token, shared by all its instances: Edge Function instances come and go, and each
-- granting a token of its own would exceed what bKash allows (grants and refreshes are limited per hour).
-- One row; only the service role (the function) reads or writes it.

create table public.bkash_token (
  id boolean primary key default true check (id),
  id_token text not null,
  refresh_token text not null,
  expires_at timestamptz not null,
  granted_at timestamptz not null,
  refreshed_at timestamptz[] not null default '{}'
);

alter table public.bkash_token enable row level security;

comment on table public.bkash_token is
  'The bkash function''s current bKash token (one row), shared by every instance so the token is granted once '
  'and refreshed before it expires, at most twice an hour. Service role only; no policies for anyone else.';
comment on column public.bkash_token.id is 'Always true: there is one row.';
comment on column public.bkash_token.id_token is 'bKash''s id_token, sent as Authorization on every call.';
comment on column public.bkash_token.refresh_token is 'bKash''s refresh_token, for token/refresh.';
comment on column public.bkash_token.expires_at is 'When bKash stops accepting id_token (granted or refreshed + expires_in).';
comment on column public.bkash_token.granted_at is 'When the token was last granted (token/grant).';
comment on column public.bkash_token.refreshed_at is 'When it was refreshed within the last hour (token/refresh), oldest first.';

revoke all on table public.bkash_token from public, anon, authenticated;
grant select, insert, update on table public.bkash_token to service_role;

-- The service role passes RLS anyway; the policy says so, and that nobody else has one.
create policy "Only the bkash function (service role) keeps the token"
  on public.bkash_token for all
  to service_role
  using (true)
  with check (true);

create or replace function public.bkash_store_token(
  id_token text, refresh_token text, expires_in_seconds integer, refreshed boolean
)
returns void
language sql
set search_path = ''
as $$
  insert into public.bkash_token as t (id_token, refresh_token, expires_at, granted_at, refreshed_at)
  values (id_token, refresh_token, now() + make_interval(secs => expires_in_seconds), now(),
          case when refreshed then array[now()] else '{}' end)
  on conflict (id) do update
    set id_token = excluded.id_token, refresh_token = excluded.refresh_token, expires_at = excluded.expires_at,
        granted_at = case when refreshed then t.granted_at else now() end,
        refreshed_at = case when refreshed
          then array(select r from unnest(t.refreshed_at) as r where r > now() - interval '1 hour') || now()
          else array(select r from unnest(t.refreshed_at) as r where r > now() - interval '1 hour') end;
$$;

comment on function public.bkash_store_token(text, text, integer, boolean) is
  'Keeps the token bKash just granted (refreshed false) or refreshed (true), counting refreshes of the last '
  'hour. Service role only.';

revoke all on function public.bkash_store_token(text, text, integer, boolean) from public, anon, authenticated;
grant execute on function public.bkash_store_token(text, text, integer, boolean) to service_role;
