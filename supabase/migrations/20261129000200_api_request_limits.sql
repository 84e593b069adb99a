-- How much of the database one API caller can hold: a statement limit per API role, and a limit on how
-- many requests one signed-in person has running at once.
--
-- Why: any text column a caller may read can be filtered with a regular expression (PostgREST's match and
-- imatch, also inside or=() and on embedded and rpc results). Back-references make Postgres backtrack:
-- `description=match.(.*)(.*)(.*)(.*)\4\3\2\1b$` on a citizen's own 1,000-character description runs
-- until the statement timeout. With Supabase's defaults (authenticated 8 s) ten such requests held all
-- of PostgREST's pooled connections and an anonymous page waited 7.7 s (bench/slow_query_isolation.ts).
-- PostgREST 12 cannot switch operators off, and its db-pre-request function does not see the query string,
-- so the filter cannot be refused by its name; what one caller can hold is limited instead.
--
-- 1. statement_timeout per API role, down from 3 s (anon) and 8 s (authenticated). The app's statements
--    take well under 25 ms (every statement PostgREST ran during the app's tests and page benchmark,
--    32,734 of them: p99.9 2.9 ms, max 22 ms; bench/complaints_scale.ts at a million complaints: at most
--    55 ms before the nearby-index fix, 2 ms after), so 1 s and 2 s leave 40× headroom for a cold cache.
--    PostgREST applies these role settings in every transaction it runs as the role (and answers 57014 as
--    HTTP 500). Storage and Realtime switch to the caller's role inside their own connections, which does
--    not apply role settings; their queries are their own code's, never a caller's filter.
-- 2. private.limit_concurrent_requests() as PostgREST's db-pre-request: a signed-in caller may have at
--    most 3 requests in the database at once; the next ones are refused at once with HTTP 429, so one
--    person can hold 3 pooled connections, never the whole pool. anon has no person to count (the app's
--    own visitor requests all come as anon from one server), so anon is bounded by its 1 s alone.
-- PostgREST's own pool settings stay at the platform's defaults (db-pool 10 here; hosted Supabase sizes it
-- per compute, config.toml cannot set it; db-pool-acquisition-timeout 10 s): with the cap, one person no
-- longer exhausts the pool, and a shorter acquisition timeout would only turn waits into 504s.
-- Measured (bench/README.md): an anonymous request during ten such reads waited 7.7 s before, 1.7 s with
-- the timeouts alone, 3.4 ms with both.

alter role anon set statement_timeout = '1s';
alter role authenticated set statement_timeout = '2s';

create or replace function private.limit_concurrent_requests()
returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  -- Requests one signed-in person may have in the database at once.
  slots constant integer := 3;
  caller uuid := auth.uid();
begin
  if caller is null then
    return; -- anon (bounded by its statement timeout) and the service role (the servers' own key)
  end if;
  -- A transaction-scoped advisory lock per slot: held while the request's transaction runs, released
  -- when it ends (whether it succeeds, fails or is cancelled).
  for slot in 1 .. slots loop
    if pg_catalog.pg_try_advisory_xact_lock(pg_catalog.hashtextextended('api request ' || caller::text, slot))
    then
      return;
    end if;
  end loop;
  -- PostgREST turns SQLSTATE PGRST into the response given as JSON: status, headers and body.
  raise sqlstate 'PGRST' using
    message = pg_catalog.json_build_object(
      'code', 'CC429',
      'message', 'Too many requests at once for this user',
      'details', pg_catalog.format('At most %s requests per user may run at the same time.', slots),
      'hint', 'Wait for your earlier requests to finish, then try again.')::text,
    detail = pg_catalog.json_build_object('status', 429, 'headers', pg_catalog.json_build_object('Retry-After', '1'))::text;
end;
$$;

comment on function private.limit_concurrent_requests() is
  'PostgREST db-pre-request (set on the authenticator role): lets a signed-in caller have at most 3 requests '
  'running at once (transaction-scoped advisory locks keyed by their user id) and answers any further one '
  'with HTTP 429 and code CC429 before it runs, so one person cannot hold every pooled connection. anon and '
  'the service role pass.';

revoke all on function private.limit_concurrent_requests() from public;
grant execute on function private.limit_concurrent_requests() to anon, authenticated, service_role;

alter role authenticator set pgrst.db_pre_request = 'private.limit_concurrent_requests';

-- PostgREST reads role settings and its in-database configuration when told to.
notify pgrst, 'reload config';
