-- Notifications about payments and urgent notices (20261209000200_payment_and_notice_notifications.sql).
-- Needs the tests.* helpers of 00-helpers.sql. Rolled back.
begin;
set local search_path = public, extensions;

select plan(19);

select tests.create_person('c0000045-0000-4000-8000-0000000000c1', '8801300004501');
select tests.create_person('c0000045-0000-4000-8000-0000000000c2', '8801300004502');
select tests.create_person('c0000045-0000-4000-8000-0000000000a1', '8801300004503', 'ward_admin', '{12}');
select tests.create_person('c0000045-0000-4000-8000-0000000000ad', '8801300004504', 'super_admin');
update public.profiles set ward_id = 12 where id = 'c0000045-0000-4000-8000-0000000000c1';
update public.profiles set ward_id = 40 where id = 'c0000045-0000-4000-8000-0000000000c2';

-- Payments ----------------------------------------------------------------------------------------------
select tests.sign_in_as('c0000045-0000-4000-8000-0000000000c1');
create temporary table started on commit drop as
  select (public.start_fee_payment('dncc_bulky_waste_pickup', gen_random_uuid()) #>> '{}')::uuid as id;
select tests.sign_out();
select is((select count(*)::int from public.notifications
            where recipient_id = 'c0000045-0000-4000-8000-0000000000c1' and kind = 'payment_result'), 0,
  'starting a payment tells nobody anything yet');
update public.payments set state = 'redirected', bkash_payment_id = 'TR0045A', bkash_url = 'https://sandbox.example/c' where id = (select id from started);
update public.payments set state = 'completed', trx_id = 'TRX45A', completed_at = now()
 where id = (select id from started);
select results_eq(
  $$select data ->> 'state', data ->> 'payment_id' from public.notifications
     where recipient_id = 'c0000045-0000-4000-8000-0000000000c1' and kind = 'payment_result'$$,
  $$select 'completed', id::text from started$$,
  'the payer hears once that it was paid'
);
update public.payments set state = 'refund_requested' where id = (select id from started);
update public.payments set state = 'completed' where id = (select id from started);
select is((select count(*)::int from public.notifications
            where recipient_id = 'c0000045-0000-4000-8000-0000000000c1' and kind = 'payment_result'), 1,
  'a refund that did not go through tells nothing new');
select tests.sign_in_as('c0000045-0000-4000-8000-0000000000c2');
select is((select count(*)::int from public.notifications where kind = 'payment_result'), 0,
  'nobody else reads it');

-- Urgent notices ----------------------------------------------------------------------------------------
select tests.sign_in_as('c0000045-0000-4000-8000-0000000000a1');
insert into public.notices (title_bn, body_bn, ward_ids, urgent)
values ('পানি বন্ধ থাকবে ৪৫', 'আজ রাতে পানি থাকবে না।', '{12}', true),
       ('সাধারণ নোটিশ ৪৫', 'সভা হবে।', '{12}', false);
select tests.sign_out();
select is((select count(*)::int from public.notifications where data ->> 'title_bn' = 'পানি বন্ধ থাকবে ৪৫'), 0,
  'saving an urgent notice fans out nothing in the request (a city''s citizens would not fit in its 2 s)');
-- The minute job's turn (pg_cron: announce-urgent-notices).
select is(private.announce_urgent_notices(), 1, 'the minute job announces the urgent one');
select results_eq(
  $$select recipient_id, data ->> 'title_bn' from public.notifications
     where kind = 'urgent_notice' and data ->> 'title_bn' = 'পানি বন্ধ থাকবে ৪৫'
       and recipient_id in ('c0000045-0000-4000-8000-0000000000c1', 'c0000045-0000-4000-8000-0000000000c2',
                            'c0000045-0000-4000-8000-0000000000a1')$$,
  $$values ('c0000045-0000-4000-8000-0000000000c1'::uuid, 'পানি বন্ধ থাকবে ৪৫')$$,
  'an urgent notice for ward 12 reaches its citizen, not another ward''s, not its author'
);
select is((select count(*)::int from public.notifications
            where data ->> 'title_bn' = 'সাধারণ নোটিশ ৪৫'), 0,
  'a notice that is not urgent lights no bell');
update public.notices set urgent = true where title_bn = 'সাধারণ নোটিশ ৪৫';
select private.announce_urgent_notices();
select is((select count(*)::int from public.notifications
            where data ->> 'title_bn' = 'সাধারণ নোটিশ ৪৫'
              and recipient_id = 'c0000045-0000-4000-8000-0000000000c1'), 1,
  'one made urgent later does');
select tests.sign_in_as('c0000045-0000-4000-8000-0000000000ad');
insert into public.notices (title_bn, body_bn, urgent) values ('শহরজুড়ে সতর্কতা ৪৫', 'ঘূর্ণিঝড় আসছে।', true);
select tests.sign_out();
select private.announce_urgent_notices();
select is((select count(*)::int from public.notifications
            where data ->> 'title_bn' = 'শহরজুড়ে সতর্কতা ৪৫'
              and recipient_id in ('c0000045-0000-4000-8000-0000000000c1', 'c0000045-0000-4000-8000-0000000000c2')), 2,
  'a city-wide one reaches every citizen');

-- Announced when published, once ------------------------------------------------------------------------
select tests.sign_in_as('c0000045-0000-4000-8000-0000000000a1');
insert into public.notices (title_bn, body_bn, ward_ids, urgent, publish_at)
values ('কাল সকালে সড়ক বন্ধ ৪৫', 'মেরামতের কাজ চলবে।', '{12}', true, now() + interval '1 hour');
update public.notices set title_bn = 'পানি বন্ধ থাকবে ৪৫ (সংশোধিত)' where title_bn = 'পানি বন্ধ থাকবে ৪৫';
select tests.sign_out();
select is(private.announce_urgent_notices(), 0, 'nothing is due: one is announced already, one appears later');
select is((select count(*)::int from public.notifications where data ->> 'title_bn' = 'কাল সকালে সড়ক বন্ধ ৪৫'), 0,
  'an urgent notice written to appear later tells nobody yet');
select is((select count(*)::int from public.notifications
            where recipient_id = 'c0000045-0000-4000-8000-0000000000c1'
              and data ->> 'notice_id' = (select id::text from public.notices
                                           where title_bn = 'পানি বন্ধ থাকবে ৪৫ (সংশোধিত)')), 1,
  'editing an announced notice tells nobody again');
-- Its hour comes (the test's clock stands still: the notice is moved back instead); one expired meanwhile.
update public.notices set publish_at = now() - interval '1 minute' where title_bn = 'কাল সকালে সড়ক বন্ধ ৪৫';
insert into public.notices (title_bn, body_bn, ward_ids, urgent, publish_at, expires_at)
values ('পুরোনো সতর্কতা ৪৫', 'শেষ হয়ে গেছে।', '{12}', true, now() - interval '2 days', now() - interval '1 day');
select is(private.announce_urgent_notices(), 1, 'the minute job announces the one now published, not the expired one');
select results_eq(
  $$select recipient_id from public.notifications
     where data ->> 'title_bn' = 'কাল সকালে সড়ক বন্ধ ৪৫'
       and recipient_id in ('c0000045-0000-4000-8000-0000000000c1', 'c0000045-0000-4000-8000-0000000000c2')$$,
  $$values ('c0000045-0000-4000-8000-0000000000c1'::uuid)$$,
  'its ward''s citizen hears of it then'
);
select ok(
  exists (select 1 from realtime.messages
           where topic = 'notices:ward:12' and event = 'urgent_changed'
             and payload ->> 'notice_id' = (select id::text from public.notices
                                             where title_bn = 'কাল সকালে সড়ক বন্ধ ৪৫')),
  'and open pages of the ward are told to show its banner'
);
select is(private.announce_urgent_notices(), 0, 'the next run announces nothing again');
select is((select command from cron.job where jobname = 'announce-urgent-notices' and schedule = '* * * * *'),
          'select private.announce_urgent_notices()', 'pg_cron looks for notices whose hour has come every minute');

select tests.sign_in_as('c0000045-0000-4000-8000-0000000000c1');
select throws_ok(
  $$insert into public.notifications (recipient_id, kind, data)
    values ('c0000045-0000-4000-8000-0000000000c1', 'urgent_notice', '{}')$$,
  '42501', null, 'nobody writes a notification of their own'
);

select * from finish();
rollback;
