-- What staff do on a complaint, and what the citizen does after it is resolved, for every caller: anon, the
-- citizen who filed it, another citizen, a follower, the service provider it is assigned to and one it is
-- not, the ward admin of its ward and of another ward, a super admin. staff_update_complaint (optimistic
-- concurrency included), staff_write_to_complaint, assignable_providers, complaint_follower_count,
-- staff_people, confirm_resolution, reopen_complaint, the UPDATE policy and the triggers behind them
-- (the fixes of the workspace migration too); internal notes stay away from the citizen, the tracking page,
-- followers and the live channel; every action lands in the audit log. Rolled back.
-- Needs the tests.* helpers of 00-helpers.sql (which runs first).
begin;
set local search_path = public, extensions;

select plan(113);

-- What nobody outside K1's scope gets, whoever they are: signs `person` in and checks each way in.
create function tests.shut_out_of_k1(person uuid, who text)
returns setof text
language plpgsql
set search_path = extensions -- pgTAP's functions call each other unqualified
as $$
begin
  perform tests.sign_in_as(person);
  return next extensions.is(
    tests.outcome($q$select public.staff_update_complaint('11c00000-0000-4000-8000-000000000001', 2, 'in_progress')$q$),
    'CC404 404', who || ' changing K1 as staff: CC404');
  return next extensions.is(
    tests.outcome($q$select public.staff_write_to_complaint('11c00000-0000-4000-8000-000000000001', 'নোট', true)$q$),
    'CC404 404', who || ' writing on K1: CC404');
  return next extensions.is_empty(
    $q$update public.complaints set priority = 'high' where id = '11c00000-0000-4000-8000-000000000001' returning id$q$,
    who || ' updating K1 directly touches nothing');
  return next extensions.is_empty(
    $q$select * from public.assignable_providers('11c00000-0000-4000-8000-000000000001')$q$,
    who || ': assignable_providers tells nothing');
  return next extensions.is(public.complaint_follower_count('11c00000-0000-4000-8000-000000000001'), null,
    who || ': complaint_follower_count tells nothing');
  return next extensions.is_empty(
    $q$select * from public.staff_people(array['11a00000-0000-4000-8000-0000000000c1'::uuid])$q$,
    who || ': staff_people does not name K1''s filer');
end;
$$;
grant execute on function tests.shut_out_of_k1(uuid, text) to authenticated;

-- People: filer C1, another citizen C2, follower F1; providers P1 (ward 31, K1 is theirs), P2 (ward 31),
-- P3 (ward 32); ward admins W1 (ward 31) and W2 (ward 32); super admin S1.
select tests.create_person('11a00000-0000-4000-8000-0000000000c1', '8801300011001');
select tests.create_person('11a00000-0000-4000-8000-0000000000c2', '8801300011002');
select tests.create_person('11a00000-0000-4000-8000-0000000000f1', '8801300011003');
select tests.create_person('11a00000-0000-4000-8000-0000000000b1', '8801300011004', 'service_provider', '{31}');
select tests.create_person('11a00000-0000-4000-8000-0000000000b2', '8801300011005', 'service_provider', '{31}');
select tests.create_person('11a00000-0000-4000-8000-0000000000b3', '8801300011006', 'service_provider', '{32}');
select tests.create_person('11a00000-0000-4000-8000-0000000000a1', '8801300011007', 'ward_admin', '{31}');
select tests.create_person('11a00000-0000-4000-8000-0000000000a2', '8801300011008', 'ward_admin', '{32}');
select tests.create_person('11a00000-0000-4000-8000-0000000000ad', '8801300011009', 'super_admin');
update public.profiles set full_name = 'নাগরিক এক', nid = '1990123456789', address = 'বাড়ি ৭, রোড ২'
 where id = '11a00000-0000-4000-8000-0000000000c1';
update public.profiles set full_name = 'সেবাদাতা এক' where id = '11a00000-0000-4000-8000-0000000000b1';

-- C1's complaints in ward 31: K1 assigned to P1 (version 2), K2 new, K3 and K4 resolved now, K5 resolved
-- eight days ago, K7 rejected while assigned to P1; C2's K6 in ward 32, assigned to P3.
insert into public.complaints (id, citizen_id, title, description, category, priority, location, ward_id)
select ('11c00000-0000-4000-8000-00000000000' || n)::uuid,
       case when n = 6 then '11a00000-0000-4000-8000-0000000000c2'::uuid
            else '11a00000-0000-4000-8000-0000000000c1' end,
       'অভিযোগ ' || n, 'গলির মুখে কয়েক দিন ধরে ময়লা জমে আছে।', 'cleanliness', 'medium', 'গলি ' || n,
       case when n = 6 then 32 else 31 end
  from generate_series(1, 7) as n;
