-- The staff complaint queue (/admin/complaints): a page of the caller's complaints, filtered, searched,
-- sorted and keyset-paginated, in one call, and the number in each status under the same filters.
--
-- SECURITY INVOKER: RLS on public.complaints decides every row. On top, the caller's scope is written into
-- the query as a plain predicate (every complaint for super admins, their wards' for ward admins, their
-- assignments for service providers, nothing for anyone else), so a staff member's own complaints as a
-- citizen stay out of their queue, citizens get nothing, and the planner sees the wards or the assignee an
-- index serves. The query is put together with format() from fixed pieces and run with EXECUTE … USING:
-- the caller's values only ever travel as parameters, and each call is planned for the filters it has
-- (a ward, a status, an open-only deadline order) instead of one generic plan for every combination.
-- Search alone runs apart, in private.staff_search_hits (see there why).

-- ---------------------------------------------------------------------------------------------------
-- The caller's scope, and search
-- ---------------------------------------------------------------------------------------------------

create or replace function private.staff_scope_condition()
returns text
language sql
stable
set search_path = ''
as $$
  select case public.current_app_role()
    when 'super_admin' then 'true'
    when 'ward_admin' then format('c.ward_id = any (%L::integer[])', private.posted_wards())
    when 'service_provider' then format('c.assigned_to = %L::uuid', auth.uid())
    else 'false'
  end;
$$;

comment on function private.staff_scope_condition() is
  'The signed-in caller''s staff scope as an SQL condition on public.complaints as c, its values written in: '
  'true for super admins, their wards for ward admins, their assignments for service providers, false for '
  'anyone else (the rule of private.staff_scope_includes, in a form the planner can use an index for).';

revoke all on function private.staff_scope_condition() from public;
grant execute on function private.staff_scope_condition() to authenticated;

