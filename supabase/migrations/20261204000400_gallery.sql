-- Gallery: albums of photos the city publishes (a cleanup drive's before and after, a ward's works), in the
-- public bucket `gallery` (supabase/config.toml). Each photo is stored once per size the pages use, made
-- at upload (a thumbnail and a large one; the original never is): <album id>/<photo id>-thumb.webp and
-- -large.webp (.jpg from browsers that cannot write WebP). Super admins publish city-wide albums and any ward's; ward admins their wards'.

create table public.gallery_albums (
  id uuid primary key default gen_random_uuid(),
  title_bn text not null check (title_bn = btrim(title_bn) and char_length(title_bn) between 1 and 150),
  title_en text check (title_en = btrim(title_en) and char_length(title_en) between 1 and 150),
  description_bn text check (char_length(description_bn) <= 1000),
  ward_id integer references public.wards (id),
  published boolean not null default false,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint gallery_albums_title_bn_printable check (private.is_printable(title_bn)),
  constraint gallery_albums_title_en_printable check (private.is_printable(title_en)),
  constraint gallery_albums_description_bn_printable check (private.is_printable(description_bn))
);

alter table public.gallery_albums enable row level security;

comment on table public.gallery_albums is
  'Photo albums the city publishes, city-wide (ward_id null) or of a ward. Public once published; super '
  'admins keep all, ward admins their wards''.';
comment on column public.gallery_albums.id is 'The album (also its folder in the gallery bucket).';
comment on column public.gallery_albums.title_bn is 'Title in Bengali.';
comment on column public.gallery_albums.title_en is 'Title in English, optional.';
comment on column public.gallery_albums.description_bn is 'What the album shows, in Bengali; optional.';
comment on column public.gallery_albums.ward_id is 'The ward it is about; null: the whole city.';
comment on column public.gallery_albums.published is 'Whether visitors see it (staff add photos first, then publish).';
comment on column public.gallery_albums.created_by is 'The staff member who made it.';
comment on column public.gallery_albums.created_at is 'When it was made (albums are listed newest first).';

create table public.gallery_photos (
  id uuid primary key default gen_random_uuid(),
  album_id uuid not null references public.gallery_albums (id) on delete cascade,
  caption_bn text check (char_length(caption_bn) <= 300),
  caption_en text check (char_length(caption_en) <= 300),
  thumb_path text not null,
  large_path text not null,
  width integer not null check (width between 1 and 1600),
  height integer not null check (height between 1 and 1600),
  position integer not null default 0,
  created_at timestamptz not null default now(),
  constraint gallery_photos_paths_in_album check (
    thumb_path ~ ('^' || album_id || '/' || id || '-thumb\.(webp|jpg)$')
    and large_path ~ ('^' || album_id || '/' || id || '-large\.(webp|jpg)$')
  ),
  constraint gallery_photos_caption_bn_printable check (private.is_printable(caption_bn)),
  constraint gallery_photos_caption_en_printable check (private.is_printable(caption_en))
);

alter table public.gallery_photos enable row level security;

comment on table public.gallery_photos is
  'The photos of an album, each stored in the gallery bucket as a thumbnail and a large image made at upload.';
comment on column public.gallery_photos.id is 'The photo (its files are named after it).';
comment on column public.gallery_photos.album_id is 'Its album.';
comment on column public.gallery_photos.caption_bn is 'Caption in Bengali, optional.';
comment on column public.gallery_photos.caption_en is 'Caption in English, optional.';
comment on column public.gallery_photos.thumb_path is 'Object name of the thumbnail (long edge at most 400 px): <album>/<id>-thumb.webp (or .jpg).';
comment on column public.gallery_photos.large_path is 'Object name of the large image (long edge at most 1600 px): <album>/<id>-large.webp (or .jpg).';
comment on column public.gallery_photos.width is 'Width of the large image in pixels (pages reserve its space).';
comment on column public.gallery_photos.height is 'Height of the large image in pixels.';
comment on column public.gallery_photos.position is 'Order within the album.';
comment on column public.gallery_photos.created_at is 'When it was added.';

create index gallery_albums_published_idx on public.gallery_albums (created_at desc) where published;
create index gallery_photos_album_idx on public.gallery_photos (album_id, position, created_at);

-- Who may change an album and its photos and files. SECURITY DEFINER: storage policies ask it about
-- albums still unpublished, which the caller's own read policy would hide only from non-staff anyway.
create or replace function private.can_manage_album(album uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.gallery_albums as a
     where a.id = album and private.can_manage_wards(array_remove(array[a.ward_id], null))
  );
