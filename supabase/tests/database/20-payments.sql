-- Payments and donations for every caller: anon, the payer, another citizen, a ward admin, a service
-- provider, a super admin and the service role (the bkash function). Amounts come from the catalogue; the
-- workflow holds for everyone; completion needs bKash's transaction id with our amount and invoice and is
-- idempotent; events are append-only and carry no secrets; campaign progress is recomputed, never
-- double-counted; refunds stay within what was paid, one at a time, in the window. Rolled back.
begin;
set local search_path = public, extensions;

select plan(63);

select tests.create_person('5e700020-0000-4000-8000-0000000000c1', '8801300002001');
select tests.create_person('5e700020-0000-4000-8000-0000000000c2', '8801300002002');
select tests.create_person('5e700020-0000-4000-8000-0000000000b1', '8801300002003', 'ward_admin', '{5}');
select tests.create_person('5e700020-0000-4000-8000-0000000000e1', '8801300002004', 'service_provider', '{5}');
select tests.create_person('5e700020-0000-4000-8000-0000000000ad', '8801300002005', 'super_admin');
update public.profiles set full_name = 'দাতা এক' where id = '5e700020-0000-4000-8000-0000000000c1';
insert into public.donation_campaigns (id, title_bn, title_en, story_bn, story_en, goal_amount, deadline)
values ('5e700020-0000-4000-8000-00000000ca01', 'পরীক্ষা অভিযান', 'Test campaign',
        'পরীক্ষার জন্য একটি অভিযান।', 'A campaign for the tests.', 10000, current_date + 10),
       ('5e700020-0000-4000-8000-00000000ca02', 'শেষ অভিযান', 'Ended campaign',
        'শেষ হয়ে যাওয়া অভিযান।', 'A campaign that has ended.', 10000, current_date - 2);

-- ---- Starting payments ---------------------------------------------------------------------------
select tests.act_as_api_role('anon');
select is(tests.answer($$select public.start_fee_payment('dncc_bulky_waste_pickup', gen_random_uuid())$$),
  '42501', 'anon cannot start a payment');
select ok((select count(*) >= 7 and bool_and(active) from public.payment_fees), 'anon reads the active fee catalogue');
select is((select count(*)::int from public.donation_campaigns where id::text like '5e700020%'), 2,
  'anon reads open campaigns');

select tests.sign_in_as('5e700020-0000-4000-8000-0000000000c1');
select lives_ok($$select public.start_fee_payment('dncc_bulky_waste_pickup', '00000000-0000-4000-8000-00000000f001')$$,
  'a citizen starts paying a fee');
select results_eq(
  $$select kind, fee_code, amount, state::text, invoice_number ~ '^CCP[0-9]{8}' from public.payments$$,
  $$values ('fee', 'dncc_bulky_waste_pickup', 500.00::numeric, 'initiated', true)$$,
  'at the catalogue''s amount, initiated, with an invoice number');
select is(
  public.start_fee_payment('dncc_bulky_waste_pickup', '00000000-0000-4000-8000-00000000f001')::text,
  (select to_json(id)::text from public.payments), 'the same form sent again (double click, two tabs) is the same payment');
select is((select count(*)::int from public.payments), 1, 'so there is still one');
select is(tests.answer($$select public.start_fee_payment('no_such_fee', gen_random_uuid())$$),
  'CC_FEE 400', 'an unknown fee code is refused');
select is(tests.answer($$select public.start_donation('5e700020-0000-4000-8000-00000000ca01', 9.5, false, gen_random_uuid())$$),
  'CC_AMOUNT 400', 'a donation of a fraction of a taka, or below 10, is refused');
select is(tests.answer($$select public.start_donation('5e700020-0000-4000-8000-00000000ca01', 600000, false, gen_random_uuid())$$),
  'CC_AMOUNT 400', 'a donation above 500000 is refused');
select is(tests.answer($$select public.start_donation('5e700020-0000-4000-8000-00000000ca02', 100, false, gen_random_uuid())$$),
  'CC_CAMPAIGN 400', 'a campaign past its deadline takes no donations');
