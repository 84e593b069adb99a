-- The SMS outbox: every text the city sends a person (other than sign-in codes, which Auth sends through the
-- Send-SMS hook) is queued here by private.queue_sms and delivered by the `sms` Edge Function, never by page
-- code. Delivery is asynchronous and survives restarts:
--
--   queued ──claim──▶ sending ──answer──▶ sent | failed | unknown
--      ▲                 │
--      └──── retry ◀─────┘  (not handed over, gateway busy: back-off 30 s, 1, 2, 4, 8 min; 6 attempts)
--
-- private.dispatch_sms claims due rows (FOR UPDATE SKIP LOCKED, so two dispatchers never take the same
-- row) and posts them in batches to `<sms function>/outbox` with net.http_post (pg_net; the local stack
-- provides its contract, see 20261205000100_pg_net.sql). The function answers per message; the next
-- dispatch settles the rows from net._http_response. It runs right after messages are queued (an AFTER
-- INSERT trigger, so a text leaves once the transaction that queued it commits) and every minute from
-- pg_cron, which also settles answers, retries, and releases held messages.
--
-- Never twice: a row is claimed by one dispatch and flips to `sending` in the same transaction; it goes back
-- to the queue only when it was not handed over (the function says so, refused the call, or could not be
-- reached), or when its outcome is unknown (a timeout, a lost answer) and the gateway drops a repeat: every
-- attempt carries the same reference (`cc-sms-<id>`), which SSL Wireless (csms_id) and the dev inbox use to
-- drop one. BulkSMSBD and sms.net.bd take no reference: there an unknown outcome settles as `unknown`, never
-- resent, with the reason in last_error (see supabase/functions/_shared/sms-gateway.ts). The dispatcher
-- learns which kind the function's gateway is from its answers (private.sms_gateway) and stamps each
-- hand-over with it (retry_unknown); until it has heard, it assumes the safe kind (no repeats dropped).
-- Quiet hours: 22:00-07:00 Asia/Dhaka holds a message until 07:00 unless the caller says it is urgent.
-- Opted-out numbers (private.sms_opt_outs) are never texted: their messages are recorded as `suppressed`.

-- ---------------------------------------------------------------------------------------------------
-- Settings: where the sms function is and the key the database calls it with
-- ---------------------------------------------------------------------------------------------------
create table private.settings (
  name text primary key,
  value text not null
);
comment on table private.settings is
  'Operator settings the database needs (sms_function_url, sms_function_key). On a hosted project put the '
  'key in Supabase Vault under the same name instead; the local stack writes both here at every start.';
comment on column private.settings.name is 'Setting name, e.g. sms_function_url.';
comment on column private.settings.value is 'Setting value.';
-- Not exposed (private schema) and no grants: only postgres and SECURITY DEFINER functions reach it.
revoke all on private.settings from public, anon, authenticated, service_role;

create function private.setting(setting_name text)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  found text;
begin
  -- Vault exists on hosted projects only: read it through dynamic SQL (the schema's name too, so checkers
  -- do not look for it) so this compiles and lints everywhere.
  if to_regclass('vault.decrypted_secrets') is not null then
    execute format('select decrypted_secret from %I.decrypted_secrets where name = $1 limit 1', 'vault')
      into found using setting_name;
  end if;
  return coalesce(found, (select value from private.settings where name = setting_name));
end;
$$;
comment on function private.setting(text) is
  'An operator setting: from Supabase Vault when there, else private.settings; null when unset.';
revoke all on function private.setting(text) from public;

-- ---------------------------------------------------------------------------------------------------
-- Opt-outs and the outbox
-- ---------------------------------------------------------------------------------------------------
create table private.sms_opt_outs (
  phone text primary key check (phone ~ '^\+8801[3-9][0-9]{8}$'),
  opted_out_at timestamptz not null default now(),
  reason text not null default 'stop' check (char_length(reason) <= 200)
);
comment on table private.sms_opt_outs is
  'Numbers that asked for no more texts (or that operators stopped): private.queue_sms never sends to them.';
