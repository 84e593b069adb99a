-- What each staff role reads: complaints, their history (internal notes included), photos and photo
-- objects, the people behind them, deadline targets, templates and the live queue topics. Every role that
-- should and should not pass: anon, the filer, another citizen, a provider (assigned and not), a ward admin
-- of the ward and of another ward, a super admin. Rolled back.
begin;
set local search_path = public, extensions;

select plan(51);

-- People: filer A, another citizen C, the providers b1 (X is assigned to them) and b2 of ward 40, the ward
-- admins d1 (wards 40, 41) and d2 (ward 42), and a super admin.
select tests.create_person('5c0e0000-0000-4000-8000-00000000000a', '8801300000901');
select tests.create_person('5c0e0000-0000-4000-8000-00000000000c', '8801300000902');
select tests.create_person('5c0e0000-0000-4000-8000-0000000000b1', '8801300000903', 'service_provider', '{40}');
select tests.create_person('5c0e0000-0000-4000-8000-0000000000b2', '8801300000904', 'service_provider', '{40}');
select tests.create_person('5c0e0000-0000-4000-8000-0000000000d1', '8801300000905', 'ward_admin', '{40, 41}');
select tests.create_person('5c0e0000-0000-4000-8000-0000000000d2', '8801300000906', 'ward_admin', '{42}');
select tests.create_person('5c0e0000-0000-4000-8000-0000000000ad', '8801300000907', 'super_admin');
update public.profiles set full_name = 'নাগরিক ক' where id = '5c0e0000-0000-4000-8000-00000000000a';

-- A's complaints: X in ward 40 (assigned to b1, with a photo, a reply and an internal note), Y in ward 41,
-- Z in ward 42.
insert into public.complaints (id, citizen_id, title, description, category, location, ward_id, priority)
values
  ('5c0ec000-0000-4000-8000-000000000001', '5c0e0000-0000-4000-8000-00000000000a', 'নর্দমা উপচে পড়ছে',
   'বাজারের নর্দমা দুই দিন ধরে উপচে পড়ছে।', 'cleanliness', 'বাজার', 40, 'high'),
  ('5c0ec000-0000-4000-8000-000000000002', '5c0e0000-0000-4000-8000-00000000000a', 'রাস্তায় গর্ত',
   'স্কুলের সামনে বড় গর্ত হয়েছে, রিকশা উল্টে যাচ্ছে।', 'roads', 'স্কুল', 41, null),
  ('5c0ec000-0000-4000-8000-000000000003', '5c0e0000-0000-4000-8000-00000000000a', 'বাতি নেই',
   'মসজিদের গলির বাতি এক সপ্তাহ ধরে নষ্ট।', 'electricity', 'মসজিদের গলি', 42, null);
update public.complaints set assigned_to = '5c0e0000-0000-4000-8000-0000000000b1'
 where id = '5c0ec000-0000-4000-8000-000000000001';
insert into storage.buckets (id, name) values ('complaint-photos', 'complaint-photos') on conflict do nothing;
insert into storage.objects (bucket_id, name, owner, owner_id)
values ('complaint-photos', '5c0e0000-0000-4000-8000-00000000000a/5c0e5000-0000-4000-8000-000000000001/1.jpg',
        '5c0e0000-0000-4000-8000-00000000000a', '5c0e0000-0000-4000-8000-00000000000a');
insert into public.complaint_photos (complaint_id, storage_path, position)
values ('5c0ec000-0000-4000-8000-000000000001',
        '5c0e0000-0000-4000-8000-00000000000a/5c0e5000-0000-4000-8000-000000000001/1.jpg', 1);
insert into public.complaint_updates (complaint_id, old_status, new_status, kind, comment, comment_is_public)
values ('5c0ec000-0000-4000-8000-000000000001', 'submitted', 'submitted', 'reply', 'আমরা দেখছি।', true),
       ('5c0ec000-0000-4000-8000-000000000001', 'submitted', 'submitted', 'note', 'ঠিকাদার ফোন ধরছে না', false);

