-- Private Realtime topics per person: `user:<uid>` carries what is meant for one signed-in user only
-- (broadcasts and presence). Realtime authorises a private channel by what these policies let the user
-- SELECT (receive) and INSERT (send) in realtime.messages while realtime.topic() names the channel.

create policy "Users receive messages on their own user topic"
  on realtime.messages for select
  to authenticated
  using (
    realtime.messages.extension in ('broadcast', 'presence')
    and realtime.messages.topic = (select realtime.topic())
    and (select realtime.topic()) = 'user:' || (select auth.uid())::text
  );

create policy "Users send messages on their own user topic"
  on realtime.messages for insert
  to authenticated
  with check (
    realtime.messages.extension in ('broadcast', 'presence')
    and realtime.messages.topic = (select realtime.topic())
    and (select realtime.topic()) = 'user:' || (select auth.uid())::text
  );
