-- The `auth` tables of Supabase Auth (GoTrue) that apps and the local Auth service touch: users, their
-- identities, sessions, rotating refresh tokens and one-time codes. Column names and types follow GoTrue's
-- own schema so that app migrations, triggers and seeds written for a hosted project work unchanged.
-- Run by the local stack as supabase_admin on every start, after the `auth` schema exists: every statement
-- is idempotent. The objects belong to supabase_auth_admin, the role the Auth service connects as;
-- postgres gets all privileges (as in Supabase) and the API roles get none.

set role supabase_auth_admin;

do $$
begin
  if not exists (select 1 from pg_type where typname = 'aal_level' and typnamespace = 'auth'::regnamespace) then
    create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');
  end if;
  if not exists (
    select 1 from pg_type where typname = 'one_time_token_type' and typnamespace = 'auth'::regnamespace
  ) then
    create type auth.one_time_token_type as enum (
      'confirmation_token',
      'reauthentication_token',
      'recovery_token',
      'email_change_token_new',
      'email_change_token_current',
      'phone_change_token'
    );
  end if;
end
$$;

create table if not exists auth.users (
  instance_id uuid default '00000000-0000-0000-0000-000000000000',
  id uuid primary key default gen_random_uuid(),
  aud varchar(255) default 'authenticated',
  role varchar(255) default 'authenticated',
  email varchar(255),
  encrypted_password varchar(255) default '',
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255) default '',
  confirmation_sent_at timestamptz,
  recovery_token varchar(255) default '',
  recovery_sent_at timestamptz,
  email_change_token_new varchar(255) default '',
  email_change varchar(255) default '',
  email_change_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb default '{}'::jsonb,
  raw_user_meta_data jsonb default '{}'::jsonb,
  is_super_admin boolean,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  phone text unique default null,
  phone_confirmed_at timestamptz,
  phone_change text default '',
  phone_change_token varchar(255) default '',
  phone_change_sent_at timestamptz,
  confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  email_change_token_current varchar(255) default '',
  email_change_confirm_status smallint default 0 check (email_change_confirm_status between 0 and 2),
  banned_until timestamptz,
  reauthentication_token varchar(255) default '',
  reauthentication_sent_at timestamptz,
  is_sso_user boolean not null default false,
  deleted_at timestamptz,
  is_anonymous boolean not null default false
);
create unique index if not exists users_email_partial_key on auth.users (email) where is_sso_user = false;
create index if not exists users_instance_id_idx on auth.users (instance_id);
create index if not exists users_is_anonymous_idx on auth.users (is_anonymous);

comment on table auth.users is
  'Auth: one row per user who can sign in (here: by phone OTP). Written only by the Auth service and the admin API.';
comment on column auth.users.id is 'User id; the JWT `sub` claim and what auth.uid() returns.';
comment on column auth.users.aud is 'JWT audience of the user''s tokens (always ''authenticated'').';
comment on column auth.users.role is 'Postgres role in the user''s JWT (''authenticated''); app roles live in raw_app_meta_data.role.';
comment on column auth.users.email is 'E-mail address; null for phone users.';
comment on column auth.users.phone is 'Phone number in E.164 digits without the leading ''+'' (e.g. 8801712345678); unique.';
comment on column auth.users.phone_confirmed_at is 'When the user first proved the phone number with an OTP.';
comment on column auth.users.confirmed_at is 'Earliest of email_confirmed_at and phone_confirmed_at (generated).';
comment on column auth.users.confirmation_sent_at is 'When the last sign-in code was sent; limits how often codes are sent.';
comment on column auth.users.last_sign_in_at is 'When the user last signed in (verified a code).';
comment on column auth.users.raw_app_meta_data is
  'Server-controlled metadata (app_metadata in the JWT): provider, providers, role, wards. Only the service role changes it.';
comment on column auth.users.raw_user_meta_data is 'User-editable metadata (user_metadata in the JWT).';
comment on column auth.users.banned_until is 'While in the future, the user cannot sign in or refresh sessions.';
comment on column auth.users.deleted_at is 'Set when the user was soft-deleted through the admin API.';
comment on column auth.users.is_anonymous is 'Whether this is an anonymous user (never, here).';
comment on column auth.users.is_sso_user is 'Whether the user signs in through SSO (never, here).';
comment on column auth.users.created_at is 'When the user was created.';
comment on column auth.users.updated_at is 'When the user row last changed.';

