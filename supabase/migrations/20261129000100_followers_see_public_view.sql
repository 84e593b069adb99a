-- Followers ("me too") see what the public tracking page shows plus the title they chose to follow, and
-- nothing else: not the description, the address, the coordinates, the photos, the staff's internal
-- comments, the rejection reason, the request key, or who filed it.
--
-- Before this migration the SELECT policy on complaints let a follower read the whole row (and, through
-- it, the whole history), and anyone signed in can follow any open complaint whose id
-- nearby_open_complaints shows them for coordinates of their choosing.
--
-- Who reads what now:
--   filer, super admin   the complaints row, its photos and full history (RLS, as before).
--   follower             public.followed_complaint(id) and public.my_complaints(): tracking number,
--                        title, category, status, ward, dates and the history with only public comments.
--   everyone             public.track_complaint(number), unchanged.
--   Realtime             complaint:<id> broadcasts reach the filer, followers and super admins, so they
--                        now carry only what a follower may see; pages fetch the rest through RLS.

-- ---------------------------------------------------------------------------------------------------
-- The row and its history: the filer and super admins only
-- ---------------------------------------------------------------------------------------------------

drop policy "Citizens read own and followed complaints, super admins all" on public.complaints;

create policy "Citizens read their own complaints, super admins all"
  on public.complaints for select
  to authenticated
  using (citizen_id = (select auth.uid()) or (select private.is_super_admin()));

comment on policy "Citizens read their own complaints, super admins all" on public.complaints is
  'The whole row (description, address, coordinates, request key) for the citizen who filed it and super '
  'admins. Followers read the public part through public.followed_complaint() and public.my_complaints().';

-- "Whoever reads a complaint reads its history" on complaint_updates follows the policy above: followers
-- no longer read the history table, only its public part below.

comment on table public.complaints is
  'A problem a citizen reported to the city corporation. Citizens file through public.submit_complaint and '
  'read their own; followers read the public part through public.followed_complaint and '
  'public.my_complaints; status, priority and assignment change only by staff or the service role, along '
  'public.complaint_status_transitions, and every change lands in complaint_updates.';
comment on column public.complaints.title is
  'Short summary (3-200 characters); followers ("me too") and nearby searches see it too.';
comment on column public.complaint_updates.comment is
  'Note from staff about the change, shown to the citizen who filed the complaint; followers and the '
  'public tracking page see it only when comment_is_public. Null when none.';
comment on table public.complaint_followers is
  'Citizens who reported "me too" on someone else''s open complaint instead of filing a duplicate. They see '
  'what the public tracking page shows plus the title (public.followed_complaint, public.my_complaints) '
  'and receive its live status changes; never the description, place, photos or who filed it.';

-- ---------------------------------------------------------------------------------------------------
-- The public part of a complaint, one rule for the tracking page and followers
-- ---------------------------------------------------------------------------------------------------

create or replace function private.public_fields(complaint public.complaints)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'tracking_number', complaint.tracking_number,
    'category', complaint.category,
    'status', complaint.status,
    'created_at', complaint.created_at,
    'updated_at', complaint.updated_at,
    'resolved_at', complaint.resolved_at
  );
$$;

comment on function private.public_fields(public.complaints) is
  'What anyone may know of a complaint besides its ward and history: tracking number, category, status and '
  'dates. For the SECURITY DEFINER functions that show a complaint to people other than its filer; not '
  'callable by API roles.';

create or replace function private.public_timeline(complaint uuid)
returns table (id bigint, status public.complaint_status, at timestamptz, comment text)
language sql
stable
set search_path = ''
as $$
  select u.id, u.new_status, u.created_at, case when u.comment_is_public then u.comment end
    from public.complaint_updates as u
   where u.complaint_id = public_timeline.complaint
   order by u.id;
$$;

comment on function private.public_timeline(uuid) is
  'Every status a complaint has been in, oldest first, with only the comments staff marked public. For the '
  'SECURITY DEFINER functions that show a complaint to people other than its filer; not callable by API roles.';

revoke all on function private.public_fields(public.complaints), private.public_timeline(uuid) from public;

create or replace function public.track_complaint(tracking_number text)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select private.public_fields(c) || jsonb_build_object(
    'ward', case when w.id is not null then jsonb_build_object(
      'id', w.id, 'city_corporation', w.city_corporation, 'number', w.number,
      'name_bn', w.name_bn, 'name_en', w.name_en) end,
    'timeline', (
      select coalesce(jsonb_agg(jsonb_build_object('status', t.status, 'at', t.at, 'comment', t.comment)
                                order by t.id), '[]'::jsonb)
        from private.public_timeline(c.id) as t
    )
  )
  from public.complaints as c
  left join public.wards as w on w.id = c.ward_id
  where c.tracking_number = public.normalize_tracking_number(track_complaint.tracking_number);
$$;

-- ---------------------------------------------------------------------------------------------------
-- What a follower reads
-- ---------------------------------------------------------------------------------------------------