create function pg_temp.seen_as(person uuid)
returns table (complaints text, notes int, replies int, photos int, objects int, filer_visible boolean)
language plpgsql
as $$
begin
  perform tests.sign_in_as(person);
  return query select
    (select coalesce(string_agg(right(id::text, 1), ',' order by id), '')
       from public.complaints where id::text like '5c0ec000-%'),
    (select count(*)::int from public.complaint_updates where kind = 'note' and complaint_id::text like '5c0ec000-%'),
    (select count(*)::int from public.complaint_updates where kind = 'reply' and complaint_id::text like '5c0ec000-%'),
    (select count(*)::int from public.complaint_photos where complaint_id::text like '5c0ec000-%'),
    (select count(*)::int from storage.objects where name like '5c0e0000-%'),
    -- The filer reads their own profile; staff read only the name and phone, through staff_people.
    exists (select 1 from public.profiles where id = '5c0e0000-0000-4000-8000-00000000000a')
      or exists (select 1 from public.staff_people(array['5c0e0000-0000-4000-8000-00000000000a'::uuid]));
end;
$$;
grant execute on function pg_temp.seen_as(uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Complaints, history, photos, the filer's profile
-- ---------------------------------------------------------------------------------------------------
select results_eq(
  format('select * from pg_temp.seen_as(%L)', person),
  format('values (%L, %s, %s, %s, %s, %s)', complaints, notes, replies, photos, objects, filer_visible::text),
  description
)
  from (values
    (1, '5c0e0000-0000-4000-8000-00000000000a', '1,2,3', 0, 1, 1, 1, true,
     'the filer: all three, replies but never the internal note, their photo'),
    (2, '5c0e0000-0000-4000-8000-00000000000c', '', 0, 0, 0, 0, false, 'another citizen: nothing'),
    (3, '5c0e0000-0000-4000-8000-0000000000b1', '1', 1, 1, 1, 1, true,
     'the assigned provider: only the assigned complaint, its notes, photo and filer'),
    (4, '5c0e0000-0000-4000-8000-0000000000b2', '', 0, 0, 0, 0, false,
     'a provider of the same ward who is not assigned: nothing'),
    (5, '5c0e0000-0000-4000-8000-0000000000d1', '1,2', 1, 1, 1, 1, true,
     'the ward admin of wards 40 and 41: both of their wards'' complaints, nothing of ward 42'),
    (6, '5c0e0000-0000-4000-8000-0000000000d2', '3', 0, 0, 0, 0, true,
     'the ward admin of ward 42: only ward 42''s complaint (no photo or notes there)'),
    (7, '5c0e0000-0000-4000-8000-0000000000ad', '1,2,3', 1, 1, 1, 1, true, 'the super admin: everything')
  ) as seen (n, person, complaints, notes, replies, photos, objects, filer_visible, description)
 order by n;

select tests.act_as_api_role('anon');
select throws_ok($$select * from public.complaints$$, '42501', null, 'anon reads no complaints');
select throws_ok($$select * from public.complaint_updates$$, '42501', null, 'nor any history');
select tests.sign_out();

-- Deadlines follow category and priority.
select is(
  (select deadline_at - created_at from public.complaints where id = '5c0ec000-0000-4000-8000-000000000001'),
  (select make_interval(hours => hours) from public.sla_targets where category = 'cleanliness' and priority = 'high'),
  'a high-priority complaint''s deadline is its category''s high target from filing'
);
update public.complaints set priority = 'low' where id = '5c0ec000-0000-4000-8000-000000000001';
select is(
  (select deadline_at - created_at from public.complaints where id = '5c0ec000-0000-4000-8000-000000000001'),
  (select make_interval(hours => hours) from public.sla_targets where category = 'cleanliness' and priority = 'low'),
  'changing the priority moves the deadline'
);
select ok(
  (select version from public.complaints where id = '5c0ec000-0000-4000-8000-000000000001') > 1,
  'every change raises the version'
);

-- ---------------------------------------------------------------------------------------------------
-- Writing: the UPDATE policy and the rules trigger, for each role
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('5c0e0000-0000-4000-8000-00000000000a');
select is_empty(
  $$update public.complaints set status = 'in_progress' where id::text like '5c0ec000-%' returning id$$,
  'the filer changes no status'
);
select tests.sign_in_as('5c0e0000-0000-4000-8000-0000000000b2');
select is_empty(
  $$update public.complaints set status = 'in_progress' where id::text like '5c0ec000-%' returning id$$,
  'an unassigned provider changes nothing'
);
select tests.sign_in_as('5c0e0000-0000-4000-8000-0000000000b1');
select throws_ok(
  $$update public.complaints set priority = 'high' where id = '5c0ec000-0000-4000-8000-000000000001'$$,
  '42501', null, 'the assigned provider cannot change the priority'
);
select throws_ok(
  $$update public.complaints set status = 'rejected', rejection_reason = 'না'
     where id = '5c0ec000-0000-4000-8000-000000000001'$$,
  '42501', null, 'nor reject it'
);
select lives_ok(
  $$update public.complaints set status = 'in_progress' where id = '5c0ec000-0000-4000-8000-000000000001'$$,
  'the assigned provider starts work'
);
select tests.sign_in_as('5c0e0000-0000-4000-8000-0000000000d2');
select is_empty(
  $$update public.complaints set priority = 'high' where id = '5c0ec000-0000-4000-8000-000000000002' returning id$$,
  'a ward admin of another ward changes nothing'
);
select tests.sign_in_as('5c0e0000-0000-4000-8000-0000000000d1');
select throws_ok(
  $$update public.complaints set assigned_to = '5c0e0000-0000-4000-8000-0000000000b1'
     where id = '5c0ec000-0000-4000-8000-000000000002'$$,
  '23514', null, 'a ward admin cannot assign a provider posted to another ward'
);
select throws_ok(
  $$update public.complaints set assigned_to = '5c0e0000-0000-4000-8000-00000000000c'
     where id = '5c0ec000-0000-4000-8000-000000000001'$$,
  '23514', null, 'nor assign a citizen'
);
select lives_ok(
  $$update public.complaints set assigned_to = '5c0e0000-0000-4000-8000-0000000000b2', priority = 'high'
     where id = '5c0ec000-0000-4000-8000-000000000001'$$,
  'the ward admin reassigns within the ward and raises the priority'
);
select throws_ok(
  $$update public.complaints set ward_id = 42 where id = '5c0ec000-0000-4000-8000-000000000002'$$,
  '42501', null, 'only super admins move a complaint to another ward'
);
select throws_ok(
  $$update public.complaints set status = 'rejected' where id = '5c0ec000-0000-4000-8000-000000000002'$$,
  '23514', null, 'rejecting needs a reason'
);
select tests.sign_in_as('5c0e0000-0000-4000-8000-0000000000ad');
select lives_ok(
  $$update public.complaints set ward_id = 42 where id = '5c0ec000-0000-4000-8000-000000000002'$$,
  'a super admin moves a complaint to another ward'
);
select results_eq(
  $$select action, old_value, new_value from public.audit_log
     where subject_id = '5c0ec000-0000-4000-8000-000000000001' and actor_id is not null order by id$$,
  $$values ('complaint.status', '{"status": "submitted"}'::jsonb,
            '{"status": "in_progress", "comment": null, "rejection_reason": null}'::jsonb),
           ('complaint.priority', '{"priority": "low"}', '{"priority": "high"}'),
           ('complaint.assigned', '{"assigned_to": "5c0e0000-0000-4000-8000-0000000000b1"}',
            '{"assigned_to": "5c0e0000-0000-4000-8000-0000000000b2"}')$$,
  'the audit log holds each staff change with old and new values'
);
select is(
  (select actor_role from public.audit_log
    where subject_id = '5c0ec000-0000-4000-8000-000000000002' and action = 'complaint.ward'),
  'super_admin', 'and who made it, in which role'
);

-- ---------------------------------------------------------------------------------------------------
-- Profiles, targets, templates
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('5c0e0000-0000-4000-8000-0000000000d1');
select ok(
  exists (select 1 from public.staff_people(array['5c0e0000-0000-4000-8000-0000000000b2'::uuid]))
  and not exists (select 1 from public.profiles where id = '5c0e0000-0000-4000-8000-0000000000b2'),
  'staff read a colleague''s name and phone (staff_people), not their whole profile'
);
select ok(
  not exists (select 1 from public.staff_people(array['5c0e0000-0000-4000-8000-00000000000c'::uuid]))
  and not exists (select 1 from public.profiles where id = '5c0e0000-0000-4000-8000-00000000000c'),
  'nor anything of a citizen with no complaint in their scope'
);
select ok((select count(*) from public.sla_targets) > 0, 'staff read the deadline targets');
select ok((select count(*) from public.response_templates) > 0, 'and the response templates');
select is_empty(
  $$update public.sla_targets set hours = 1 returning hours$$, 'a ward admin cannot change the targets'
);
select tests.rls_refuses(
  $$insert into public.response_templates (title_bn, title_en, body_bn, body_en) values ('ক', 'a', 'খ', 'b')$$,
  'response_templates', 'nor add templates'
);
select tests.sign_in_as('5c0e0000-0000-4000-8000-00000000000a');
select is_empty($$select * from public.sla_targets$$, 'citizens do not read the targets');
select is_empty($$select * from public.response_templates$$, 'nor the templates');
select tests.sign_in_as('5c0e0000-0000-4000-8000-0000000000ad');
select lives_ok(
  $$update public.sla_targets set hours = 10 where category = 'roads' and priority = 'high'$$,
  'a super admin changes a target'
);
select lives_ok(
  $$insert into public.response_templates (category, title_bn, title_en, body_bn, body_en)
    values ('roads', 'পরীক্ষা', 'Test', 'পরীক্ষার উত্তর', 'A test reply')$$,
  'and adds a template'
);

-- ---------------------------------------------------------------------------------------------------
-- Live queue topics
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('5c0e0000-0000-4000-8000-0000000000ad');
select ok(tests.can_receive('queue:all'), 'a super admin hears the whole queue');
select ok(tests.can_receive('queue:ward:42'), 'and any ward''s');
select tests.sign_in_as('5c0e0000-0000-4000-8000-0000000000d1');
select ok(tests.can_receive('queue:ward:41'), 'a ward admin hears their ward');
select ok(not tests.can_receive('queue:ward:42'), 'not another ward');
select ok(not tests.can_receive('queue:all'), 'nor the whole queue');
select tests.sign_in_as('5c0e0000-0000-4000-8000-0000000000b1');
select ok(tests.can_receive('queue:assignee:5c0e0000-0000-4000-8000-0000000000b1'), 'a provider hears their assignments');
select ok(not tests.can_receive('queue:assignee:5c0e0000-0000-4000-8000-0000000000b2'), 'not a colleague''s');
select ok(not tests.can_receive('queue:ward:40'), 'nor their ward''s queue');
select tests.sign_in_as('5c0e0000-0000-4000-8000-00000000000c');
select ok(not tests.can_receive('queue:ward:40') and not tests.can_receive('queue:all'), 'a citizen hears no queue');
select tests.sign_out();

select is(
  (select schedule from cron.job where jobname = 'close-unconfirmed-resolutions'), '17 * * * *',
  'a scheduled job closes unconfirmed resolutions every hour'
);
-- Z resolved 8 days ago and X resolved yesterday: the job closes Z only, with its reason in the history.
update public.complaints set status = 'in_progress' where id = '5c0ec000-0000-4000-8000-000000000003';
update public.complaints set status = 'resolved' where id::text in
  ('5c0ec000-0000-4000-8000-000000000001', '5c0ec000-0000-4000-8000-000000000003');
update public.complaints set resolved_at = now() - interval '8 days' where id = '5c0ec000-0000-4000-8000-000000000003';
update public.complaints set resolved_at = now() - interval '1 day' where id = '5c0ec000-0000-4000-8000-000000000001';
select ok(private.close_unconfirmed_resolutions() >= 1, 'the job closes what waited more than 7 days');
select results_eq(
  $$select right(id::text, 1), status::text from public.complaints
     where id::text in ('5c0ec000-0000-4000-8000-000000000001', '5c0ec000-0000-4000-8000-000000000003')
     order by 1$$,
  $$values ('1', 'resolved'), ('3', 'closed')$$,
  'and leaves a complaint the citizen may still confirm or reopen'
);
select is(
  (select comment from public.complaint_updates where complaint_id = '5c0ec000-0000-4000-8000-000000000003'
    order by id desc limit 1),
  'Closed automatically: 7 days passed without a reply.',
  'the history says why it closed'
);
select has_index('public', 'complaints', 'complaints_search_idx', 'the queue search has its trigram index');
select has_table('public', 'sla_targets', 'sla_targets exists');

select * from finish();
rollback;
