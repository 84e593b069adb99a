-- Demo data for the local stack, applied once on a fresh database (`supabase db push --include-seed`).
-- Safe to re-run: nothing is inserted twice.
--
-- Sign in as the demo citizen with phone 01700000000 and the test code 123456 (config.toml
-- [auth.sms.test_otp]); other numbers receive their code in the dev SMS inbox (http://127.0.0.1:54324).

-- ---------------------------------------------------------------------------------------------------
-- People (auth.users with the columns GoTrue fills for a phone sign-up; profiles follow by trigger)
-- ---------------------------------------------------------------------------------------------------
insert into auth.users (instance_id, id, aud, role, phone, phone_confirmed_at, raw_app_meta_data,
                        raw_user_meta_data, created_at, updated_at)
values
  ('00000000-0000-0000-0000-000000000000', 'de000000-0000-4000-8000-000000000001', 'authenticated',
   'authenticated', '8801700000000', now() - interval '60 days',
   '{"provider": "phone", "providers": ["phone"]}', '{}',
   now() - interval '60 days', now() - interval '60 days'),
  ('00000000-0000-0000-0000-000000000000', 'de000000-0000-4000-8000-000000000002', 'authenticated',
   'authenticated', '8801700000001', now() - interval '45 days',
   '{"provider": "phone", "providers": ["phone"]}', '{}',
   now() - interval '45 days', now() - interval '45 days'),
  ('00000000-0000-0000-0000-000000000000', 'de000000-0000-4000-8000-000000000003', 'authenticated',
   'authenticated', '8801700000002', now() - interval '90 days',
   '{"provider": "phone", "providers": ["phone"]}', '{}',
   now() - interval '90 days', now() - interval '90 days')
on conflict do nothing;

-- Demo staff: a ward admin posted to wards 12 and 19, and a service provider in each of those wards.
insert into auth.users (instance_id, id, aud, role, phone, phone_confirmed_at, raw_app_meta_data,
                        raw_user_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated', phone,
       now() - interval '80 days', '{"provider": "phone", "providers": ["phone"]}', '{}',
       now() - interval '80 days', now() - interval '80 days'
  from (values ('de000000-0000-4000-8000-000000000004'::uuid, '8801700000003'),
               ('de000000-0000-4000-8000-000000000005', '8801700000004'),
               ('de000000-0000-4000-8000-000000000006', '8801700000005')) as staff(id, phone)
on conflict do nothing;

-- Staff roles live in public.staff_roles; the custom access token hook puts them into tokens.
insert into public.staff_roles (user_id, role, granted_by)
values ('de000000-0000-4000-8000-000000000003', 'super_admin', null),
       ('de000000-0000-4000-8000-000000000004', 'ward_admin', 'de000000-0000-4000-8000-000000000003'),
       ('de000000-0000-4000-8000-000000000005', 'service_provider', 'de000000-0000-4000-8000-000000000003'),
       ('de000000-0000-4000-8000-000000000006', 'service_provider', 'de000000-0000-4000-8000-000000000003')
on conflict do nothing;
insert into public.ward_postings (user_id, ward_id, posted_by)
values ('de000000-0000-4000-8000-000000000004', 12, 'de000000-0000-4000-8000-000000000003'),
       ('de000000-0000-4000-8000-000000000004', 19, 'de000000-0000-4000-8000-000000000003'),
       ('de000000-0000-4000-8000-000000000005', 12, 'de000000-0000-4000-8000-000000000003'),
       ('de000000-0000-4000-8000-000000000006', 19, 'de000000-0000-4000-8000-000000000003')
on conflict do nothing;

update public.profiles as p
   set full_name = demo.full_name, ward_id = demo.ward_id
  from (values
    ('de000000-0000-4000-8000-000000000001'::uuid, 'ডেমো নাগরিক', 12),
    ('de000000-0000-4000-8000-000000000002'::uuid, 'ডেমো প্রতিবেশী', 12),
    ('de000000-0000-4000-8000-000000000003'::uuid, 'ডেমো সুপার অ্যাডমিন', null),
    ('de000000-0000-4000-8000-000000000004'::uuid, 'ডেমো ওয়ার্ড অ্যাডমিন', null),
    ('de000000-0000-4000-8000-000000000005'::uuid, 'ডেমো সেবাদাতা রফিক', null),
    ('de000000-0000-4000-8000-000000000006'::uuid, 'ডেমো সেবাদাতা সালমা', null)
  ) as demo(id, full_name, ward_id)
 where p.id = demo.id and p.full_name is null;

-- ---------------------------------------------------------------------------------------------------
-- Complaints, each taken through its workflow by the demo super admin so the history is real, then
-- moved back in time. Places are generic landmarks; coordinates and wards (public.wards ids: 1-54 DNCC,
-- 55-129 DSCC) are illustrative, in the right city corporation but not matched to ward boundaries.
-- ---------------------------------------------------------------------------------------------------
do $$
declare
  demo record;
  step jsonb;
  step_at timestamptz;
  last_resolved_at timestamptz;
begin
  -- Status changes are made as the demo super admin (the triggers record who changed what).
  perform set_config('request.jwt.claims',
    '{"sub": "de000000-0000-4000-8000-000000000003", "role": "authenticated", '
    '"app_metadata": {"role": "super_admin"}}', true);

  for demo in
    select * from (values
      ('de00c000-0000-4000-8000-000000000001'::uuid, 'de000000-0000-4000-8000-000000000001'::uuid,
       'waste_management', 'সড়কের পাশে ময়লার স্তূপ',
       'কাঁচাবাজারের সামনের সড়কের পাশে তিন দিন ধরে ময়লা পড়ে আছে। দুর্গন্ধে হাঁটা যায় না।',
       'কাঁচাবাজারের সামনে, প্রধান সড়ক', 23.80690, 90.36870, 12, interval '2 days',
       '[]'::jsonb),
      ('de00c000-0000-4000-8000-000000000002', 'de000000-0000-4000-8000-000000000001',
       'water_supply', 'দুই দিন ধরে পানি নেই',
       'আমাদের গলির সব বাসায় দুই দিন ধরে লাইনের পানি আসছে না। বয়স্ক মানুষদের খুব কষ্ট হচ্ছে।',
       'মসজিদের পাশের গলি', null, null, 12, interval '5 days',
       '[{"status": "in_progress", "after": "6 hours",
          "comment": "পানি সরবরাহ কর্তৃপক্ষকে জানানো হয়েছে, লাইন পরীক্ষা চলছে।", "public": true}]'),
      ('de00c000-0000-4000-8000-000000000003', 'de000000-0000-4000-8000-000000000001',
       'electricity', 'রাস্তার বাতি জ্বলে না',
       'স্কুলের গেটের সামনের তিনটি সড়কবাতি এক সপ্তাহ ধরে নষ্ট, সন্ধ্যার পর অন্ধকার থাকে।',
       'স্কুলের গেটের সামনে', 23.79410, 90.40430, 19, interval '12 days',
       '[{"status": "in_progress", "after": "1 day", "comment": null, "public": false},
         {"status": "resolved", "after": "3 days",
          "comment": "নষ্ট বাতিগুলো বদলে দেওয়া হয়েছে।", "public": true}]'),
      ('de00c000-0000-4000-8000-000000000004', 'de000000-0000-4000-8000-000000000001',
       'roads', 'সড়কে বড় গর্ত',
       'বাসস্ট্যান্ডের মোড়ে সড়কে বড় গর্ত, বৃষ্টির পানি জমে রিকশা উল্টে যাচ্ছে।',
       'বাসস্ট্যান্ডের মোড়', 23.73300, 90.41720, 75, interval '28 days',
       '[{"status": "in_progress", "after": "2 days", "comment": null, "public": false},
         {"status": "resolved", "after": "9 days", "comment": "গর্ত মেরামত করা হয়েছে।", "public": true},
         {"status": "closed", "after": "12 days", "comment": null, "public": false}]'),
      ('de00c000-0000-4000-8000-000000000005', 'de000000-0000-4000-8000-000000000001',
       'other', 'পার্কে কুকুরের উপদ্রব',
       'পার্কে সন্ধ্যার পর অনেক কুকুর জড়ো হয়, শিশুরা ভয় পায়।',
       'পার্কের প্রবেশপথ', null, null, 60, interval '40 days',
       '[{"status": "rejected", "after": "1 day",
          "reason": "একই জায়গার একই সমস্যা আগেই জানানো হয়েছে; সেই অভিযোগে কাজ চলছে।",
          "comment": null, "public": false}]'),
      ('de00c000-0000-4000-8000-000000000006', 'de000000-0000-4000-8000-000000000002',
       'cleanliness', 'নর্দমা উপচে পড়ছে',
       'ড্রেন বন্ধ হয়ে নোংরা পানি রাস্তায় উঠে আসছে, পাশের দোকানগুলোর সামনে জমে আছে।',
       'কাঁচাবাজারের পেছনের রাস্তা', 23.80710, 90.36890, 12, interval '1 day',
       '[]'),
      ('de00c000-0000-4000-8000-000000000007', 'de000000-0000-4000-8000-000000000002',
       'cleanliness', 'ফুটপাতে নির্মাণসামগ্রী',
       'ফুটপাতে বালু আর ইট ফেলে রাখা হয়েছে, পথচারীরা সড়কে নেমে হাঁটছে।',
       'হাসপাতালের সামনের ফুটপাত', 23.71040, 90.40740, 70, interval '8 days',
       '[{"status": "in_progress", "after": "20 hours", "comment": null, "public": false}]')
    ) as v(id, citizen_id, category, title, description, location, latitude, longitude, ward_id, age, steps)
  loop
    continue when exists (select 1 from public.complaints where id = demo.id);

    insert into public.complaints (id, citizen_id, client_request_id, title, description, category, location,
                                   latitude, longitude, ward_id, created_at, updated_at)
    values (demo.id, demo.citizen_id, gen_random_uuid(), demo.title, demo.description, demo.category,
            demo.location, demo.latitude, demo.longitude, demo.ward_id, now() - demo.age, now() - demo.age);

    step_at := now() - demo.age;
    last_resolved_at := null;
    for step in select * from jsonb_array_elements(demo.steps) loop
      update public.complaints
         set status = step ->> 'status', rejection_reason = step ->> 'reason'
       where id = demo.id;
      step_at := now() - demo.age + (step ->> 'after')::interval;
      if step ->> 'status' = 'resolved' then
        last_resolved_at := step_at;
      end if;
      update public.complaint_updates
         set created_at = step_at, comment = step ->> 'comment', comment_is_public = (step ->> 'public')::boolean
       where id = (select max(id) from public.complaint_updates where complaint_id = demo.id);
    end loop;

    if jsonb_array_length(demo.steps) > 0 then
      update public.complaints
         set updated_at = step_at, resolved_at = case when resolved_at is not null then last_resolved_at end
       where id = demo.id;
    end if;
  end loop;

  perform set_config('request.jwt.claims', '', true);
