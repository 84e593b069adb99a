-- pg_net's contract, for a local stack whose Postgres has no pg_net (Debian does not package it): schema
-- `net`, the request functions `net.http_get`, `net.http_post`, `net.http_delete`, the queue
-- `net.http_request_queue`, the responses `net._http_response`, `net._http_collect_response` and the
-- types it returns. Supabase's pg_net does the requests in a Postgres background worker with libcurl;
-- here the local stack's net worker (devstack/net/mod.ts) does them, woken by NOTIFY once the transaction
-- that queued a request commits (as with pg_net, nothing is sent for a transaction that rolls back).
-- Migrations therefore call the same functions locally and on a hosted project.
--
-- When the real extension is available to this server, nothing here runs: migrations create it.
-- Run by the local stack as supabase_admin on every start, so every statement is idempotent.

do $bootstrap$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_net')
     or exists (select 1 from pg_extension where extname = 'pg_net') then
    return;
  end if;

  create schema if not exists net;
  comment on schema net is
    'Local stand-in for the pg_net extension (asynchronous HTTP from SQL); devstack/net does the requests.';

  if to_regtype('net.request_status') is null then
    create type net.request_status as enum ('PENDING', 'SUCCESS', 'ERROR');
  end if;
  if to_regtype('net.http_response') is null then
    create type net.http_response as (status_code integer, headers jsonb, body text);
  end if;
  if to_regtype('net.http_response_result') is null then
    create type net.http_response_result as (status net.request_status, message text, response net.http_response);
  end if;

  -- Unlogged, as in pg_net: a crash loses queued requests and responses, never the data that asked for them.
  create unlogged table if not exists net.http_request_queue (
    id bigserial primary key,
    method text not null check (method in ('GET', 'POST', 'DELETE')),
    url text not null,
    headers jsonb not null,
    body bytea,
    timeout_milliseconds integer not null
  );
  comment on table net.http_request_queue is
    'Requests waiting for the net worker, which deletes each one as it starts it.';

  create unlogged table if not exists net._http_response (
    id bigint,
    status_code integer,
    content_type text,
    headers jsonb,
    content text,
    timed_out boolean,
    error_msg text,
    created timestamptz not null default now()
  );
  create index if not exists _http_response_created_idx on net._http_response (created);
  create index if not exists _http_response_id_idx on net._http_response (id);
  comment on table net._http_response is
    'One row per finished request (id = the request id): the answer, or error_msg when there was none. Kept '
    'for 6 hours (pg_net.ttl).';
end
$bootstrap$;

