/**
 * Bucket endpoints (`/bucket…`), run as the caller so that RLS on storage.buckets decides, plus the
 * start-up step that creates the buckets declared in config.toml, as `supabase start` does.
 */
import { projectConfig, sizeBytes } from "../config.ts";
import { asCaller, type Claims, type Sql } from "../pg.ts";
import { json, jsonBody, type StorageContext } from "./context.ts";
import { ERRORS, toStorageError } from "./errors.ts";

export interface Bucket {
  id: string;
  name: string;
  owner: string | null;
  public: boolean;
  file_size_limit: number | null;
  allowed_mime_types: string[] | null;
  created_at: Date;
  updated_at: Date;
}

// Same characters Supabase Storage accepts in bucket names.
const BUCKET_NAME = /^(\w|!|-|\.|\*|'|\(|\)| |&|\$|@|=|;|:|\+|,|\?)+$/;

/** What Storage answers for a bucket (`GET /bucket/{id}`); the list adds `type`. owner_id is not shown. */
const BUCKET_COLUMNS = `id, name, owner, public, created_at, updated_at,
  file_size_limit::float8 as file_size_limit, allowed_mime_types`;

/** The bucket as the service sees it (no RLS): for upload limits and public downloads. */
export async function findBucket(sql: Sql, id: string): Promise<Bucket> {
  const [bucket] = await sql<Bucket[]>`select ${
    sql.unsafe(BUCKET_COLUMNS)
  } from storage.buckets where id = ${id}`;
  if (!bucket) throw ERRORS.bucketNotFound();
  return bucket;
}

/** A bucket in `GET /bucket`: the list says what kind each is (analytics buckets are not served here). */
function listed(bucket: Bucket) {
  return { ...bucket, type: "STANDARD" };
}

/** Accepts a whole number of bytes or a size such as "5MB"; null clears the limit. */
function parseFileSizeLimit(value: unknown, globalLimit: number): number | null {
  if (value === null) return null;
  let bytes = Number.NaN;
  if (typeof value === "number") bytes = value;
  else if (typeof value === "string") {
    try {
      bytes = sizeBytes(value, 0);
    } catch { /* reported below */ }
  }
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    throw ERRORS.invalidRequest("Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B");
  }
  if (bytes > globalLimit) throw ERRORS.entityTooLarge("bucket file size limit");
  return bytes;
}

function parseMimeTypes(value: unknown): string[] | null {
  if (value === null) return null;
  if (!Array.isArray(value) || value.some((type) => typeof type !== "string" || !type.includes("/"))) {
    throw ERRORS.invalidRequest("allowed_mime_types must be a list of MIME types");
  }
  return value;
}

interface BucketSettings {
  public?: boolean;
  file_size_limit?: number | null;
  allowed_mime_types?: string[] | null;
}

/** The settings a create or update request carries, checked as Storage checks them; absent keys are left out. */
function bucketSettings(body: Record<string, unknown>, globalLimit: number): BucketSettings {
  const settings: BucketSettings = {};
  if (body.public !== undefined) {
    if (typeof body.public !== "boolean") throw ERRORS.invalidRequest("public must be a boolean");
    settings.public = body.public;
  }
  if (body.file_size_limit !== undefined) {
    settings.file_size_limit = parseFileSizeLimit(body.file_size_limit, globalLimit);
  }
  if (body.allowed_mime_types !== undefined) {
    settings.allowed_mime_types = parseMimeTypes(body.allowed_mime_types);
  }
  return settings;
}

export async function listBuckets(ctx: StorageContext, claims: Claims, url: URL): Promise<Response> {
  const params = url.searchParams;
  const limit = Math.min(Number(params.get("limit") ?? 1000) || 1000, 1000);
  const offset = Number(params.get("offset") ?? 0) || 0;
  const search = params.get("search") ?? "";
  const sortColumn = ["id", "name", "created_at", "updated_at"].find((c) => c === params.get("sortColumn")) ??
    "name";
  const descending = params.get("sortOrder") === "desc";
  const buckets = await asCaller(ctx.sql, claims, (tx) =>
    tx<Bucket[]>`
      select ${tx.unsafe(BUCKET_COLUMNS)} from storage.buckets
      where name ilike ${"%" + escapeLike(search) + "%"}
      order by ${tx(sortColumn)} ${descending ? tx`desc` : tx`asc`}
      limit ${limit} offset ${offset}`);
  return json(buckets.map(listed));
}