update public.complaints set assigned_to = '11a00000-0000-4000-8000-0000000000b1'
 where id in ('11c00000-0000-4000-8000-000000000001', '11c00000-0000-4000-8000-000000000007');
update public.complaints set assigned_to = '11a00000-0000-4000-8000-0000000000b3'
 where id = '11c00000-0000-4000-8000-000000000006';
update public.complaints set status = 'in_progress'
 where id in ('11c00000-0000-4000-8000-000000000003', '11c00000-0000-4000-8000-000000000004',
              '11c00000-0000-4000-8000-000000000005');
update public.complaints set status = 'resolved'
 where id in ('11c00000-0000-4000-8000-000000000003', '11c00000-0000-4000-8000-000000000004',
              '11c00000-0000-4000-8000-000000000005');
update public.complaints set resolved_at = now() - interval '8 days'
 where id = '11c00000-0000-4000-8000-000000000005';
update public.complaints set status = 'rejected', rejection_reason = 'ব্যক্তিগত জমির ভেতরে'
 where id = '11c00000-0000-4000-8000-000000000007';
insert into storage.buckets (id, name) values ('complaint-photos', 'complaint-photos') on conflict do nothing;
insert into storage.objects (bucket_id, name, owner_id)
values ('complaint-photos', '11a00000-0000-4000-8000-0000000000c1/11e00000-0000-4000-8000-000000000001/1.jpg',
        '11a00000-0000-4000-8000-0000000000c1');
insert into public.complaint_photos (complaint_id, storage_path, position)
values ('11c00000-0000-4000-8000-000000000001',
        '11a00000-0000-4000-8000-0000000000c1/11e00000-0000-4000-8000-000000000001/1.jpg', 1);
-- ---------------------------------------------------------------------------------------------------
-- Shape
-- ---------------------------------------------------------------------------------------------------
select has_function('public', 'complaint_follower_count', array['uuid'], 'complaint_follower_count(uuid) exists');
select has_function('public', 'staff_people', array['uuid[]'], 'staff_people(uuid[]) exists');
select is(
  (select array_agg(f order by f) from unnest(array[
     'public.staff_update_complaint(uuid, integer, text, text, boolean, text, text, uuid, boolean)',
     'public.staff_write_to_complaint(uuid, text, boolean, boolean)', 'public.assignable_providers(uuid)',
     'public.complaint_follower_count(uuid)', 'public.staff_people(uuid[])', 'public.confirm_resolution(uuid)',
     'public.reopen_complaint(uuid, text)']) as f
    where has_function_privilege('anon', f, 'execute') or not has_function_privilege('authenticated', f, 'execute')),
  null,
  'signed-in callers may call each staff and confirm/reopen function (the functions decide), anon none'
);
select policies_are('public', 'profiles',
  array['People can read their own profile', 'People can update their own profile',
        'Super admins read every profile'],
  'profiles: no policy lets ward admins or providers read whole rows of others');

select set_config('tests.k1_number', tracking_number, true)
  from public.complaints where id = '11c00000-0000-4000-8000-000000000001';

-- F1 follows K1 ("me too").
select tests.sign_in_as('11a00000-0000-4000-8000-0000000000f1');
select ok(public.follow_complaint('11c00000-0000-4000-8000-000000000001'), 'a citizen follows K1');

-- ---------------------------------------------------------------------------------------------------
-- anon
-- ---------------------------------------------------------------------------------------------------
select tests.act_as_api_role('anon');
select is(
  tests.outcome($$select public.staff_update_complaint('11c00000-0000-4000-8000-000000000001', 2, 'in_progress')$$),
  '42501', 'anon cannot call staff_update_complaint');
select is(
  tests.outcome($$update public.complaints set status = 'in_progress' where id = '11c00000-0000-4000-8000-000000000001'$$),
  '42501', 'nor update complaints');
select is(tests.outcome($$select public.confirm_resolution('11c00000-0000-4000-8000-000000000003')$$),
  '42501', 'nor confirm a resolution');

