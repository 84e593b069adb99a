-- Emergency directory, duty phones and SOS reports: who reads and keeps what, the SOS limit per person,
-- what an SOS row carries for its SMS, status order, and who hears SOS reports live. Rolled back.
begin;
set local search_path = public, extensions;

select plan(34);

select tests.create_person('c0000031-0000-4000-8000-0000000000c1', '8801300003101');
select tests.create_person('c0000031-0000-4000-8000-0000000000c2', '8801300003102');
select tests.create_person('c0000031-0000-4000-8000-0000000000a1', '8801300003103', 'ward_admin', '{12}');
select tests.create_person('c0000031-0000-4000-8000-0000000000a2', '8801300003104', 'ward_admin', '{40}');
select tests.create_person('c0000031-0000-4000-8000-0000000000ad', '8801300003105', 'super_admin');
insert into public.ward_duty_phones (ward_id, phone) values (12, '+8801711000012')
  on conflict (ward_id) do update set phone = excluded.phone;

-- Directory
select tests.act_as_api_role('anon');
select ok((select count(*) from public.emergency_contacts where kind = 'national' and phone in ('999', '333', '109', '16263')) = 4,
  'visitors read the national numbers');
select tests.sign_in_as('c0000031-0000-4000-8000-0000000000c1');
select throws_ok(
  $$insert into public.emergency_contacts (ward_id, kind, name_bn, name_en, phone) values (12, 'hospital', 'ভুয়া', 'Fake', '01700000000')$$,
  '42501', null, 'a citizen cannot add a contact'
);
select tests.sign_in_as('c0000031-0000-4000-8000-0000000000a1');
select lives_ok(
  $$insert into public.emergency_contacts (ward_id, kind, name_bn, name_en, phone) values (12, 'fire_station', 'মিরপুর ফায়ার স্টেশন', 'Mirpur fire station', '+8802900000')$$,
  'a ward admin adds a contact for their ward'
);
select tests.rls_refuses(
  $$insert into public.emergency_contacts (ward_id, kind, name_bn, name_en, phone) values (40, 'hospital', 'অন্য', 'Other', '+8802900001')$$,
  'emergency_contacts', 'but not for another ward'
);
select tests.rls_refuses(
  $$insert into public.emergency_contacts (kind, name_bn, name_en, phone) values ('national', 'জাতীয়', 'National', '9999')$$,
  'emergency_contacts', 'nor a national number'
);
select is(tests.rows_affected($$update public.emergency_contacts set phone = '998' where phone = '999'$$), 0,
  'nor change one');
select throws_ok(
  $$insert into public.emergency_contacts (ward_id, kind, name_bn, name_en, phone) values (12, 'hospital', 'ফোন', 'Phone', 'call me')$$,
  '23514', null, 'a phone that is not digits is refused'
);

-- Changing the directory: super admins any number, national ones included; ward admins their wards' only.
select tests.sign_in_as('c0000031-0000-4000-8000-0000000000a1');
select is(tests.rows_affected($$update public.emergency_contacts set address_bn = 'মিরপুর ২' where phone = '+8802900000'$$),
  1, 'a ward admin changes their ward''s contact');
select tests.rls_refuses(
  $$update public.emergency_contacts set ward_id = 40 where phone = '+8802900000'$$,
  'emergency_contacts', 'but cannot move it to another ward'
);
select tests.sign_in_as('c0000031-0000-4000-8000-0000000000a2');
select is(tests.rows_affected($$update public.emergency_contacts set phone = '+8802900009' where phone = '+8802900000'$$),
  0, 'another ward''s admin cannot change it');
select tests.sign_in_as('c0000031-0000-4000-8000-0000000000c1');
select is(tests.rows_affected($$update public.emergency_contacts set phone = '+8802900009'$$), 0,
  'a citizen cannot change any contact');
select tests.act_as_api_role('anon');
select throws_ok($$update public.emergency_contacts set phone = '+8802900009'$$, '42501', null,
  'nor can a visitor');
select tests.sign_in_as('c0000031-0000-4000-8000-0000000000ad');
select lives_ok(
  $$insert into public.emergency_contacts (kind, name_bn, name_en, phone) values ('national', 'নতুন জাতীয়', 'New national', '9998')$$,
  'a super admin adds a national number'
);
select is(tests.rows_affected($$update public.emergency_contacts set name_bn = 'জাতীয় জরুরি সেবা' where phone = '999'$$), 1,
  'and changes one');
select is(tests.rows_affected($$update public.emergency_contacts set address_bn = 'ঢাকা' where phone = '+8802900000'$$), 1,
  'and any ward''s contact');

