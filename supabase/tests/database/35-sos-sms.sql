-- An SOS texts the ward's duty phone through the SMS outbox (20261209000100_sos_sms.sql). Rolled back, so
-- nothing queued here is sent. Needs the tests.* helpers of 00-helpers.sql.
begin;
set local search_path = public, extensions;

select plan(4);

select tests.create_phone_user('c0000035-0000-4000-8000-0000000000c1', '8801300003501');
insert into public.ward_duty_phones (ward_id, phone) values (12, '+8801711000035')
on conflict (ward_id) do update set phone = excluded.phone;
delete from public.ward_duty_phones where ward_id = 19;

select tests.sign_in_as('c0000035-0000-4000-8000-0000000000c1');
insert into public.sos_reports (id, kind, ward_id, details)
values ('c0000035-0000-4000-8000-00000000005a', 'fire', 12, 'রান্নাঘরে আগুন'),
       ('c0000035-0000-4000-8000-00000000005b', 'flood', 19, null);
select tests.sign_out();

select results_eq(
  $$select o.to_phone, o.body, o.purpose
      from private.sms_outbox as o
     where o.dedupe_key = 'sos:c0000035-0000-4000-8000-00000000005a'$$,
  $$select '+8801711000035', r.sms_text_bn, 'sos' from public.sos_reports as r
     where r.id = 'c0000035-0000-4000-8000-00000000005a'$$,
  'the report''s Bengali text is queued to the ward''s duty phone'
);
select is(
  (select not_before from private.sms_outbox where dedupe_key = 'sos:c0000035-0000-4000-8000-00000000005a'),
  null, 'at once, whatever the hour'
);
select is(
  (select count(*)::integer from private.sms_outbox where dedupe_key = 'sos:c0000035-0000-4000-8000-00000000005b'),
  0, 'a ward without a duty phone gets no text'
);
select is(
  (select count(*)::integer from private.sms_outbox where dedupe_key like 'sos:c0000035-%'), 1,
  'one text per report'
);

select * from finish();
rollback;
