-- Text people type is printable: no C0 control characters but tab, line feed and carriage return, in every
-- column that holds what a citizen or staff member wrote. Such characters come only from broken or hostile
-- clients (a form cannot produce them), break the SMS, page and CSV exports that show the text, and can
-- hide text from people who review it. NUL never reaches these checks: Postgres text cannot hold it, and
-- PostgREST refuses a JSON body with \u0000 in a text value (HTTP 400, 22P05) before any SQL runs.
-- The app refuses all of these in its own validation first; this is the database's own guarantee.
-- On a database that already holds such text the migration stops with the name of the constraint; find the
-- rows with `where not private.is_printable(<column>)` and correct them first (nothing is rewritten here
-- behind their authors' backs).

create or replace function private.is_printable(value text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select value !~ '[\x01-\x08\x0B\x0C\x0E-\x1F]';
$$;

comment on function private.is_printable(text) is
  'Whether a text holds no C0 control character other than tab, line feed and carriage return (NUL cannot '
  'be in a text at all). Null for null, so CHECK constraints built on it leave nullable columns nullable. '
  'For the <table>_<column>_printable constraints.';

-- CHECK constraints run with the privileges of whoever writes the row.
revoke all on function private.is_printable(text) from public;
grant execute on function private.is_printable(text) to anon, authenticated, service_role;

alter table public.complaints
  add constraint complaints_title_printable check (private.is_printable(title)),
  add constraint complaints_description_printable check (private.is_printable(description)),
  add constraint complaints_location_printable check (private.is_printable(location)),
  add constraint complaints_rejection_reason_printable check (private.is_printable(rejection_reason));

alter table public.complaint_updates
  add constraint complaint_updates_comment_printable check (private.is_printable(comment));

alter table public.profiles
  add constraint profiles_full_name_printable check (private.is_printable(full_name)),
  add constraint profiles_address_printable check (private.is_printable(address));
