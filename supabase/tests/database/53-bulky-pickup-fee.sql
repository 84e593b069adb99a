-- A bulky pickup's fee: its citizen starts paying it from the request (the catalogue's amount), the
-- payment is linked to the request, and the ward's staff (not another ward's, not other citizens) see
-- whether it was paid, without reading the payment itself. Rolled back.
begin;
set local search_path = public, extensions;

select plan(17);

select tests.create_person('c0000053-0000-4000-8000-0000000000c1', '8801300005301');
select tests.create_person('c0000053-0000-4000-8000-0000000000c2', '8801300005302');
select tests.create_person('c0000053-0000-4000-8000-0000000000a1', '8801300005303', 'ward_admin', '{12}');
select tests.create_person('c0000053-0000-4000-8000-0000000000a2', '8801300005304', 'ward_admin', '{13}');

select tests.sign_in_as('c0000053-0000-4000-8000-0000000000c1');
insert into public.bulky_pickup_requests (id, ward_id, items, address, window_start, window_end)
values ('c0000053-0000-4000-8000-0000000000b1', 12, 'পুরনো ফ্রিজ', 'বাড়ি ৭, রোড ৩',
        (now() at time zone 'Asia/Dhaka')::date + 1, (now() at time zone 'Asia/Dhaka')::date + 4);

create function pg_temp.fee_state() returns text language sql as $$
  select public.fee_state(r) from public.bulky_pickup_requests as r where r.id = 'c0000053-0000-4000-8000-0000000000b1';
$$;

select is(pg_temp.fee_state(), null, 'no payment started: no fee state');
select tests.sign_in_as('c0000053-0000-4000-8000-0000000000c2');
select throws_ok(
  $$select public.start_pickup_payment('c0000053-0000-4000-8000-0000000000b1', gen_random_uuid())$$,
  'PGRST', null, 'another citizen cannot pay for it (404)'
);
select tests.sign_in_as('c0000053-0000-4000-8000-0000000000c1');
select isnt(public.start_pickup_payment('c0000053-0000-4000-8000-0000000000b1', 'c0000053-0000-4000-8000-0000000000f1') #>> '{}',
  null, 'its citizen starts paying its fee');
select results_eq(
  $$select p.payer_id, p.fee_code, p.amount from public.payments as p
     where p.payer_id = 'c0000053-0000-4000-8000-0000000000c1'$$,
  $$select 'c0000053-0000-4000-8000-0000000000c1'::uuid, f.code, f.amount from public.payment_fees as f
     where f.code = (select lower(city_corporation) || '_bulky_waste_pickup' from public.wards where id = 12)$$,
  'a fee payment of the catalogue''s amount for the ward''s corporation'
);
select is(pg_temp.fee_state(), 'pending', 'the citizen sees it being paid');
select is((public.start_pickup_payment('c0000053-0000-4000-8000-0000000000b1', gen_random_uuid()) #>> '{}')::uuid,
  (select id from public.payments where payer_id = 'c0000053-0000-4000-8000-0000000000c1'),
  'asking again continues the payment on its way rather than starting a second');
select throws_ok($$select * from private.bulky_pickup_payments$$, '42501', null,
  'the link itself is not readable');

select tests.sign_in_as('c0000053-0000-4000-8000-0000000000a1');
select is(pg_temp.fee_state(), 'pending', 'the ward''s admin sees it being paid');
select is((select count(*)::integer from public.payments where payer_id = 'c0000053-0000-4000-8000-0000000000c1'), 0,
  'without reading the payment');

-- bKash confirms it (as the bkash function would, with the service role).
select tests.sign_out();
update public.payments set state = 'redirected', bkash_payment_id = 'TR0053PAY'
 where payer_id = 'c0000053-0000-4000-8000-0000000000c1';
update public.payments set state = 'completed', trx_id = 'TRX0053PAID', completed_at = now()
 where payer_id = 'c0000053-0000-4000-8000-0000000000c1';

select tests.sign_in_as('c0000053-0000-4000-8000-0000000000a1');
select is(pg_temp.fee_state(), 'paid', 'then the ward''s admin sees it paid');
select tests.sign_in_as('c0000053-0000-4000-8000-0000000000a2');
select is((select public.fee_state(row('c0000053-0000-4000-8000-0000000000b1', null, 12, null, null, null, null,
            null, null, null, null, null, null)::public.bulky_pickup_requests)),
  null, 'another ward''s admin learns nothing, even passing the request''s id in a made-up row');
select tests.sign_in_as('c0000053-0000-4000-8000-0000000000c1');
select is(pg_temp.fee_state(), 'paid', 'its citizen sees it paid');
select throws_ok(
  $$select public.start_pickup_payment('c0000053-0000-4000-8000-0000000000b1', gen_random_uuid())$$,
  'PGRST', null, 'and cannot pay twice (409)'
);
select throws_ok(
  $$update public.bulky_pickup_requests set fee_code = 'dncc_trade_licence' where id = 'c0000053-0000-4000-8000-0000000000b1'$$,
  '42501', null, 'nor change which fee the request names'
);
update public.bulky_pickup_requests set status = 'cancelled' where id = 'c0000053-0000-4000-8000-0000000000b1';
select throws_ok(
  $$select public.start_pickup_payment('c0000053-0000-4000-8000-0000000000b1', gen_random_uuid())$$,
  'PGRST', null, 'a closed request takes no payment'
);

-- A fee taken out of the catalogue: start_fee_payment's refusal (recorded in the ledger) is answered as it is.
select tests.sign_in_as('c0000053-0000-4000-8000-0000000000c2');
insert into public.bulky_pickup_requests (id, ward_id, items, address, window_start, window_end)
values ('c0000053-0000-4000-8000-0000000000b2', 12, 'ভাঙা খাট', 'বাড়ি ৯, রোড ৩',
        (now() at time zone 'Asia/Dhaka')::date + 1, (now() at time zone 'Asia/Dhaka')::date + 4);
select tests.sign_out();
update public.payment_fees set active = false
 where code = (select lower(city_corporation) || '_bulky_waste_pickup' from public.wards where id = 12);
select tests.sign_in_as('c0000053-0000-4000-8000-0000000000c2');
select is(public.start_pickup_payment('c0000053-0000-4000-8000-0000000000b2', gen_random_uuid()) ->> 'code', 'CC_FEE',
  'a fee no longer in the catalogue: the refusal comes back as the fee''s');
select tests.sign_out();
select is(
  (select count(*) from public.payment_events
    where kind = 'refused' and actor_id = 'c0000053-0000-4000-8000-0000000000c2')::text || ' refusal, ' ||
  (select count(*) from public.payments where payer_id = 'c0000053-0000-4000-8000-0000000000c2')::text || ' payments',
  '1 refusal, 0 payments', 'and stays recorded in the ledger, with no payment started');

select * from finish();
rollback;
