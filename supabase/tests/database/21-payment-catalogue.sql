-- The fee catalogue and campaigns are kept by super admins only (others read what is active, and nobody
-- writes a campaign's progress), and the bkash function's shared token is the service role's alone.
-- Rolled back.
begin;
set local search_path = public, extensions;

select plan(14);

select tests.create_person('5e700021-0000-4000-8000-0000000000c1', '8801300002101');
select tests.create_person('5e700021-0000-4000-8000-0000000000b1', '8801300002102', 'ward_admin', '{5}');
select tests.create_person('5e700021-0000-4000-8000-0000000000ad', '8801300002103', 'super_admin');

select tests.sign_in_as('5e700021-0000-4000-8000-0000000000ad');
select lives_ok($$insert into public.payment_fees (code, corporation, name_bn, name_en, amount, active)
  values ('test_hidden_fee', 'dscc', 'পরীক্ষার ফি', 'Test fee', 75, false)$$, 'a super admin adds a fee (inactive)');
select lives_ok($$update public.payment_fees set amount = 80 where code = 'test_hidden_fee'$$, 'and changes it');
select is((select amount from public.payment_fees where code = 'test_hidden_fee'), 80.00::numeric, 'changed');
select lives_ok($$insert into public.donation_campaigns (title_bn, title_en, story_bn, story_en, goal_amount, deadline, active)
  values ('গোপন অভিযান', 'Hidden campaign', 'এখনো চালু হয়নি এমন অভিযান।',
          'A campaign not open yet.', 1000, current_date + 5, false)$$, 'a super admin creates a campaign (not open)');
select throws_ok($$update public.donation_campaigns set raised_amount = 1000000 where title_en = 'Hidden campaign'$$,
  '42501', null, 'nobody writes a campaign''s progress, super admins included');

select tests.sign_in_as('5e700021-0000-4000-8000-0000000000c1');
select is((select count(*)::int from public.payment_fees where code = 'test_hidden_fee'), 0, 'citizens do not see an inactive fee');
select is((select count(*)::int from public.donation_campaigns where title_en = 'Hidden campaign'), 0,
  'nor a campaign that is not open');
select is(tests.answer($$select public.start_fee_payment('test_hidden_fee', gen_random_uuid())$$), 'CC_FEE 400',
  'and cannot pay an inactive fee');

select tests.sign_in_as('5e700021-0000-4000-8000-0000000000b1');
select tests.rls_refuses($$insert into public.donation_campaigns (title_bn, title_en, story_bn, story_en, goal_amount, deadline)
  values ('ওয়ার্ডের অভিযান', 'Ward campaign', 'ওয়ার্ড অ্যাডমিনের অভিযান।', 'A ward admin''s campaign.', 1000, current_date)$$,
  'donation_campaigns', 'a ward admin cannot create a campaign');
update public.donation_campaigns set title_en = 'Taken over' where id = 'de00ca00-0000-4000-8000-000000000001';
select isnt((select title_en from public.donation_campaigns where id = 'de00ca00-0000-4000-8000-000000000001'), 'Taken over',
  'or change one');

select throws_ok($$select * from public.bkash_token$$, '42501', null, 'staff cannot read the bKash token');
select tests.act_as_api_role('anon');
select throws_ok($$select public.bkash_store_token('x', 'y', 3600, false)$$, '42501', null, 'anon cannot store one');

select tests.sign_out();
delete from public.bkash_token; -- whatever the local stack's function keeps (rolled back)
select tests.act_as_api_role('service_role');
select public.bkash_store_token('first', 'r1', 3600, false);
select public.bkash_store_token('second', 'r2', 3600, true);
select public.bkash_store_token('third', 'r3', 3600, true);
select results_eq($$select id_token, cardinality(refreshed_at) from public.bkash_token$$,
  $$values ('third', 2)$$, 'the function keeps one token and counts this hour''s refreshes');
select public.bkash_store_token('fourth', 'r4', 3600, false);
select results_eq($$select id_token, cardinality(refreshed_at), granted_at = now() from public.bkash_token$$,
  $$values ('fourth', 2, true)$$, 'a new grant keeps the count of the hour''s refreshes');

select * from finish();
rollback;