select is(tests.answer($$select public.start_donation('5e700020-0000-4000-8000-00000000ca01', 250, true, '00000000-0000-4000-8000-00000000d001')$$),
  'done', 'a citizen starts an anonymous donation');
select is(tests.outcome($$insert into public.payments (invoice_number, payer_id, client_request_id, kind, fee_code, amount)
  values ('CCP20261203AAAAAA', auth.uid(), gen_random_uuid(), 'fee', 'dncc_bulky_waste_pickup', 1)$$),
  '42501', 'nobody writes a payment (or its amount) directly');
select is(tests.outcome($$update public.payments set amount = 1$$), '42501', 'or changes one');
select is(tests.outcome($$select public.bkash_record_completed(id, 'TRX1', amount, invoice_number, '01929918378', now()) from public.payments limit 1$$),
  '42501', 'a citizen cannot record a bKash completion');
select is(tests.outcome($$select public.bkash_unsettled()$$), '42501', 'or list unsettled payments');
select is(tests.outcome($$update public.payment_fees set amount = 1$$), 'done', 'a citizen''s update of a fee…');
select is((select amount from public.payment_fees where code = 'dncc_bulky_waste_pickup'), 500.00::numeric,
  '…changes nothing');
select tests.rls_refuses($$insert into public.payment_fees (code, corporation, name_bn, name_en, amount)
  values ('cheap_fee', 'dncc', 'সস্তা', 'Cheap', 1)$$, 'payment_fees', 'and a citizen cannot add a fee');

-- ---- Who reads what ------------------------------------------------------------------------------
select tests.sign_in_as('5e700020-0000-4000-8000-0000000000c2');
select is((select count(*)::int from public.payments), 0, 'another citizen sees none of them');
select tests.sign_in_as('5e700020-0000-4000-8000-0000000000b1');
select is((select count(*)::int from public.payments), 0, 'a ward admin sees no payments');
select is((select count(*)::int from public.payment_events), 0, 'nor their events');
select tests.sign_in_as('5e700020-0000-4000-8000-0000000000e1');
select is((select count(*)::int from public.payments), 0, 'a service provider sees no payments');
select tests.sign_in_as('5e700020-0000-4000-8000-0000000000ad');
select is((select count(*)::int from public.payments where payer_id = '5e700020-0000-4000-8000-0000000000c1'), 2,
  'a super admin sees every payment');
select is((select count(*)::int from public.payment_events as e join public.payments as p on p.id = e.payment_id
            where e.kind = 'state' and p.payer_id = '5e700020-0000-4000-8000-0000000000c1'), 2,
  'and their events: each start recorded');
select tests.sign_in_as('5e700020-0000-4000-8000-0000000000c1');
select is((select count(*)::int from public.payment_events), 0, 'the payer does not read raw bKash events');

-- ---- The bkash function records bKash's answers -------------------------------------------------
select tests.act_as_api_role('service_role');
create temporary table fee on commit drop as
  select * from public.payments where client_request_id = '00000000-0000-4000-8000-00000000f001';
grant select on fee to service_role, authenticated;
select is(public.bkash_claim_create((select id from fee)), true, 'the function claims the create');
select is(public.bkash_claim_create((select id from fee)), null, 'a second caller meanwhile may not create again');
select is(tests.outcome($$update public.payments set state = 'completed' where id = (select id from fee)$$),
  '23514', 'an initiated payment cannot jump to completed');
select is((public.bkash_record_created((select id from fee), 'TR0011PAY1', 'https://sandbox.example/checkout')).state::text,
  'redirected', 'bKash''s paymentID recorded: redirected');
select is(tests.outcome($$update public.payments set state = 'completed', trx_id = 'TRXA', completed_at = now() where id = (select id from fee)$$),
  'done', '(the workflow allows redirected to completed, with a transaction id)');
select is(tests.outcome($$update public.payments set state = 'redirected', trx_id = null, completed_at = null where id = (select id from fee)$$),
  '23514', 'but never back');
