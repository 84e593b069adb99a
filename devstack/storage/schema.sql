-- The `storage` schema as Supabase Storage keeps it: buckets, objects, the path helpers policies use, and
-- the grants that leave access to row-level security. Run by the local stack as supabase_admin on every
-- start, so every statement is idempotent. The tables belong to supabase_storage_admin, the role the
-- Storage service connects as; apps add policies on storage.objects in their own migrations.

set role supabase_storage_admin;

-- Which steps of this local schema have been applied (Supabase Storage keeps the same table for its own
-- migrations). Steps that are not naturally idempotent are guarded by a row here.
create table if not exists storage.migrations (
  id integer primary key,
  name varchar(100) not null unique,
  hash varchar(40) not null,
  executed_at timestamp default current_timestamp
);
comment on table storage.migrations is 'Schema steps of the local Storage service that have been applied.';
comment on column storage.migrations.id is 'Order of the step.';
comment on column storage.migrations.name is 'Name of the step.';
comment on column storage.migrations.hash is 'Fingerprint of the step as applied.';
comment on column storage.migrations.executed_at is 'When the step was applied.';

do $$
begin
  if not exists (select 1 from storage.migrations where name = 'create-buckets-and-objects') then
    create table storage.buckets (
      id text primary key,
      name text not null,
      owner uuid,
      owner_id text,
      public boolean not null default false,
      file_size_limit bigint,
      allowed_mime_types text[],
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index bname on storage.buckets (name);

    create table storage.objects (
      id uuid primary key default gen_random_uuid(),
      bucket_id text references storage.buckets (id),
      name text,
      owner uuid,
      owner_id text,
      metadata jsonb,
      user_metadata jsonb,
      version text,
      path_tokens text[] generated always as (string_to_array(name, '/')) stored,
      created_at timestamptz default now(),
      updated_at timestamptz default now(),
      last_accessed_at timestamptz default now()
    );
    create unique index bucketid_objname on storage.objects (bucket_id, name);
    create index name_prefix_search on storage.objects (name text_pattern_ops);

    insert into storage.migrations (id, name, hash)
    values (1, 'create-buckets-and-objects', md5('create-buckets-and-objects')::varchar(40));
  end if;
end
$$;

comment on table storage.buckets is 'Storage buckets: a public flag and the upload limits that apply to their objects.';
comment on column storage.buckets.id is 'Bucket id, used in URLs (same as name).';
comment on column storage.buckets.name is 'Bucket name.';
comment on column storage.buckets.owner is 'Deprecated: the creator''s user id when it is a uuid; use owner_id.';
comment on column storage.buckets.owner_id is 'The JWT sub of whoever created the bucket.';
comment on column storage.buckets.public is 'Whether objects can be downloaded without a JWT at /object/public/.';
comment on column storage.buckets.file_size_limit is 'Largest object accepted, in bytes; null means the global limit.';
comment on column storage.buckets.allowed_mime_types is 'MIME types accepted on upload (wildcards like image/* allowed); null means any.';
comment on column storage.buckets.created_at is 'When the bucket was created.';
comment on column storage.buckets.updated_at is 'When the bucket settings last changed.';

comment on table storage.objects is 'One row per stored file; row-level security on this table decides who may upload, download, list and delete.';
comment on column storage.objects.id is 'Object id, returned as Id on upload.';
comment on column storage.objects.bucket_id is 'The bucket holding the object.';
comment on column storage.objects.name is 'Path of the object inside its bucket, folders separated by "/".';
comment on column storage.objects.owner is 'Deprecated: the uploader''s user id when it is a uuid; use owner_id.';
comment on column storage.objects.owner_id is 'The JWT sub of the uploader.';
comment on column storage.objects.metadata is 'What the server knows of the bytes: eTag, size, mimetype, cacheControl, lastModified.';
comment on column storage.objects.user_metadata is 'Metadata the uploader attached to the object.';
comment on column storage.objects.version is 'Identifies the stored bytes of the current version of the object.';
comment on column storage.objects.path_tokens is 'The name split on "/".';
comment on column storage.objects.created_at is 'When the object was first uploaded.';
comment on column storage.objects.updated_at is 'When the object was last overwritten or changed.';
comment on column storage.objects.last_accessed_at is 'Kept for compatibility with Supabase Storage.';

create or replace function storage.update_updated_at_column() returns trigger
language plpgsql
as $$
begin
  new.updated_at = now();
  return new;
end
$$;
comment on function storage.update_updated_at_column() is 'Stamps updated_at on every update of an object.';

create or replace trigger update_objects_updated_at before update on storage.objects
for each row execute function storage.update_updated_at_column();

-- Path helpers for policies, e.g. `(storage.foldername(name))[1] = (select auth.uid())::text`.
create or replace function storage.foldername(name text) returns text[]
language sql immutable
as $$
  select tokens[1:array_length(tokens, 1) - 1] from string_to_array(name, '/') as tokens
$$;
comment on function storage.foldername(text) is 'The folders of an object path: every segment but the last.';

create or replace function storage.filename(name text) returns text
language sql immutable
as $$
  select tokens[array_length(tokens, 1)] from string_to_array(name, '/') as tokens
$$;
comment on function storage.filename(text) is 'The last segment of an object path.';

-- Like Supabase's: the text after the last "." of the file name (the whole name when it has no ".").
create or replace function storage.extension(name text) returns text
language sql immutable
as $$
  select reverse(split_part(reverse(storage.filename(name)), '.', 1))
$$;
comment on function storage.extension(text) is 'The file extension of an object path, without the dot.';

-- Access is decided by row-level security: no policies here, so only service_role (BYPASSRLS) and the
-- owner see rows until migrations add policies.
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
alter table storage.migrations enable row level security;

grant all on storage.buckets, storage.objects to anon, authenticated, service_role;
grant all on storage.buckets, storage.objects to postgres with grant option;
revoke all on storage.migrations from anon, authenticated;
grant select on storage.migrations to postgres, service_role;
grant execute on function storage.foldername(text), storage.filename(text), storage.extension(text)
  to postgres, anon, authenticated, service_role;

reset role;
