-- Storage policies on bucket complaint-photos: a signed-in user uploads, reads, overwrites and deletes only
-- under their own <user id>/ folder; other users and anon get nothing. Exercised on storage.objects the way
-- the Storage service does it (as the caller's role with their JWT claims). Rolled back at the end.
-- Needs the tests.* helpers of 00-helpers.sql (which runs first).
begin;
set local search_path = public, extensions;

select plan(24);

-- ---------------------------------------------------------------------------------------------------
-- Shape: RLS on, one policy per operation, for signed-in users only
-- ---------------------------------------------------------------------------------------------------
select ok((select relrowsecurity from pg_class where oid = 'storage.objects'::regclass),
          'row-level security is on for storage.objects');
select policy_cmd_is('storage', 'objects', 'Users upload complaint photos into their own folder', 'insert',
                     'the upload policy covers INSERT');
select policy_cmd_is('storage', 'objects', 'Users see the complaint photos in their own folder', 'select',
                     'the read policy covers SELECT');
select policy_cmd_is('storage', 'objects', 'Users replace complaint photos in their own folder', 'update',
                     'the overwrite policy covers UPDATE');
select policy_cmd_is('storage', 'objects', 'Users delete complaint photos in their own folder', 'delete',
                     'the delete policy covers DELETE');
select policy_roles_are('storage', 'objects', 'Users upload complaint photos into their own folder',
                        array['authenticated'], 'only signed-in users may upload');

-- The bucket as config.toml declares it (the Storage service creates it at start; here it may not have).
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('complaint-photos', 'complaint-photos', false, 5242880, array['image/jpeg', 'image/png', 'image/webp'])
on conflict (id) do nothing;
insert into storage.buckets (id, name, public) values ('policy-test-other', 'policy-test-other', false);

-- ---------------------------------------------------------------------------------------------------
-- The owner
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('5a1e0003-0000-4000-8000-00000000000a');

select lives_ok(
  $$insert into storage.objects (bucket_id, name, owner_id)
    values ('complaint-photos', '5a1e0003-0000-4000-8000-00000000000a/req-1/photo-1.jpg',
            '5a1e0003-0000-4000-8000-00000000000a'),
           ('complaint-photos', '5a1e0003-0000-4000-8000-00000000000a/req-1/photo-2.jpg',
            '5a1e0003-0000-4000-8000-00000000000a')$$,
  'a user uploads into their own folder'
);
select results_eq(
  $$select name from storage.objects where bucket_id = 'complaint-photos' order by name$$,
  $$values ('5a1e0003-0000-4000-8000-00000000000a/req-1/photo-1.jpg'),
           ('5a1e0003-0000-4000-8000-00000000000a/req-1/photo-2.jpg')$$,
  'the owner sees their photos'
);
select results_eq(
  $$with changed as (
      update storage.objects set metadata = '{"size": 1}'
       where name = '5a1e0003-0000-4000-8000-00000000000a/req-1/photo-1.jpg' returning 1)
    select count(*)::int from changed$$,
  array[1],
  'the owner may overwrite their photo (upsert)'
);
select tests.rls_refuses(
  $$update storage.objects set name = '5a1e0003-0000-4000-8000-00000000000b/req-1/photo-1.jpg'
     where name = '5a1e0003-0000-4000-8000-00000000000a/req-1/photo-1.jpg'$$,
  'objects', 'the owner cannot move a photo into someone else''s folder'
);
select tests.rls_refuses(
  $$insert into storage.objects (bucket_id, name)
    values ('complaint-photos', '5a1e0003-0000-4000-8000-00000000000b/req-9/photo.jpg')$$,
  'objects', 'a user cannot upload into another user''s folder'
);
select tests.rls_refuses(
  $$insert into storage.objects (bucket_id, name) values ('complaint-photos', 'photo.jpg')$$,
  'objects', 'a user cannot upload outside any folder'
);
select tests.rls_refuses(
  $$insert into storage.objects (bucket_id, name)
    values ('policy-test-other', '5a1e0003-0000-4000-8000-00000000000a/photo.jpg')$$,
  'objects', 'the policies grant nothing in other buckets'
);

-- ---------------------------------------------------------------------------------------------------
-- Another user
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('5a1e0003-0000-4000-8000-00000000000b');

select is_empty(
  $$select 1 from storage.objects where name like '5a1e0003-0000-4000-8000-00000000000a/%'$$,
  'another user cannot see (download, sign or list) the owner''s photos'
);
select results_eq(
  $$with changed as (
      update storage.objects set metadata = '{}'
       where name like '5a1e0003-0000-4000-8000-00000000000a/%' returning 1)
    select count(*)::int from changed$$,
  array[0],
  'another user cannot overwrite the owner''s photos'
);
select results_eq(
  $$with removed as (
      delete from storage.objects where name like '5a1e0003-0000-4000-8000-00000000000a/%' returning 1)
    select count(*)::int from removed$$,
  array[0],
  'another user cannot delete the owner''s photos'
);
select tests.rls_refuses(
  $$insert into storage.objects (bucket_id, name)
    values ('complaint-photos', '5a1e0003-0000-4000-8000-00000000000a/req-1/intruder.jpg')$$,
  'objects', 'another user cannot upload into the owner''s folder'
);
select lives_ok(
  $$insert into storage.objects (bucket_id, name)
    values ('complaint-photos', '5a1e0003-0000-4000-8000-00000000000b/req-2/photo.jpg')$$,
  'the other user uploads into their own folder'
);
select results_eq(
  $$select name from storage.objects$$,
  $$values ('5a1e0003-0000-4000-8000-00000000000b/req-2/photo.jpg')$$,
  'each user sees only their own photos'
);

-- ---------------------------------------------------------------------------------------------------
-- Anonymous callers
-- ---------------------------------------------------------------------------------------------------
select tests.act_as_api_role('anon');

select is_empty($$select 1 from storage.objects$$, 'anon sees no photos');
select tests.rls_refuses(
  $$insert into storage.objects (bucket_id, name)
    values ('complaint-photos', '5a1e0003-0000-4000-8000-00000000000a/req-1/anon.jpg')$$,
  'objects', 'anon cannot upload'
);
select results_eq(
  $$with removed as (delete from storage.objects returning 1) select count(*)::int from removed$$,
  array[0],
  'anon cannot delete photos'
);

-- ---------------------------------------------------------------------------------------------------
-- The owner deletes; the other user's photo stays
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('5a1e0003-0000-4000-8000-00000000000a');

select results_eq(
  $$with removed as (
      delete from storage.objects where bucket_id = 'complaint-photos' returning 1)
    select count(*)::int from removed$$,
  array[2],
  'the owner deletes their own photos (and only those)'
);

select tests.sign_out();

select results_eq(
  $$select name from storage.objects
     where name like '5a1e0003-0000-4000-8000-0000000000%' order by name$$,
  $$values ('5a1e0003-0000-4000-8000-00000000000b/req-2/photo.jpg')$$,
  'nothing but the owner''s own deletes took effect'
);

select * from finish();
rollback;