$$;

comment on function private.can_manage_album(uuid) is
  'Whether the signed-in caller may change this album, its photos and its files: super admins any, ward '
  'admins those of their wards.';

revoke all on function private.can_manage_album(uuid) from public;
grant execute on function private.can_manage_album(uuid) to authenticated, service_role;

revoke all on table public.gallery_albums, public.gallery_photos from public, anon, authenticated;
grant select on table public.gallery_albums, public.gallery_photos to anon, authenticated;
grant insert (id, title_bn, title_en, description_bn, ward_id, published),
  update (title_bn, title_en, description_bn, ward_id, published), delete on table public.gallery_albums to authenticated;
grant insert (id, album_id, caption_bn, caption_en, thumb_path, large_path, width, height, position),
  update (caption_bn, caption_en, position), delete on table public.gallery_photos to authenticated;
grant all on table public.gallery_albums, public.gallery_photos to service_role;

create policy "Anyone sees published albums" on public.gallery_albums for select
  to anon, authenticated using (published);
create policy "Staff see the albums they keep" on public.gallery_albums for select
  to authenticated using ((select private.can_manage_wards(array_remove(array[ward_id], null))));
create policy "Super admins and the ward's admins make albums" on public.gallery_albums for insert
  to authenticated with check ((select private.can_manage_wards(array_remove(array[ward_id], null))));
create policy "Super admins and the ward's admins change albums" on public.gallery_albums for update
  to authenticated using ((select private.can_manage_wards(array_remove(array[ward_id], null))))
  with check ((select private.can_manage_wards(array_remove(array[ward_id], null))));
create policy "Super admins and the ward's admins remove albums" on public.gallery_albums for delete
  to authenticated using ((select private.can_manage_wards(array_remove(array[ward_id], null))));

create policy "Anyone sees the photos of albums they see" on public.gallery_photos for select
  to anon, authenticated
  using (exists (select 1 from public.gallery_albums as a where a.id = album_id));
create policy "Album keepers add photos whose files are uploaded" on public.gallery_photos for insert
  to authenticated
  with check (
    (select private.can_manage_album(album_id))
    and exists (select 1 from storage.objects as o where o.bucket_id = 'gallery' and o.name = thumb_path)
    and exists (select 1 from storage.objects as o where o.bucket_id = 'gallery' and o.name = large_path)
  );
create policy "Album keepers change photos" on public.gallery_photos for update
  to authenticated using ((select private.can_manage_album(album_id)))
  with check ((select private.can_manage_album(album_id)));
create policy "Album keepers remove photos" on public.gallery_photos for delete
  to authenticated using ((select private.can_manage_album(album_id)));

-- Files: the public bucket is read without policies; writing goes by the album folder.
create or replace function private.album_of_object(name text)
returns uuid
language sql
immutable
set search_path = ''
as $$
  select case when name ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[0-9a-f-]{36}-(thumb|large)\.(webp|jpg)$'
              then split_part(name, '/', 1)::uuid end;
$$;

comment on function private.album_of_object(text) is
  'The album of a gallery object named <album id>/<photo id>-(thumb|large).(webp|jpg); null for any other name.';

revoke all on function private.album_of_object(text) from public;
grant execute on function private.album_of_object(text) to authenticated, service_role;

create policy "Album keepers upload gallery files" on storage.objects for insert to authenticated
  with check (bucket_id = 'gallery' and (select private.can_manage_album(private.album_of_object(name))));
create policy "Album keepers see gallery files" on storage.objects for select to authenticated
  using (bucket_id = 'gallery' and (select private.can_manage_album(private.album_of_object(name))));
create policy "Album keepers replace gallery files" on storage.objects for update to authenticated
  using (bucket_id = 'gallery' and (select private.can_manage_album(private.album_of_object(name))))
  with check (bucket_id = 'gallery' and (select private.can_manage_album(private.album_of_object(name))));
create policy "Album keepers remove gallery files" on storage.objects for delete to authenticated
  using (bucket_id = 'gallery' and (select private.can_manage_album(private.album_of_object(name))));

comment on policy "Album keepers upload gallery files" on storage.objects is
  'Gallery files go under the album''s folder, named after the photo and size, by those who keep the album.';
comment on policy "Album keepers see gallery files" on storage.objects is
  'Needed for upsert and remove; visitors read the public bucket without policies.';
comment on policy "Album keepers replace gallery files" on storage.objects is 'Overwrite a size of a photo.';
comment on policy "Album keepers remove gallery files" on storage.objects is 'Remove a photo''s files.';