export async function getBucket(ctx: StorageContext, claims: Claims, id: string): Promise<Response> {
  const [bucket] = await asCaller(
    ctx.sql,
    claims,
    (tx) => tx<Bucket[]>`select ${tx.unsafe(BUCKET_COLUMNS)} from storage.buckets where id = ${id}`,
  );
  if (!bucket) throw ERRORS.bucketNotFound();
  return json(bucket);
}

export async function createBucket(ctx: StorageContext, claims: Claims, req: Request): Promise<Response> {
  const body = await jsonBody(req);
  const id = String(body.id ?? body.name ?? "");
  if (!BUCKET_NAME.test(id) || id.length > 100) throw ERRORS.invalidBucketName();
  const settings = bucketSettings(body, ctx.globalFileSizeLimit);
  const owner = isUuid(claims.sub) ? claims.sub : null;
  await asCaller(
    ctx.sql,
    claims,
    (tx) =>
      tx`insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)
       values (${id}, ${id}, ${owner}, ${claims.sub ?? null}, ${settings.public ?? false},
               ${settings.file_size_limit ?? null}, ${settings.allowed_mime_types ?? null})`,
  )
    .catch((error) => {
      throw toStorageError(error, ERRORS.bucketExists);
    });
  return json({ name: id });
}

/** `PUT /bucket/{id}`: changes the settings given, as the caller (RLS on storage.buckets decides). */
export async function updateBucket(ctx: StorageContext, claims: Claims, id: string, req: Request) {
  const settings = bucketSettings(await jsonBody(req), ctx.globalFileSizeLimit);
  if (Object.keys(settings).length === 0) {
    throw ERRORS.invalidRequest("give at least one of public, file_size_limit and allowed_mime_types");
  }
  const result = await asCaller(
    ctx.sql,
    claims,
    (tx) => tx`update storage.buckets set ${tx(settings)}, updated_at = now() where id = ${id}`,
  ).catch((error) => {
    throw toStorageError(error);
  });
  // Not there, or not the caller's to change: Storage says the same for both.
  if (result.count === 0) throw ERRORS.bucketNotFound();
  return json({ message: "Successfully updated" });
}

export async function deleteBucket(ctx: StorageContext, claims: Claims, id: string): Promise<Response> {
  const [{ count }] = await ctx.sql<{ count: number }[]>`
    select count(*)::int as count from storage.objects where bucket_id = ${id}`;
  if (count > 0) throw ERRORS.bucketNotEmpty();
  const result = await asCaller(ctx.sql, claims, (tx) => tx`delete from storage.buckets where id = ${id}`)
    .catch((error) => {
      throw error?.code === "23503" ? ERRORS.bucketNotEmpty() : toStorageError(error);
    });
  if (result.count === 0) throw ERRORS.bucketNotFound();
  return json({ message: "Successfully deleted" });
}

/**
 * Deletes every object of the bucket the caller may delete (RLS), then their bytes. Supabase queues this
 * and answers at once; here it is done before the answer, which says what Supabase's says.
 */
export async function emptyBucket(ctx: StorageContext, claims: Claims, id: string): Promise<Response> {
  const removed = await asCaller(ctx.sql, claims, async (tx) => {
    const [bucket] = await tx`select id from storage.buckets where id = ${id}`;
    if (!bucket) throw ERRORS.bucketNotFound();
    return await tx<{ version: string | null }[]>`
      delete from storage.objects where bucket_id = ${id} returning version`;
  });
  await ctx.disk.remove(removed.map((row) => row.version));
  return json({ message: "Empty bucket has been queued. Completion may take up to an hour." });
}

/** Creates or updates the buckets declared as `[storage.buckets.<name>]` in config.toml. */
export async function seedConfiguredBuckets(sql: Sql, globalLimit: number): Promise<void> {
  const declared: Record<string, Record<string, unknown>> = projectConfig().storage?.buckets ?? {};
  for (const [id, options] of Object.entries(declared)) {
    const limit = options.file_size_limit === undefined
      ? null
      : parseFileSizeLimit(options.file_size_limit, globalLimit);
    const mimeTypes = options.allowed_mime_types === undefined
      ? null
      : parseMimeTypes(options.allowed_mime_types);
    await sql`
      insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
      values (${id}, ${id}, ${options.public === true}, ${limit}, ${mimeTypes})
      on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
        allowed_mime_types = excluded.allowed_mime_types, updated_at = now()`;
  }
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

export function isUuid(value: unknown): value is string {
  return typeof value === "string" &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
