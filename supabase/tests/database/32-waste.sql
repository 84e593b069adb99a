-- Waste collection: schedules and stations (public, kept by the ward's admins), the next collections of a
-- ward, and bulky pickup requests (the citizen's own; the ward's staff move them along). Rolled back.
begin;
set local search_path = public, extensions;

select plan(28);

select tests.create_person('c0000032-0000-4000-8000-0000000000c1', '8801300003201');
select tests.create_person('c0000032-0000-4000-8000-0000000000c2', '8801300003202');
select tests.create_person('c0000032-0000-4000-8000-0000000000a1', '8801300003203', 'ward_admin', '{77}');
select tests.create_person('c0000032-0000-4000-8000-0000000000a2', '8801300003204', 'ward_admin', '{78}');
select tests.create_person('c0000032-0000-4000-8000-0000000000ad', '8801300003205', 'super_admin');
delete from public.waste_schedules where ward_id in (77, 78);

-- Schedules
select tests.sign_in_as('c0000032-0000-4000-8000-0000000000a1');
select lives_ok(
  $$insert into public.waste_schedules (ward_id, weekday, starts_at, ends_at)
    select 77, d, '06:00', '08:00' from generate_series(0, 6) as d$$,
  'a ward admin sets their ward''s collection days'
);
select tests.rls_refuses(
  $$insert into public.waste_schedules (ward_id, weekday, starts_at, ends_at) values (78, 1, '06:00', '08:00')$$,
  'waste_schedules', 'but not another ward''s'
);
select tests.check_refuses(
  $$insert into public.waste_schedules (ward_id, weekday, starts_at, ends_at) values (77, 1, '09:00', '08:00')$$,
  'waste_schedules', 'waste_schedules_window', 'a window that ends before it starts is refused'
);
select tests.act_as_api_role('anon');
select is((select count(*)::integer from public.waste_schedules where ward_id = 77), 7, 'visitors read schedules');
select is((select count(*)::integer from public.next_collections(77, 3)), 3, 'the next three collections');
select ok((select bool_and(day >= (now() at time zone 'Asia/Dhaka')::date) from public.next_collections(77, 10)),
  'none in the past');
select is((select count(*)::integer from public.next_collections(78)), 0, 'none for a ward without a schedule');
select throws_ok($$insert into public.waste_schedules (ward_id, weekday, starts_at, ends_at) values (77, 1, '10:00', '11:00')$$,
  '42501', null, 'visitors change nothing');

-- Stations
select tests.sign_in_as('c0000032-0000-4000-8000-0000000000a1');
select lives_ok(
  $$insert into public.transfer_stations (ward_id, name_bn, name_en, hours_bn) values (77, 'এসটিএস ৭৭', 'STS 77', 'সকাল ৬টা–১০টা')$$,
  'a ward admin adds a transfer station'
);
select tests.sign_in_as('c0000032-0000-4000-8000-0000000000a2');
select is(tests.rows_affected($$delete from public.transfer_stations where ward_id = 77$$), 0, 'another ward''s admin cannot remove it');
select is(tests.rows_affected($$update public.transfer_stations set hours_bn = 'কখনো না' where ward_id = 77$$), 0,
  'nor change it');
select tests.rls_refuses(
  $$insert into public.transfer_stations (ward_id, name_bn, name_en) values (77, 'অন্যের', 'Not theirs')$$,
  'transfer_stations', 'nor add one to a ward not theirs'
);
select tests.sign_in_as('c0000032-0000-4000-8000-0000000000a1');
select is(tests.rows_affected($$update public.transfer_stations set hours_bn = 'বিকেল ৩টা–৫টা' where ward_id = 77$$), 1,
  'the ward''s admin changes their station');
select throws_ok($$update public.transfer_stations set ward_id = 78 where ward_id = 77$$, '42501', null,
  'but never moves it to another ward');
select tests.sign_in_as('c0000032-0000-4000-8000-0000000000c1');
select tests.rls_refuses(
  $$insert into public.transfer_stations (ward_id, name_bn, name_en) values (77, 'নাগরিকের', 'Citizen''s')$$,
  'transfer_stations', 'a citizen cannot add a station'
);
select tests.act_as_api_role('anon');
select throws_ok($$insert into public.transfer_stations (ward_id, name_bn, name_en) values (77, 'অতিথি', 'Visitor')$$,
  '42501', null, 'nor can a visitor');
select tests.sign_in_as('c0000032-0000-4000-8000-0000000000ad');
select lives_ok($$insert into public.transfer_stations (ward_id, name_bn, name_en) values (78, 'এসটিএস ৭৮', 'STS 78')$$,
  'a super admin adds a station to any ward');
select is(tests.rows_affected($$update public.transfer_stations set hours_bn = 'সারাদিন' where ward_id in (77, 78)$$), 2,
  'and changes any ward''s');

-- Bulky pickups
select tests.sign_in_as('c0000032-0000-4000-8000-0000000000c1');
select lives_ok(
  $$insert into public.bulky_pickup_requests (id, ward_id, items, address, window_start, window_end)
    values ('c0000032-0000-4000-8000-0000000000b1', 77, 'পুরনো সোফা ও খাট', 'বাড়ি ৫, রোড ২',
            (now() at time zone 'Asia/Dhaka')::date + 1, (now() at time zone 'Asia/Dhaka')::date + 5)$$,
  'a citizen asks for a bulky pickup'
);
select is((select fee_code from public.bulky_pickup_requests where id = 'c0000032-0000-4000-8000-0000000000b1'),
  (select lower(city_corporation) || '_bulky_waste_pickup' from public.wards where id = 77),
  'it names its corporation''s fee from the catalogue');
select throws_ok(
  $$insert into public.bulky_pickup_requests (ward_id, items, address, window_start, window_end)
    values (77, 'আলমারি', 'বাড়ি ৫', (now() at time zone 'Asia/Dhaka')::date, (now() at time zone 'Asia/Dhaka')::date + 2)$$,
  '23514', null, 'a window starting today is refused'
);
select tests.check_refuses(
  $$insert into public.bulky_pickup_requests (ward_id, items, address, window_start, window_end)
    values (77, 'আলমারি', 'বাড়ি ৫', (now() at time zone 'Asia/Dhaka')::date + 1, (now() at time zone 'Asia/Dhaka')::date + 30)$$,
  'bulky_pickup_requests', 'bulky_pickup_requests_window', 'a window over 14 days is refused'
);
select throws_ok(
  $$update public.bulky_pickup_requests set status = 'collected' where id = 'c0000032-0000-4000-8000-0000000000b1'$$,
  '23514', null, 'the citizen cannot mark it collected'
);

select tests.sign_in_as('c0000032-0000-4000-8000-0000000000c2');
select is((select count(*)::integer from public.bulky_pickup_requests where id = 'c0000032-0000-4000-8000-0000000000b1'), 0,
  'another citizen does not see it');
select tests.sign_in_as('c0000032-0000-4000-8000-0000000000a2');
select is(tests.rows_affected($$update public.bulky_pickup_requests set status = 'declined' where id = 'c0000032-0000-4000-8000-0000000000b1'$$), 0,
  'another ward''s admin cannot touch it');
select tests.sign_in_as('c0000032-0000-4000-8000-0000000000a1');
select tests.check_refuses(
  $$update public.bulky_pickup_requests set status = 'scheduled', scheduled_for = (now() at time zone 'Asia/Dhaka')::date + 9
     where id = 'c0000032-0000-4000-8000-0000000000b1'$$,
  'bulky_pickup_requests', 'bulky_pickup_requests_scheduled_in_window', 'a date outside the window is refused'
);
select is(tests.rows_affected($$update public.bulky_pickup_requests set status = 'scheduled',
  scheduled_for = (now() at time zone 'Asia/Dhaka')::date + 2, staff_note = 'সকাল ১০টায় আসবে' where id = 'c0000032-0000-4000-8000-0000000000b1'$$), 1,
  'the ward''s admin schedules it within the window');
select tests.sign_in_as('c0000032-0000-4000-8000-0000000000c1');
select throws_ok(
  $$update public.bulky_pickup_requests set status = 'cancelled' where id = 'c0000032-0000-4000-8000-0000000000b1'$$,
  '23514', null, 'once scheduled the citizen cannot cancel it here'
);

select * from finish();
rollback;