-- ---------------------------------------------------------------------------------------------------
-- Another citizen, C2
-- ---------------------------------------------------------------------------------------------------
select * from tests.shut_out_of_k1('11a00000-0000-4000-8000-0000000000c2', 'another citizen');
select is(tests.outcome($$select public.confirm_resolution('11c00000-0000-4000-8000-000000000003')$$),
  'CC404 404', 'confirming someone else''s resolution: CC404');
select is(tests.outcome($$select public.reopen_complaint('11c00000-0000-4000-8000-000000000004', 'ঠিক হয়নি')$$),
  'CC404 404', 'reopening it: CC404');

-- ---------------------------------------------------------------------------------------------------
-- The filer, C1, as staff: nothing
-- ---------------------------------------------------------------------------------------------------
select * from tests.shut_out_of_k1('11a00000-0000-4000-8000-0000000000c1', 'the filer');
select is((select count(*)::int from public.response_templates), 0, 'citizens read no response templates');

-- ---------------------------------------------------------------------------------------------------
-- Service provider P2: in ward 31, but K1 is not theirs
-- ---------------------------------------------------------------------------------------------------
select * from tests.shut_out_of_k1('11a00000-0000-4000-8000-0000000000b2', 'an unassigned provider');
select is_empty($$select id from public.complaints where id = '11c00000-0000-4000-8000-000000000001'$$,
  'an unassigned provider does not see the complaint');
select is((select count(*)::int from storage.objects where name like '11a00000-0000-4000-8000-0000000000c1/%'), 0,
  'nor sees its photo in Storage');

-- ---------------------------------------------------------------------------------------------------
-- Ward admin W2, of ward 32
-- ---------------------------------------------------------------------------------------------------
select * from tests.shut_out_of_k1('11a00000-0000-4000-8000-0000000000a2', 'the ward admin of another ward');
select is((select count(*)::int from storage.objects where name like '11a00000-0000-4000-8000-0000000000c1/%'), 0,
  'nor sees its photo in Storage');
select results_eq(
  $$select id, full_name from public.staff_people(array['11a00000-0000-4000-8000-0000000000b1'::uuid])$$,
  $$values ('11a00000-0000-4000-8000-0000000000b1'::uuid, 'সেবাদাতা এক'::text)$$,
  'staff_people names a colleague');
select results_eq(
  $$select * from public.assignable_providers('11c00000-0000-4000-8000-000000000006')$$,
  $$values ('11a00000-0000-4000-8000-0000000000b3'::uuid, null::text, '+8801300011006'::text)$$,
  'in their own ward, assignable_providers lists the ward''s providers');

-- ---------------------------------------------------------------------------------------------------
-- Service provider P1: K1 is theirs
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('11a00000-0000-4000-8000-0000000000b1');
select results_eq($$select status::text, version from public.complaints where id = '11c00000-0000-4000-8000-000000000001'$$,
  $$values ('submitted', 2)$$, 'the assigned provider sees the complaint at version 2');
select is((select count(*)::int from storage.objects where name like '11a00000-0000-4000-8000-0000000000c1/%'), 1,
  'and its photo in Storage');
select is(
  public.staff_update_complaint('11c00000-0000-4000-8000-000000000001', 2, 'in_progress', 'কাজ শুরু হয়েছে', true),
  3, 'they start work (submitted → in_progress) with a public comment: version 3');
select is(
  tests.outcome($$select public.staff_update_complaint('11c00000-0000-4000-8000-000000000001', 3, priority => 'high')$$),
  '42501', 'they may not change the priority');
select is(
  tests.outcome($$select public.staff_update_complaint('11c00000-0000-4000-8000-000000000001', 3, 'rejected',
    'আমাদের কাজ নয়', rejection_reason => 'আমাদের কাজ নয়')$$),
  '42501', 'nor reject');
select is(
  tests.outcome($$select public.staff_update_complaint('11c00000-0000-4000-8000-000000000001', 3,
    assigned_to => '11a00000-0000-4000-8000-0000000000b2')$$),
  '42501', 'nor hand it to another provider');
select is(
  tests.outcome($$select public.staff_update_complaint('11c00000-0000-4000-8000-000000000001', 3, unassign => true)$$),
  '42501', 'nor drop it');
