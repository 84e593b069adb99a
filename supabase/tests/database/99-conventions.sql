-- Project-wide conventions for every table in the exposed schema public, so a table added later is held
-- to them too: row-level security is on (policies decide every row), and the table and each of its
-- columns carry a comment (analysts read them in Supabase Studio). Likewise every function in public and
-- private carries a comment, and every SECURITY DEFINER one pins an empty search_path. Rolled back like
-- every test file.
begin;
set local search_path = public, extensions;

select plan(5);

select is(
  (select array_agg(relname::text order by relname) from pg_class
    where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') and not relrowsecurity),
  null,
  'row level security is on for every table in public'
);
select is(
  (select array_agg(relname::text order by relname) from pg_class
    where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')
      and obj_description(oid, 'pg_class') is null),
  null,
  'every table in public has a comment'
);
select is(
  (select array_agg(c.relname || '.' || a.attname order by c.relname, a.attnum)
     from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
      and a.attnum > 0 and not a.attisdropped and col_description(a.attrelid, a.attnum) is null),
  null,
  'every column of every table in public has a comment'
);

select is(
  (select array_agg(p.oid::regprocedure::text order by p.oid::regprocedure::text) from pg_proc as p
    where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
      and obj_description(p.oid, 'pg_proc') is null),
  null,
  'every function in public and private has a comment'
);
select is(
  (select array_agg(p.oid::regprocedure::text order by p.oid::regprocedure::text) from pg_proc as p
    where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace) and p.prosecdef
      and not coalesce(p.proconfig @> array['search_path=""'], false)),
  null,
  'every SECURITY DEFINER function in public and private runs with an empty search_path'
);

select * from finish();
rollback;