-- Why search runs apart: under RLS, Postgres evaluates the policy before any condition whose operator is
-- not leakproof, so it never lets ILIKE (texticlike) use an index for an API caller: a SECURITY INVOKER
-- query would read every complaint in scope. This function reads past RLS, keeps the caller's scope itself,
-- and returns only ids, which the invoker's query (RLS applying) then takes by primary key.
create or replace function private.staff_search_hits(search text, ward integer)
returns setof uuid
language plpgsql
stable
security definer
rows 100
set search_path = ''
as $$
begin
  -- A super admin's scope is the whole city: the trigram index on exactly complaints_search_idx's expression
  -- finds the hits. Anyone else's scope is a few wards or their assignments: read those first (their own
  -- index) and match there, so a word common across the city costs no more than the scope (OFFSET 0 keeps
  -- the planner from taking the match down onto the trigram index). The pattern is a constant when planned
  -- (EXECUTE … USING); LIKE's wildcards and escape character match literally. Bengali has no case: a
  -- pattern without cased letters matches the same with LIKE, which compares bytes, where ILIKE lowers every
  -- row's words first (three times slower over a ward's complaints).
  return query execute format(
    $sql$
      select s.id
        from (select c.id,
                     c.tracking_number || ' ' || c.title || ' ' || c.description || ' ' || coalesce(c.location, '')
                       as words
                from public.complaints as c
               where %s and ($2 is null or c.ward_id = $2) %s) as s
       where s.words %s '%%' || replace(replace(replace(btrim($1), '\', '\\'), '%%', '\%%'), '_', '\_') || '%%'
    $sql$,
    private.staff_scope_condition(),
    case when public.current_app_role() = 'super_admin' then '' else 'offset 0' end,
    case when lower(search) = upper(search) then 'like' else 'ilike' end)
  using search, ward;
end;
$$;

comment on function private.staff_search_hits(text, integer) is
  'The ids of the complaints in the caller''s staff scope whose tracking number, title, description or '
  'location contain search (any script: a part of a Bengali word too), in ward when given: across the city '
  'through complaints_search_idx, within a smaller scope by reading the scope first. SECURITY DEFINER: under '
  'RLS the index could not serve ILIKE; the caller''s scope is applied here.';

revoke all on function private.staff_search_hits(text, integer) from public;
grant execute on function private.staff_search_hits(text, integer) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- What both functions share: the conditions for the filters and the caller's scope
-- ---------------------------------------------------------------------------------------------------

create or replace function private.staff_queue_conditions(
  category_code text,
  ward integer,
  priority_level text,
  assignee uuid,
  unassigned boolean,
  filed_from date,
  filed_to date,
  overdue boolean,
  search text
)
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  conditions text[];
begin
  if priority_level is not null and priority_level not in ('low', 'medium', 'high') then
    perform private.refuse(400, 'CC400', 'priority_level must be low, medium or high');
  end if;
  if assignee is not null and coalesce(unassigned, false) then
    perform private.refuse(400, 'CC400', 'Ask for one assignee or for unassigned complaints, not both');
  end if;
  if filed_from > filed_to then
    perform private.refuse(400, 'CC400', 'filed_from comes after filed_to');
  end if;
  if char_length(btrim(search)) > 100 then
    perform private.refuse(400, 'CC400', 'search is at most 100 characters');
  end if;

  conditions := array[private.staff_scope_condition()];
  -- $1 … $7 are the USING values every caller passes in this order: category, ward, priority, assignee,
  -- filed_from, filed_to, search. (The category needs no check: an unknown one matches nothing.)
  if category_code is not null then
    conditions := array_append(conditions, 'c.category = $1');
  end if;
  if ward is not null then
    conditions := array_append(conditions, 'c.ward_id = $2');
  end if;
  if priority_level is not null then
    conditions := array_append(conditions, 'c.priority = $3');
  end if;
  if assignee is not null then
    conditions := array_append(conditions, 'c.assigned_to = $4');
  elsif coalesce(unassigned, false) then
    conditions := array_append(conditions, 'c.assigned_to is null');
  end if;
  -- Dates are days in Bangladesh.
  if filed_from is not null then
    conditions := array_append(conditions, '(c.created_at >= $5::timestamp at time zone ''Asia/Dhaka'')');
  end if;
  if filed_to is not null then
    conditions := array_append(conditions, '(c.created_at < ($6 + 1)::timestamp at time zone ''Asia/Dhaka'')');
  end if;
  if coalesce(overdue, false) then
    -- In the words of complaints_open_deadline_idx's predicate, so that index serves it.
    conditions := array_append(conditions, 'public.complaint_status_is_open(c.status) and c.deadline_at < now()');
  end if;
  if coalesce(btrim(search), '') <> '' then
    conditions := array_append(conditions, 'c.id in (select private.staff_search_hits($7, $2))');
  end if;
  return array_to_string(conditions, ' and ');
end;
$$;

comment on function private.staff_queue_conditions(text, integer, text, uuid, boolean, date, date, boolean, text) is
  'The WHERE conditions (on public.complaints as c) of public.staff_queue and public.staff_queue_counts: the '
  'caller''s scope, written in, and the filters asked for, whose values the query takes as parameters $1 '
  '(category) to $7 (search) in the order of those functions'' USING lists. Refuses bad values (400 CC400).';

revoke all on function private.staff_queue_conditions(text, integer, text, uuid, boolean, date, date, boolean, text)
  from public;
grant execute on function private.staff_queue_conditions(text, integer, text, uuid, boolean, date, date, boolean, text)
  to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- A page of the queue
-- ---------------------------------------------------------------------------------------------------

create or replace function public.staff_queue(
  statuses text[] default null,
  category_code text default null,
  ward integer default null,
  priority_level text default null,
  assignee uuid default null,
  unassigned boolean default false,
  filed_from date default null,
  filed_to date default null,
  overdue boolean default false,
  search text default null,
  sort text default 'newest',
  after_id uuid default null,
  after_at timestamptz default null,
  after_priority text default null,
  page_size integer default 50
)
returns table (
  id uuid,
  tracking_number text,
  title text,
  location text,
  category text,
  status text,
  priority text,
  ward_id integer,
  ward_city_corporation text,
  ward_number smallint,
  ward_name_bn text,
  ward_name_en text,
  assigned_to uuid,
  assignee_name text,
  created_at timestamptz,
  updated_at timestamptz,
  deadline_at timestamptz,
  is_overdue boolean,
  reopened_count smallint,
  version integer
)
language plpgsql
stable
set search_path = ''
as $$
declare
  -- high first: the priority's place in this list is its sort key.
  priority_key constant text := 'array_position(''{high,medium,low}''::text[], %s::text)';
  conditions text;
  keyset text := 'true';
  sort_order text;
  page_rows text;
begin
  -- The result columns come from RETURN QUERY EXECUTE, which plpgsql_check cannot look into:
  -- @plpgsql_check_options: extra_warnings = off
  if sort is null or sort not in ('newest', 'oldest', 'priority', 'deadline') then
    perform private.refuse(400, 'CC400', 'sort must be newest, oldest, priority or deadline');
  end if;
  if page_size is null or page_size not between 1 and 100 then
    perform private.refuse(400, 'CC400', 'page_size is 1 to 100');
  end if;
  if not statuses <@ '{submitted,in_progress,resolved,closed,rejected}'::text[] then
    perform private.refuse(400, 'CC400', 'statuses are submitted, in_progress, resolved, closed or rejected');
  end if;
  if after_id is null and (after_at is not null or after_priority is not null) then
    perform private.refuse(400, 'CC400', 'A cursor needs after_id');
  end if;
  if after_id is not null and after_at is null and sort <> 'deadline' then
    perform private.refuse(400, 'CC400', 'A cursor for this sort needs after_at');
  end if;
  if after_id is not null and sort = 'priority' and after_priority is distinct from 'high'
     and after_priority is distinct from 'medium' and after_priority is distinct from 'low' then
    perform private.refuse(400, 'CC400', 'A cursor for the priority sort needs after_priority');
  end if;
  conditions := private.staff_queue_conditions(category_code, ward, priority_level, assignee, unassigned,
                                               filed_from, filed_to, overdue, search);
  if statuses is not null then
    conditions := conditions || ' and c.status = any ($8)';
    -- Open ones only: said in the words of the open-only indexes' predicate too, so that they can serve.
    if (select bool_and(public.complaint_status_is_open(asked::public.complaint_status)) from unnest(statuses) as asked)
    then
      conditions := conditions || ' and public.complaint_status_is_open(c.status)';
    end if;
  end if;

  -- Keyset pagination: the rows after ($9 at, $10 id, $11 priority) in the sort order, and the order itself
  -- with the id last, so every row has one place.
  case sort
    when 'newest' then
      sort_order := 'c.created_at desc, c.id desc';
      if after_id is not null then keyset := '(c.created_at, c.id) < ($9, $10)'; end if;
    when 'oldest' then
      sort_order := 'c.created_at, c.id';
      if after_id is not null then keyset := '(c.created_at, c.id) > ($9, $10)'; end if;
    when 'priority' then
      sort_order := format(priority_key, 'c.priority') || ', c.created_at, c.id';
      if after_id is not null then
        keyset := format('(%s, c.created_at, c.id) > (%s, $9, $10)',
                         format(priority_key, 'c.priority'), format(priority_key, '$11'));
      end if;
    else
      -- Soonest deadline first; complaints without one (a category without targets) at the end.
      sort_order := 'c.deadline_at nulls last, c.id';
      if after_id is not null and after_at is not null then
        keyset := '((c.deadline_at, c.id) > ($9, $10) or c.deadline_at is null)';
      elsif after_id is not null then
        keyset := '(c.deadline_at is null and c.id > $10)';
      end if;
  end case;

  if ward is null and coalesce(btrim(search), '') = '' and public.current_app_role() = 'ward_admin' then
    -- A page from each of the ward admin's wards, merged: each ward's complaints come in the sort's order
    -- straight from that ward's index, and reading stops at a page. Over all their wards at once the
    -- planner has to gather every match and sort it, and it guesses badly how many of a ward's complaints
    -- are open (a function is the open-only indexes' predicate): the open high-priority complaints of two
    -- wards by deadline took 25 ms at a million complaints, ward by ward 2 ms. (A search's hits are few and
    -- found once, apart: it keeps the single query.)
    page_rows := format(
      'select c.* from unnest(%L::integer[]) as posted(ward_id) cross join lateral ('
      '  select * from public.complaints as c where c.ward_id = posted.ward_id and %s and %s order by %s limit $12'
      ') as c order by %s limit $12',
      private.posted_wards(), conditions, keyset, sort_order, sort_order);
  else
    page_rows := format('select * from public.complaints as c where %s and %s order by %s limit $12',
                        conditions, keyset, sort_order);
  end if;

  return query execute format(
    $sql$
      select c.id, c.tracking_number, c.title, c.location, c.category, c.status::text, c.priority::text,
             c.ward_id, w.city_corporation, w.number, w.name_bn, w.name_en,
             c.assigned_to, coalesce(nullif(btrim(a.full_name), ''), a.phone),
             c.created_at, c.updated_at, c.deadline_at,
             coalesce(public.complaint_status_is_open(c.status) and c.deadline_at < now(), false),
             c.reopened_count, c.version
        from (%1$s) as c
        left join public.wards as w on w.id = c.ward_id
        left join public.profiles as a on a.id = c.assigned_to
       order by %2$s
    $sql$, page_rows, sort_order)
  using category_code, ward, priority_level, assignee, filed_from, filed_to, search,
        statuses, after_at, after_id, after_priority, page_size;
end;
$$;

comment on function public.staff_queue(text[], text, integer, text, uuid, boolean, date, date, boolean, text, text,
                                       uuid, timestamptz, text, integer) is
  'A page of the staff complaint queue: the complaints in the caller''s scope (all for super admins, their '
  'wards for ward admins, their assignments for service providers, none for anyone else; RLS applies too), '
  'filtered by statuses, category_code, ward, priority_level, assignee or unassigned, filing days '
  'filed_from..filed_to (Asia/Dhaka) and overdue (open past the deadline), searched (search: a substring of '
  'the tracking number, title, description or location, any script), sorted by sort: newest, oldest, '
  'priority (high first, then oldest) or deadline (soonest first); page_size (1-100) rows after the cursor '
  '(after_id with the last row''s created_at as after_at, or its deadline_at for the deadline sort, and its '
  'priority as after_priority for the priority sort). Each row has the ward and the assignee''s name. '
  'Refuses bad values with 400 CC400.';

revoke all on function public.staff_queue(text[], text, integer, text, uuid, boolean, date, date, boolean, text,
                                          text, uuid, timestamptz, text, integer)
  from public, anon, service_role;
grant execute on function public.staff_queue(text[], text, integer, text, uuid, boolean, date, date, boolean, text,
                                             text, uuid, timestamptz, text, integer) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- How many in each status
-- ---------------------------------------------------------------------------------------------------

create or replace function public.staff_queue_counts(
  category_code text default null,
  ward integer default null,
  priority_level text default null,
  assignee uuid default null,
  unassigned boolean default false,
  filed_from date default null,
  filed_to date default null,
  overdue boolean default false,
  search text default null
)
returns table (status text, complaints bigint)
language plpgsql
stable
set search_path = ''
as $$
begin
  -- The result columns come from RETURN QUERY EXECUTE, which plpgsql_check cannot look into:
  -- @plpgsql_check_options: extra_warnings = off
  return query execute format(
    $sql$
      select s.status, coalesce(n.complaints, 0)
        from unnest('{submitted,in_progress,resolved,closed,rejected}'::text[]) with ordinality as s (status, position)
        left join (select c.status::text as status, count(*) as complaints
                     from public.complaints as c where %s group by c.status) as n on n.status = s.status
       order by s.position
    $sql$, private.staff_queue_conditions(category_code, ward, priority_level, assignee, unassigned,
                                          filed_from, filed_to, overdue, search))
  using category_code, ward, priority_level, assignee, filed_from, filed_to, search;
end;
$$;

comment on function public.staff_queue_counts(text, integer, text, uuid, boolean, date, date, boolean, text) is
  'How many complaints of the caller''s queue are in each status (every status, in workflow order, zero '
  'included) under the filters of public.staff_queue other than the status. Refuses bad values with 400 CC400.';

revoke all on function public.staff_queue_counts(text, integer, text, uuid, boolean, date, date, boolean, text)
  from public, anon, service_role;
grant execute on function public.staff_queue_counts(text, integer, text, uuid, boolean, date, date, boolean, text)
  to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Whom the queue can be filtered by
-- ---------------------------------------------------------------------------------------------------

create or replace function public.staff_queue_assignees()
returns table (id uuid, name text)
language sql
stable
security definer
set search_path = ''
as $$
  select p.id, coalesce(nullif(btrim(p.full_name), ''), p.phone)
    from public.staff_roles as r
    join public.profiles as p on p.id = r.user_id
   where r.role = 'service_provider'
     and case public.current_app_role()
           when 'super_admin' then true
           when 'ward_admin' then exists (
             select 1 from public.ward_postings as w
              where w.user_id = r.user_id and w.ward_id = any (private.posted_wards()))
           when 'service_provider' then r.user_id = auth.uid()
           else false
         end
   order by 2 nulls last, 1;
$$;

comment on function public.staff_queue_assignees() is
  'The service providers the caller''s queue can be filtered by, with their names (the phone number when '
  'they have none): all for super admins, those posted to their wards for ward admins, themselves for '
  'service providers, none for anyone else. SECURITY DEFINER: colleagues'' postings are not readable directly.';

revoke all on function public.staff_queue_assignees() from public, anon, service_role;
grant execute on function public.staff_queue_assignees() to authenticated;
