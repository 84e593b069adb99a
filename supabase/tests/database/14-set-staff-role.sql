-- public.set_staff_role: a super admin's change to someone's role and postings, all of it or none, never
-- on themselves, never over a change made meanwhile; refused for everyone else. Rolled back.
begin;
set local search_path = public, extensions;

select plan(11);

select tests.create_person('5e70000a-0000-4000-8000-0000000000c1', '8801300001301');
select tests.create_person('5e70000a-0000-4000-8000-0000000000b1', '8801300001302', 'ward_admin', '{5}');
select tests.create_person('5e70000a-0000-4000-8000-0000000000ad', '8801300001303', 'super_admin');

create function pg_temp.record(person uuid) returns table (role text, wards integer[]) language sql as $$
  select coalesce((select role from public.staff_roles where user_id = person), 'citizen'),
         coalesce((select array_agg(ward_id order by ward_id) from public.ward_postings where user_id = person), '{}');
$$;

select tests.act_as_api_role('anon');
select throws_ok(
  $$select public.set_staff_role('5e70000a-0000-4000-8000-0000000000c1', 'citizen', 'super_admin')$$,
  '42501', null, 'anon cannot call it'
);
select tests.sign_in_as('5e70000a-0000-4000-8000-0000000000c1');
select throws_ok(
  $$select public.set_staff_role('5e70000a-0000-4000-8000-0000000000c1', 'citizen', 'super_admin')$$,
  'PGRST', null, 'a citizen cannot make themselves super admin'
);
select tests.sign_in_as('5e70000a-0000-4000-8000-0000000000b1');
select throws_ok(
  $$select public.set_staff_role('5e70000a-0000-4000-8000-0000000000c1', 'citizen', 'service_provider', '{5}')$$,
  'PGRST', null, 'a ward admin cannot give anyone a role'
);

select tests.sign_in_as('5e70000a-0000-4000-8000-0000000000ad');
select throws_ok(
  $$select public.set_staff_role('5e70000a-0000-4000-8000-0000000000ad', 'super_admin', 'citizen')$$,
  'PGRST', null, 'a super admin cannot change their own role'
);
select lives_ok(
  $$select public.set_staff_role('5e70000a-0000-4000-8000-0000000000c1', 'citizen', 'service_provider', '{5, 7}')$$,
  'a super admin makes a citizen a service provider of two wards'
);
select results_eq($$select * from pg_temp.record('5e70000a-0000-4000-8000-0000000000c1')$$,
  $$values ('service_provider', '{5,7}'::integer[])$$, 'role and postings, together');
select lives_ok(
  $$select public.set_staff_role('5e70000a-0000-4000-8000-0000000000c1', 'service_provider', 'ward_admin', '{7, 9}')$$,
  'and changes them: another role, one ward kept, one ended, one added'
);
select results_eq($$select * from pg_temp.record('5e70000a-0000-4000-8000-0000000000c1')$$,
  $$values ('ward_admin', '{7,9}'::integer[])$$, 'exactly the postings asked for');
select throws_ok(
  $$select public.set_staff_role('5e70000a-0000-4000-8000-0000000000c1', 'service_provider', 'super_admin')$$,
  'PGRST', null, 'a page that showed an older role is refused (409), not overwritten'
);
select throws_ok(
  $$select public.set_staff_role('5e70000a-0000-4000-8000-0000000000c1', 'ward_admin', 'service_provider', '{7, 999}')$$,
  '23503', null, 'a posting to a ward that does not exist fails the whole change'
);
select results_eq($$select * from pg_temp.record('5e70000a-0000-4000-8000-0000000000c1')$$,
  $$values ('ward_admin', '{7,9}'::integer[])$$, 'and nothing of it was kept');

select * from finish();
rollback;