select is(
  tests.outcome($$update public.complaints set rejection_reason = 'অন্য কারণ' where id = '11c00000-0000-4000-8000-000000000007'$$),
  '42501', 'nor rewrite the rejection reason of a rejected complaint of theirs');
select results_eq(
  $$select status::text, priority::text, assigned_to, version from public.complaints where id = '11c00000-0000-4000-8000-000000000001'$$,
  $$values ('in_progress', 'medium', '11a00000-0000-4000-8000-0000000000b1'::uuid, 3)$$,
  'none of that changed anything');
select is(
  tests.outcome($$select public.staff_update_complaint('11c00000-0000-4000-8000-000000000001', 2, 'resolved')$$),
  'CC409 409', 'a save at the version they saw before their own change (2): CC409');
select is(
  (select count(*)::int from public.complaint_updates where complaint_id = '11c00000-0000-4000-8000-000000000001'),
  2, 'the refused save wrote no history');
select isnt(
  public.staff_write_to_complaint('11c00000-0000-4000-8000-000000000001', 'গোপন নোট: চাবি দারোয়ানের কাছে', true),
  null, 'they write an internal note');
select isnt(
  public.staff_write_to_complaint('11c00000-0000-4000-8000-000000000001', 'কাল সকালে কর্মী যাবেন', false, true),
  null, 'and a public reply, also for the tracking page');
select is(
  tests.outcome($$select public.staff_write_to_complaint('11c00000-0000-4000-8000-000000000001', '   ', false)$$),
  'CC422 422', 'an empty reply: CC422');
select is(
  (select version from public.complaints where id = '11c00000-0000-4000-8000-000000000001'), 3,
  'writing does not change the version (it overwrites nothing)');
select is(public.complaint_follower_count('11c00000-0000-4000-8000-000000000001'), 1,
  'they see that one citizen follows it');
select is_empty($$select * from public.assignable_providers('11c00000-0000-4000-8000-000000000001')$$,
  'providers are offered nobody to assign');
select is(public.staff_update_complaint('11c00000-0000-4000-8000-000000000001', 3, 'resolved'), 4,
  'they mark it resolved (in_progress → resolved)');
select results_eq(
  $$select id, full_name, phone from public.staff_people(array['11a00000-0000-4000-8000-0000000000c1'::uuid])$$,
  $$values ('11a00000-0000-4000-8000-0000000000c1'::uuid, 'নাগরিক এক'::text, '+8801300011001'::text)$$,
  'staff_people gives them the filer''s name and phone');
select is_empty($$select nid, address from public.profiles where id = '11a00000-0000-4000-8000-0000000000c1'$$,
  'but not the filer''s profile row: no national ID, no address');

-- ---------------------------------------------------------------------------------------------------
-- Ward admin W1, of ward 31
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('11a00000-0000-4000-8000-0000000000a1');
select results_eq(
  $$select kind, comment from public.complaint_updates
     where complaint_id = '11c00000-0000-4000-8000-000000000001' and kind <> 'status' order by id$$,
  $$values ('note'::text, 'গোপন নোট: চাবি দারোয়ানের কাছে'::text), ('reply', 'কাল সকালে কর্মী যাবেন')$$,
  'the ward admin reads the note and the reply');
select is((select count(*)::int from storage.objects where name like '11a00000-0000-4000-8000-0000000000c1/%'), 1,
  'and the photo in Storage');
select ok((select count(*) from public.response_templates where category is null or category = 'cleanliness') > 0,
  'staff read the response templates');
select results_eq(
  $$select id from public.assignable_providers('11c00000-0000-4000-8000-000000000002') order by id$$,
  $$values ('11a00000-0000-4000-8000-0000000000b1'::uuid), ('11a00000-0000-4000-8000-0000000000b2'::uuid)$$,
  'assignable_providers: the providers posted to ward 31, not ward 32''s');
select is(
  public.staff_update_complaint('11c00000-0000-4000-8000-000000000002', 1,
    assigned_to => '11a00000-0000-4000-8000-0000000000b2'),
  2, 'the ward admin assigns K2 to a provider of the ward');
select is(
  tests.outcome($$select public.staff_update_complaint('11c00000-0000-4000-8000-000000000002', 2,
    assigned_to => '11a00000-0000-4000-8000-0000000000b3')$$),
  '23514', 'not to a provider of another ward');
select is(
  tests.outcome($$select public.staff_update_complaint('11c00000-0000-4000-8000-000000000002', 2,
    assigned_to => '11a00000-0000-4000-8000-0000000000c2')$$),
  '23514', 'nor to a citizen');
