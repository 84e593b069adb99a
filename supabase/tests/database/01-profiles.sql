-- public.profiles: created and synced from auth.users; each person reads and edits only their own row,
-- and never the columns Auth or staff own. Runs in one transaction that is rolled back.
-- Needs the tests.* helpers of 00-helpers.sql (which runs first).
begin;
set local search_path = public, extensions;

select plan(45);

-- ---------------------------------------------------------------------------------------------------
-- Shape
-- ---------------------------------------------------------------------------------------------------
select has_table('public', 'profiles', 'public.profiles exists');
select is(
  (select provolatile from pg_proc where oid = 'public.current_app_role()'::regprocedure), 's',
  'current_app_role() is stable'
);

-- ---------------------------------------------------------------------------------------------------
-- Trigger: Auth creates users, the profile follows
-- ---------------------------------------------------------------------------------------------------
select tests.create_phone_user('5a1e0001-0000-4000-8000-000000000001', '8801300000001');
select tests.create_phone_user('5a1e0001-0000-4000-8000-000000000002', '8801300000002',
                               '{"role": "super_admin", "wards": [1]}');

select results_eq(
  $$select phone, role, assigned_ward_ids, is_verified, full_name
      from public.profiles where id = '5a1e0001-0000-4000-8000-000000000001'$$,
  $$values ('+8801300000001', 'citizen', '{}'::integer[], false, null::text)$$,
  'a new Auth user gets a citizen profile with the phone in +880 form'
);
select results_eq(
  $$select role, assigned_ward_ids from public.profiles where id = '5a1e0001-0000-4000-8000-000000000002'$$,
  $$values ('citizen', '{}'::integer[])$$,
  'a role in app_metadata gives nothing: roles live in public.staff_roles'
);

select tests.give_staff_role('5a1e0001-0000-4000-8000-000000000002', 'ward_admin', '{7, 5, 9}');
select results_eq(
  $$select role, assigned_ward_ids from public.profiles where id = '5a1e0001-0000-4000-8000-000000000002'$$,
  $$values ('ward_admin', '{5,7,9}'::integer[])$$,
  'the profile mirrors the staff role and ward postings (sorted)'
);

select tests.give_staff_role('5a1e0001-0000-4000-8000-000000000001', 'service_provider', '{12}');
select results_eq(
  $$select role, assigned_ward_ids from public.profiles where id = '5a1e0001-0000-4000-8000-000000000001'$$,
  $$values ('service_provider', '{12}'::integer[])$$,
  'giving a role and a posting updates the profile'
);

select throws_ok(
  $$update public.staff_roles set role = 'emperor' where user_id = '5a1e0001-0000-4000-8000-000000000001'$$,
  '23514', null, 'there is no role but the three staff roles'
);

delete from public.staff_roles where user_id = '5a1e0001-0000-4000-8000-000000000001';
select results_eq(
  $$select role, assigned_ward_ids from public.profiles where id = '5a1e0001-0000-4000-8000-000000000001'$$,
  $$values ('citizen', '{}'::integer[])$$,
  'taking the role away makes the profile a citizen again, postings gone'
);

update auth.users set phone_confirmed_at = '2026-11-24 10:00+06'
 where id = '5a1e0001-0000-4000-8000-000000000001';
select results_eq(
  $$select is_verified, verified_at from public.profiles where id = '5a1e0001-0000-4000-8000-000000000001'$$,
  $$values (true, '2026-11-24 10:00+06'::timestamptz)$$,
  'confirming the phone marks the profile verified'
);

update auth.users set phone = '8801300000003' where id = '5a1e0001-0000-4000-8000-000000000001';
select is(
  (select phone from public.profiles where id = '5a1e0001-0000-4000-8000-000000000001'), '+8801300000003',
  'a phone change in Auth reaches the profile'
);
update auth.users set phone = '8801300000001' where id = '5a1e0001-0000-4000-8000-000000000001';

-- ---------------------------------------------------------------------------------------------------
-- User A (citizen) and user B (ward admin)
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('5a1e0001-0000-4000-8000-000000000001');

select results_eq(
  $$select id from public.profiles$$,
  $$values ('5a1e0001-0000-4000-8000-000000000001'::uuid)$$,
  'A sees exactly one profile: their own'
);
select is_empty(
  $$select * from public.profiles where id = '5a1e0001-0000-4000-8000-000000000002'$$,
  'A cannot read B''s profile'
);

select lives_ok(
  $$update public.profiles
       set full_name = 'রহিমা খাতুন', nid = '1234567890123', ward_id = 17, address = 'মিরপুর ১০, ঢাকা',
           preferred_language = 'en'
     where id = '5a1e0001-0000-4000-8000-000000000001'$$,
  'A can fill in name, NID, ward, address and language'
);
select results_eq(
  $$select full_name, nid, ward_id, preferred_language from public.profiles$$,
  $$values ('রহিমা খাতুন', '1234567890123', 17, 'en')$$,
  'A''s edits are saved'
);

