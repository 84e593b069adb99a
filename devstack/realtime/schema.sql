-- Realtime's objects in the database, with the shape and behaviour of Supabase Realtime's own migrations:
-- realtime.messages (RLS authorises private channels; apps add the policies in migrations),
-- realtime.topic(), realtime.send() and realtime.broadcast_changes().
-- Run by the local stack as supabase_admin on every start, so every statement is idempotent.

create table if not exists realtime.messages (
  id uuid not null default gen_random_uuid() primary key,
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp without time zone not null default now(),
  inserted_at timestamp without time zone not null default now()
);
create index if not exists messages_inserted_at_idx on realtime.messages (inserted_at);

comment on table realtime.messages is
  'Broadcast messages sent from the database, and the rows whose RLS policies authorise private Realtime channels.';
comment on column realtime.messages.id is 'Message id; sent to subscribers as meta.id (and payload.id by realtime.send).';
comment on column realtime.messages.topic is 'Channel name without the realtime: prefix, e.g. user:<uid>.';
comment on column realtime.messages.extension is 'Realtime feature the row is about: broadcast or presence.';
comment on column realtime.messages.payload is 'JSON payload delivered to subscribers.';
comment on column realtime.messages.event is 'Broadcast event name subscribers listen for.';
comment on column realtime.messages.private is 'True when only private-channel subscribers with read access receive it.';
comment on column realtime.messages.updated_at is 'When the row last changed.';
comment on column realtime.messages.inserted_at is 'When the message was sent; the local stack prunes messages after 3 days.';

alter table realtime.messages owner to supabase_realtime_admin;
alter table realtime.messages enable row level security;
grant select, insert, update on realtime.messages to anon, authenticated, service_role;
-- As in Supabase, postgres administers Realtime's objects, so migrations (run as postgres) can add policies.
grant supabase_realtime_admin to postgres;

-- The channel name being authorised (set by Realtime and by realtime.send), for use in RLS policies.
create or replace function realtime.topic() returns text
language sql stable
as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;
comment on function realtime.topic() is
  'Name of the Realtime channel being authorised or written to (without the realtime: prefix).';
alter function realtime.topic() owner to supabase_realtime_admin;

-- Local stack only: Supabase streams new rows through logical replication; here the service LISTENs.
-- The id travels, not the row, because NOTIFY payloads are limited to 8000 bytes.
create or replace function realtime.notify_message_inserted() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform pg_notify('realtime_messages_inserted', new.id::text);
  return null;
end
$$;
comment on function realtime.notify_message_inserted() is
  'Local stack: tells the Realtime service (LISTEN realtime_messages_inserted) that a message row was committed.';
alter function realtime.notify_message_inserted() owner to supabase_realtime_admin;

create or replace trigger messages_notify_realtime
after insert on realtime.messages
for each row
when (new.event is not null and new.payload is not null)
execute function realtime.notify_message_inserted();

-- Broadcasts `payload` as `event` to subscribers of channel `topic`: private ones with read access when
-- `private`, public ones otherwise. Runs as the caller, so RLS insert policies apply to callers without
-- BYPASSRLS; failures become a warning, never an error in the caller's transaction.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql
set search_path = ''
as $$
declare
  message_id uuid := gen_random_uuid();
begin
  begin
    perform set_config('realtime.topic', send.topic, true);
    insert into realtime.messages (id, topic, extension, event, payload, private)
    values (
      message_id,
      send.topic,
      'broadcast',
      send.event,
      case
        when jsonb_typeof(send.payload) = 'object' and not send.payload ? 'id'
          then send.payload || jsonb_build_object('id', message_id)
        else send.payload
      end,
      send.private
    );
  exception when others then
    raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
  end;
end
$$;
comment on function realtime.send(jsonb, text, text, boolean) is
  'Broadcasts a message to a Realtime channel (private by default) from SQL or a trigger.';
alter function realtime.send(jsonb, text, text, boolean) owner to supabase_realtime_admin;

-- For AFTER ... FOR EACH ROW triggers: broadcasts {record, old_record, operation, table, schema}.
create or replace function realtime.broadcast_changes(
  topic_name text,
  event_name text,
  operation text,
  table_name text,
  table_schema text,
  new record,
  old record,
  level text default 'ROW'
) returns void
language plpgsql
set search_path = ''
as $$
begin
  if level = 'STATEMENT' then
    raise exception 'realtime.broadcast_changes works in FOR EACH ROW triggers, not FOR EACH STATEMENT';
  end if;
  if operation not in ('INSERT', 'UPDATE', 'DELETE') then
    raise exception 'realtime.broadcast_changes: unexpected operation %', operation;
  end if;
  perform realtime.send(
    jsonb_build_object(
      'record', new,
      'old_record', old,
      'operation', operation,
      'table', table_name,
      'schema', table_schema
    ),
    event_name,
    topic_name
  );
end
$$;
comment on function realtime.broadcast_changes(text, text, text, text, text, record, record, text) is
  'Broadcasts a row change to a private Realtime channel; call it from AFTER ... FOR EACH ROW triggers.';
alter function realtime.broadcast_changes(text, text, text, text, text, record, record, text)
  owner to supabase_realtime_admin;

-- As in Supabase: the database's administrators send; API roles reach it only through SECURITY DEFINER
-- triggers and functions that the project writes.
revoke all on function realtime.send(jsonb, text, text, boolean) from public;
revoke all on function realtime.broadcast_changes(text, text, text, text, text, record, record, text) from public;
grant execute on function realtime.send(jsonb, text, text, boolean) to postgres, dashboard_user;
grant execute on function realtime.broadcast_changes(text, text, text, text, text, record, record, text)
  to postgres, dashboard_user;