select is(tests.outcome($$update public.payments set amount = 5 where id = (select id from fee)$$),
  '23514', 'even the service role cannot change an amount');
-- Undo the direct completion above to test the recording function from redirected.
select tests.sign_out();
alter table public.payments disable trigger payments_before_update;
update public.payments set state = 'redirected', trx_id = null, completed_at = null where id = (select id from fee);
alter table public.payments enable trigger payments_before_update;
select tests.act_as_api_role('service_role');
select is(tests.outcome($$select public.bkash_record_completed((select id from fee), 'TRX0001', 1.00, (select invoice_number from fee), '01929918378', now())$$),
  '23514', 'a completion for another amount is refused');
select is(tests.outcome($$select public.bkash_record_completed((select id from fee), 'TRX0001', 500.00, 'CCP20260101XXXXXX', '01929918378', now())$$),
  '23514', 'a completion for another invoice is refused');
select is((public.bkash_record_completed((select id from fee), 'TRX0001', 500.00, (select invoice_number from fee), '01929918378', now())).state::text,
  'completed', 'bKash''s Completed with our amount and invoice completes it');
select is((public.bkash_record_completed((select id from fee), 'TRX0001', 500.00, (select invoice_number from fee), '01929918378', now())).trx_id,
  'TRX0001', 'the same completion again (replayed callback, reconciliation) changes nothing');
select is(tests.outcome($$select public.bkash_record_completed((select id from fee), 'TRX0002', 500.00, (select invoice_number from fee), '01929918378', now())$$),
  '23514', 'a second transaction for the same payment is refused');
select is((public.bkash_record_unsuccessful((select id from fee), 'cancelled', null, null, false)).state::text, 'completed',
  'a late cancel callback leaves a completed payment completed');
select is((select count(*)::int from public.payment_events where payment_id = (select id from fee) and to_state = 'completed'), 2,
  'state changes are in the events');
select lives_ok($$select public.bkash_log_event((select id from fee), null, 'bkash', 'execute', 200,
  '{"paymentID": "TR0011PAY1", "id_token": "secret-token", "app_secret": "s3cr3t"}',
  '{"statusCode": "0000", "refresh_token": "r"}', null)$$, 'a bKash exchange is logged');
select is((select request::text || response::text from public.payment_events
            where api = 'execute' and payment_id = (select id from fee)),
  '{"paymentID": "TR0011PAY1"}{"statusCode": "0000"}', 'without its secrets');
select is(tests.outcome($$update public.payment_events set note = 'x'$$), '42501', 'events cannot be changed');
select is(tests.outcome($$delete from public.payment_events$$), '42501', 'or deleted');

-- ---- Campaign progress -------------------------------------------------------------------------
create temporary table gift on commit drop as
  select * from public.payments where client_request_id = '00000000-0000-4000-8000-00000000d001';
grant select on gift to service_role, authenticated, anon;
select public.bkash_record_created((select id from gift), 'TR0011GIFT', 'https://sandbox.example/checkout');
select public.bkash_record_completed((select id from gift), 'TRX0003', 250.00, (select invoice_number from gift), '01770618575', now());
select public.bkash_record_completed((select id from gift), 'TRX0003', 250.00, (select invoice_number from gift), '01770618575', now());
select results_eq($$select raised_amount, donor_count from public.donation_campaigns where id = '5e700020-0000-4000-8000-00000000ca01'$$,
  $$values (250.00::numeric, 1)$$, 'a completed donation counts once, however often it is recorded');
select tests.act_as_api_role('anon');
select results_eq($$select donor_name, amount from public.campaign_donors('5e700020-0000-4000-8000-00000000ca01')$$,
  $$values (null::text, 250.00::numeric)$$, 'the public list hides an anonymous donor''s name');
select is(tests.outcome($$select * from public.payments$$), '42501', 'anon reads no payments');

-- ---- Refunds -----------------------------------------------------------------------------------
select tests.sign_in_as('5e700020-0000-4000-8000-0000000000c1');
select is(tests.answer($$select public.request_refund((select id from fee), 100, 'আমি ফেরত চাই', gen_random_uuid())$$),
  'CC403 403', 'a payer cannot refund themselves');