-- What only Auth and staff write, and creating or deleting profiles: no privilege at all, in this order.
select throws_ok(refused.statement, '42501', null, refused.description)
  from (values
    ($$update public.profiles set role = 'super_admin' where id = '5a1e0001-0000-4000-8000-000000000001'$$,
     'A cannot make themselves super admin'),
    ($$update public.profiles set assigned_ward_ids = '{1,2}' where id = '5a1e0001-0000-4000-8000-000000000001'$$,
     'A cannot assign themselves wards'),
    ($$update public.profiles set is_verified = true where id = '5a1e0001-0000-4000-8000-000000000001'$$,
     'A cannot mark themselves verified'),
    ($$update public.profiles set verified_at = now() where id = '5a1e0001-0000-4000-8000-000000000001'$$,
     'A cannot set the verification time'),
    ($$update public.profiles set phone = '+8801999999999' where id = '5a1e0001-0000-4000-8000-000000000001'$$,
     'A cannot change the phone number outside Auth'),
    ($$update public.profiles set created_at = now() where id = '5a1e0001-0000-4000-8000-000000000001'$$,
     'A cannot rewrite timestamps'),
    ($$insert into public.profiles (id) values ('5a1e0001-0000-4000-8000-000000000009')$$,
     'A cannot create profiles'),
    ($$delete from public.profiles where id = '5a1e0001-0000-4000-8000-000000000001'$$,
     'A cannot delete their profile directly')
  ) as refused(statement, description);
select throws_ok(
  $$update public.profiles set nid = '12345' where id = '5a1e0001-0000-4000-8000-000000000001'$$,
  '23514', null, 'an NID that is not 10, 13 or 17 digits is refused'
);
select throws_ok(
  $$update public.profiles set preferred_language = 'fr' where id = '5a1e0001-0000-4000-8000-000000000001'$$,
  '23514', null, 'only bn and en are languages'
);

update public.profiles set full_name = 'Mallory' where id = '5a1e0001-0000-4000-8000-000000000002';
select is(public.current_app_role(), 'citizen', 'current_app_role() is citizen without an app role');

select tests.sign_in_as('5a1e0001-0000-4000-8000-000000000002', '{"role": "citizen"}');
select results_eq(
  $$select id, full_name from public.profiles where id::text like '5a1e0001-%'$$,
  $$values ('5a1e0001-0000-4000-8000-000000000002'::uuid, null::text)$$,
  'B sees only their own profile, and A''s attempt to rename B changed nothing'
);
select is_empty(
  $$select * from public.profiles where id = '5a1e0001-0000-4000-8000-000000000001'$$,
  'B (a ward admin) cannot read A''s profile through this policy'
);
select is(public.current_app_role(), 'ward_admin',
  'current_app_role() reads public.staff_roles, not the JWT''s app_metadata');
select throws_ok(
  $$update public.profiles set role = 'citizen' where id = '5a1e0001-0000-4000-8000-000000000002'$$,
  '42501', null, 'B cannot change their own role either'
);
select lives_ok(
  $$update public.profiles set full_name = 'করিম উদ্দিন' where id = '5a1e0001-0000-4000-8000-000000000002'$$,
  'B can update their own name'
);

-- ---------------------------------------------------------------------------------------------------
-- anon and service_role
-- ---------------------------------------------------------------------------------------------------
select tests.act_as_api_role('anon');
select throws_ok(
  $$select * from public.profiles$$,
  '42501', null, 'anon cannot read profiles at all'
);
select throws_ok(
  $$update public.profiles set full_name = 'x'$$,
  '42501', null, 'anon cannot update profiles'
);
select is(public.current_app_role(), null, 'current_app_role() is null for anon');

select tests.act_as_api_role('service_role');
select is(
  (select count(*)::int from public.profiles
    where id in ('5a1e0001-0000-4000-8000-000000000001', '5a1e0001-0000-4000-8000-000000000002')),
  2,
  'service_role reads every profile'
);
select lives_ok(
  $$update public.profiles set is_verified = true where id = '5a1e0001-0000-4000-8000-000000000002'$$,
  'service_role can set protected columns'
);

select tests.sign_out();

-- ---------------------------------------------------------------------------------------------------
-- As the database owner again
-- ---------------------------------------------------------------------------------------------------
select results_eq(
  $$select full_name, role from public.profiles where id = '5a1e0001-0000-4000-8000-000000000001'$$,
  $$values ('রহিমা খাতুন', 'citizen')$$,
  'A''s name changed and A''s role did not'
);
select ok(
  (select updated_at >= created_at from public.profiles where id = '5a1e0001-0000-4000-8000-000000000001'),
  'updated_at is stamped on change'
);

update auth.users set last_sign_in_at = now() where id = '5a1e0001-0000-4000-8000-000000000002';
select is(
  (select is_verified from public.profiles where id = '5a1e0001-0000-4000-8000-000000000002'), true,
  'an Auth update that touches nothing mirrored (a sign-in) leaves the profile alone'
);

select is(
  has_function_privilege('authenticated', 'public.upsert_profile_for_auth_user(auth.users)', 'execute'),
  false,
  'signed-in users cannot call the profile sync function'
);
select is(
  has_function_privilege('anon', 'public.sync_profile_from_auth_user()', 'execute'),
  false,
  'anon cannot call the profile trigger function'
);

insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
values ('5a1e0001-0000-4000-8000-000000000004', 'authenticated', 'authenticated', 'staff@example.org',
        '{"role": "super_admin"}', '{}', now(), now());
select results_eq(
  $$select phone, role from public.profiles where id = '5a1e0001-0000-4000-8000-000000000004'$$,
  $$values (null::text, 'citizen')$$,
  'a user without a phone gets a profile with no phone (and app_metadata gives no role)'
);

delete from auth.users where id = '5a1e0001-0000-4000-8000-000000000001';
select is_empty(
  $$select * from public.profiles where id = '5a1e0001-0000-4000-8000-000000000001'$$,
  'deleting the Auth user deletes the profile'
);

select col_is_pk('public', 'profiles', 'id', 'profiles.id is the primary key');
select fk_ok('public', 'profiles', 'id', 'auth', 'users', 'id', 'profiles.id references auth.users');
select col_default_is('public', 'profiles', 'role', 'citizen'::text, 'role defaults to citizen');

select * from finish();
rollback;
