-- A chat message may carry one photo, with the privacy of complaint photos: it is uploaded (GPS position
-- removed by the app, type checked by content) into the sender's own folder of the private bucket
-- complaint-photos, as <sender>/chat-<conversation>/<hash>.<ext>, and only the conversation's people (its
-- citizen and staff in scope, by the chat_messages policies) may read it; followers and others never.
--
-- The column, its checks and the triggers' part are in 20261205000400_chat.sql; here is who may read the file.

create policy "Chat participants see the chat's photos"
  on storage.objects for select
  to authenticated
  using (
    bucket_id = 'complaint-photos'
    and (storage.foldername(name))[2] like 'chat-%'
    and exists (select 1 from public.chat_messages as m where m.photo_path = objects.name)
  );
comment on policy "Chat participants see the chat's photos" on storage.objects is
  'Download and sign a chat photo: whoever may read the message carrying it (chat_messages RLS).';
