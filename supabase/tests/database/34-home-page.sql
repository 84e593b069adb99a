-- public.home_page runs as its caller: visitors get city-wide notices only (and no error from the tables
-- they may not read); a citizen gets their ward's notices and next collection and their own open
-- complaints, never another person's. Rolled back.
begin;
set local search_path = public, extensions;

select plan(10);

select tests.create_person('c0000034-0000-4000-8000-0000000000c1', '8801300003401');
select tests.create_person('c0000034-0000-4000-8000-0000000000c2', '8801300003402');
update public.profiles set ward_id = 90, full_name = 'হোম নাগরিক' where id = 'c0000034-0000-4000-8000-0000000000c1';
delete from public.waste_schedules where ward_id = 90;
insert into public.waste_schedules (ward_id, weekday, starts_at, ends_at)
  select 90, d, '00:00', '23:59' from generate_series(0, 6) as d;
insert into public.notices (title_bn, body_bn, ward_ids) values
  ('হোম-পরীক্ষা শহর', 'সবার', '{}'), ('হোম-পরীক্ষা ৯০', 'ওয়ার্ড ৯০', '{90}'), ('হোম-পরীক্ষা ৯১', 'ওয়ার্ড ৯১', '{91}');
insert into public.notices (title_bn, body_bn, ward_ids, urgent) values
  ('হোম-জরুরি শহর', 'সবার', '{}', true), ('হোম-জরুরি ৯০', 'ওয়ার্ড ৯০', '{90}', true),
  ('হোম-জরুরি ৯১', 'ওয়ার্ড ৯১', '{91}', true);
insert into public.complaints (citizen_id, title, description, category, ward_id, location)
values ('c0000034-0000-4000-8000-0000000000c2', 'অন্যের অভিযোগ', 'অন্য একজন নাগরিকের অভিযোগ, গোপন।', 'roads', 90, 'মোড়');

create function pg_temp.urgent_titles(urgent jsonb) returns text[] language sql as $$
  select coalesce(array_agg(n ->> 'title_bn' order by n ->> 'title_bn'), '{}')
    from jsonb_array_elements(urgent) as n where n ->> 'title_bn' like 'হোম-জরুরি%';
$$;

create function pg_temp.titles(page jsonb) returns text[] language sql as $$
  select coalesce(array_agg(n ->> 'title_bn' order by n ->> 'title_bn'), '{}')
    from jsonb_array_elements(page -> 'notices') as n where n ->> 'title_bn' like 'হোম-পরীক্ষা%';
$$;

select tests.act_as_api_role('anon');
select lives_ok($$select public.home_page(10)$$, 'visitors may call it');
select is(pg_temp.titles(public.home_page(10)), '{হোম-পরীক্ষা শহর}', 'visitors get city-wide notices only');
select is(pg_temp.urgent_titles(public.urgent_notices() -> 'notices'), '{হোম-জরুরি শহর}',
  'and only the city-wide urgent notices for the banner');

select tests.sign_in_as('c0000034-0000-4000-8000-0000000000c1');
select is(pg_temp.titles(public.home_page(10)), '{"হোম-পরীক্ষা শহর","হোম-পরীক্ষা ৯০"}',
  'a citizen gets their ward''s and the city''s, not another ward''s');
select is(public.home_page(10) ->> 'full_name', 'হোম নাগরিক', 'and their name');
select is(pg_temp.urgent_titles(public.urgent_notices() -> 'notices'), '{"হোম-জরুরি শহর","হোম-জরুরি ৯০"}',
  'the banner''s urgent notices: their ward''s and the city''s, not another ward''s');
select is((public.urgent_notices() ->> 'ward_id')::integer, 90, 'with the ward whose live topic the banner joins');
select is(pg_temp.urgent_titles(public.home_page(10) -> 'urgent'), '{"হোম-জরুরি শহর","হোম-জরুরি ৯০"}',
  'the home page shows the same urgent notices');
select isnt(public.home_page(10) -> 'next_collection', 'null'::jsonb, 'and their ward''s next collection');
select is(jsonb_array_length(public.home_page(10) -> 'open_complaints'), 0, 'and never someone else''s complaints');

select * from finish();
rollback;