create or replace function public.followed_complaint(complaint_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  -- The tracking page's fields, and what "me too" showed them: the id and title (with the history's ids,
  -- which the page's live updates need).
  select private.public_fields(c) || jsonb_build_object(
    'id', c.id,
    'title', c.title,
    'ward_id', c.ward_id,
    'timeline', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]'::jsonb)
                   from private.public_timeline(c.id) as t)
  )
  from public.complaint_followers as f
  join public.complaints as c on c.id = f.complaint_id
  where f.complaint_id = followed_complaint.complaint_id and f.citizen_id = auth.uid();
$$;

comment on function public.followed_complaint(uuid) is
  'A complaint the caller follows, as a follower may see it: id, tracking number, title, category, status, '
  'ward id, dates and the history (id, status, at, comment) with only public comments. Null when the caller '
  'does not follow it. SECURITY DEFINER: followers cannot read the complaints row itself.';

revoke all on function public.followed_complaint(uuid) from public, anon;
grant execute on function public.followed_complaint(uuid) to authenticated, service_role;

create or replace function public.my_complaints(
  before_created_at timestamptz default null,
  before_id uuid default null,
  page_size integer default 10
)
returns table (
  id uuid,
  tracking_number text,
  title text,
  category text,
  status public.complaint_status,
  ward_id integer,
  created_at timestamptz,
  updated_at timestamptz,
  is_own boolean
)
language sql
stable
security definer
set search_path = ''
as $$
  -- Each branch walks its own index (complaints_citizen_recent_idx, complaint_followers_citizen_idx) and
  -- stops after one page; a page never holds more than both branches' first page_size rows.
  with mine as (
    select c.id, c.tracking_number, c.title, c.category, c.status, c.ward_id, c.created_at, c.updated_at,
           true as is_own
      from public.complaints as c
     where c.citizen_id = auth.uid()
       and (my_complaints.before_created_at is null
            or (c.created_at, c.id) < (my_complaints.before_created_at, my_complaints.before_id))
     order by c.created_at desc, c.id desc
     limit least(my_complaints.page_size, 100)
  ),
  followed as (
    select c.id, c.tracking_number, c.title, c.category, c.status, c.ward_id, c.created_at, c.updated_at,
           false as is_own
      from public.complaint_followers as f
      join public.complaints as c on c.id = f.complaint_id
     where f.citizen_id = auth.uid()
       and (my_complaints.before_created_at is null
            or (c.created_at, c.id) < (my_complaints.before_created_at, my_complaints.before_id))
     order by c.created_at desc, c.id desc
     limit least(my_complaints.page_size, 100)
  )
  select * from (select * from mine union all select * from followed) as page
   order by page.created_at desc, page.id desc
   limit least(my_complaints.page_size, 100);
$$;

comment on function public.my_complaints(timestamptz, uuid, integer) is
  'The complaints the caller filed and those they follow, newest first (created_at, then id), at most '
  'page_size (up to 100) filed before (before_created_at, before_id) when given: keyset pages. Only the '
  'columns a follower may see, and is_own. SECURITY DEFINER for the followed ones, whose rows the caller '
  'cannot read.';

revoke all on function public.my_complaints(timestamptz, uuid, integer) from public, anon;
grant execute on function public.my_complaints(timestamptz, uuid, integer) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Live updates: followers stay on the topic; the broadcast carries only what they may see
-- ---------------------------------------------------------------------------------------------------

drop policy "Citizens and followers receive their complaint's live updates" on realtime.messages;

create policy "Citizens and followers receive their complaint's live updates"
  on realtime.messages for select
  to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and realtime.messages.topic = (select realtime.topic())
    and (
      -- complaints' own RLS: the citizen who filed it or a super admin.
      exists (
        select 1 from public.complaints
         where id = private.complaint_id_from_topic((select realtime.topic()))
      )
      or exists (
        select 1 from public.complaint_followers as f
         where f.complaint_id = private.complaint_id_from_topic((select realtime.topic()))
           and f.citizen_id = (select auth.uid())
      )
    )
  );

comment on policy "Citizens and followers receive their complaint's live updates" on realtime.messages is
  'Joining complaint:<id>: the citizen who filed it, super admins (complaints RLS) and its followers.';

create or replace function private.broadcast_complaint_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  complaint public.complaints;
begin
  if new.old_status is null then
    return null; -- the filing itself: nobody is subscribed yet
  end if;
  select * into complaint from public.complaints where id = new.complaint_id;
  perform realtime.send(
    jsonb_build_object(
      'complaint_id', new.complaint_id,
      'update_id', new.id,
      'old_status', new.old_status,
      'status', new.new_status,
      'comment', case when new.comment_is_public then new.comment end,
      'changed_at', new.created_at,
      'updated_at', complaint.updated_at,
      'resolved_at', complaint.resolved_at
    ),
    'status_changed',
    'complaint:' || new.complaint_id,
    true
  );
  return null;
end;
$$;

comment on function private.broadcast_complaint_update() is
  'AFTER INSERT on complaint_updates: sends event status_changed on private topic complaint:<id> with what '
  'a follower may see (a comment only when public, no rejection reason); realtime.messages policies let '
  'only the citizen, followers and super admins receive it. Pages fetch the rest under RLS.';
