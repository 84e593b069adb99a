-- Who may touch objects in the private bucket complaint-photos (declared in supabase/config.toml).
-- Objects are named <user id>/<complaint client_request_id>/<file>: a signed-in user uploads, overwrites,
-- reads and deletes only under their own user-id folder. Nobody else gets a policy here, so anon and other
-- users get nothing; the service role bypasses RLS. Storage checks these policies on every request by
-- running the operation on storage.objects as the caller.

create policy "Users upload complaint photos into their own folder"
  on storage.objects for insert
  to authenticated
  with check (
    bucket_id = 'complaint-photos'
    and (select auth.uid())::text = (storage.foldername(name))[1]
  );

create policy "Users see the complaint photos in their own folder"
  on storage.objects for select
  to authenticated
  using (
    bucket_id = 'complaint-photos'
    and (select auth.uid())::text = (storage.foldername(name))[1]
  );

-- Needed for upsert (overwriting a photo); the new name must stay in the user's folder too.
create policy "Users replace complaint photos in their own folder"
  on storage.objects for update
  to authenticated
  using (
    bucket_id = 'complaint-photos'
    and (select auth.uid())::text = (storage.foldername(name))[1]
  )
  with check (
    bucket_id = 'complaint-photos'
    and (select auth.uid())::text = (storage.foldername(name))[1]
  );

create policy "Users delete complaint photos in their own folder"
  on storage.objects for delete
  to authenticated
  using (
    bucket_id = 'complaint-photos'
    and (select auth.uid())::text = (storage.foldername(name))[1]
  );

comment on policy "Users upload complaint photos into their own folder" on storage.objects is
  'Upload into complaint-photos only under <own user id>/.';
comment on policy "Users see the complaint photos in their own folder" on storage.objects is
  'Download, sign and list complaint-photos objects only under <own user id>/.';
comment on policy "Users replace complaint photos in their own folder" on storage.objects is
  'Overwrite (upsert) or move complaint-photos objects only within <own user id>/.';
comment on policy "Users delete complaint photos in their own folder" on storage.objects is
  'Delete complaint-photos objects only under <own user id>/.';
