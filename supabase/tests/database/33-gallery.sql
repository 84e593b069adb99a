-- Gallery: who makes albums (super admins city-wide, ward admins their wards), who sees them (published:
-- everyone; unpublished: their keepers), and who may put files in the album's folder of the gallery
-- bucket; a photo row needs its two files uploaded first. Rolled back.
begin;
set local search_path = public, extensions;

select plan(24);

select tests.create_person('c0000033-0000-4000-8000-0000000000c1', '8801300003301');
select tests.create_person('c0000033-0000-4000-8000-0000000000a1', '8801300003302', 'ward_admin', '{12}');
select tests.create_person('c0000033-0000-4000-8000-0000000000ad', '8801300003303', 'super_admin');
select tests.create_person('c0000033-0000-4000-8000-0000000000a2', '8801300003304', 'ward_admin', '{13}');

create function pg_temp.upload(name text) returns void language sql as $$
  insert into storage.objects (bucket_id, name, owner_id) values ('gallery', name, auth.uid());
$$;

select tests.sign_in_as('c0000033-0000-4000-8000-0000000000a1');
select lives_ok(
  $$insert into public.gallery_albums (id, title_bn, ward_id) values ('c0000033-0000-4000-8000-0000000a1b00', 'ওয়ার্ড ১২ পরিচ্ছন্নতা', 12)$$,
  'a ward admin makes an album of their ward'
);
select tests.rls_refuses(
  $$insert into public.gallery_albums (title_bn, ward_id) values ('অন্য ওয়ার্ড', 13)$$,
  'gallery_albums', 'not of another ward'
);
select tests.rls_refuses(
  $$insert into public.gallery_albums (title_bn) values ('সারা শহর')$$,
  'gallery_albums', 'nor a city-wide one'
);
select lives_ok(
  $$select pg_temp.upload('c0000033-0000-4000-8000-0000000a1b00/c0000033-0000-4000-8000-00000000f001-thumb.webp'),
           pg_temp.upload('c0000033-0000-4000-8000-0000000a1b00/c0000033-0000-4000-8000-00000000f001-large.webp')$$,
  'uploads both sizes into the album''s folder'
);
select tests.rls_refuses(
  $$select pg_temp.upload('c0000033-0000-4000-8000-0000000a1b00/original.png')$$,
  'objects', 'but no file named otherwise (an original)'
);
select lives_ok(
  $$insert into public.gallery_photos (id, album_id, thumb_path, large_path, width, height)
    values ('c0000033-0000-4000-8000-00000000f001', 'c0000033-0000-4000-8000-0000000a1b00',
            'c0000033-0000-4000-8000-0000000a1b00/c0000033-0000-4000-8000-00000000f001-thumb.webp',
            'c0000033-0000-4000-8000-0000000a1b00/c0000033-0000-4000-8000-00000000f001-large.webp', 1600, 1200)$$,
  'and adds the photo'
);
select tests.rls_refuses(
  $$insert into public.gallery_photos (id, album_id, thumb_path, large_path, width, height)
    values ('c0000033-0000-4000-8000-00000000f002', 'c0000033-0000-4000-8000-0000000a1b00',
            'c0000033-0000-4000-8000-0000000a1b00/c0000033-0000-4000-8000-00000000f002-thumb.webp',
            'c0000033-0000-4000-8000-0000000a1b00/c0000033-0000-4000-8000-00000000f002-large.webp', 800, 600)$$,
  'gallery_photos', 'a photo whose files were never uploaded is refused'
);
select tests.sign_out();
select tests.check_refuses(
  $$insert into public.gallery_photos (id, album_id, thumb_path, large_path, width, height)
    values ('c0000033-0000-4000-8000-00000000f009', 'c0000033-0000-4000-8000-0000000a1b00',
            'c0000033-0000-4000-8000-0000000a1b00/c0000033-0000-4000-8000-00000000f009-thumb.webp',
            'c0000033-0000-4000-8000-0000000a1b00/c0000033-0000-4000-8000-00000000f009-large.webp', 4000, 1000)$$,
  'gallery_photos', 'gallery_photos_width_check', 'a 12 MP size is refused, whoever writes it'
);

