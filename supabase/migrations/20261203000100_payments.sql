-- City payments and donations through bKash: the fee catalogue, donation campaigns, one ledger of payments
-- (fees and donations) whose states move only along payment_state_transitions, an append-only event table
-- with every state change and every bKash request and answer, and refunds.
--
-- Who does what:
--   anon / authenticated  read active fees and campaigns (a campaign's progress is public, donors' names
--                         only where they allowed it, through public.campaign_donors).
--   authenticated         start a payment (public.start_fee_payment, public.start_donation: the amount comes
--                         from the catalogue or is checked here) and read their own payments and refunds.
--   super_admin           reads every payment, refund and event; asks for refunds (public.request_refund);
--                         keeps the fee catalogue and the campaigns. Other staff see no one's payments.
--   service_role          the `bkash` Edge Function: records what bKash answered through the bkash_* functions
--                         below. Even it cannot move a payment outside the workflow, complete one without a
--                         bKash transaction id, or change an amount.

-- ---------------------------------------------------------------------------------------------------
-- States and their workflow
-- ---------------------------------------------------------------------------------------------------

create domain public.payment_state as text
  check (value in ('initiated', 'redirected', 'completed', 'failed', 'cancelled', 'expired', 'disputed',
                   'refund_requested', 'partially_refunded', 'refunded'));
comment on domain public.payment_state is
  'Where a payment is: initiated (ours only), redirected (bKash payment created, payer sent to bKash), '
  'completed (bKash confirmed), failed, cancelled, expired, disputed (bKash says Completed for another amount '
  'or invoice: never completed by us, left to staff), refund_requested, partially_refunded, refunded.';

create table public.payment_state_transitions (
  from_state public.payment_state not null,
  to_state public.payment_state not null,
  primary key (from_state, to_state),
  check (from_state <> to_state)
);

alter table public.payment_state_transitions enable row level security;

comment on table public.payment_state_transitions is
  'The payment workflow: a payment may move from from_state to to_state only if the pair is listed; '
  'enforced by a trigger on public.payments. failed, cancelled and expired may still become completed when '
  'bKash later confirms the money was taken (never lost); refunded is final.';
comment on column public.payment_state_transitions.from_state is 'State before the change.';
comment on column public.payment_state_transitions.to_state is 'State after the change.';

insert into public.payment_state_transitions (from_state, to_state) values
  ('initiated', 'redirected'),
  ('initiated', 'failed'),
  ('initiated', 'expired'),
  ('redirected', 'completed'),
  ('redirected', 'failed'),
  ('redirected', 'cancelled'),
  ('redirected', 'expired'),
  ('failed', 'completed'),
  ('cancelled', 'completed'),
  ('expired', 'completed'),
  ('initiated', 'disputed'),
  ('redirected', 'disputed'),
  ('failed', 'disputed'),
  ('cancelled', 'disputed'),
  ('expired', 'disputed'),
  ('completed', 'refund_requested'),
  ('partially_refunded', 'refund_requested'),
  ('refund_requested', 'completed'),
  ('refund_requested', 'partially_refunded'),
  ('refund_requested', 'refunded');

revoke all on table public.payment_state_transitions from public, anon, authenticated;
grant select on table public.payment_state_transitions to anon, authenticated;
grant all on table public.payment_state_transitions to service_role;

create policy "Anyone can read the payment workflow"
  on public.payment_state_transitions for select
  to anon, authenticated
  using (true);

-- ---------------------------------------------------------------------------------------------------
-- Fee catalogue
-- ---------------------------------------------------------------------------------------------------

create table public.payment_fees (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{2,59}$'),
  corporation text not null check (corporation in ('dncc', 'dscc')),
  name_bn text not null check (name_bn = btrim(name_bn) and char_length(name_bn) between 2 and 150),
  name_en text not null check (name_en = btrim(name_en) and char_length(name_en) between 2 and 150),
  amount numeric(10, 2) not null check (amount >= 1 and amount <= 500000),
  active boolean not null default true,
  sort_order smallint not null default 0,
  updated_at timestamptz not null default now()
);

alter table public.payment_fees enable row level security;

comment on table public.payment_fees is
  'What citizens pay the city corporation: the one source of every fee payment''s amount (never the '
  'browser). Everyone reads active fees; super admins read all and change them.';
comment on column public.payment_fees.code is 'Stable English code stored in payments.fee_code.';
comment on column public.payment_fees.corporation is 'Which city corporation charges it: dncc (North) or dscc (South).';
comment on column public.payment_fees.name_bn is 'Name in Bengali.';
comment on column public.payment_fees.name_en is 'Name in English.';
comment on column public.payment_fees.amount is 'Amount in taka (BDT), charged as it is when a payment starts.';
comment on column public.payment_fees.active is 'Whether citizens can pay it now.';
comment on column public.payment_fees.sort_order is 'Order in the list, ascending.';
comment on column public.payment_fees.updated_at is 'When a super admin last changed it.';

-- Fees as the two Dhaka corporations publish them (household collection by the ward's primary collection
-- service, trade licence renewal by schedule, holding tax by quarterly instalment); the city tunes them.
insert into public.payment_fees (code, corporation, name_bn, name_en, amount, sort_order) values
  ('dncc_household_waste_monthly', 'dncc', 'মাসিক গৃহস্থালি বর্জ্য সংগ্রহ ফি (উত্তর)',
   'Monthly household waste collection (North)', 100, 1),
  ('dscc_household_waste_monthly', 'dscc', 'মাসিক গৃহস্থালি বর্জ্য সংগ্রহ ফি (দক্ষিণ)',
   'Monthly household waste collection (South)', 100, 2),
  ('dncc_bulky_waste_pickup', 'dncc', 'বিশেষ (বড় আকারের) বর্জ্য অপসারণ (উত্তর)', 'Special (bulky) waste pickup (North)',
   500, 3),
  ('dscc_bulky_waste_pickup', 'dscc', 'বিশেষ (বড় আকারের) বর্জ্য অপসারণ (দক্ষিণ)', 'Special (bulky) waste pickup (South)',
   500, 3),
  ('dncc_trade_licence_small', 'dncc', 'ট্রেড লাইসেন্স নবায়ন (ক্ষুদ্র দোকান)', 'Trade licence renewal (small shop)',
   1000, 4),
  ('dscc_trade_licence_small', 'dscc', 'ট্রেড লাইসেন্স নবায়ন (ক্ষুদ্র দোকান, দক্ষিণ)',
   'Trade licence renewal (small shop, South)', 1000, 5),
  ('dncc_holding_tax_quarter', 'dncc', 'হোল্ডিং ট্যাক্স ত্রৈমাসিক কিস্তি', 'Holding tax quarterly instalment', 1500, 6),
  ('dncc_birth_certificate_copy', 'dncc', 'জন্ম নিবন্ধন সনদের অনুলিপি', 'Birth registration certificate copy', 50, 7)
