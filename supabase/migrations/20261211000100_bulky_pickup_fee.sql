-- A bulky pickup's fee, paid through bKash and linked to its request, so the ward's staff see whether it
-- was paid without reading anyone's payments (which only payers and super admins may read).
--
-- The citizen starts paying from their request (public.start_pickup_payment): the fee and its amount come
-- from the request's fee_code in the catalogue (public.start_fee_payment), and the payment is remembered
-- against the request. public.fee_state(request) then says paid / pending / refunded to whoever may read
-- the request: PostgREST reads it as a computed column (select=…,fee_state).

create table private.bulky_pickup_payments (
  payment_id uuid primary key references public.payments (id) on delete cascade,
  pickup_id uuid not null references public.bulky_pickup_requests (id) on delete cascade,
  created_at timestamptz not null default now()
);

comment on table private.bulky_pickup_payments is
  'Which payments were started for which bulky pickup request (several when an earlier one failed). '
  'Written only by public.start_pickup_payment; read through public.fee_state.';
comment on column private.bulky_pickup_payments.payment_id is 'The payment (public.payments.id), a fee payment.';
comment on column private.bulky_pickup_payments.pickup_id is 'The request it pays for.';
comment on column private.bulky_pickup_payments.created_at is 'When the citizen started it.';

create index bulky_pickup_payments_pickup_idx on private.bulky_pickup_payments (pickup_id);

revoke all on table private.bulky_pickup_payments from public, anon, authenticated;

create or replace function public.start_pickup_payment(pickup_id uuid, request_id uuid)
returns json
language plpgsql
security definer
set search_path = ''
as $$
declare
  pickup public.bulky_pickup_requests;
  pending uuid;
  started json;
  payment uuid;
begin
  select * into pickup from public.bulky_pickup_requests as r
   where r.id = start_pickup_payment.pickup_id and r.citizen_id = auth.uid()
     for update;
  if not found then
    perform private.refuse(404, 'CC_PICKUP', 'No such pickup request of yours');
  end if;
  if pickup.status not in ('requested', 'scheduled') then
    perform private.refuse(409, 'CC_PICKUP_CLOSED', 'This pickup request is closed');
  end if;
  if exists (select 1 from private.bulky_pickup_payments as l join public.payments as p on p.id = l.payment_id
              where l.pickup_id = pickup.id and p.state in ('completed', 'refund_requested', 'partially_refunded')) then
    perform private.refuse(409, 'CC_PICKUP_PAID', 'This pickup''s fee is paid already');
  end if;
  -- One still on its way to bKash is continued rather than a second one started.
  select l.payment_id into pending from private.bulky_pickup_payments as l
    join public.payments as p on p.id = l.payment_id
   where l.pickup_id = pickup.id and p.state in ('initiated', 'redirected')
   order by l.created_at desc limit 1;
  if pending is not null then
    return to_json(pending);
  end if;
  started := public.start_fee_payment(pickup.fee_code, request_id);
  -- A refusal (the fee left the catalogue) is recorded in the ledger there and answered as it is.
  if json_typeof(started) <> 'string' then
    return started;
  end if;
  payment := (started #>> '{}')::uuid;
  insert into private.bulky_pickup_payments (payment_id, pickup_id) values (payment, pickup.id)
    on conflict (payment_id) do nothing;
  return to_json(payment);
end;
$$;

comment on function public.start_pickup_payment(uuid, uuid) is
  'Starts paying the fee of one of the caller''s open bulky pickup requests (the catalogue''s amount for its '
  'fee_code) and links the payment to it; a payment still on its way is returned instead. The same request_id '
  'returns the same payment (its id, a JSON string). Refused: 404 CC_PICKUP (not theirs), 409 CC_PICKUP_CLOSED, '
  '409 CC_PICKUP_PAID; start_fee_payment''s own refusals are recorded and passed on as it answers them.';

revoke all on function public.start_pickup_payment(uuid, uuid) from public;
grant execute on function public.start_pickup_payment(uuid, uuid) to authenticated, service_role;

create or replace function public.fee_state(request public.bulky_pickup_requests)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select case
           when bool_or(p.state in ('completed', 'refund_requested', 'partially_refunded')) then 'paid'
           when bool_or(p.state in ('initiated', 'redirected')) then 'pending'
           when bool_or(p.state = 'refunded') then 'refunded'
         end
    from public.bulky_pickup_requests as r
    join private.bulky_pickup_payments as l on l.pickup_id = r.id
    join public.payments as p on p.id = l.payment_id
   where r.id = fee_state.request.id
     -- The row passed in is only trusted for its id: the caller must be able to read the request itself.
     and (r.citizen_id = (select auth.uid()) or (select private.can_manage_wards(array[r.ward_id])));
$$;

comment on function public.fee_state(public.bulky_pickup_requests) is
  'Whether a bulky pickup request''s fee is paid (paid), being paid (pending) or was refunded (refunded); '
  'null when no payment was started. For the request''s citizen and its ward''s staff (null for anyone '
  'else). A computed column for PostgREST: select=…,fee_state. SECURITY DEFINER: staff cannot read payments.';

revoke all on function public.fee_state(public.bulky_pickup_requests) from public;
grant execute on function public.fee_state(public.bulky_pickup_requests) to authenticated, service_role;