select is(
  (select deadline_at from public.complaints where id = '11c00000-0000-4000-8000-000000000002')
    - (select created_at from public.complaints where id = '11c00000-0000-4000-8000-000000000002'),
  make_interval(hours => (select hours from public.sla_targets where category = 'cleanliness' and priority = 'medium')),
  'a medium complaint''s deadline is the medium target');
select is(public.staff_update_complaint('11c00000-0000-4000-8000-000000000002', 2, priority => 'high'), 3,
  'they raise its priority');
select is(
  (select deadline_at from public.complaints where id = '11c00000-0000-4000-8000-000000000002')
    - (select created_at from public.complaints where id = '11c00000-0000-4000-8000-000000000002'),
  make_interval(hours => (select hours from public.sla_targets where category = 'cleanliness' and priority = 'high')),
  'and the deadline moves to the high target');
select is(
  tests.outcome($$select public.staff_update_complaint('11c00000-0000-4000-8000-000000000002', 3, 'closed', 'বন্ধ')$$),
  '23514', 'submitted → closed is not in the workflow');
select is(
  tests.outcome($$select public.staff_update_complaint('11c00000-0000-4000-8000-000000000002', 3, 'rejected', 'কারণ ছাড়া')$$),
  '23514', 'rejecting needs a rejection reason');
select is(
  tests.outcome($$select public.staff_update_complaint('11c00000-0000-4000-8000-000000000002', 3, 'unknown')$$),
  '23514', 'an unknown status is refused');
select is(
  public.staff_update_complaint('11c00000-0000-4000-8000-000000000002', 3, 'rejected', 'সিটি কর্পোরেশনের এলাকা নয়',
    rejection_reason => 'সিটি কর্পোরেশনের এলাকা নয়'),
  4, 'with a reason they reject it');
select is(
  tests.outcome($$update public.complaints set rejection_reason = 'অন্য কারণ' where id = '11c00000-0000-4000-8000-000000000002'$$),
  '42501', 'the rejection reason does not change afterwards');
select is(
  tests.outcome($$select public.staff_update_complaint('11c00000-0000-4000-8000-000000000002', 4, 'in_progress')$$),
  '23514', 'rejected is final');
select is(
  tests.outcome($$select public.staff_update_complaint('11c00000-0000-4000-8000-000000000001', 4, 'closed')$$),
  '23514', 'closing needs a comment');
select is(
  tests.outcome($$select public.staff_update_complaint('11c00000-0000-4000-8000-000000000001', 3, 'closed', 'কাজ শেষ')$$),
  'CC409 409', 'a save at a version from before the provider resolved it: CC409');
select results_eq(
  $$select status::text, version from public.complaints where id = '11c00000-0000-4000-8000-000000000001'$$,
  $$values ('resolved', 4)$$, 'the refused saves changed nothing');
select is(
  tests.outcome($$update public.complaints set ward_id = 32 where id = '11c00000-0000-4000-8000-000000000003'$$),
  '42501', 'ward admins do not move complaints to another ward');
select is_empty(
  $$update public.complaints set priority = 'low' where id = '11c00000-0000-4000-8000-000000000006' returning id$$,
  'nor touch a complaint of another ward');
select lives_ok(
  $$update public.complaints set priority = 'low' where id = '11c00000-0000-4000-8000-000000000003'$$,
  'the UPDATE policy lets them change a complaint of their ward directly too (no version check then)');
select is_empty($$select * from public.audit_log$$, 'ward admins do not read the audit log');

-- ---------------------------------------------------------------------------------------------------
-- Super admin S1
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('11a00000-0000-4000-8000-0000000000ad');
select is(
  tests.outcome($$update public.complaints set ward_id = 31 where id = '11c00000-0000-4000-8000-000000000006'$$),
  '23514', 'a super admin cannot move K6 to ward 31 while it stays with a provider of ward 32');
select lives_ok(
  $$update public.complaints set ward_id = 31, assigned_to = null where id = '11c00000-0000-4000-8000-000000000006'$$,
  'moving it and dropping the assignment together works');