on conflict (code) do nothing;

create index payment_fees_active_idx on public.payment_fees (sort_order) where active;

revoke all on table public.payment_fees from public, anon, authenticated;
grant select on table public.payment_fees to anon, authenticated;
grant insert, update on table public.payment_fees to authenticated;
grant all on table public.payment_fees to service_role;

create policy "Anyone reads active fees, super admins every fee"
  on public.payment_fees for select
  to anon, authenticated
  using (active or (select public.current_app_role()) = 'super_admin');

create policy "Super admins add fees"
  on public.payment_fees for insert
  to authenticated
  with check ((select public.current_app_role()) = 'super_admin');

create policy "Super admins change fees"
  on public.payment_fees for update
  to authenticated
  using ((select public.current_app_role()) = 'super_admin')
  with check ((select public.current_app_role()) = 'super_admin');

-- ---------------------------------------------------------------------------------------------------
-- Donation campaigns
-- ---------------------------------------------------------------------------------------------------

create table public.donation_campaigns (
  id uuid primary key default gen_random_uuid(),
  title_bn text not null check (title_bn = btrim(title_bn) and char_length(title_bn) between 3 and 150),
  title_en text not null check (title_en = btrim(title_en) and char_length(title_en) between 3 and 150),
  story_bn text not null check (char_length(btrim(story_bn)) between 10 and 4000),
  story_en text not null check (char_length(btrim(story_en)) between 10 and 4000),
  photo_path text check (photo_path ~ '^/[A-Za-z0-9/_.-]{1,200}$'),
  goal_amount numeric(12, 2) not null check (goal_amount >= 100 and goal_amount <= 100000000),
  deadline date not null,
  active boolean not null default true,
  raised_amount numeric(12, 2) not null default 0 check (raised_amount >= 0),
  donor_count integer not null default 0 check (donor_count >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

alter table public.donation_campaigns enable row level security;

comment on table public.donation_campaigns is
  'City donation campaigns with live progress. Everyone reads active ones; super admins read all and change '
  'title, story, photo, goal, deadline and whether it is open. raised_amount and donor_count are kept by the '
  'database from completed donations (net of refunds) and broadcast on the public topic campaign:<id>.';
comment on column public.donation_campaigns.id is 'Campaign id.';
comment on column public.donation_campaigns.title_bn is 'Title in Bengali.';
comment on column public.donation_campaigns.title_en is 'Title in English.';
comment on column public.donation_campaigns.story_bn is 'What the money is for, in Bengali.';
comment on column public.donation_campaigns.story_en is 'What the money is for, in English.';
comment on column public.donation_campaigns.photo_path is 'Path of its photo on this site (under /), or null.';
comment on column public.donation_campaigns.goal_amount is 'Target in taka.';
comment on column public.donation_campaigns.deadline is 'Last day (Bangladesh time) donations are taken.';
comment on column public.donation_campaigns.active is 'Whether it is shown and takes donations.';
comment on column public.donation_campaigns.raised_amount is
  'Taka raised: completed donations less their refunds. Kept by the database; never written by anyone else.';
comment on column public.donation_campaigns.donor_count is
  'Donations that still count (completed, not wholly refunded). Kept by the database.';
comment on column public.donation_campaigns.created_at is 'When it was created.';
comment on column public.donation_campaigns.updated_at is 'When it last changed (progress included).';

revoke all on table public.donation_campaigns from public, anon, authenticated;
grant select on table public.donation_campaigns to anon, authenticated;
grant insert (title_bn, title_en, story_bn, story_en, photo_path, goal_amount, deadline, active),
  update (title_bn, title_en, story_bn, story_en, photo_path, goal_amount, deadline, active)
  on table public.donation_campaigns to authenticated;
grant all on table public.donation_campaigns to service_role;

create policy "Anyone reads open campaigns, super admins every campaign"
  on public.donation_campaigns for select
  to anon, authenticated
  using (active or (select public.current_app_role()) = 'super_admin');

create policy "Super admins create campaigns"
  on public.donation_campaigns for insert
  to authenticated
  with check ((select public.current_app_role()) = 'super_admin');

create policy "Super admins change campaigns"
  on public.donation_campaigns for update
  to authenticated
  using ((select public.current_app_role()) = 'super_admin')
  with check ((select public.current_app_role()) = 'super_admin');

-- ---------------------------------------------------------------------------------------------------
-- Payments (fees and donations)
-- ---------------------------------------------------------------------------------------------------

create sequence private.invoice_number_seq;
comment on sequence private.invoice_number_seq is 'Running number inside payments.invoice_number.';

create table public.payments (
  id uuid primary key default gen_random_uuid(),
  invoice_number text not null unique check (invoice_number ~ '^CCP[0-9]{8}[0-9A-Z]{6,12}$'),
  payer_id uuid not null references auth.users (id) on delete restrict,
  client_request_id uuid not null,
  kind text not null check (kind in ('fee', 'donation')),
  fee_code text references public.payment_fees (code),
  campaign_id uuid references public.donation_campaigns (id),
  donor_anonymous boolean not null default false,
  amount numeric(12, 2) not null check (amount >= 1 and amount <= 500000),
  state public.payment_state not null default 'initiated',
  bkash_payment_id text unique check (char_length(bkash_payment_id) between 1 and 100),
  bkash_url text check (bkash_url ~ '^https?://'),
  create_claimed_at timestamptz,
  trx_id text unique check (trx_id ~ '^[A-Za-z0-9]{4,40}$'),
  payer_wallet text,
  refunded_amount numeric(12, 2) not null default 0 check (refunded_amount >= 0 and refunded_amount <= amount),
  failure_code text,
  failure_message text,
  outcome_from_bkash boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz,
  constraint payments_one_purpose check (
    (kind = 'fee' and fee_code is not null and campaign_id is null and not donor_anonymous)
    or (kind = 'donation' and campaign_id is not null and fee_code is null)
  ),
  constraint payments_completed_has_transaction check (
    (state in ('completed', 'refund_requested', 'partially_refunded', 'refunded'))
      = (trx_id is not null and completed_at is not null)
  ),
  constraint payments_redirected_has_bkash_payment check (state = 'initiated' or bkash_payment_id is not null
    or state in ('failed', 'expired')),
  unique (payer_id, client_request_id)
);

alter table public.payments enable row level security;

comment on table public.payments is
  'The ledger of money taken through bKash: fees and donations. Started by the payer through '
  'public.start_fee_payment / public.start_donation (amounts from the catalogue or checked there), moved '
  'only by the bkash Edge Function (service role) along payment_state_transitions, and completed only with '
  'bKash''s transaction id after bKash''s execute or status answered Completed for this amount and invoice. '
  'Payers read their own; super admins every one; other staff none.';
comment on column public.payments.id is 'Payment id.';
comment on column public.payments.invoice_number is
  'Our invoice number, sent to bKash as merchantInvoiceNumber: CCP, the date (YYYYMMDD, Bangladesh time) and '
  'a running number.';
comment on column public.payments.payer_id is 'Who pays (auth.users.id).';
comment on column public.payments.client_request_id is
  'The form''s one-time id: the same form sent twice (double click, reload) starts one payment, not two.';
comment on column public.payments.kind is 'fee (a city service) or donation (to a campaign).';
comment on column public.payments.fee_code is 'The fee paid (payment_fees.code), for kind fee.';
comment on column public.payments.campaign_id is 'The campaign given to, for kind donation.';
comment on column public.payments.donor_anonymous is 'For donations: the donor''s name is not shown on public pages.';
comment on column public.payments.amount is 'Taka charged; fixed when the payment starts, never changed.';
comment on column public.payments.state is 'Where the payment is (see public.payment_state).';
comment on column public.payments.bkash_payment_id is 'bKash''s paymentID from create.';
comment on column public.payments.bkash_url is 'bKash''s checkout page for this payment (bkashURL).';
comment on column public.payments.create_claimed_at is
  'When the bkash function began asking bKash to create this payment (one request at a time).';
comment on column public.payments.trx_id is 'bKash''s transaction id (trxID), set when bKash confirmed the payment.';
comment on column public.payments.payer_wallet is 'The bKash wallet that paid (customerMsisdn), as bKash sent it.';
comment on column public.payments.refunded_amount is 'Taka refunded so far (completed refunds).';
comment on column public.payments.failure_code is 'bKash''s statusCode when it failed, or our reason (expired).';
comment on column public.payments.failure_message is 'bKash''s statusMessage when it failed.';
comment on column public.payments.outcome_from_bkash is
  'For failed, cancelled or expired: whether bKash itself said so (payment/status, or create refused). '
  'False when only the payer''s callback said so: reconciliation then keeps asking bKash for 24 hours, so '
  'a payment made after a forged or early cancel is still completed.';
comment on column public.payments.created_at is 'When the payer started it.';
comment on column public.payments.updated_at is 'When it last changed.';
comment on column public.payments.completed_at is 'When bKash executed it (paymentExecuteTime), once completed.';

create index payments_payer_idx on public.payments (payer_id, created_at desc);
create index payments_created_idx on public.payments (created_at desc, id);
create index payments_campaign_idx on public.payments (campaign_id) where campaign_id is not null;
create index payments_unsettled_idx on public.payments (updated_at)
  where state in ('initiated', 'redirected', 'refund_requested');
create index payments_unconfirmed_outcome_idx on public.payments (created_at)
  where state in ('cancelled', 'failed') and not outcome_from_bkash;

revoke all on table public.payments from public, anon, authenticated;
grant select on table public.payments to authenticated;
grant all on table public.payments to service_role;

create policy "Payers read their own payments, super admins every payment"
  on public.payments for select
  to authenticated
  using (payer_id = (select auth.uid()) or (select public.current_app_role()) = 'super_admin');

-- ---------------------------------------------------------------------------------------------------
-- Refunds
-- ---------------------------------------------------------------------------------------------------

create table public.payment_refunds (
  id uuid primary key default gen_random_uuid(),
  payment_id uuid not null references public.payments (id),
  amount numeric(12, 2) not null check (amount >= 1),
  reason text not null check (reason = btrim(reason) and char_length(reason) between 5 and 255),
  requested_by uuid not null references auth.users (id),
  client_request_id uuid not null,
  state text not null default 'requested' check (state in ('requested', 'completed', 'failed')),
  refund_trx_id text unique check (refund_trx_id ~ '^[A-Za-z0-9]{4,40}$'),
  failure_code text,
  failure_message text,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  unique (requested_by, client_request_id),
  constraint payment_refunds_completed_has_transaction check ((state = 'completed') = (refund_trx_id is not null))
);

alter table public.payment_refunds enable row level security;

comment on table public.payment_refunds is
  'Refunds super admins asked for (public.request_refund), each sent to bKash by the bkash function and '
  'recorded with bKash''s refund transaction id. At most one open at a time per payment; their total never '
  'exceeds the amount paid.';
comment on column public.payment_refunds.id is 'Refund id (sent to bKash as sku).';
comment on column public.payment_refunds.payment_id is 'The payment refunded.';
comment on column public.payment_refunds.amount is 'Taka to give back.';
comment on column public.payment_refunds.reason is 'Why, as the super admin wrote it (sent to bKash).';
comment on column public.payment_refunds.requested_by is 'The super admin who asked for it.';
comment on column public.payment_refunds.client_request_id is 'The form''s one-time id: one refund per form sent.';
comment on column public.payment_refunds.state is 'requested (sent or to be sent to bKash), completed or failed.';
comment on column public.payment_refunds.refund_trx_id is 'bKash''s refundTrxID once completed.';
comment on column public.payment_refunds.failure_code is 'bKash''s statusCode when it refused.';
comment on column public.payment_refunds.failure_message is 'bKash''s statusMessage when it refused.';
comment on column public.payment_refunds.created_at is 'When it was asked for.';
comment on column public.payment_refunds.completed_at is 'When bKash completed it.';

create unique index payment_refunds_one_open_idx on public.payment_refunds (payment_id) where state = 'requested';

revoke all on table public.payment_refunds from public, anon, authenticated;
grant select on table public.payment_refunds to authenticated;
grant all on table public.payment_refunds to service_role;

create policy "Payers read refunds of their payments, super admins every refund"
  on public.payment_refunds for select
  to authenticated
  using (
    (select public.current_app_role()) = 'super_admin'
    or exists (select 1 from public.payments as p where p.id = payment_id and p.payer_id = (select auth.uid()))
  );

-- ---------------------------------------------------------------------------------------------------
-- Events: every state change and every bKash exchange, append-only
-- ---------------------------------------------------------------------------------------------------

create table public.payment_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  payment_id uuid references public.payments (id),
  refund_id uuid references public.payment_refunds (id),
  kind text not null check (kind in ('state', 'bkash', 'refused')),
  from_state public.payment_state,
  to_state public.payment_state,
  api text check (api ~ '^[a-z/A-Z_]{2,60}$'),
  http_status integer,
  request jsonb,
  response jsonb,
  note text check (char_length(note) <= 500),
  actor_id uuid
);

alter table public.payment_events enable row level security;

comment on table public.payment_events is
  'Append-only history of every payment: each state change (written by a trigger on payments), each bKash '
  'request and answer (secrets removed), and each refused callback or request. Never updated or deleted. '
  'Super admins read it.';
comment on column public.payment_events.id is 'Row id, increasing with time.';
comment on column public.payment_events.at is 'When it happened.';
comment on column public.payment_events.payment_id is 'The payment; null for a callback naming no payment of ours.';
comment on column public.payment_events.refund_id is 'The refund concerned, if any.';
comment on column public.payment_events.kind is 'state (a state change), bkash (a call to bKash) or refused (bad input).';
comment on column public.payment_events.from_state is 'For state: the state before.';
comment on column public.payment_events.to_state is 'For state: the state after.';
comment on column public.payment_events.api is
  'For bkash: which call (create, execute, payment/status, …); for refused: what was refused (a bkash function '
  'route, or the database function: start_fee_payment, start_donation, request_refund).';
comment on column public.payment_events.http_status is 'For bkash: the HTTP status bKash answered with (null when no answer came).';
comment on column public.payment_events.request is 'For bkash: what was sent, secrets removed; for refused: what was asked.';
comment on column public.payment_events.response is 'For bkash: what came back, tokens removed.';
comment on column public.payment_events.note is 'A short explanation (why refused, timeouts).';
comment on column public.payment_events.actor_id is 'The signed-in person behind it, when there is one.';

create index payment_events_payment_idx on public.payment_events (payment_id, id);

revoke all on table public.payment_events from public, anon, authenticated;
grant select on table public.payment_events to authenticated;
grant select, insert on table public.payment_events to service_role;

create policy "Super admins read payment events"
  on public.payment_events for select
  to authenticated
  using ((select public.current_app_role()) = 'super_admin');

create or replace function private.refuse_payment_event_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'payment events are append-only' using errcode = 'insufficient_privilege';
end;
$$;

comment on function private.refuse_payment_event_change() is
  'BEFORE UPDATE/DELETE/TRUNCATE trigger on payment_events: refuses, whoever asks.';

create trigger payment_events_append_only
  before update or delete on public.payment_events
  for each row execute function private.refuse_payment_event_change();
create trigger payment_events_no_truncate
  before truncate on public.payment_events
  for each statement execute function private.refuse_payment_event_change();

-- Secrets never reach the table, whoever writes: tokens, app secret, password, PIN and OTP are dropped.
create or replace function private.redact_bkash_body(body jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select case when jsonb_typeof(body) = 'object'
    then body - array['app_secret', 'app_key', 'password', 'username', 'id_token', 'refresh_token',
                      'Authorization', 'authorization', 'X-App-Key', 'pin', 'otp']
    else body end;
$$;

comment on function private.redact_bkash_body(jsonb) is
  'A bKash request or answer without its secrets (tokens, app key and secret, username, password, PIN, OTP).';

create or replace function private.redact_payment_event()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.request := private.redact_bkash_body(new.request);
  new.response := private.redact_bkash_body(new.response);
  return new;
end;
$$;

comment on function private.redact_payment_event() is
  'BEFORE INSERT on payment_events: removes secrets from request and response.';

create trigger payment_events_redact
  before insert on public.payment_events
  for each row execute function private.redact_payment_event();

-- ---------------------------------------------------------------------------------------------------
-- The workflow, enforced for everyone
-- ---------------------------------------------------------------------------------------------------

create or replace function private.payments_before_update()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (new.id, new.invoice_number, new.payer_id, new.client_request_id, new.kind, new.fee_code,
      new.campaign_id, new.donor_anonymous, new.amount, new.created_at)
     is distinct from
     (old.id, old.invoice_number, old.payer_id, old.client_request_id, old.kind, old.fee_code,
      old.campaign_id, old.donor_anonymous, old.amount, old.created_at) then
    raise exception 'what a payment is for and its amount never change' using errcode = 'check_violation';
  end if;
  if old.trx_id is not null and new.trx_id is distinct from old.trx_id then
    raise exception 'a payment''s bKash transaction id never changes' using errcode = 'check_violation';
  end if;
  if old.bkash_payment_id is not null and new.bkash_payment_id is distinct from old.bkash_payment_id then
    raise exception 'a payment''s bKash paymentID never changes' using errcode = 'check_violation';
  end if;
  if new.state is distinct from old.state and not exists (
    select 1 from public.payment_state_transitions as t
     where t.from_state = old.state and t.to_state = new.state
  ) then
    raise exception 'a payment cannot go from % to %', old.state, new.state using errcode = 'check_violation';
  end if;
  new.updated_at := now();
  return new;
end;
$$;

comment on function private.payments_before_update() is
  'BEFORE UPDATE on payments: purpose, payer, amount, invoice, paymentID and trxID never change; the state '
  'moves only along payment_state_transitions. Applies to the service role too.';

create trigger payments_before_update
  before update on public.payments
  for each row execute function private.payments_before_update();

create or replace function private.record_payment_state()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    insert into public.payment_events (payment_id, kind, to_state, actor_id)
    values (new.id, 'state', new.state, auth.uid());
  elsif new.state is distinct from old.state then
    insert into public.payment_events (payment_id, kind, from_state, to_state, actor_id, note)
    values (new.id, 'state', old.state, new.state, auth.uid(), new.failure_code);
  end if;
  return null;
end;
$$;

comment on function private.record_payment_state() is
  'AFTER INSERT/UPDATE on payments: appends each state change to payment_events.';

create trigger payments_record_state
  after insert or update of state on public.payments
  for each row execute function private.record_payment_state();

-- A campaign's progress is recomputed from its donations (never added to), so a replayed completion or a
-- refund can neither double-count nor drift.
create or replace function private.update_campaign_progress()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  campaign public.donation_campaigns;
begin
  if new.campaign_id is null or (tg_op = 'UPDATE'
      and (new.state, new.refunded_amount) is not distinct from (old.state, old.refunded_amount)) then
    return null;
  end if;
  update public.donation_campaigns as c
     set raised_amount = totals.raised, donor_count = totals.donors, updated_at = now()
    from (select coalesce(sum(p.amount - p.refunded_amount), 0) as raised,
                 count(*) filter (where p.amount > p.refunded_amount) as donors
            from public.payments as p
           where p.campaign_id = new.campaign_id
             and p.state in ('completed', 'refund_requested', 'partially_refunded', 'refunded')) as totals
   where c.id = new.campaign_id
     and (c.raised_amount, c.donor_count) is distinct from (totals.raised, totals.donors)
  returning c.* into campaign;
  if found then
    perform realtime.send(
      jsonb_build_object('campaign_id', campaign.id, 'raised_amount', campaign.raised_amount,
                         'donor_count', campaign.donor_count),
      'progress', 'campaign:' || campaign.id, false
    );
  end if;
  return null;
end;
$$;

comment on function private.update_campaign_progress() is
  'AFTER INSERT/UPDATE on payments: recomputes the campaign''s raised_amount and donor_count from its '
  'completed donations less refunds, and broadcasts the new figures (event progress) on the public topic '
  'campaign:<id>. Pages refetch the figures rather than trust a broadcast.';

create trigger payments_campaign_progress
  after insert or update of state, refunded_amount on public.payments
  for each row execute function private.update_campaign_progress();

-- ---------------------------------------------------------------------------------------------------
-- What payers call
-- ---------------------------------------------------------------------------------------------------

-- A refusal that is recorded: raising would roll back the event with everything else, so the refusing
-- function returns this instead, and PostgREST answers with the status set here (its response.status
-- setting) and this body, as it does for private.refuse; nothing but the event is written.
create or replace function private.record_refusal(
  http_status integer, code text, message text, api text, payment_id uuid, request jsonb
)
returns json
language plpgsql
set search_path = ''
as $$
begin
  insert into public.payment_events (payment_id, kind, api, request, note, actor_id)
  values (payment_id, 'refused', api, request, left(code || ': ' || message, 500), auth.uid());
  perform pg_catalog.set_config('response.status', http_status::text, true);
  return pg_catalog.json_build_object('code', code, 'message', message, 'details', null, 'hint', null);
end;
$$;

comment on function private.record_refusal(integer, text, text, text, uuid, jsonb) is
  'Records a refused payment request (payment_events, kind refused, with who asked and what) and returns '
  'the error the API answers with: PostgREST''s response.status is set to http_status and the body is '
  '{code, message}, like private.refuse, but the transaction commits so the record stays.';

create or replace function private.next_invoice_number()
returns text
language sql
volatile
set search_path = ''
as $$
  select 'CCP' || to_char(now() at time zone 'Asia/Dhaka', 'YYYYMMDD')
    || lpad(upper(to_hex(nextval('private.invoice_number_seq'))), 6, '0');
$$;

comment on function private.next_invoice_number() is
  'A new invoice number: CCP, today''s date in Bangladesh and a running hexadecimal number (at least 6).';

create or replace function private.start_payment(
  kind text, fee_code text, campaign_id uuid, amount numeric, donor_anonymous boolean, request_id uuid
)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  payer uuid := auth.uid();
  payment_id uuid;
begin
  if payer is null then
    perform private.refuse(401, 'CC401', 'Sign in to pay');
  end if;
  if request_id is null then
    perform private.refuse(400, 'CC400', 'request_id is required');
  end if;
  select p.id into payment_id from public.payments as p
   where p.payer_id = payer and p.client_request_id = request_id;
  if found then
    return payment_id; -- the same form sent again: the payment it started
  end if;
  insert into public.payments (invoice_number, payer_id, client_request_id, kind, fee_code, campaign_id,
                               donor_anonymous, amount)
  values (private.next_invoice_number(), payer, request_id, kind, fee_code, campaign_id,
          coalesce(donor_anonymous, false), amount)
  on conflict (payer_id, client_request_id) do nothing
  returning id into payment_id;
  if payment_id is null then -- the same form, sent at the same moment from another tab
    select p.id into payment_id from public.payments as p
     where p.payer_id = payer and p.client_request_id = request_id;
  end if;
  return payment_id;
end;
$$;

comment on function private.start_payment(text, text, uuid, numeric, boolean, uuid) is
  'Inserts a payment for the signed-in caller, or returns the one this request_id already started.';

create or replace function public.start_fee_payment(fee_code text, request_id uuid)
returns json
language plpgsql
security definer
set search_path = ''
as $$
declare
  fee public.payment_fees;
begin
  select * into fee from public.payment_fees as f where f.code = start_fee_payment.fee_code and f.active;
  if not found then
    return private.record_refusal(400, 'CC_FEE', 'No such fee can be paid now', 'start_fee_payment', null,
      jsonb_build_object('fee_code', left(start_fee_payment.fee_code, 100)));
  end if;
  return to_json(private.start_payment('fee', fee.code, null, fee.amount, false, request_id));
end;
$$;

comment on function public.start_fee_payment(text, uuid) is
  'Starts paying an active fee, at the catalogue''s amount, for the signed-in caller, and returns the '
  'payment''s id; the same request_id returns the same payment. 400 CC_FEE (recorded in payment_events) for '
  'an unknown or inactive fee, 401 when not signed in. The bkash function then creates the bKash payment.';

create or replace function public.start_donation(
  campaign_id uuid, amount numeric, donor_anonymous boolean, request_id uuid
)
returns json
language plpgsql
security definer
set search_path = ''
as $$
declare
  campaign public.donation_campaigns;
  asked jsonb := jsonb_build_object('campaign_id', start_donation.campaign_id, 'amount', start_donation.amount);
begin
  select * into campaign from public.donation_campaigns as c
   where c.id = start_donation.campaign_id and c.active
     and c.deadline >= (now() at time zone 'Asia/Dhaka')::date;
  if not found then
    return private.record_refusal(400, 'CC_CAMPAIGN', 'This campaign takes no donations now', 'start_donation',
      null, asked);
  end if;
  if amount is null or amount <> trunc(amount) or amount < 10 or amount > 500000 then
    return private.record_refusal(400, 'CC_AMOUNT', 'A donation is a whole number of taka from 10 to 500000',
      'start_donation', null, asked);
  end if;
  return to_json(private.start_payment('donation', null, campaign.id, amount, donor_anonymous, request_id));
end;
$$;

comment on function public.start_donation(uuid, numeric, boolean, uuid) is
  'Starts a donation of a whole number of taka (10 to 500000) to an open campaign for the signed-in caller, '
  'named or anonymous on public pages, and returns the payment''s id; the same request_id returns the same '
  'payment. 400 CC_CAMPAIGN or CC_AMOUNT when refused (recorded in payment_events).';

create or replace function public.campaign_donors(campaign_id uuid, max_rows integer default 10)
returns table (donor_name text, amount numeric, donated_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select case when p.donor_anonymous then null else pr.full_name end, p.amount, p.completed_at
    from public.payments as p
    join public.donation_campaigns as c on c.id = p.campaign_id and c.active
    left join public.profiles as pr on pr.id = p.payer_id
   where p.campaign_id = campaign_donors.campaign_id
     and p.state in ('completed', 'refund_requested', 'partially_refunded')
   order by p.completed_at desc
   limit least(greatest(coalesce(max_rows, 10), 1), 50);
$$;

comment on function public.campaign_donors(uuid, integer) is
  'The latest donations to an open campaign for its public page: amount, time and the donor''s name, null '
  'when they chose to stay anonymous or gave none. SECURITY DEFINER: shows only these columns.';

-- ---------------------------------------------------------------------------------------------------
-- What super admins call
-- ---------------------------------------------------------------------------------------------------

create or replace function public.request_refund(payment_id uuid, amount numeric, reason text, request_id uuid)
returns json
language plpgsql
security definer
set search_path = ''
as $$
declare
  admin uuid := auth.uid();
  payment public.payments;
  refund_id uuid;
  asked jsonb := jsonb_build_object('payment_id', request_refund.payment_id, 'amount', request_refund.amount,
                                    'reason', left(request_refund.reason, 300));
begin
  if public.current_app_role() is distinct from 'super_admin' then
    return private.record_refusal(403, 'CC403', 'Only super admins refund payments', 'request_refund',
      (select p.id from public.payments as p where p.id = request_refund.payment_id), asked);
  end if;
  select r.id into refund_id from public.payment_refunds as r
   where r.requested_by = admin and r.client_request_id = request_id;
  if found then
    return to_json(refund_id); -- the same form sent again
  end if;
  select * into payment from public.payments as p where p.id = request_refund.payment_id for update;
  if not found then
    return private.record_refusal(404, 'CC404', 'No such payment', 'request_refund', null, asked);
  end if;
  if payment.state not in ('completed', 'partially_refunded') then
    return private.record_refusal(409, 'CC_REFUND_STATE',
      'Only a completed payment with no refund under way can be refunded', 'request_refund', payment.id, asked);
  end if;
  if payment.completed_at < now() - interval '15 days' then
    return private.record_refusal(409, 'CC_REFUND_WINDOW', 'bKash refunds only within 15 days of the payment',
      'request_refund', payment.id, asked);
  end if;
  if amount is null or amount < 1 or amount <> round(amount, 2) or amount > payment.amount - payment.refunded_amount then
    return private.record_refusal(400, 'CC_REFUND_AMOUNT',
      'The refund must be more than 0 and at most what is left of the payment', 'request_refund', payment.id, asked);
  end if;
  if reason is null or char_length(btrim(reason)) not between 5 and 255 then
    return private.record_refusal(400, 'CC_REFUND_REASON', 'Give a reason of 5 to 255 characters',
      'request_refund', payment.id, asked);
  end if;
  insert into public.payment_refunds (payment_id, amount, reason, requested_by, client_request_id)
  values (payment.id, amount, btrim(reason), admin, request_id)
  returning id into refund_id;
  update public.payments as p set state = 'refund_requested' where p.id = payment.id;
  return to_json(refund_id);
end;
$$;

comment on function public.request_refund(uuid, numeric, text, uuid) is
  'A super admin asks for a full or partial refund of a completed payment within bKash''s 15-day window, '
  'with a reason; at most what is left, one at a time; returns the refund''s id, and the same request_id '
  'returns the same refund. The bkash function then sends it to bKash. 403, 404, 409 '
  'CC_REFUND_STATE/CC_REFUND_WINDOW, 400 CC_REFUND_AMOUNT/CC_REFUND_REASON when refused, each recorded in '
  'payment_events (who asked and what) while nothing else changes.';

-- ---------------------------------------------------------------------------------------------------
-- What the bkash Edge Function (service role) calls to record bKash's answers
-- ---------------------------------------------------------------------------------------------------

create or replace function public.bkash_log_event(
  payment_id uuid, refund_id uuid, kind text, api text, http_status integer, request jsonb, response jsonb,
  note text, actor_id uuid default null
)
returns void
language sql
set search_path = ''
as $$
  insert into public.payment_events (payment_id, refund_id, kind, api, http_status, request, response, note,
                                     actor_id)
  values (payment_id, refund_id, kind, api, http_status, request, response, left(note, 500), actor_id);
$$;

comment on function public.bkash_log_event(uuid, uuid, text, text, integer, jsonb, jsonb, text, uuid) is
  'The bkash function records a call to bKash (kind bkash) or a refused request (kind refused), with the '
  'signed-in person who asked when one did (a super admin checking a payment, a payer asking again); '
  'secrets are removed by a trigger. Service role only.';

create or replace function public.bkash_claim_create(payment_id uuid)
returns boolean
language sql
set search_path = ''
as $$
  update public.payments as p set create_claimed_at = now()
   where p.id = bkash_claim_create.payment_id and p.state = 'initiated'
     and (p.create_claimed_at is null or p.create_claimed_at < now() - interval '1 minute')
  returning true;
$$;

comment on function public.bkash_claim_create(uuid) is
  'Whether this request may ask bKash to create the payment now: true for one caller at a time (another may '
  'try after a minute, when the first must have failed). Service role only.';

create or replace function public.bkash_record_created(payment_id uuid, bkash_payment_id text, bkash_url text)
returns public.payments
language sql
set search_path = ''
as $$
  update public.payments as p
     set state = 'redirected', bkash_payment_id = bkash_record_created.bkash_payment_id,
         bkash_url = bkash_record_created.bkash_url
   where p.id = bkash_record_created.payment_id and p.state = 'initiated'
  returning p.*;
$$;

comment on function public.bkash_record_created(uuid, text, text) is
  'Records bKash''s paymentID and checkout URL for an initiated payment (now redirected). Service role only.';

create or replace function public.bkash_record_completed(
  payment_id uuid, trx_id text, amount numeric, invoice_number text, payer_wallet text, executed_at timestamptz
)
returns public.payments
language plpgsql
set search_path = ''
as $$
declare
  payment public.payments;
begin
  select * into payment from public.payments as p where p.id = bkash_record_completed.payment_id for update;
  if not found then
    raise exception 'no payment %', payment_id using errcode = 'no_data_found';
  end if;
  if payment.amount <> bkash_record_completed.amount
     or payment.invoice_number <> bkash_record_completed.invoice_number then
    raise exception 'bKash''s amount or invoice does not match payment %', payment_id
      using errcode = 'check_violation';
  end if;
  if payment.trx_id is not null then
    if payment.trx_id <> bkash_record_completed.trx_id then
      raise exception 'payment % was completed by another transaction', payment_id using errcode = 'check_violation';
    end if;
    return payment; -- already recorded: a replayed callback, a second tab, reconciliation after the fact
  end if;
  update public.payments as p
     set state = 'completed', trx_id = bkash_record_completed.trx_id,
         payer_wallet = bkash_record_completed.payer_wallet,
         completed_at = coalesce(bkash_record_completed.executed_at, now()),
         failure_code = null, failure_message = null
   where p.id = payment.id
  returning p.* into payment;
  return payment;
end;
$$;

comment on function public.bkash_record_completed(uuid, text, numeric, text, text, timestamptz) is
  'Completes a payment with bKash''s trxID once bKash answered Completed; refuses when the amount or invoice '
  'differ from ours. Idempotent: the same trxID again changes nothing. Service role only.';

create or replace function public.bkash_record_unsuccessful(
  payment_id uuid, outcome text, failure_code text, failure_message text, from_bkash boolean
)
returns public.payments
language plpgsql
set search_path = ''
as $$
declare
  payment public.payments;
begin
  if outcome not in ('failed', 'cancelled', 'expired') then
    raise exception 'outcome must be failed, cancelled or expired' using errcode = 'check_violation';
  end if;
  update public.payments as p
     set state = outcome, failure_code = bkash_record_unsuccessful.failure_code,
         failure_message = left(bkash_record_unsuccessful.failure_message, 255),
         outcome_from_bkash = coalesce(from_bkash, false)
   where p.id = bkash_record_unsuccessful.payment_id
     and (p.state in ('initiated', 'redirected')
          -- bKash now confirms what only the callback said: the payment stops being asked about (its
          -- state stays; failed and cancelled do not turn into each other).
          or (p.state in ('failed', 'cancelled') and not p.outcome_from_bkash and from_bkash))
  returning p.* into payment;
  if not found then
    select * into payment from public.payments as p where p.id = bkash_record_unsuccessful.payment_id;
  end if;
  return payment;
end;
$$;

comment on function public.bkash_record_unsuccessful(uuid, text, text, text, boolean) is
  'Marks a payment not yet settled as failed, cancelled or expired (bKash took no money), from_bkash saying '
  'whether bKash said so or only the payer''s callback; when bKash later confirms a failed or cancelled one '
  'that only the callback reported, it is marked as confirmed. A settled one is left as it is. Returns the '
  'payment. Service role only.';

create or replace function public.bkash_record_disputed(payment_id uuid, failure_message text)
returns public.payments
language plpgsql
set search_path = ''
as $$
declare
  payment public.payments;
begin
  update public.payments as p
     set state = 'disputed', failure_code = 'mismatch',
         failure_message = left(bkash_record_disputed.failure_message, 255)
   where p.id = bkash_record_disputed.payment_id
     and p.state in ('initiated', 'redirected', 'failed', 'cancelled', 'expired')
  returning p.* into payment;
  if not found then
    select * into payment from public.payments as p where p.id = bkash_record_disputed.payment_id;
  end if;
  return payment;
end;
$$;

comment on function public.bkash_record_disputed(uuid, text) is
  'Marks a payment not yet settled as disputed: bKash answered Completed but not for our amount and invoice. '
  'It is never completed by the function and no longer asked about; staff settle it with bKash. A settled '
  'one is left as it is. Returns the payment. Service role only.';

create or replace function public.bkash_record_refund(
  refund_id uuid, outcome text, refund_trx_id text, failure_code text, failure_message text
)
returns public.payment_refunds
language plpgsql
set search_path = ''
as $$
declare
  refund public.payment_refunds;
  payment public.payments;
begin
  select * into refund from public.payment_refunds as r where r.id = bkash_record_refund.refund_id for update;
  if not found or refund.state <> 'requested' then
    return refund; -- unknown, or already recorded
  end if;
  select * into payment from public.payments as p where p.id = refund.payment_id for update;
  if outcome = 'completed' then
    update public.payment_refunds as r
       set state = 'completed', refund_trx_id = bkash_record_refund.refund_trx_id, completed_at = now()
     where r.id = refund.id returning r.* into refund;
    update public.payments as p
       set refunded_amount = p.refunded_amount + refund.amount,
           state = case when p.refunded_amount + refund.amount >= p.amount then 'refunded' else 'partially_refunded' end
     where p.id = payment.id;
  elsif outcome = 'failed' then
    update public.payment_refunds as r
       set state = 'failed', failure_code = bkash_record_refund.failure_code,
           failure_message = left(bkash_record_refund.failure_message, 255)
     where r.id = refund.id returning r.* into refund;
    update public.payments as p
       set state = case when p.refunded_amount > 0 then 'partially_refunded' else 'completed' end
     where p.id = payment.id;
  else
    raise exception 'outcome must be completed or failed' using errcode = 'check_violation';
  end if;
  return refund;
end;
$$;

comment on function public.bkash_record_refund(uuid, text, text, text, text) is
  'Records bKash''s answer to a refund: completed (with refundTrxID; the payment becomes partially_refunded '
  'or refunded) or failed (the payment goes back to where it was). Idempotent. Service role only.';

create or replace function public.bkash_unsettled(older_than_seconds integer default 60, max_rows integer default 100)
returns table (payment_id uuid, refund_id uuid, state public.payment_state, bkash_payment_id text,
               trx_id text, created_at timestamptz)
language sql
stable
set search_path = ''
as $$
  select p.id, r.id, p.state, p.bkash_payment_id, p.trx_id, p.created_at
    from public.payments as p
    left join public.payment_refunds as r on r.payment_id = p.id and r.state = 'requested'
   where p.updated_at < now() - make_interval(secs => greatest(older_than_seconds, 0))
     and (p.state in ('initiated', 'redirected', 'refund_requested')
          -- Failed or cancelled on the callback's word alone: bKash may still have been paid (another tab,
          -- a forged cancel) while its paymentID lives.
          or (p.state in ('cancelled', 'failed') and not p.outcome_from_bkash and p.bkash_payment_id is not null
              and p.created_at > now() - interval '24 hours'))
   -- Those asked about longest ago first (each question to bKash is an event), so payments that stay
   -- uncertain for hours do not crowd out newer ones.
   order by (select max(e.id) from public.payment_events as e where e.payment_id = p.id) nulls first,
            p.updated_at
   limit least(greatest(max_rows, 1), 1000);
$$;

comment on function public.bkash_unsettled(integer, integer) is
  'Payments and refunds left unsettled for longer than older_than_seconds, and payments failed or cancelled '
  'on the payer''s callback alone in the last 24 hours (bKash''s paymentID lifetime), least recently asked '
  'about first, for the bkash function''s reconciliation to ask bKash about. Service role only.';

do $$
declare
  service_only text[] := array[
    'public.bkash_log_event(uuid, uuid, text, text, integer, jsonb, jsonb, text, uuid)',
    'public.bkash_claim_create(uuid)',
    'public.bkash_record_created(uuid, text, text)',
    'public.bkash_record_completed(uuid, text, numeric, text, text, timestamptz)',
    'public.bkash_record_unsuccessful(uuid, text, text, text, boolean)',
    'public.bkash_record_disputed(uuid, text)',
    'public.bkash_record_refund(uuid, text, text, text, text)',
    'public.bkash_unsettled(integer, integer)'];
  fn text;
begin
  foreach fn in array service_only loop
    execute format('revoke all on function %s from public, anon, authenticated', fn);
    execute format('grant execute on function %s to service_role', fn);
  end loop;
end;
$$;

revoke all on function private.start_payment(text, text, uuid, numeric, boolean, uuid), private.next_invoice_number(),
  private.redact_bkash_body(jsonb), private.record_refusal(integer, text, text, text, uuid, jsonb) from public;
-- The redaction trigger runs as whoever inserts: the service role (the bkash function).
grant execute on function private.redact_bkash_body(jsonb) to service_role;
revoke all on function public.start_fee_payment(text, uuid), public.start_donation(uuid, numeric, boolean, uuid),
  public.request_refund(uuid, numeric, text, uuid) from public, anon;
grant execute on function public.start_fee_payment(text, uuid), public.start_donation(uuid, numeric, boolean, uuid),
  public.request_refund(uuid, numeric, text, uuid) to authenticated, service_role;
revoke all on function public.campaign_donors(uuid, integer) from public;
grant execute on function public.campaign_donors(uuid, integer) to anon, authenticated, service_role;
