-- Refused payment requests are answered with an error and recorded (payment_events, kind refused: who
-- asked and what), and nothing else changes: an unknown or inactive fee, a bad donation, a refund by
-- someone who is not a super admin, larger than what is left, a second one while one is open. Only super
-- admins read the record; nobody writes it directly. Rolled back.
begin;
set local search_path = public, extensions;

select plan(21);

select tests.create_person('5e700052-0000-4000-8000-0000000000c1', '8801300005201');
select tests.create_person('5e700052-0000-4000-8000-0000000000b1', '8801300005202', 'ward_admin', '{5}');
select tests.create_person('5e700052-0000-4000-8000-0000000000ad', '8801300005203', 'super_admin');
insert into public.donation_campaigns (id, title_bn, title_en, story_bn, story_en, goal_amount, deadline)
values ('5e700052-0000-4000-8000-00000000ca01', 'পরীক্ষা অভিযান', 'Test campaign',
        'পরীক্ষার জন্য একটি অভিযান।', 'A campaign for the tests.', 10000, current_date + 10);

-- ---- The payer -----------------------------------------------------------------------------------
select tests.sign_in_as('5e700052-0000-4000-8000-0000000000c1');
select is(tests.answer($$select public.start_fee_payment('no_such_fee', gen_random_uuid())$$), 'CC_FEE 400',
  'an unknown fee code is refused with 400');
select is(tests.answer($$select public.start_donation('5e700052-0000-4000-8000-00000000ca01', 5, false, gen_random_uuid())$$),
  'CC_AMOUNT 400', 'a donation under 10 taka is refused');
select is(tests.answer($$select public.start_donation('5e700052-0000-4000-8000-00000000ca99', 100, false, gen_random_uuid())$$),
  'CC_CAMPAIGN 400', 'a donation to no campaign is refused');
select is(tests.answer($$select public.start_fee_payment('dncc_bulky_waste_pickup', '00000000-0000-4000-8000-0000000052f1')$$),
  'done', 'a real fee is started');
select is((select count(*)::int from public.payments), 1, 'the refusals started no payment');
select is((select count(*)::int from public.payment_events), 0, 'the payer does not read the record');
select is(tests.outcome($$select private.record_refusal(400, 'X', 'x', 'start_fee_payment', null, null)$$), '42501',
  'or write one');
select is(tests.outcome($$insert into public.payment_events (kind, api, note) values ('refused', 'start_fee_payment', 'forged')$$),
  '42501', 'even directly');

select tests.sign_out();
select results_eq(
  $$select api, note, request, payment_id from public.payment_events
     where kind = 'refused' and actor_id = '5e700052-0000-4000-8000-0000000000c1' order by id$$,
  $$values ('start_fee_payment', 'CC_FEE: No such fee can be paid now', '{"fee_code": "no_such_fee"}'::jsonb, null::uuid),
           ('start_donation', 'CC_AMOUNT: A donation is a whole number of taka from 10 to 500000',
            '{"campaign_id": "5e700052-0000-4000-8000-00000000ca01", "amount": 5}'::jsonb, null),
           ('start_donation', 'CC_CAMPAIGN: This campaign takes no donations now',
            '{"campaign_id": "5e700052-0000-4000-8000-00000000ca99", "amount": 100}', null)$$,
  'each refusal is recorded with who asked and what');

-- The payment is paid (as the bkash function records it).
create temporary table fee on commit drop as
  select * from public.payments where client_request_id = '00000000-0000-4000-8000-0000000052f1';
grant select on fee to authenticated, service_role;
select tests.act_as_api_role('service_role');
select public.bkash_record_created((select id from fee), 'TR0052PAY1', 'https://sandbox.example/checkout');
select public.bkash_record_completed((select id from fee), 'TRX5201', 500.00, (select invoice_number from fee),
  '01929918378', now());

-- ---- Refunds -------------------------------------------------------------------------------------
select tests.sign_in_as('5e700052-0000-4000-8000-0000000000b1');
select is(tests.answer($$select public.request_refund((select id from fee), 100, 'ওয়ার্ড অ্যাডমিনের ফেরত', gen_random_uuid())$$),
  'CC403 403', 'a ward admin cannot refund');
select tests.sign_in_as('5e700052-0000-4000-8000-0000000000ad');
select is(tests.answer($$select public.request_refund((select id from fee), 500.01, 'বেশি ফেরত চাই', gen_random_uuid())$$),
  'CC_REFUND_AMOUNT 400', 'a refund above the payment is refused');
select is(tests.answer($$select public.request_refund(gen_random_uuid(), 10, 'অচেনা পেমেন্ট', gen_random_uuid())$$),
  'CC404 404', 'a refund of no payment is refused');
select is(tests.answer($$select public.request_refund((select id from fee), 100, 'সেবা দেওয়া যায়নি', gen_random_uuid())$$),
  'done', 'a partial refund is asked for');
select is(tests.answer($$select public.request_refund((select id from fee), 100, 'আরেকটি ফেরত চাই', gen_random_uuid())$$),
  'CC_REFUND_STATE 409', 'a second refund while one is open is refused');
select results_eq($$select state::text, refunded_amount from public.payments where id = (select id from fee)$$,
  $$values ('refund_requested', 0.00::numeric)$$, 'the payment changed only by the refund that was allowed');
select is((select count(*)::int from public.payment_refunds where payment_id = (select id from fee)), 1,
  'and there is one refund');
select results_eq(
  $$select actor_id::text, split_part(note, ':', 1), request ->> 'amount' from public.payment_events
     where kind = 'refused' and api = 'request_refund' and payment_id = (select id from fee) order by id$$,
  $$values ('5e700052-0000-4000-8000-0000000000b1', 'CC403', '100'),
           ('5e700052-0000-4000-8000-0000000000ad', 'CC_REFUND_AMOUNT', '500.01'),
           ('5e700052-0000-4000-8000-0000000000ad', 'CC_REFUND_STATE', '100')$$,
  'the super admin reads each refused refund with who asked and how much');
select is((select count(*)::int from public.payment_events
            where kind = 'refused' and api = 'request_refund' and payment_id is null
              and request ->> 'reason' = 'অচেনা পেমেন্ট'), 1, 'the one for no payment too');
select is(tests.outcome($$update public.payment_events set note = 'nothing happened' where kind = 'refused'$$), '42501',
  'and cannot change the record');
select tests.act_as_api_role('anon');
select is(tests.outcome($$select private.record_refusal(400, 'X', 'x', 'start_fee_payment', null, null)$$), '42501',
  'nobody signed out records a refusal');
select tests.act_as_api_role('service_role');
select is(tests.outcome($$select private.record_refusal(400, 'X', 'x', 'start_fee_payment', null, null)$$), '42501',
  'nor the service role: only the refusing functions do');

select * from finish();
rollback;