create table if not exists auth.identities (
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid primary key default gen_random_uuid(),
  constraint identities_provider_id_provider_unique unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);
create index if not exists identities_email_idx on auth.identities (email text_pattern_ops);
comment on table auth.identities is
  'Auth: how each user signs in (provider ''phone'' here), with the provider''s data about them.';

create table if not exists auth.sessions (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  factor_id uuid,
  aal auth.aal_level,
  not_after timestamptz,
  refreshed_at timestamp,
  user_agent text,
  ip inet,
  tag text
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);
create index if not exists user_id_created_at_idx on auth.sessions (user_id, created_at);
comment on table auth.sessions is
  'Auth: one row per signed-in device; the id is the JWT `session_id` claim. Deleting a row signs that device out.';

create table if not exists auth.refresh_tokens (
  instance_id uuid,
  id bigserial primary key,
  token varchar(255) unique,
  user_id varchar(255),
  revoked boolean,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade
);
create index if not exists refresh_tokens_parent_idx on auth.refresh_tokens (parent);
create index if not exists refresh_tokens_session_id_revoked_idx on auth.refresh_tokens (session_id, revoked);
create index if not exists refresh_tokens_updated_at_idx on auth.refresh_tokens (updated_at desc);
comment on table auth.refresh_tokens is
  'Auth: rotating refresh tokens. Each refresh revokes the token and issues a child (parent = old token); reusing a revoked token outside the reuse interval revokes the whole session.';

create table if not exists auth.one_time_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  token_type auth.one_time_token_type not null,
  token_hash text not null check (char_length(token_hash) > 0),
  relates_to text not null,
  created_at timestamp without time zone not null default now(),
  updated_at timestamp without time zone not null default now(),
  constraint one_time_tokens_user_id_token_type_key unique (user_id, token_type)
);
-- The local service also enforces expiry and a wrong-code limit; GoTrue derives expiry from
-- users.confirmation_sent_at and limits guesses per client address only.
alter table auth.one_time_tokens add column if not exists expires_at timestamptz;
alter table auth.one_time_tokens add column if not exists failed_attempts integer not null default 0;
create index if not exists one_time_tokens_token_hash_hash_idx on auth.one_time_tokens using hash (token_hash);
create index if not exists one_time_tokens_relates_to_hash_idx on auth.one_time_tokens using hash (relates_to);
comment on table auth.one_time_tokens is
  'Auth: each user''s pending code of each kind (sign-in: confirmation_token; new number: phone_change_token): only a hash of it (sha224 of phone digits + code, as GoTrue), the number it was sent to (relates_to), when it expires and how many wrong codes were tried. Deleted once used.';
comment on column auth.one_time_tokens.created_at is 'When the code was sent (a resend replaces the row).';
comment on column auth.one_time_tokens.expires_at is 'The code is refused after this time (config [auth.sms] otp_expiry).';
comment on column auth.one_time_tokens.failed_attempts is 'Wrong codes tried against this code; at the limit the code is discarded.';

-- Local only, like the columns above: a resend replaces the code and its wrong-code count, so guesses are
-- also counted per phone over a longer window, across codes.
create table if not exists auth.phone_otp_failures (
  id bigserial primary key,
  phone text not null,
  failed_at timestamptz not null default now()
);
create index if not exists phone_otp_failures_phone_failed_at_idx on auth.phone_otp_failures (phone, failed_at);
comment on table auth.phone_otp_failures is
  'Auth (local): one row per wrong sign-in code, kept for the counting window; too many for a phone and its codes are refused for a while.';
comment on column auth.phone_otp_failures.id is 'Row id.';
comment on column auth.phone_otp_failures.phone is 'The phone the code was tried for, as stored in auth.users.phone.';
comment on column auth.phone_otp_failures.failed_at is 'When the wrong code was tried.';

reset role;

-- As in Supabase: postgres (and the dashboard) may read and repair auth data; the API roles see nothing.
grant all on table auth.users, auth.identities, auth.sessions, auth.refresh_tokens, auth.one_time_tokens,
  auth.phone_otp_failures to postgres, dashboard_user;
grant all on sequence auth.refresh_tokens_id_seq, auth.phone_otp_failures_id_seq to postgres, dashboard_user;
revoke all on table auth.users, auth.identities, auth.sessions, auth.refresh_tokens, auth.one_time_tokens,
  auth.phone_otp_failures from public, anon, authenticated, service_role;
