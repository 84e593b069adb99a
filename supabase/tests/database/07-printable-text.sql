-- Text people type holds no C0 control characters but tab, line feed and carriage return: complaint titles,
-- descriptions, addresses and rejection reasons, staff comments, profile names and addresses, whoever
-- writes them (a citizen through the API, staff through the service role). Rolled back at the end.
-- Needs the tests.* helpers of 00-helpers.sql (which runs first).
begin;
set local search_path = public, extensions;

select plan(14);

select tests.create_phone_user('7e470007-0000-4000-8000-00000000000a', '8801300000701', phone_confirmed_at => now());

select results_eq(
  $$select format('%s.%s %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) collate "default"
      from pg_constraint where conname like '%\_printable' order by 1$$,
  $$values ('bulky_pickup_requests.bulky_pickup_requests_address_printable CHECK (private.is_printable(address))'),
           ('bulky_pickup_requests.bulky_pickup_requests_items_printable CHECK (private.is_printable(items))'),
           ('bulky_pickup_requests.bulky_pickup_requests_staff_note_printable CHECK (private.is_printable(staff_note))'),
           ('chat_messages.chat_messages_body_printable CHECK (private.is_printable(body))'),
           ('complaint_updates.complaint_updates_comment_printable CHECK (private.is_printable(comment))'),
           ('complaints.complaints_description_printable CHECK (private.is_printable(description))'),
           ('complaints.complaints_location_printable CHECK (private.is_printable(location))'),
           ('complaints.complaints_rejection_reason_printable CHECK (private.is_printable(rejection_reason))'),
           ('complaints.complaints_title_printable CHECK (private.is_printable(title))'),
           ('emergency_contacts.emergency_contacts_address_bn_printable CHECK (private.is_printable(address_bn))'),
           ('emergency_contacts.emergency_contacts_name_bn_printable CHECK (private.is_printable(name_bn))'),
           ('emergency_contacts.emergency_contacts_name_en_printable CHECK (private.is_printable(name_en))'),
           ('gallery_albums.gallery_albums_description_bn_printable CHECK (private.is_printable(description_bn))'),
           ('gallery_albums.gallery_albums_title_bn_printable CHECK (private.is_printable(title_bn))'),
           ('gallery_albums.gallery_albums_title_en_printable CHECK (private.is_printable(title_en))'),
           ('gallery_photos.gallery_photos_caption_bn_printable CHECK (private.is_printable(caption_bn))'),
           ('gallery_photos.gallery_photos_caption_en_printable CHECK (private.is_printable(caption_en))'),
           ('notices.notices_body_bn_printable CHECK (private.is_printable(body_bn))'),
           ('notices.notices_body_en_printable CHECK (private.is_printable(body_en))'),
           ('notices.notices_title_bn_printable CHECK (private.is_printable(title_bn))'),
           ('notices.notices_title_en_printable CHECK (private.is_printable(title_en))'),
           ('profiles.profiles_address_printable CHECK (private.is_printable(address))'),
           ('profiles.profiles_full_name_printable CHECK (private.is_printable(full_name))'),
           ('sos_reports.sos_reports_details_printable CHECK (private.is_printable(details))'),
           ('sos_reports.sos_reports_outcome_note_printable CHECK (private.is_printable(outcome_note))'),
           ('transfer_stations.transfer_stations_address_bn_printable CHECK (private.is_printable(address_bn))'),
           ('transfer_stations.transfer_stations_hours_bn_printable CHECK (private.is_printable(hours_bn))'),
           ('transfer_stations.transfer_stations_name_bn_printable CHECK (private.is_printable(name_bn))'),
           ('transfer_stations.transfer_stations_name_en_printable CHECK (private.is_printable(name_en))')$$,
  'every column of typed text has a <table>_<column>_printable check'
);
select results_eq(
  $$select private.is_printable(t) from unnest(array[
      E'লাইন ১\nলাইন ২\r\n\tশেষ', E'\x01', E'a\x08b', E'\x0b', E'\x0c', E'\x0e', E'a\x1f', E'\x7f', 'Ward 12', null])
      with ordinality as v(t, n) order by n$$,
  $$values (true), (false), (false), (false), (false), (false), (false), (true), (true), (null::boolean)$$,
  'tab, line feed and carriage return pass; the other C0 controls do not; DEL and null pass'
);

-- A citizen, through the API's functions and tables
select tests.sign_in_as('7e470007-0000-4000-8000-00000000000a');
select tests.check_refuses(
  $$select public.submit_complaint(gen_random_uuid(), 'roads', E'গর্ত\x01আছে', 'বাজারের মোড়ে বড় গর্ত হয়েছে।',
      'বাজারের মোড়', null, null, 12, '{}')$$,
  'complaints', 'complaints_title_printable',
  'a title with a control character is refused'
);
select tests.check_refuses(
  $$select public.submit_complaint(gen_random_uuid(), 'roads', 'রাস্তায় গর্ত', E'বাজারের মোড়ে\x1b[31m বড় গর্ত',
      'বাজারের মোড়', null, null, 12, '{}')$$,
  'complaints', 'complaints_description_printable',
  'so is a description with an escape sequence'
);
select tests.check_refuses(
  $$select public.submit_complaint(gen_random_uuid(), 'roads', 'রাস্তায় গর্ত', 'বাজারের মোড়ে বড় গর্ত হয়েছে।',
      E'বাজারের\x0bমোড়', null, null, 12, '{}')$$,
  'complaints', 'complaints_location_printable',
  'and an address with a vertical tab'
);
select tests.check_refuses(
  $$insert into public.complaints (title, description, category, ward_id, location)
    values (E'রাস্তায়\x07গর্ত', 'বাজারের মোড়ে বড় গর্ত হয়েছে।', 'roads', 12, 'বাজারের মোড়')$$,
  'complaints', 'complaints_title_printable',
  'also when inserted directly (POST /rest/v1/complaints)'
);
select is(
  (select created from public.submit_complaint('7e470007-0000-4000-8000-0000000000c1', 'roads', 'রাস্তায় গর্ত',
     E'বাজারের মোড়ে বড় গর্ত।\r\nরিকশা উল্টে যাচ্ছে।\tসাবধান', 'বাজারের মোড়', null, null, 12, '{}')),
  true,
  'line breaks and tabs in a description are fine'
);
select throws_ok(
  $$update public.profiles set full_name = E'নাম\x00'::text where id = auth.uid()$$,
  '22021', null,
  'a NUL cannot even be written as text (Postgres refuses it before any check)'
);
select tests.check_refuses(
  $$update public.profiles set full_name = E'রহিম\x1fউদ্দিন' where id = auth.uid()$$,
  'profiles', 'profiles_full_name_printable',
  'a name with a control character is refused'
);
select tests.check_refuses(
  $$update public.profiles set address = E'বাড়ি ১২\x0e' where id = auth.uid()$$,
  'profiles', 'profiles_address_printable',
  'so is an address'
);
select lives_ok(
  $$update public.profiles set full_name = 'রহিম উদ্দিন', address = E'বাড়ি ১২\nরোড ৫' where id = auth.uid()$$,
  'an ordinary name and a two-line address are fine'
);

-- Staff, through the service role
select tests.act_as_api_role('service_role');
select tests.check_refuses(
  $$update public.complaints set status = 'rejected', rejection_reason = E'একই সমস্যা\x08'
     where client_request_id = '7e470007-0000-4000-8000-0000000000c1'$$,
  'complaints', 'complaints_rejection_reason_printable',
  'a rejection reason with a control character is refused'
);
select tests.check_refuses(
  $$update public.complaint_updates set comment = E'কর্মী পাঠানো\x0c হয়েছে'
     where complaint_id = (select id from public.complaints
                            where client_request_id = '7e470007-0000-4000-8000-0000000000c1')$$,
  'complaint_updates', 'complaint_updates_comment_printable',
  'so is a staff comment'
);
select lives_ok(
  $$update public.complaint_updates set comment = E'কর্মী পাঠানো হয়েছে।\nকাল কাজ শুরু।'
     where complaint_id = (select id from public.complaints
                            where client_request_id = '7e470007-0000-4000-8000-0000000000c1')$$,
  'a two-line staff comment is fine'
);

select * from finish();
rollback;