select is(
  public.staff_update_complaint('11c00000-0000-4000-8000-000000000006',
    (select version from public.complaints where id = '11c00000-0000-4000-8000-000000000006'),
    assigned_to => '11a00000-0000-4000-8000-0000000000b1'),
  (select version + 1 from public.complaints where id = '11c00000-0000-4000-8000-000000000006'),
  'and then a provider of ward 31 takes it');
select is(
  public.staff_update_complaint('11c00000-0000-4000-8000-000000000001', 4, 'closed', 'নাগরিক ফোনে নিশ্চিত করেছেন'),
  5, 'the super admin closes K1 with a comment');
select is(public.complaint_follower_count('11c00000-0000-4000-8000-000000000001'), 1,
  'super admins count followers everywhere');
select results_eq(
  $$select action, actor_id, actor_role, ward_id from public.audit_log
     where subject_id = '11c00000-0000-4000-8000-000000000001' and actor_id is not null order by id$$,
  $$values ('complaint.status'::text, '11a00000-0000-4000-8000-0000000000b1'::uuid, 'service_provider'::text, 31),
           ('complaint.note', '11a00000-0000-4000-8000-0000000000b1', 'service_provider', 31),
           ('complaint.reply', '11a00000-0000-4000-8000-0000000000b1', 'service_provider', 31),
           ('complaint.status', '11a00000-0000-4000-8000-0000000000b1', 'service_provider', 31),
           ('complaint.status', '11a00000-0000-4000-8000-0000000000ad', 'super_admin', 31)$$,
  'the audit log holds every action on K1 with who did it, in order');
select results_eq(
  $$select new_value ->> 'status', new_value ->> 'comment' from public.audit_log
     where subject_id = '11c00000-0000-4000-8000-000000000001' and action = 'complaint.status' and actor_id is not null
     order by id$$,
  $$values ('in_progress'::text, 'কাজ শুরু হয়েছে'::text), ('resolved', null), ('closed', 'নাগরিক ফোনে নিশ্চিত করেছেন')$$,
  'with the status and comment of each change');
select results_eq(
  $$select action, new_value from public.audit_log
     where subject_id = '11c00000-0000-4000-8000-000000000002' and actor_id is not null order by id$$,
  $$values ('complaint.assigned'::text, '{"assigned_to": "11a00000-0000-4000-8000-0000000000b2"}'::jsonb),
           ('complaint.priority', '{"priority": "high"}'),
           ('complaint.status', '{"status": "rejected", "comment": "সিটি কর্পোরেশনের এলাকা নয়",
                                  "rejection_reason": "সিটি কর্পোরেশনের এলাকা নয়"}')$$,
  'and every action on K2: assignment, priority, rejection');
select results_eq(
  $$select action from public.audit_log
     where subject_id = '11c00000-0000-4000-8000-000000000006' and actor_id is not null order by id$$,
  $$values ('complaint.assigned'::text), ('complaint.ward'), ('complaint.assigned')$$,
  'and the ward move of K6 with its assignments');
select is(
  tests.outcome($$select public.confirm_resolution('11c00000-0000-4000-8000-000000000003')$$),
  'CC404 404', 'not even a super admin confirms a resolution for the citizen');

-- ---------------------------------------------------------------------------------------------------
-- Notes never reach the citizen, the tracking page, followers or the live channel
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('11a00000-0000-4000-8000-0000000000c1');
select results_eq(
  $$select kind, comment from public.complaint_updates
     where complaint_id = '11c00000-0000-4000-8000-000000000001' order by id$$,
  $$values ('status'::text, null::text), ('status', 'কাজ শুরু হয়েছে'), ('reply', 'কাল সকালে কর্মী যাবেন'),
           ('status', null), ('status', 'নাগরিক ফোনে নিশ্চিত করেছেন')$$,
  'the filer reads the history with the reply and without the note');
select tests.act_as_api_role('anon');
select is(public.track_complaint(current_setting('tests.k1_number'))::text like '%চাবি দারোয়ানের%', false,
  'the tracking page does not hold the note');
select is(
  jsonb_path_query_array(public.track_complaint(current_setting('tests.k1_number')), '$.timeline[*].comment'),
  '[null, "কাজ শুরু হয়েছে", "কাল সকালে কর্মী যাবেন", null, null]'::jsonb,
  'it shows the public comment and the public reply only');
select tests.sign_in_as('11a00000-0000-4000-8000-0000000000f1');
select is(public.followed_complaint('11c00000-0000-4000-8000-000000000001')::text like '%চাবি দারোয়ানের%', false,
  'a follower is not given the note');
