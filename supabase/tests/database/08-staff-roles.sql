-- Staff roles and ward postings: only super admins manage them, never their own; the custom access token
-- hook puts them into tokens; every change lands in the append-only audit log. Rolled back.
begin;
set local search_path = public, extensions;

select plan(47);

-- c1 citizen, a1 super admin, a2 a second super admin (posted to ward 9 by an operator), b1 ward admin of
-- wards 5 and 7, d1 becomes staff.
select tests.create_person('5aff0000-0000-4000-8000-0000000000c1', '8801300000601');
select tests.create_person('5aff0000-0000-4000-8000-0000000000a1', '8801300000602', 'super_admin');
select tests.create_person('5aff0000-0000-4000-8000-0000000000a2', '8801300000603', 'super_admin', '{9}');
select tests.create_person('5aff0000-0000-4000-8000-0000000000b1', '8801300000604', 'ward_admin', '{5, 7}');
select tests.create_person('5aff0000-0000-4000-8000-0000000000d1', '8801300000605');

-- ---------------------------------------------------------------------------------------------------
-- The hook
-- ---------------------------------------------------------------------------------------------------
select is(
  public.custom_access_token_hook(jsonb_build_object(
    'user_id', '5aff0000-0000-4000-8000-0000000000b1',
    'claims', jsonb_build_object('sub', '5aff0000-0000-4000-8000-0000000000b1', 'aud', 'authenticated',
                                 'app_metadata', jsonb_build_object('provider', 'phone', 'role', 'super_admin')),
    'authentication_method', 'otp')),
  jsonb_build_object('claims', jsonb_build_object(
    'sub', '5aff0000-0000-4000-8000-0000000000b1', 'aud', 'authenticated',
    'app_metadata', jsonb_build_object('provider', 'phone', 'role', 'ward_admin', 'wards', jsonb_build_array(5, 7)))),
  'the hook writes the role and postings from the tables over app_metadata, keeping the other claims'
);
select is(
  public.custom_access_token_hook(jsonb_build_object(
    'user_id', '5aff0000-0000-4000-8000-0000000000c1', 'claims', '{}'::jsonb))
    -> 'claims' -> 'app_metadata',
  '{"role": "citizen", "wards": []}'::jsonb,
  'people without a staff role are citizens in their token'
);
select ok(
  has_function_privilege('supabase_auth_admin', 'public.custom_access_token_hook(jsonb)', 'execute'),
  'Auth (supabase_auth_admin) may call the hook'
);
select ok(
  not has_function_privilege('authenticated', 'public.custom_access_token_hook(jsonb)', 'execute')
  and not has_function_privilege('anon', 'public.custom_access_token_hook(jsonb)', 'execute'),
  'API callers may not call the hook'
);
set local role supabase_auth_admin;
select set_config('tests.hook_role', (public.custom_access_token_hook(
  '{"user_id": "5aff0000-0000-4000-8000-0000000000a1", "claims": {}}')) #>> '{claims,app_metadata,role}', true);
reset role;
select is(current_setting('tests.hook_role'), 'super_admin', 'the hook reads the tables as supabase_auth_admin');

-- ---------------------------------------------------------------------------------------------------
-- anon and citizens
-- ---------------------------------------------------------------------------------------------------
select tests.act_as_api_role('anon');
select throws_ok($$select * from public.staff_roles$$, '42501', null, 'anon cannot read staff roles');
select throws_ok($$select * from public.audit_log$$, '42501', null, 'anon cannot read the audit log');

select tests.sign_in_as('5aff0000-0000-4000-8000-0000000000c1');
select is_empty($$select * from public.staff_roles$$, 'a citizen sees no staff roles');
select is_empty($$select * from public.ward_postings$$, 'a citizen sees no postings');
select tests.rls_refuses(
  format($$insert into public.staff_roles (user_id, role) values (%L, %L)$$, attempt.user_id, attempt.role),
  'staff_roles', attempt.description
)
  from (values
    ('5aff0000-0000-4000-8000-0000000000c1', 'super_admin', 'a citizen cannot give themselves a role'),
    ('5aff0000-0000-4000-8000-0000000000d1', 'ward_admin', 'a citizen cannot give anyone a role')
  ) as attempt (user_id, role, description);
select is_empty($$select * from public.audit_log$$, 'a citizen reads nothing of the audit log');

-- ---------------------------------------------------------------------------------------------------
-- Ward admins
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('5aff0000-0000-4000-8000-0000000000b1');
select results_eq(
  $$select user_id, role from public.staff_roles$$,
  $$values ('5aff0000-0000-4000-8000-0000000000b1'::uuid, 'ward_admin'::text)$$,
  'a ward admin sees their own role only'
);
select results_eq(
  $$select ward_id from public.ward_postings order by 1$$,
  $$values (5), (7)$$,
  'a ward admin sees their own postings only'
);
update public.staff_roles set role = 'super_admin' where user_id = '5aff0000-0000-4000-8000-0000000000b1';
select is(public.current_app_role(), 'ward_admin', 'a ward admin cannot promote themselves');
select tests.rls_refuses(
  $$insert into public.ward_postings (user_id, ward_id) values ('5aff0000-0000-4000-8000-0000000000b1', 9)$$,
  'ward_postings', 'a ward admin cannot post themselves to another ward'
);
delete from public.ward_postings where user_id = '5aff0000-0000-4000-8000-0000000000b1';
select is(
  (select count(*)::int from public.ward_postings), 2, 'a ward admin cannot end their own postings'
);
select throws_ok(
  $$insert into public.staff_roles (user_id, role) values ('5aff0000-0000-4000-8000-0000000000d1', 'service_provider')$$,
  '42501', null, 'a ward admin cannot give anyone a role'
);
select throws_ok(
  $$insert into public.ward_postings (user_id, ward_id) values ('5aff0000-0000-4000-8000-0000000000a2', 5)$$,
  '42501', null, 'a ward admin cannot post anyone else to a ward'
);
update public.staff_roles set role = 'citizen' where user_id = '5aff0000-0000-4000-8000-0000000000a1';
delete from public.staff_roles where user_id = '5aff0000-0000-4000-8000-0000000000a1';
delete from public.ward_postings where user_id = '5aff0000-0000-4000-8000-0000000000a2';
select tests.sign_out();
select results_eq(
  $$select role from public.staff_roles where user_id = '5aff0000-0000-4000-8000-0000000000a1'
    union all select ward_id::text from public.ward_postings where user_id = '5aff0000-0000-4000-8000-0000000000a2'$$,
  $$values ('super_admin'), ('9')$$,
  'a ward admin can neither change nor take away another person''s role or postings'
);
select tests.sign_in_as('5aff0000-0000-4000-8000-0000000000b1');
select is(public.current_app_role(), 'ward_admin', 'current_app_role() reads the table');
select is(private.posted_wards(), '{5,7}'::integer[], 'posted_wards() lists the caller''s wards');
select is_empty($$select * from public.audit_log$$, 'a ward admin reads nothing of the audit log');

-- ---------------------------------------------------------------------------------------------------
-- Super admins
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('5aff0000-0000-4000-8000-0000000000a1');
select is(
  (select count(*)::int from public.staff_roles where user_id::text like '5aff0000-%'), 3,
  'a super admin sees every role'
);
select lives_ok(
  $$insert into public.staff_roles (user_id, role) values ('5aff0000-0000-4000-8000-0000000000d1', 'service_provider')$$,
  'a super admin gives a role to someone else'
);
select lives_ok(
  $$insert into public.ward_postings (user_id, ward_id) values ('5aff0000-0000-4000-8000-0000000000d1', 7)$$,
  'and posts them to a ward'
);
select throws_ok(
  $$insert into public.ward_postings (user_id, ward_id) values ('5aff0000-0000-4000-8000-0000000000c1', 7)$$,
  '23503', null, 'only staff can be posted to a ward'
);
select results_eq(
  $$select granted_by, posted_by from public.staff_roles r join public.ward_postings p using (user_id)
     where user_id = '5aff0000-0000-4000-8000-0000000000d1'$$,
  $$values ('5aff0000-0000-4000-8000-0000000000a1'::uuid, '5aff0000-0000-4000-8000-0000000000a1'::uuid)$$,
  'who gave the role and the posting is recorded'
);
update public.staff_roles set role = 'ward_admin' where user_id = '5aff0000-0000-4000-8000-0000000000d1';
select is(
  (select role from public.staff_roles where user_id = '5aff0000-0000-4000-8000-0000000000d1'), 'ward_admin',
  'a super admin changes someone else''s role'
);
update public.staff_roles set role = 'ward_admin' where user_id = '5aff0000-0000-4000-8000-0000000000a1';
select is(public.current_app_role(), 'super_admin', 'a super admin cannot change their own role');
delete from public.staff_roles where user_id = '5aff0000-0000-4000-8000-0000000000a1';
select is(
  (select count(*)::int from public.staff_roles where user_id = '5aff0000-0000-4000-8000-0000000000a1'), 1,
  'a super admin cannot take their own role away'
);
select tests.sign_in_as('5aff0000-0000-4000-8000-0000000000a2');
select throws_ok(
  $$insert into public.ward_postings (user_id, ward_id) values ('5aff0000-0000-4000-8000-0000000000a2', 12)$$,
  '42501', null, 'a super admin cannot post themselves to a ward'
);
delete from public.ward_postings where user_id = '5aff0000-0000-4000-8000-0000000000a2';
select results_eq(
  $$select ward_id from public.ward_postings where user_id = '5aff0000-0000-4000-8000-0000000000a2'$$,
  $$values (9)$$,
  'a super admin cannot end their own postings'
);
select tests.sign_in_as('5aff0000-0000-4000-8000-0000000000a1');
select lives_ok(
  $$delete from public.ward_postings where user_id = '5aff0000-0000-4000-8000-0000000000a2'$$,
  'but another super admin may end them'
);
select is_empty(
  $$select * from public.ward_postings where user_id = '5aff0000-0000-4000-8000-0000000000a2'$$,
  'and they are gone'
);
select tests.check_refuses(
  $$insert into public.staff_roles (user_id, role) values ('5aff0000-0000-4000-8000-0000000000d1', 'emperor')
     on conflict (user_id) do update set role = excluded.role$$,
  'staff_roles', 'staff_roles_role_check', 'only the three staff roles exist'
);
delete from public.ward_postings where user_id = '5aff0000-0000-4000-8000-0000000000d1' and ward_id = 7;
delete from public.staff_roles where user_id = '5aff0000-0000-4000-8000-0000000000d1';
select is_empty(
  $$select * from public.staff_roles where user_id = '5aff0000-0000-4000-8000-0000000000d1'$$,
  'a super admin takes someone else''s role away'
);

-- ---------------------------------------------------------------------------------------------------
-- The audit log
-- ---------------------------------------------------------------------------------------------------
select results_eq(
  $$select action, actor_id, actor_role, ward_id, old_value, new_value from public.audit_log
     where subject_id = '5aff0000-0000-4000-8000-0000000000d1' order by id$$,
  $$values
    ('staff.role_given', '5aff0000-0000-4000-8000-0000000000a1'::uuid, 'super_admin', null::integer,
     null::jsonb, '{"role": "service_provider"}'::jsonb),
    ('staff.posted', '5aff0000-0000-4000-8000-0000000000a1', 'super_admin', 7, null, '{"ward_id": 7}'),
    ('staff.role_changed', '5aff0000-0000-4000-8000-0000000000a1', 'super_admin', null,
     '{"role": "service_provider"}', '{"role": "ward_admin"}'),
    ('staff.unposted', '5aff0000-0000-4000-8000-0000000000a1', 'super_admin', 7, '{"ward_id": 7}', null),
    ('staff.role_taken', '5aff0000-0000-4000-8000-0000000000a1', 'super_admin', null,
     '{"role": "ward_admin"}', null)$$,
  'a super admin reads every role and posting change: who, what, old and new'
);
select throws_ok(
  $$insert into public.audit_log (action, subject_id) values ('staff.role_given', 'x')$$,
  '42501', null, 'nobody writes the audit log directly'
);
select throws_ok(
  $$update public.audit_log set actor_id = null$$, '42501', null, 'a super admin cannot edit the audit log'
);
select throws_ok($$delete from public.audit_log$$, '42501', null, 'a super admin cannot delete the audit log');

select tests.act_as_api_role('service_role');
select throws_ok(
  $$update public.audit_log set actor_id = null$$, '42501', null, 'the service role cannot edit the audit log'
);
select throws_ok($$delete from public.audit_log$$, '42501', null, 'the service role cannot delete it either');
select tests.sign_out();
select throws_ok(
  $$update public.audit_log set actor_role = 'x'$$,
  '42501', null, 'even the table owner''s updates are refused by the append-only trigger'
);
select throws_ok($$truncate public.audit_log$$, '42501', null, 'and truncating it is refused');

select has_table('public', 'staff_roles', 'staff_roles exists');
select has_table('public', 'ward_postings', 'ward_postings exists');

select * from finish();
rollback;
