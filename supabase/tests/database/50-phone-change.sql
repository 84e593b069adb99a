-- A phone change as local Auth (and GoTrue) applies it: auth.users.phone takes the confirmed new number on
-- the same user id. The profile mirror follows, what the person filed stays theirs, and the number stays
-- unique across accounts. Runs in one transaction that is rolled back. Needs 00-helpers.sql.
begin;
set local search_path = public, extensions;

select plan(7);

select tests.create_phone_user('50c0a000-0000-4000-8000-00000000000a', '8801350000001', '{}', now());
select tests.create_phone_user('50c0a000-0000-4000-8000-00000000000b', '8801350000002', '{}', now());

select tests.sign_in_as('50c0a000-0000-4000-8000-00000000000a');
select lives_ok(
  $$select public.submit_complaint(
      '50c0a000-0000-4000-8000-0000000000c1', 'cleanliness', 'সিম বদলের আগে', 'গলির মুখে ময়লা জমে আছে।',
      'গলির মুখ', null, null, 11, '{}')$$,
  'A files a complaint on the old number'
);
select tests.sign_out();

-- A asks to change to a new number, then proves it: what local Auth runs, as the role it connects as.
set local role supabase_auth_admin;
update auth.users set phone_change = '8801350000009', phone_change_sent_at = now()
where id = '50c0a000-0000-4000-8000-00000000000a';
update auth.users
set phone = phone_change, phone_change = '', phone_change_token = '', phone_confirmed_at = now()
where id = '50c0a000-0000-4000-8000-00000000000a';
reset role;

select results_eq(
  $$select phone, is_verified from public.profiles where id = '50c0a000-0000-4000-8000-00000000000a'$$,
  $$values ('+8801350000009', true)$$,
  'the profile mirror takes the new number (with "+") and stays verified'
);
select is(
  (select count(*)::int from public.profiles where phone = '+8801350000001'), 0,
  'no profile holds the old number any more'
);
select is(
  (select citizen_id from public.complaints where client_request_id = '50c0a000-0000-4000-8000-0000000000c1'),
  '50c0a000-0000-4000-8000-00000000000a'::uuid,
  'the complaint still belongs to the same person'
);

select tests.sign_in_as('50c0a000-0000-4000-8000-00000000000a');
select is(
  (select count(*)::int from public.complaints where client_request_id = '50c0a000-0000-4000-8000-0000000000c1'),
  1,
  'signed in on the new number (same id), A still reads their complaint'
);
select tests.sign_out();

select throws_ok(
  $$update auth.users set phone = '8801350000009' where id = '50c0a000-0000-4000-8000-00000000000b'$$,
  '23505', null,
  'another account cannot take a number in use'
);
select results_eq(
  $$select phone from public.profiles where id = '50c0a000-0000-4000-8000-00000000000b'$$,
  $$values ('+8801350000002')$$,
  'and its profile keeps its own number'
);

select * from finish();
rollback;
