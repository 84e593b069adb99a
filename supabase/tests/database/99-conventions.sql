-- Project-wide conventions for every table in the exposed schema public, so a table added later is held
-- to them too: row-level security is on (policies decide every row), and the table and each of its
-- columns carry a comment (analysts read them in Supabase Studio). Rolled back like every test file.
begin;
set local search_path = public, extensions;

select plan(3);

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

select * from finish();
rollback;