-- The functions are created (or replaced) only for the stand-in: never over a real extension's.
do $functions$
begin
  if to_regclass('net.http_request_queue') is null
     or exists (select 1 from pg_extension where extname = 'pg_net') then
    return;
  end if;

  -- Percent-encodes every byte but RFC 3986's unreserved characters.
  create or replace function net._urlencode(value text)
  returns text
  language sql
  immutable
  set search_path = ''
  as $$
    select coalesce(string_agg(
      case when b between 48 and 57 or b between 65 and 90 or b between 97 and 122 or b in (45, 46, 95, 126)
        then pg_catalog.chr(b) else '%' || pg_catalog.upper(pg_catalog.lpad(pg_catalog.to_hex(b), 2, '0')) end,
      '' order by i), '')
    from pg_catalog.generate_series(0, pg_catalog.length(pg_catalog.convert_to(value, 'UTF8')) - 1) as i,
         lateral pg_catalog.get_byte(pg_catalog.convert_to(value, 'UTF8'), i) as b
  $$;

  -- Appends url-encoded `params` to the url's query string, as pg_net does.
  create or replace function net._encode_url_with_params(url text, params jsonb)
  returns text
  language sql
  immutable
  set search_path = ''
  as $$
    select case when params is null or params = '{}'::jsonb then url
      else url || case when url like '%?%' then '&' else '?' end || (
        select string_agg(net._urlencode(key) || '=' || net._urlencode(value), '&' order by key)
          from pg_catalog.jsonb_each_text(params)
      ) end
  $$;

  create or replace function net._enqueue(method text, url text, headers jsonb, body bytea, timeout_milliseconds integer)
  returns bigint
  language plpgsql
  set search_path = ''
  as $$
  declare
    request_id bigint;
  begin
    insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
    values (method, url, coalesce(headers, '{}'::jsonb), body, timeout_milliseconds)
    returning id into request_id;
    -- Delivered at commit, so the worker never starts a request its transaction rolled back.
    perform pg_catalog.pg_notify('net_request_queued', '');
    return request_id;
  end
  $$;

  create or replace function net.http_get(
    url text,
    params jsonb default '{}'::jsonb,
    headers jsonb default '{}'::jsonb,
    timeout_milliseconds integer default 5000
  )
  returns bigint
  language sql
  strict
  volatile
  set search_path = ''
  as $$
    select net._enqueue('GET', net._encode_url_with_params(url, params), headers, null, timeout_milliseconds)
  $$;

  create or replace function net.http_delete(
    url text,
    params jsonb default '{}'::jsonb,
    headers jsonb default '{}'::jsonb,
    timeout_milliseconds integer default 5000
  )
  returns bigint
  language sql
  strict
  volatile
  set search_path = ''
  as $$
    select net._enqueue('DELETE', net._encode_url_with_params(url, params), headers, null, timeout_milliseconds)
  $$;

  -- JSON bodies only; a Content-Type header is added when missing and must be application/json.
  create or replace function net.http_post(
    url text,
    body jsonb default '{}'::jsonb,
    params jsonb default '{}'::jsonb,
    headers jsonb default '{"Content-Type": "application/json"}'::jsonb,
    timeout_milliseconds integer default 5000
  )
  returns bigint
  language plpgsql
  volatile
  set search_path = ''
  as $$
  declare
    content_type text;
  begin
    select value into content_type from pg_catalog.jsonb_each_text(coalesce(headers, '{}'::jsonb))
     where pg_catalog.lower(key) = 'content-type' limit 1;
    if content_type is null then
      headers := coalesce(headers, '{}'::jsonb) || '{"Content-Type": "application/json"}'::jsonb;
    elsif content_type <> 'application/json' then
      raise exception 'Content-Type header must be "application/json"';
    end if;
    if body is null then
      raise exception 'body must not be null';
    end if;
    return net._enqueue('POST', net._encode_url_with_params(url, params), headers,
                        pg_catalog.convert_to(body::text, 'UTF8'), timeout_milliseconds);
  end
  $$;

  -- The response of a request: ERROR when unknown or still under way (pg_net cannot tell them apart),
  -- SUCCESS with the answer, ERROR with the message when the request failed. async := false waits for it.
  create or replace function net._http_collect_response(request_id bigint, async boolean default true)
  returns net.http_response_result
  language plpgsql
  strict
  volatile
  set search_path = ''
  as $$
  declare
    found net._http_response;
  begin
    loop
      select * into found from net._http_response as r where r.id = request_id order by r.created desc limit 1;
      exit when found.id is not null or async;
      perform pg_catalog.pg_sleep(0.05);
    end loop;
    if found.id is null then
      return row('ERROR', 'request matching request_id not found', null)::net.http_response_result;
    end if;
    if found.error_msg is not null then
      return row('ERROR', found.error_msg, null)::net.http_response_result;
    end if;
    return row('SUCCESS', 'ok', row(found.status_code, found.headers, found.content)::net.http_response)
      ::net.http_response_result;
  end
  $$;

  create or replace function net.http_collect_response(request_id bigint, async boolean default true)
  returns net.http_response_result
  language sql
  strict
  volatile
  set search_path = ''
  as $$ select net._http_collect_response(request_id, async) $$;

  comment on function net.http_get(text, jsonb, jsonb, integer) is
    'Queues a GET request and returns its id; it starts once the transaction commits.';
  comment on function net.http_post(text, jsonb, jsonb, jsonb, integer) is
    'Queues a POST request with a JSON body and returns its id; it starts once the transaction commits.';
  comment on function net.http_delete(text, jsonb, jsonb, integer) is
    'Queues a DELETE request and returns its id; it starts once the transaction commits.';
  comment on function net._http_collect_response(bigint, boolean) is
    'The response of a request (see net._http_response); async := false waits until there is one.';
  comment on function net.http_collect_response(bigint, boolean) is
    'Older name of net._http_collect_response.';

  -- As on Supabase: postgres (migrations, dashboard) and the service role may make requests; the API
  -- roles of signed-in and anonymous visitors may not.
  revoke all on all functions in schema net from public;
  revoke all on all tables in schema net from public;
  grant usage on schema net to postgres, service_role;
  grant execute on all functions in schema net to postgres, service_role;
  grant select, insert, update, delete on all tables in schema net to postgres, service_role;
  grant usage on all sequences in schema net to postgres, service_role;
end
$functions$;