comment on column private.sms_opt_outs.phone is 'The number, +8801XXXXXXXXX.';
comment on column private.sms_opt_outs.opted_out_at is 'When texts to it stopped.';
comment on column private.sms_opt_outs.reason is 'Why: stop (the person asked), operator, bounced.';
revoke all on private.sms_opt_outs from public, anon, authenticated, service_role;

create table private.sms_outbox (
  id bigint generated always as identity primary key,
  dedupe_key text not null unique check (char_length(dedupe_key) between 1 and 200),
  to_phone text not null check (to_phone ~ '^\+8801[3-9][0-9]{8}$'),
  body text not null check (char_length(body) between 1 and 335 and private.is_printable(body)),
  purpose text not null check (purpose ~ '^[a-z][a-z0-9_.]{0,39}$'),
  status text not null default 'queued'
    check (status in ('queued', 'sending', 'sent', 'failed', 'unknown', 'suppressed')),
  quiet_hours boolean not null default true,
  not_before timestamptz,
  attempts smallint not null default 0,
  next_attempt_at timestamptz not null default now(),
  request_id bigint,
  lease_until timestamptz,
  retry_unknown boolean not null default false,
  last_error text,
  gateway_message_id text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
comment on table private.sms_outbox is
  'Texts to send, sending and sent (queued → sending → sent | failed | unknown; suppressed for opted-out '
  'numbers). '
  'Written only by private.queue_sms and the dispatcher.';
comment on column private.sms_outbox.id is 'Outbox id; the gateway reference is cc-sms-<id>.';
comment on column private.sms_outbox.dedupe_key is
  'The caller''s key for this text (e.g. status:<complaint>:<version>:<person>): queuing it again is a no-op.';
comment on column private.sms_outbox.to_phone is 'Recipient, +8801XXXXXXXXX.';
comment on column private.sms_outbox.body is 'The text (Bengali templates fit one 70-character UCS-2 part).';
comment on column private.sms_outbox.purpose is 'What it is for (complaint.status, ward.digest, …), for reports.';
comment on column private.sms_outbox.status is
  'queued, sending, sent, failed, suppressed, or unknown: the gateway may have sent it (a timeout, a lost '
  'answer) and would not drop a repeat, so it is not sent again; check the gateway''s report (last_error).';
comment on column private.sms_outbox.quiet_hours is 'Whether 22:00-07:00 Asia/Dhaka holds it (false for urgent texts).';
comment on column private.sms_outbox.not_before is 'Held until this time (quiet hours); null when sent at once.';
comment on column private.sms_outbox.attempts is 'Hand-overs to the sms function so far (at most 6).';
comment on column private.sms_outbox.next_attempt_at is 'When a queued text is next due.';
comment on column private.sms_outbox.request_id is 'The pg_net request carrying it while sending.';
comment on column private.sms_outbox.lease_until is
  'While sending: after this without an answer it is settled as if the answer were lost.';
comment on column private.sms_outbox.retry_unknown is
  'Stamped at each hand-over: whether the gateway drops a repeated reference, so a lost answer may be retried.';
comment on column private.sms_outbox.last_error is 'Why the last attempt did not send it (or why it was suppressed).';
comment on column private.sms_outbox.gateway_message_id is 'The gateway''s id for the sent message.';
comment on column private.sms_outbox.created_at is 'When it was queued.';
comment on column private.sms_outbox.sent_at is 'When the gateway accepted it.';

create index sms_outbox_due_idx on private.sms_outbox (next_attempt_at, id) where status = 'queued';
create index sms_outbox_sending_idx on private.sms_outbox (request_id) where status = 'sending';
revoke all on private.sms_outbox from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Queuing
-- ---------------------------------------------------------------------------------------------------
create function private.after_quiet_hours(at timestamptz)
returns timestamptz
language sql
stable
set search_path = ''
as $$
  -- 22:00-07:00 in Dhaka (UTC+6, no daylight saving) moves to the next 07:00 there.
  select case
    when (at at time zone 'Asia/Dhaka')::time >= time '22:00'
      then (((at at time zone 'Asia/Dhaka')::date + 1) + time '07:00') at time zone 'Asia/Dhaka'
    when (at at time zone 'Asia/Dhaka')::time < time '07:00'
      then ((at at time zone 'Asia/Dhaka')::date + time '07:00') at time zone 'Asia/Dhaka'
    else at
  end;
$$;
comment on function private.after_quiet_hours(timestamptz) is
  'The time itself, or the next 07:00 Asia/Dhaka when it falls in the quiet hours 22:00-07:00.';

create function private.normalise_bd_mobile(phone text)
returns text
language sql
immutable
set search_path = ''
as $$
  -- The same forms supabase/functions/_shared/bd-phone.ts accepts; null when it is none of them.
  select '+880' || (regexp_match(regexp_replace(phone, '[\s().-]', '', 'g'),
                                 '^(?:(?:\+|00)?880|0)?(1[3-9][0-9]{8})$'))[1];
$$;
comment on function private.normalise_bd_mobile(text) is
  'The +8801XXXXXXXXX form of a Bangladeshi mobile number (Auth''s 8801…, 01…, +880…), or null.';

create function private.queue_sms(
  to_phone text,
  body text,
  purpose text,
  dedupe_key text,
  quiet_hours boolean default true
)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  recipient text := private.normalise_bd_mobile(to_phone);
  opted_out boolean;
  queued_id bigint;
  held_until timestamptz;
begin
  if recipient is null then
    raise exception 'not a Bangladeshi mobile number: %', to_phone using errcode = 'invalid_parameter_value';
  end if;
  if body is null or btrim(body) = '' then
    raise exception 'an SMS needs a text' using errcode = 'invalid_parameter_value';
  end if;
  opted_out := exists (select 1 from private.sms_opt_outs as o where o.phone = recipient);
  held_until := case when quiet_hours then private.after_quiet_hours(now()) end;
  insert into private.sms_outbox as o
    (dedupe_key, to_phone, body, purpose, quiet_hours, not_before, next_attempt_at, status, last_error)
  values (
    queue_sms.dedupe_key, recipient, queue_sms.body, queue_sms.purpose, queue_sms.quiet_hours,
    nullif(held_until, now()), coalesce(held_until, now()),
    case when opted_out then 'suppressed' else 'queued' end,
    case when opted_out then 'the number opted out of SMS' end
  )
  on conflict on constraint sms_outbox_dedupe_key_key do nothing
  returning o.id into queued_id;
  if queued_id is null then
    select o.id into queued_id from private.sms_outbox as o where o.dedupe_key = queue_sms.dedupe_key;
  end if;
  return queued_id;
end;
$$;
comment on function private.queue_sms(text, text, text, text, boolean) is
  'The one way to send a person a text: queues it (once per dedupe_key; the same key again returns the same '
  'id and sends nothing) and returns the outbox id. Held through quiet hours unless quiet_hours is false; '
  'recorded as suppressed for opted-out numbers. Raises invalid_parameter_value for a bad number or empty text.';
revoke all on function private.queue_sms(text, text, text, text, boolean) from public;

-- ---------------------------------------------------------------------------------------------------
-- Delivery
-- ---------------------------------------------------------------------------------------------------
create table private.sms_gateway (
  singleton boolean primary key default true check (singleton),
  name text not null check (char_length(name) between 1 and 40),
  drops_repeats boolean not null,
  reported_at timestamptz not null default now()
);
comment on table private.sms_gateway is
  'What the sms function last said of its gateway (one row, learned from its answers by private.settle_sms).';
comment on column private.sms_gateway.singleton is 'Always true: there is one row.';
comment on column private.sms_gateway.name is 'The gateway (SMS_GATEWAY): inbox, ssl_wireless, bulksmsbd, sms_net_bd.';
comment on column private.sms_gateway.drops_repeats is
  'Whether it drops a message whose reference it has taken, so an unknown outcome may be sent again.';
comment on column private.sms_gateway.reported_at is 'When an answer last said so.';
revoke all on private.sms_gateway from public, anon, authenticated, service_role;

create function private.sms_retry_delay(attempts integer)
returns interval
language sql
immutable
set search_path = ''
as $$
  select least(interval '30 seconds' * power(2, greatest(attempts - 1, 0)), interval '1 hour');
$$;
comment on function private.sms_retry_delay(integer) is
  'Back-off before the next attempt after `attempts` attempts: 30 s, 1, 2, 4, 8 min …, at most an hour.';

create function private.try_jsonb(value text)
returns jsonb
language plpgsql
immutable
set search_path = ''
as $$
begin
  return value::jsonb;
exception when others then
  return null;
end;
$$;
comment on function private.try_jsonb(text) is 'The text as jsonb, or null when it is not JSON.';

create function private.sms_unknown_outcome(reason text)
returns text
language sql
immutable
set search_path = ''
as $$
  select 'outcome unknown, not sent again (the gateway does not drop a repeated message, so a retry could '
         'deliver it twice; check the gateway''s delivery report before resending): ' || reason;
$$;
comment on function private.sms_unknown_outcome(text) is
  'What an operator reads (last_error) for a text settled as unknown, with the underlying reason.';

-- Settles sending rows: from the function's answers, and those whose lease ran out without one.
create function private.settle_sms()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  max_attempts constant integer := 6;
  settled integer;
  expired integer;
begin
  -- Learn, from the newest answer, whether the gateway drops repeats (for the next hand-overs).
  insert into private.sms_gateway as g (name, drops_repeats, reported_at)
  select left(a.gateway ->> 'name', 40), (a.gateway ->> 'drops_repeats')::boolean, now()
    from (select private.try_jsonb(r.content) -> 'gateway' as gateway
            from private.sms_outbox as o
            join net._http_response as r on r.id = o.request_id
           where o.status = 'sending' and r.status_code = 200
           order by r.id desc limit 1) as a
   where jsonb_typeof(a.gateway -> 'drops_repeats') = 'boolean' and a.gateway ->> 'name' <> ''
  on conflict (singleton) do update set name = excluded.name, drops_repeats = excluded.drops_repeats,
                                        reported_at = excluded.reported_at;

  with answers as (
    select o.id, o.retry_unknown, r.status_code, r.error_msg,
           case when r.status_code = 200 then private.try_jsonb(r.content) -> 'results' end as results
      from private.sms_outbox as o
      join net._http_response as r on r.id = o.request_id
     where o.status = 'sending'
  ), outcomes as (
    select a.id,
           res.value as result,
           case
             when res.value ->> 'status' in ('sent', 'failed', 'retry', 'unknown') then res.value ->> 'status'
             -- Not handed over: the function refused the call, or could not be reached.
             when a.status_code between 400 and 499
               or a.error_msg ~ '^Couldn''t (connect to server|resolve host)' then 'retry'
             -- No answer for it (a timeout, a crash): the function may have sent it.
             when a.retry_unknown then 'retry'
             else 'unknown'
           end as outcome,
           coalesce(res.value ->> 'error', a.error_msg,
                    case when a.results is null then 'the sms function answered HTTP ' || a.status_code
                         else 'the sms function did not answer for this message' end) as reason
      from answers as a
      left join lateral (
        select value from jsonb_array_elements(case jsonb_typeof(a.results) when 'array' then a.results end)
         where value ->> 'id' = a.id::text limit 1
      ) as res on true
  )
  update private.sms_outbox as o
     set status = case
           when x.outcome in ('sent', 'failed', 'unknown') then x.outcome
           when o.attempts >= max_attempts then 'failed'
           else 'queued' end,
         sent_at = case when x.outcome = 'sent' then now() end,
         gateway_message_id = x.result ->> 'message_id',
         last_error = case
           when x.outcome = 'sent' then null
           when x.outcome = 'unknown' then left(private.sms_unknown_outcome(x.reason), 500)
           else left(x.reason, 500) end,
         next_attempt_at = case
           when x.outcome = 'retry' then
             (case when o.quiet_hours then private.after_quiet_hours(
                now() + greatest(private.sms_retry_delay(o.attempts),
                                  make_interval(secs => coalesce((x.result ->> 'retry_after')::numeric, 0))))
              else now() + greatest(private.sms_retry_delay(o.attempts),
                                    make_interval(secs => coalesce((x.result ->> 'retry_after')::numeric, 0))) end)
           else o.next_attempt_at end,
         request_id = null,
         lease_until = null
    from outcomes as x
   where o.id = x.id;
  get diagnostics settled = row_count;

  update private.sms_outbox as o
     set status = case when not o.retry_unknown then 'unknown'
                       when o.attempts >= max_attempts then 'failed'
                       else 'queued' end,
         last_error = case when o.retry_unknown then 'no answer from the sms function'
                           else private.sms_unknown_outcome('no answer from the sms function') end,
         next_attempt_at = case when o.retry_unknown then now() + private.sms_retry_delay(o.attempts)
                                else o.next_attempt_at end,
         request_id = null,
         lease_until = null
   where o.status = 'sending' and o.lease_until < now()
     and not exists (select 1 from net._http_response as r where r.id = o.request_id);
  get diagnostics expired = row_count;
  return settled + expired;
end;
$$;
comment on function private.settle_sms() is
  'Applies the sms function''s answers (net._http_response) to sending outbox rows: sent, failed, back to the '
  'queue with back-off, or unknown (the gateway may have sent it and would not drop a repeat); rows whose '
  'lease ran out without an answer go back too, or settle as unknown. Learns private.sms_gateway from the '
  'answers. Returns rows settled.';
revoke all on function private.settle_sms() from public;

create function private.dispatch_sms(max_messages integer default 1000, batch_size integer default 50)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  function_url text := private.setting('sms_function_url');
  function_key text := private.setting('sms_function_key');
  -- The function sends a batch within 20 s and answers for every message; pg_net waits a little longer.
  timeout_ms constant integer := 30000;
  claimed integer := 0;
  -- Until the function has said otherwise, assume a gateway that does not drop repeats.
  drops_repeats constant boolean := coalesce((select g.drops_repeats from private.sms_gateway as g), false);
  batch_ids bigint[];
  batch jsonb;
  request bigint;
begin
  perform private.settle_sms();
  if function_url is null or function_key is null then
    raise warning 'SMS not sent: set sms_function_url and sms_function_key (see private.settings)';
    return 0;
  end if;
  while claimed < max_messages loop
    select array_agg(o.id order by o.id),
           jsonb_agg(jsonb_build_object('id', o.id, 'to', o.to_phone, 'body', o.body,
                                        'reference', 'cc-sms-' || o.id) order by o.id)
      into batch_ids, batch
      from (select q.id, q.to_phone, q.body from private.sms_outbox as q
             where q.status = 'queued' and q.next_attempt_at <= now()
             order by q.next_attempt_at, q.id
             limit least(batch_size, max_messages - claimed)
             for update skip locked) as o;
    exit when batch_ids is null;
    request := net.http_post(
      url := function_url || '/outbox',
      body := jsonb_build_object('messages', batch, 'retry_unknown', drops_repeats),
      headers := jsonb_build_object('Content-Type', 'application/json',
                                    'Authorization', 'Bearer ' || function_key),
      timeout_milliseconds := timeout_ms
    );
    update private.sms_outbox
       set status = 'sending', attempts = attempts + 1, request_id = request,
           retry_unknown = drops_repeats,
           lease_until = now() + make_interval(secs => timeout_ms / 1000 + 90)
     where id = any (batch_ids);
    claimed := claimed + cardinality(batch_ids);
  end loop;
  return claimed;
end;
$$;
comment on function private.dispatch_sms(integer, integer) is
  'Settles answers, then hands up to max_messages due texts to the sms function in batches (net.http_post, '
  'sent when this transaction commits). Run by pg_cron every minute and after texts are queued.';
revoke all on function private.dispatch_sms(integer, integer) from public;

-- Texts leave as soon as the transaction that queued them commits, not at the next minute.
create function private.sms_outbox_dispatch_now()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- Queuing must never fail because delivery cannot start: pg_cron tries again within a minute.
  begin
    perform private.dispatch_sms(200);
  exception when others then
    raise warning 'SMS dispatch postponed: %', sqlerrm;
  end;
  return null;
end;
$$;
comment on function private.sms_outbox_dispatch_now() is
  'AFTER INSERT (statement) on private.sms_outbox: starts delivery at once; failures are left to pg_cron.';
revoke all on function private.sms_outbox_dispatch_now() from public;

create trigger sms_outbox_dispatch_now
  after insert on private.sms_outbox
  for each statement execute function private.sms_outbox_dispatch_now();

select cron.schedule('dispatch-sms', '* * * * *', 'select private.dispatch_sms()');