-- Duty phones
select is((select phone from public.ward_duty_phones where ward_id = 12), '+8801711000012', 'a ward admin reads their ward''s duty phone');
select tests.sign_in_as('c0000031-0000-4000-8000-0000000000a2');
select is((select count(*)::integer from public.ward_duty_phones where ward_id = 12), 0, 'another ward''s admin does not');
select tests.sign_in_as('c0000031-0000-4000-8000-0000000000c1');
select is((select count(*)::integer from public.ward_duty_phones), 0, 'nor does a citizen');

-- SOS
select lives_ok(
  $$insert into public.sos_reports (id, kind, ward_id, latitude, longitude, details)
    values ('c0000031-0000-4000-8000-00000000005a', 'fire', 12, 23.8, 90.36, 'রান্নাঘরে আগুন')$$,
  'a citizen sends an SOS'
);
select results_eq(
  $$select citizen_id, status, citizen_phone, duty_phone from public.sos_reports where id = 'c0000031-0000-4000-8000-00000000005a'$$,
  $$values ('c0000031-0000-4000-8000-0000000000c1'::uuid, 'sent', '+8801300003101', '+8801711000012')$$,
  'it carries the sender, their phone and the ward''s duty phone'
);
select matches((select sms_text_bn from public.sos_reports where id = 'c0000031-0000-4000-8000-00000000005a'),
  '^জরুরি SOS: আগুন, ওয়ার্ড ১২। ফোন \+8801300003101', 'and the Bengali SMS text');
select is(tests.rows_affected($$update public.sos_reports set status = 'closed', outcome = 'false_alarm'$$), 0,
  'the sender cannot close it themselves');
select lives_ok($$insert into public.sos_reports (kind, ward_id) values ('flood', 12), ('other', 12)$$, 'two more within 30 minutes');
select throws_ok($$insert into public.sos_reports (kind, ward_id) values ('gas_leak', 12)$$, 'PGRST', null,
  'a fourth within 30 minutes is refused (429)');
select throws_ok($$insert into public.sos_reports (kind, ward_id) values ('fire', 4000)$$, 'PGRST', null,
  'still refused by the limit first, even for an unknown ward');
select tests.sign_in_as('c0000031-0000-4000-8000-0000000000c2');
select throws_ok($$insert into public.sos_reports (kind, ward_id) values ('fire', 4000)$$, '23503', null,
  'an unknown ward is refused');
select is((select count(*)::integer from public.sos_reports where citizen_id = 'c0000031-0000-4000-8000-0000000000c1'), 0,
  'another citizen reads no one else''s SOS');

select tests.sign_in_as('c0000031-0000-4000-8000-0000000000a2');
select is(tests.rows_affected($$update public.sos_reports set status = 'acknowledged' where id = 'c0000031-0000-4000-8000-00000000005a'$$), 0,
  'another ward''s admin cannot acknowledge it');
select tests.sign_in_as('c0000031-0000-4000-8000-0000000000a1');
select is(tests.rows_affected($$update public.sos_reports set status = 'acknowledged' where id = 'c0000031-0000-4000-8000-00000000005a'$$), 1,
  'the ward''s admin acknowledges it');
select tests.check_refuses(
  $$update public.sos_reports set status = 'closed' where id = 'c0000031-0000-4000-8000-00000000005a'$$,
  'sos_reports', 'sos_reports_closed_has_outcome', 'closing needs an outcome'
);
select lives_ok(
  $$update public.sos_reports set status = 'closed', outcome = 'help_sent', outcome_note = 'ফায়ার সার্ভিস পৌঁছেছে'
     where id = 'c0000031-0000-4000-8000-00000000005a'$$,
  'and closes it with an outcome'
);
select ok((select acknowledged_by = 'c0000031-0000-4000-8000-0000000000a1' and closed_at is not null
             from public.sos_reports where id = 'c0000031-0000-4000-8000-00000000005a'), 'who and when are stamped');

-- Live
select tests.sign_out();
select realtime.send('{}', 'sos_sent', topic, true)
  from unnest(array['sos:ward:12', 'sos:all', 'sos:c0000031-0000-4000-8000-00000000005a']) as topic;
select tests.sign_in_as('c0000031-0000-4000-8000-0000000000a1');
select is(array[tests.can_receive('sos:ward:12'), tests.can_receive('sos:all')], array[true, false],
  'the ward''s admin hears their ward, not the whole city');
select tests.sign_in_as('c0000031-0000-4000-8000-0000000000c1');
select is(array[tests.can_receive('sos:c0000031-0000-4000-8000-00000000005a'), tests.can_receive('sos:ward:12')],
  array[true, false], 'the sender hears their own report, not the ward''s');

select * from finish();
rollback;