select tests.act_as_api_role('anon');
select is((select count(*)::integer from public.gallery_albums where id = 'c0000033-0000-4000-8000-0000000a1b00'), 0,
  'visitors do not see an unpublished album');
select throws_ok($$select pg_temp.upload('c0000033-0000-4000-8000-0000000a1b00/c0000033-0000-4000-8000-00000000f003-thumb.webp')$$,
  '42501', null, 'visitors upload nothing');
select tests.sign_in_as('c0000033-0000-4000-8000-0000000000c1');
select tests.rls_refuses(
  $$select pg_temp.upload('c0000033-0000-4000-8000-0000000a1b00/c0000033-0000-4000-8000-00000000f003-thumb.webp')$$,
  'objects', 'nor do citizens'
);

select tests.sign_in_as('c0000033-0000-4000-8000-0000000000ad');
select lives_ok(
  $$update public.gallery_albums set published = true where id = 'c0000033-0000-4000-8000-0000000a1b00'$$,
  'a super admin publishes any ward''s album'
);
select tests.act_as_api_role('anon');
select is((select count(*)::integer from public.gallery_photos where album_id = 'c0000033-0000-4000-8000-0000000a1b00'), 1,
  'then visitors see it and its photos');
select tests.sign_in_as('c0000033-0000-4000-8000-0000000000c1');
select is((select count(*)::integer from (select 1 from public.gallery_photos where album_id = 'c0000033-0000-4000-8000-0000000a1b00') as p), 1,
  'and citizens');

-- Upkeep: captions, deleting files, photos and albums; their keepers only.
select tests.sign_in_as('c0000033-0000-4000-8000-0000000000c1');
select is(tests.rows_affected($$update public.gallery_photos set caption_bn = 'ভুয়া'$$), 0, 'a citizen changes no caption');
select is(tests.rows_affected($$delete from storage.objects where bucket_id = 'gallery'$$), 0, 'nor deletes gallery files');
select tests.sign_in_as('c0000033-0000-4000-8000-0000000000a2');
select is(tests.rows_affected($$update public.gallery_photos set caption_bn = 'অন্যের' where album_id = 'c0000033-0000-4000-8000-0000000a1b00'$$), 0,
  'another ward''s admin changes no caption of it');
select is(tests.rows_affected($$delete from storage.objects where bucket_id = 'gallery' and name like 'c0000033-0000-4000-8000-0000000a1b00/%'$$), 0,
  'deletes none of its files');
select is(tests.rows_affected($$delete from public.gallery_photos where album_id = 'c0000033-0000-4000-8000-0000000a1b00'$$), 0,
  'none of its photos');
select is(tests.rows_affected($$delete from public.gallery_albums where id = 'c0000033-0000-4000-8000-0000000a1b00'$$), 0,
  'and not the album');
select tests.sign_in_as('c0000033-0000-4000-8000-0000000000a1');
select is(tests.rows_affected($$update public.gallery_photos set caption_bn = 'নতুন ক্যাপশন' where album_id = 'c0000033-0000-4000-8000-0000000a1b00'$$), 1,
  'the ward''s admin changes its caption');
select is(tests.rows_affected($$delete from storage.objects where bucket_id = 'gallery' and name like 'c0000033-0000-4000-8000-0000000a1b00/%'$$), 2,
  'deletes its files');
select is(tests.rows_affected($$delete from public.gallery_photos where album_id = 'c0000033-0000-4000-8000-0000000a1b00'$$), 1,
  'its photo');
select is(tests.rows_affected($$delete from public.gallery_albums where id = 'c0000033-0000-4000-8000-0000000a1b00'$$), 1,
  'and the album');

select * from finish();
rollback;