select tests.sign_out();
select is(
  (select count(*)::int from realtime.messages
    where topic = 'complaint:11c00000-0000-4000-8000-000000000001' and payload::text like '%চাবি দারোয়ানের%'),
  0, 'the live channel never carried the note');
select is(
  (select count(*)::int from realtime.messages
    where topic = 'complaint:11c00000-0000-4000-8000-000000000001' and payload ->> 'kind' = 'reply'),
  1, 'it carried the reply');

-- ---------------------------------------------------------------------------------------------------
-- The citizen confirms or reopens, within 7 days of the resolution
-- ---------------------------------------------------------------------------------------------------
select tests.sign_in_as('11a00000-0000-4000-8000-0000000000c1');
select lives_ok($$select public.confirm_resolution('11c00000-0000-4000-8000-000000000003')$$,
  'the filer confirms K3''s resolution');
select is((select status::text from public.complaints where id = '11c00000-0000-4000-8000-000000000003'), 'closed',
  'K3 is closed');
select is(tests.outcome($$select public.confirm_resolution('11c00000-0000-4000-8000-000000000003')$$),
  'CC409 409', 'a closed complaint cannot be confirmed again');
select is(tests.outcome($$select public.reopen_complaint('11c00000-0000-4000-8000-000000000004', '  ')$$),
  'CC422 422', 'reopening needs a reason');
select is((select status::text from public.complaints where id = '11c00000-0000-4000-8000-000000000004'), 'resolved',
  'so K4 stays resolved');
select lives_ok(
  $$select public.reopen_complaint('11c00000-0000-4000-8000-000000000004', ' ড্রেন আবার বন্ধ হয়ে গেছে ')$$,
  'the filer says K4 is not fixed');
select results_eq(
  $$select status::text, reopened_count::int, resolved_at from public.complaints
     where id = '11c00000-0000-4000-8000-000000000004'$$,
  $$values ('in_progress', 1, null::timestamptz)$$,
  'K4 is back in progress, counted as reopened, no longer resolved');
select results_eq(
  $$select old_status::text, new_status::text, comment, comment_is_public, changed_by from public.complaint_updates
     where complaint_id = '11c00000-0000-4000-8000-000000000004' order by id desc limit 1$$,
  $$values ('resolved', 'in_progress', 'ড্রেন আবার বন্ধ হয়ে গেছে'::text, false,
            '11a00000-0000-4000-8000-0000000000c1'::uuid)$$,
  'the reason is in the history, from the filer, not public');
select is(tests.outcome($$select public.reopen_complaint('11c00000-0000-4000-8000-000000000005', 'ঠিক হয়নি')$$),
  'CC409 409', 'eight days after the resolution it cannot be reopened');
select is(tests.outcome($$select public.confirm_resolution('11c00000-0000-4000-8000-000000000005')$$),
  'CC409 409', 'nor confirmed');
select is((select status::text from public.complaints where id = '11c00000-0000-4000-8000-000000000005'), 'resolved',
  'K5 stays resolved (the hourly job closes it)');
select is(tests.outcome($$select public.reopen_complaint('11c00000-0000-4000-8000-000000000001', 'ঠিক হয়নি')$$),
  'CC409 409', 'a closed complaint cannot be reopened');

select tests.sign_in_as('11a00000-0000-4000-8000-0000000000a1');
select is(tests.outcome($$select public.reopen_complaint('11c00000-0000-4000-8000-000000000004', 'ঠিক হয়নি')$$),
  'CC404 404', 'a ward admin cannot reopen for the citizen');

select tests.sign_in_as('11a00000-0000-4000-8000-0000000000ad');
select results_eq(
  $$select action, actor_role, old_value ->> 'status', new_value ->> 'status', new_value ->> 'comment'
      from public.audit_log
     where subject_id in ('11c00000-0000-4000-8000-000000000003', '11c00000-0000-4000-8000-000000000004')
       and actor_id = '11a00000-0000-4000-8000-0000000000c1' order by id$$,
  $$values ('complaint.status'::text, 'citizen'::text, 'resolved'::text, 'closed'::text, null::text),
           ('complaint.status', 'citizen', 'resolved', 'in_progress', 'ড্রেন আবার বন্ধ হয়ে গেছে')$$,
  'the audit log holds the citizen''s confirmation and reopening');

select * from finish();
rollback;