end
$$;

-- The demo citizen said "me too" on the neighbour's overflowing drain (a few metres from their own report).
insert into public.complaint_followers (complaint_id, citizen_id, created_at)
values ('de00c000-0000-4000-8000-000000000006', 'de000000-0000-4000-8000-000000000001', now() - interval '20 hours')
on conflict do nothing;

-- ---------------------------------------------------------------------------------------------------
-- A city's worth of complaints for the staff queue: 240 more, from 40 demo neighbours, across the demo
-- wards (most) and others, in every status, some overdue, some assigned, some reopened. Deterministic
-- (every choice comes from the row number), so every fresh database looks the same.
-- ---------------------------------------------------------------------------------------------------
insert into auth.users (instance_id, id, aud, role, phone, phone_confirmed_at, raw_app_meta_data,
                        raw_user_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000',
       ('de0000a0-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'authenticated', 'authenticated',
       '88017100000' || lpad(n::text, 2, '0'), now() - interval '100 days',
       '{"provider": "phone", "providers": ["phone"]}', '{}', now() - interval '100 days',
       now() - interval '100 days'
  from generate_series(1, 40) as n
on conflict do nothing;

do $$
declare
  titles constant text[] := array[
    'ড্রেন উপচে পানি জমেছে', 'রাস্তায় বড় গর্ত', 'ময়লা তোলা হয়নি', 'সড়কবাতি নষ্ট',
    'পানির লাইনে ময়লা পানি', 'ফুটপাত দখল', 'মশার উপদ্রব বেড়েছে', 'ম্যানহোলের ঢাকনা নেই'];
  categories constant text[] := array[
    'cleanliness', 'roads', 'waste_management', 'electricity', 'water_supply', 'other', 'cleanliness',
    'roads'];
  -- Each entry: the statuses a complaint goes through after being filed.
  paths constant text[] := array['', 'in_progress', 'in_progress,resolved', 'in_progress,resolved,closed',
                                 'rejected', '', 'in_progress', 'in_progress,resolved,in_progress'];
  n integer;
  complaint_id uuid;
  ward integer;
  path text[];
  next_status text;
begin
  if exists (select 1 from public.complaints where id = 'de00c100-0000-4000-8000-000000000001') then
    return;
  end if;
  for n in 1 .. 240 loop
    complaint_id := ('de00c100-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid;
    ward := case when n % 3 = 0 then 12 when n % 3 = 1 then 19 else 1 + (n * 37) % 129 end;
    insert into public.complaints (id, citizen_id, client_request_id, title, description, category, location,
                                   ward_id, created_at, updated_at)
    values (complaint_id, ('de0000a0-0000-4000-8000-' || lpad((1 + n % 40)::text, 12, '0'))::uuid,
            gen_random_uuid(), titles[1 + n % 8],
            titles[1 + n % 8] || '। কয়েক দিন ধরে সমস্যাটি চলছে, এলাকার মানুষ ভোগান্তিতে আছেন।',
            categories[1 + n % 8], 'বাড়ি ' || n || ', প্রধান সড়কের পাশে', ward,
            now() - make_interval(hours => 2 + (n * 7) % 500), now() - make_interval(hours => 2 + (n * 7) % 500));
    if n % 5 = 0 then
      update public.complaints set priority = 'high' where id = complaint_id;
    end if;
    if ward in (12, 19) and n % 2 = 0 then
      update public.complaints
         set assigned_to = case ward when 12 then 'de000000-0000-4000-8000-000000000005'::uuid
                                     else 'de000000-0000-4000-8000-000000000006'::uuid end
       where id = complaint_id;
    end if;
    path := string_to_array(nullif(paths[1 + n % 8], ''), ',');
    foreach next_status in array coalesce(path, '{}') loop
      perform set_config('app.status_comment',
        case next_status when 'rejected' then '' when 'closed' then 'নাগরিক সমাধান নিশ্চিত করেছেন।'
          else '' end, true);
      update public.complaints
         set status = next_status,
             rejection_reason = case when next_status = 'rejected' then 'অভিযোগটি সিটি কর্পোরেশনের আওতার বাইরে।' end,
             reopened_count = reopened_count + case when next_status = 'in_progress' and status = 'resolved' then 1 else 0 end
       where id = complaint_id;
    end loop;
  end loop;
  perform set_config('app.status_comment', '', true);
end
$$;

-- Their histories happened over hours and days after filing (each finished between 3 hours and 2 weeks
-- later), not all at seeding time: resolution times, deadlines met and resolutions per day on the staff
-- dashboard then read like a city's. Steps are spread evenly from filing to the complaint's last step.
with demo as (
  select c.id, c.created_at,
         least(now() - interval '5 minutes',
               c.created_at + make_interval(hours => (array[3, 9, 20, 30, 45, 60, 90, 140, 200, 320])[1 + n % 10]))
           as finished_at
    from generate_series(1, 240) as n
    join public.complaints as c on c.id = ('de00c100-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid
), steps as (
  select u.id,
         d.created_at + (d.finished_at - d.created_at)
           * (row_number() over (partition by u.complaint_id order by u.id))::float8
           / (count(*) over (partition by u.complaint_id))::float8 as at
    from public.complaint_updates as u
    join demo as d on d.id = u.complaint_id
   where u.old_status is not null
)
update public.complaint_updates as u set created_at = s.at from steps as s where u.id = s.id;

update public.complaints as c
   set resolved_at = case when c.resolved_at is not null then h.resolved_at end, updated_at = h.last_at
  from (select u.complaint_id, max(u.created_at) filter (where u.new_status = 'resolved') as resolved_at,
               max(u.created_at) as last_at
          from public.complaint_updates as u
         where u.complaint_id::text like 'de00c100-%' and u.old_status is not null
         group by u.complaint_id) as h
 where c.id = h.complaint_id and (c.resolved_at, c.updated_at) is distinct from (h.resolved_at, h.last_at);

-- ---------------------------------------------------------------------------------------------------
-- Donation campaigns (payments themselves only ever come from bKash: none are seeded)
-- ---------------------------------------------------------------------------------------------------
insert into public.donation_campaigns (id, title_bn, title_en, story_bn, story_en, photo_path, goal_amount,
                                       deadline)
values
  ('de00ca00-0000-4000-8000-000000000001', 'খালে ময়লা নয়: কল্যাণপুর খাল পরিষ্কার অভিযান',
   'No waste in the canal: Kallyanpur canal clean-up',
   'বর্ষার আগে কল্যাণপুর খাল থেকে প্লাস্টিক ও ময়লা তুলে পানিপ্রবাহ স্বাভাবিক রাখতে স্বেচ্ছাসেবক দল, নৌকা ও সরঞ্জামের খরচ।',
   'Volunteers, boats and tools to lift plastic and waste out of Kallyanpur canal before the monsoon, so water drains.',
   '/campaigns/canal.svg', 500000, (now() at time zone 'Asia/Dhaka')::date + 60),
  ('de00ca00-0000-4000-8000-000000000002', 'প্রতিটি মোড়ে ঢাকনাওয়ালা ডাস্টবিন', 'A covered bin at every corner',
   'ওয়ার্ড ১২ ও ১৯-এর প্রতিটি মোড়ে ঢাকনাওয়ালা ডাস্টবিন বসানো হবে, যাতে কাক-কুকুর ময়লা ছড়াতে না পারে।',
   'Covered bins at every corner of wards 12 and 19, so crows and dogs cannot scatter the waste.',
   null, 200000, (now() at time zone 'Asia/Dhaka')::date + 30)
on conflict do nothing;
-- City services (notices, emergency help, waste collection): demo data for wards 12 and 19, where the demo
-- ward admin works, and a collection schedule for every ward. Illustrative numbers and places.
insert into public.notices (title_bn, title_en, body_bn, body_en, category, ward_ids, pinned, urgent) values
  ('ডেঙ্গু প্রতিরোধে বিশেষ পরিচ্ছন্নতা অভিযান', 'Special cleanup drive against dengue',
   'এই শনিবার সকাল ৯টা থেকে সব ওয়ার্ডে পরিচ্ছন্নতা অভিযান।' || chr(10) || chr(10) || '- বাড়ির আশপাশে জমে থাকা পানি ফেলে দিন' || chr(10) ||
   '- ফুলের টব ও টায়ার উল্টে রাখুন' || chr(10) || chr(10) || 'জ্বর হলে [স্বাস্থ্য বাতায়ন](tel:16263)-এ ফোন করুন।',
   'A cleanup drive in every ward this Saturday from 9 am.' || chr(10) || chr(10) || '- Empty standing water around your home' || chr(10) ||
   '- Turn flower pots and tyres upside down', 'health', '{}', true, false),
  ('ওয়ার্ড ১২-এ পানি সরবরাহ বন্ধ থাকবে', 'Water supply off in ward 12',
   'পাইপলাইন মেরামতের জন্য আগামীকাল সকাল ১০টা থেকে বিকেল ৪টা পর্যন্ত পানি থাকবে না।', null, 'water', '{12}', false, false),
  ('সড়ক সংস্কার: মিরপুর রোডে যান চলাচল সীমিত', null,
   'দুই সপ্তাহ রাতে সড়ক সংস্কার চলবে। বিকল্প পথ ব্যবহার করুন।', null, 'roads', '{12, 19}', false, false);

insert into public.emergency_contacts (ward_id, kind, name_bn, name_en, phone, address_bn, sort_order) values
  (12, 'fire_station', 'মিরপুর ফায়ার স্টেশন', 'Mirpur fire station', '+8802900000012', 'মিরপুর ১০', 1),
  (12, 'police_station', 'মিরপুর মডেল থানা', 'Mirpur model police station', '+8802900000112', 'মিরপুর ২', 2),
  (12, 'councillor_office', 'ওয়ার্ড ১২ কাউন্সিলর কার্যালয়', 'Ward 12 councillor''s office', '+8801700001212', null, 3),
  (19, 'hospital', 'এলাকার সরকারি হাসপাতাল', 'Area government hospital', '+8802900000019', null, 1);
insert into public.ward_duty_phones (ward_id, phone) values (12, '+8801700001200'), (19, '+8801700001900');

insert into public.waste_schedules (ward_id, weekday, starts_at, ends_at, stream)
select ward.id, day, '07:00', '09:00', case when day in (1, 4) then 'recyclable' else 'mixed' end
  from public.wards as ward cross join generate_series(0, 6) as day
 where day <> 5;
insert into public.transfer_stations (ward_id, name_bn, name_en, address_bn, latitude, longitude, hours_bn) values
  (12, 'মিরপুর ১০ এসটিএস', 'Mirpur 10 STS', 'মিরপুর ১০ গোলচত্বরের পাশে', 23.806900, 90.368600, 'সকাল ৬টা–১০টা'),
  (19, 'বনানী এসটিএস', 'Banani STS', 'বনানী ১১ নম্বর সড়ক', 23.793800, 90.404300, 'সকাল ৬টা–১০টা');
