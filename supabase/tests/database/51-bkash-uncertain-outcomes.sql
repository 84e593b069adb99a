-- Payments failed or cancelled on the payer's callback alone (bKash never said so) stay on the
-- reconciliation list while bKash keeps their paymentID (24 hours), so a payment made after a forged or early
-- cancel is still completed; once bKash confirms the outcome, or the window has passed, they leave it. Only
-- the service role (the bkash function) records any of it; each change is an event. Rolled back.
begin;
set local search_path = public, extensions;

select plan(22);

select tests.create_person('5e700051-0000-4000-8000-0000000000c1', '8801300005101');
select tests.create_person('5e700051-0000-4000-8000-0000000000ad', '8801300005102', 'super_admin');

-- Five payments, each sent to bKash.
select tests.sign_in_as('5e700051-0000-4000-8000-0000000000c1');
create temporary table started (label text primary key, id uuid) on commit drop;
grant select, insert on started to authenticated, service_role;
insert into started
select label, (public.start_fee_payment('dncc_bulky_waste_pickup', gen_random_uuid()) #>> '{}')::uuid
  from unnest(array['hint_cancel', 'bkash_cancel', 'hint_failure', 'old_hint_cancel', 'redirected']) as label;
select tests.act_as_api_role('service_role');
select public.bkash_record_created(id, 'TR0051' || upper(replace(label, '_', '')), 'https://sandbox.example/c')
  from started;
select public.bkash_record_unsuccessful((select id from started where label = 'hint_cancel'), 'cancelled',
  'cancel', 'the payer''s callback said cancel', false);
select public.bkash_record_unsuccessful((select id from started where label = 'bkash_cancel'), 'cancelled',
  'cancel', 'cancelled by the payer', true);
select public.bkash_record_unsuccessful((select id from started where label = 'hint_failure'), 'failed',
  'failure', 'the payer''s callback said failure', false);
select public.bkash_record_unsuccessful((select id from started where label = 'old_hint_cancel'), 'cancelled',
  'cancel', 'the payer''s callback said cancel', false);

-- As if it all happened ten minutes ago; the old one a day and more ago.
select tests.sign_out();
alter table public.payments disable trigger payments_before_update;
update public.payments set updated_at = now() - interval '10 minutes' where id in (select id from started);
update public.payments set created_at = now() - interval '25 hours'
 where id = (select id from started where label = 'old_hint_cancel');
alter table public.payments enable trigger payments_before_update;

select tests.act_as_api_role('service_role');
select results_eq(
  $$select s.label from public.bkash_unsettled(60, 1000) as u join started as s on s.id = u.payment_id order by s.label$$,
  $$values ('hint_cancel'), ('hint_failure'), ('redirected')$$,
  'reconciliation asks about the redirected payment and those cancelled or failed on the callback''s word');
select results_eq(
  $$select outcome_from_bkash from public.payments where id = (select id from started where label = 'bkash_cancel')$$,
  $$values (true)$$, 'a cancel bKash confirmed is marked as such, and not asked about again');

-- Ask about one: each exchange with bKash is an event, so it goes to the back of the queue (among these
-- payments: the database may hold others).
select is((select s.label from public.bkash_unsettled(60, 1000) with ordinality as u join started as s on s.id = u.payment_id
           order by u.ordinality limit 1),
  'redirected', 'the one with the oldest news comes first');
select public.bkash_log_event((select id from started where label = 'redirected'), null, 'bkash',
  'payment/status', 200, '{}', '{"statusCode": "0000", "transactionStatus": "Initiated"}', null);
select is((select s.label from public.bkash_unsettled(60, 1000) with ordinality as u join started as s on s.id = u.payment_id
           order by u.ordinality limit 1),
  'hint_cancel', 'and, once asked, waits behind the others');

-- bKash says the payer paid after all: the cancelled payment is completed.
select is((public.bkash_record_completed((select id from started where label = 'hint_cancel'), 'TRX51A', 500.00,
  (select invoice_number from public.payments where id = (select id from started where label = 'hint_cancel')),
  '01929918378', now())).state::text, 'completed', 'bKash''s Completed moves a cancelled payment to completed');
select results_eq(
  $$select from_state::text, to_state::text from public.payment_events
     where payment_id = (select id from started where label = 'hint_cancel') and kind = 'state' order by id$$,
  $$values (null, 'initiated'), ('initiated', 'redirected'), ('redirected', 'cancelled'), ('cancelled', 'completed')$$,
  'every step is an event, the late completion included');
select is((public.bkash_record_completed((select id from started where label = 'hint_cancel'), 'TRX51A', 500.00,
  (select invoice_number from public.payments where id = (select id from started where label = 'hint_cancel')),
  '01929918378', now())).trx_id, 'TRX51A', 'recorded again, nothing changes');
select is((select count(*)::int from public.payment_events
            where payment_id = (select id from started where label = 'hint_cancel') and to_state = 'completed'), 1,
  'completed exactly once');

-- bKash says the failure was real: the payment stays failed and leaves the list.
select is((public.bkash_record_unsuccessful((select id from started where label = 'hint_failure'), 'failed',
  'failed', 'failed at bKash', true)).outcome_from_bkash, true, 'bKash confirming a failure marks it');
select is((select count(*)::int from public.payment_events
            where payment_id = (select id from started where label = 'hint_failure') and kind = 'state'), 3,
  'without a state change of its own');
select is((public.bkash_record_unsuccessful((select id from started where label = 'bkash_cancel'), 'failed',
  'failure', 'the payer''s callback said failure', false)).state::text, 'cancelled',
  'a late callback cannot change an outcome bKash confirmed');
select tests.sign_out();
alter table public.payments disable trigger payments_before_update;
update public.payments set updated_at = now() - interval '10 minutes' where id in (select id from started);
alter table public.payments enable trigger payments_before_update;
select tests.act_as_api_role('service_role');
select results_eq(
  $$select s.label from public.bkash_unsettled(60, 1000) as u join started as s on s.id = u.payment_id order by s.label$$,
  $$values ('redirected')$$, 'settled and confirmed payments are no longer asked about');

-- bKash says Completed for another amount or invoice: disputed, left to staff, no longer asked about.
select is((public.bkash_record_disputed((select id from started where label = 'redirected'), 'amount differs')).state::text,
  'disputed', 'a mismatched Completed marks the payment disputed');
select is((public.bkash_record_disputed((select id from started where label = 'hint_cancel'), 'amount differs')).state::text,
  'completed', 'a completed payment is never disputed afterwards');
select is((select count(*)::int from public.bkash_unsettled(0, 1000) as u join started as s on s.id = u.payment_id
            where s.label = 'redirected'), 0, 'a disputed payment is no longer asked about');

-- Nobody else records outcomes, or moves a payment out of cancelled.
select tests.sign_in_as('5e700051-0000-4000-8000-0000000000c1');
select is(tests.outcome($$select public.bkash_record_unsuccessful((select id from started where label = 'redirected'), 'cancelled', 'cancel', null, false)$$),
  '42501', 'the payer cannot record a cancel');
select is(tests.outcome($$update public.payments set state = 'completed' where id = (select id from started where label = 'old_hint_cancel')$$),
  '42501', 'or complete a cancelled payment');
select is(tests.outcome($$select public.bkash_record_disputed((select id from started where label = 'old_hint_cancel'), 'x')$$),
  '42501', 'or dispute one');
select tests.sign_in_as('5e700051-0000-4000-8000-0000000000ad');
select is(tests.outcome($$select public.bkash_record_completed((select id from started where label = 'old_hint_cancel'), 'TRX51B', 500.00, 'CCP', null, now())$$),
  '42501', 'nor can a super admin record a completion');
select is(tests.outcome($$select public.bkash_unsettled()$$), '42501', 'or list what reconciliation asks about');
select is(tests.outcome($$select public.bkash_record_disputed((select id from started where label = 'old_hint_cancel'), 'x')$$),
  '42501', 'or mark a payment disputed');
select tests.act_as_api_role('anon');
select is(tests.outcome($$select public.bkash_record_unsuccessful((select id from started where label = 'redirected'), 'cancelled', 'cancel', null, false)$$),
  '42501', 'nor anyone signed out');

select * from finish();
rollback;
