-- An SOS reaches the ward's duty phone as a Bengali SMS (the text the report carries, sms_text_bn) through
-- the SMS outbox as soon as it is sent, quiet hours or not: an emergency does not wait for the morning. A
-- ward without a duty phone gets no text; its staff still see the live alert on the dashboard.

create function private.text_sos_to_duty_phone()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.duty_phone is not null then
    perform private.queue_sms(new.duty_phone, new.sms_text_bn, 'sos', 'sos:' || new.id, false);
  end if;
  return null;
end;
$$;

comment on function private.text_sos_to_duty_phone() is
  'AFTER INSERT on sos_reports: queues the report''s Bengali SMS to the ward''s duty phone (once per report, '
  'outside quiet hours too).';

revoke all on function private.text_sos_to_duty_phone() from public;

create trigger sos_reports_text_duty_phone
  after insert on public.sos_reports
  for each row execute function private.text_sos_to_duty_phone();