select tests.sign_in_as('5e700020-0000-4000-8000-0000000000b1');
select is(tests.answer($$select public.request_refund((select id from fee), 100, 'ওয়ার্ড অ্যাডমিনের ফেরত', gen_random_uuid())$$),
  'CC403 403', 'nor can a ward admin');
select tests.sign_in_as('5e700020-0000-4000-8000-0000000000ad');
select is(tests.answer($$select public.request_refund((select id from fee), 500.01, 'বেশি ফেরত', gen_random_uuid())$$),
  'CC_REFUND_AMOUNT 400', 'a refund larger than the payment is refused');
select is(tests.answer($$select public.request_refund((select id from fee), 100, 'x', gen_random_uuid())$$),
  'CC_REFUND_REASON 400', 'a refund needs a reason');
select is(tests.answer($$select public.request_refund((select id from fee), 200, 'সেবা দেওয়া যায়নি', '00000000-0000-4000-8000-00000000e001')$$),
  'done', 'a super admin asks for a partial refund with a reason');
select is((select state::text from public.payments where id = (select id from fee)), 'refund_requested',
  'the payment waits for bKash');
select is(tests.answer($$select public.request_refund((select id from fee), 100, 'আরেকটি ফেরত', gen_random_uuid())$$),
  'CC_REFUND_STATE 409', 'a second refund while one is under way is refused');
select tests.act_as_api_role('service_role');
select is((public.bkash_record_refund((select id from public.payment_refunds where client_request_id = '00000000-0000-4000-8000-00000000e001'),
  'completed', 'RFD0001', null, null)).state, 'completed', 'bKash''s refund recorded');
select results_eq($$select state::text, refunded_amount from public.payments where id = (select id from fee)$$,
  $$values ('partially_refunded', 200.00::numeric)$$, 'the payment is partially refunded');
select tests.sign_in_as('5e700020-0000-4000-8000-0000000000ad');
select is(tests.answer($$select public.request_refund((select id from fee), 300.01, 'বাকিটা ফেরত', gen_random_uuid())$$),
  'CC_REFUND_AMOUNT 400', 'refunds together never exceed what was paid');
select is(tests.answer($$select public.request_refund((select id from gift), 250, 'দাতার অনুরোধে', '00000000-0000-4000-8000-00000000e002')$$),
  'done', 'a donation is refunded in full');
select tests.act_as_api_role('service_role');
select public.bkash_record_refund((select id from public.payment_refunds where client_request_id = '00000000-0000-4000-8000-00000000e002'),
  'completed', 'RFD0002', null, null);
select results_eq($$select raised_amount, donor_count from public.donation_campaigns where id = '5e700020-0000-4000-8000-00000000ca01'$$,
  $$values (0.00::numeric, 0)$$, 'and the campaign''s progress goes down by it');
select tests.sign_in_as('5e700020-0000-4000-8000-0000000000ad');
select is(tests.answer($$select public.request_refund((select id from gift), 1, 'আবার ফেরত', gen_random_uuid())$$),
  'CC_REFUND_STATE 409', 'a refunded payment cannot be refunded again');
select tests.sign_out();
alter table public.payments disable trigger payments_before_update;
update public.payments set completed_at = now() - interval '16 days' where id = (select id from fee);
alter table public.payments enable trigger payments_before_update;
select tests.sign_in_as('5e700020-0000-4000-8000-0000000000ad');
select is(tests.answer($$select public.request_refund((select id from fee), 100, 'দেরিতে ফেরত', gen_random_uuid())$$),
  'CC_REFUND_WINDOW 409', 'no refund after bKash''s 15-day window');
select tests.sign_in_as('5e700020-0000-4000-8000-0000000000c1');
select is((select count(*)::int from public.payment_refunds), 2, 'the payer reads the refunds of their payments');
select tests.sign_in_as('5e700020-0000-4000-8000-0000000000c2');
select is((select count(*)::int from public.payment_refunds), 0, 'another citizen reads none');

select * from finish();
rollback;
