/**
 * Object endpoints (`/object…`). Every operation a user asks for is run in Postgres as that user (their
 * role and JWT claims), so RLS on storage.objects decides exactly as in Supabase: upload needs INSERT
 * (upsert also SELECT and UPDATE), download, sign and list need SELECT, remove needs SELECT and DELETE.
 * Bytes are staged only once a rolled-back trial of the row write passed RLS, and become visible only
 * together with the committed row.
 */
import { Buffer } from "node:buffer";
import type postgres from "postgres";
import { asCaller, type Claims, type Sql, type TransactionSql } from "../pg.ts";
import { signUrlToken, verifyUrlToken } from "./auth.ts";
import { type Bucket, escapeLike, findBucket, isUuid } from "./buckets.ts";
import { json, jsonBody, type StorageContext } from "./context.ts";
import type { OpenedObject } from "./disk.ts";
import { ERRORS, toStorageError } from "./errors.ts";
import { multipartBoundary, readMultipartUpload } from "./multipart.ts";
import { baseMimeType, serveObject } from "./serve.ts";
import { hasKnownSignature, imageTypeOf } from "../../lib/image_type.ts";

/** What Storage records about the bytes, in storage.objects.metadata. */
export interface ObjectMetadata {
  eTag: string;
  size: number;
  mimetype: string;
  cacheControl: string;
  lastModified: string;
  contentLength: number;
  httpStatusCode: number;
}

export interface ObjectRow {
  id: string;
  bucket_id: string;
  name: string;
  owner: string | null;
  owner_id: string | null;
  version: string | null;
  metadata: Partial<ObjectMetadata> | null;
  user_metadata: unknown;
  created_at: Date;
  updated_at: Date;
  last_accessed_at: Date;
}

/** The object the request is about, as the router found it in the URL. */
export interface ObjectRef {
  bucketId: string;
  key: string;
}

// The characters Supabase Storage accepts in object keys (ASCII only: other names are refused there too).
const OBJECT_KEY = /^(\w|\/|!|-|\.|\*|'|\(|\)| |&|\$|@|=|;|:|\+|,|\?)+$/;
const NOT_ACCESSIBLE = "Either the object does not exist or you do not have access to it";
const MAX_REMOVE = 1000;
/** How long a signed upload URL stays valid (Supabase: two hours). */
const SIGNED_UPLOAD_SECONDS = 2 * 60 * 60;

/** Refuses a key Supabase Storage would not accept (400 InvalidKey), before it reaches the database. */
export function checkKey(key: string) {
  if (!OBJECT_KEY.test(key) || key.split("/").some((segment) => segment === "." || segment === "..")) {
    throw ERRORS.invalidKey(key);
  }
}

const OBJECT_COLUMNS =
  `id, bucket_id, name, owner, owner_id, version, metadata, user_metadata, created_at, updated_at,
             last_accessed_at`;

// ---------------------------------------------------------------------------------------------------
// Upload
// ---------------------------------------------------------------------------------------------------

interface IncomingFile {
  contentType: string;
  cacheControl: string;
  userMetadata: unknown;
  body: AsyncIterable<Uint8Array>;
  /** Content-Length of a raw upload; unknown for multipart until it is read. */
  declaredSize?: number;
}

async function readIncomingFile(req: Request): Promise<IncomingFile> {
  const contentType = req.headers.get("content-type") ?? "";
  const body = req.body ?? ReadableStream.from<Uint8Array>([]);
  if (contentType.toLowerCase().startsWith("multipart/form-data")) {
    const boundary = multipartBoundary(contentType);
    if (!boundary) throw ERRORS.invalidRequest("Malformed multipart body");
    const upload = await readMultipartUpload(body, boundary);
    const cacheSeconds = upload.fields.get("cacheControl");
    return {
      contentType: upload.contentType,
      cacheControl: cacheSeconds ? `max-age=${cacheSeconds}` : "no-cache",
      userMetadata: parseUserMetadata(upload.fields.get("metadata")),
      body: upload.body,
    };
  }
  const length = req.headers.get("content-length");
  const encodedMetadata = req.headers.get("x-metadata");
  return {
    contentType: contentType || "application/octet-stream",
    cacheControl: req.headers.get("cache-control") ?? "no-cache",
    userMetadata: parseUserMetadata(
      encodedMetadata ? Buffer.from(encodedMetadata, "base64").toString("utf8") : undefined,
    ),
    body,
    declaredSize: length === null ? undefined : Number(length),
  };
}

function parseUserMetadata(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw ERRORS.invalidRequest("metadata must be valid JSON");
  }
}

/** MIME types match exactly or by a `type/*` wildcard, ignoring parameters such as charset. */
export function mimeTypeAllowed(contentType: string, allowed: string[] | null): boolean {
  if (!allowed || allowed.length === 0) return true;
  const [type, subtype] = baseMimeType(contentType).split("/");
  return allowed.some((pattern) => {
    const [allowedType, allowedSubtype] = baseMimeType(pattern).split("/");
    return (allowedType === "*" || allowedType === type) &&
      (allowedSubtype === "*" || allowedSubtype === subtype);
  });
}

/**
 * In a bucket that takes only images, a file declared as an image type that can be told by its bytes must
 * start like one: an HTML page sent as `image/png` is refused rather than stored under a photo's name.
 */
function checkImageContent(bucket: Bucket, contentType: string, head: Uint8Array): void {
  const allowed = bucket.allowed_mime_types ?? [];
  const imagesOnly = allowed.length > 0 && allowed.every((type) => baseMimeType(type).startsWith("image/"));
  const declared = baseMimeType(contentType);
  if (imagesOnly && hasKnownSignature(declared) && imageTypeOf(head) !== declared) {
    throw ERRORS.contentNotOfType(declared);
  }
}

interface ObjectWrite {
  id: string;
  bucket_id: string;
  name: string;
  owner: string | null;
  owner_id: string | null;
  metadata: Partial<ObjectMetadata>;
  user_metadata: unknown;
  version: string | null;
}

/** Inserts the row (or, for upsert, overwrites it) as whoever `tx` runs as; returns the object id. */
async function writeRow(tx: TransactionSql, row: ObjectWrite, upsert: boolean): Promise<string> {
  const values = {
    ...row,
    metadata: tx.json(row.metadata as postgres.JSONValue),
    user_metadata: row.user_metadata === null ? null : tx.json(row.user_metadata as postgres.JSONValue),
  };
  if (!upsert) {
    // No RETURNING: that would also demand a SELECT policy, which a plain upload does not need.
    await tx`insert into storage.objects ${tx(values)}`;
    return row.id;
  }
  const [written] = await tx<{ id: string }[]>`
    insert into storage.objects ${tx(values)}
    on conflict (bucket_id, name) do update set
      owner = excluded.owner, owner_id = excluded.owner_id, metadata = excluded.metadata,
      user_metadata = excluded.user_metadata, version = excluded.version, last_accessed_at = now()
    returning id`;
  return written.id;
}

class TrialPassed {}

/** Runs `write` as the caller and rolls it back: Postgres's verdict without any effect. */
async function trialWrite(
  ctx: StorageContext,
  claims: Claims,
  write: (tx: TransactionSql) => Promise<unknown>,
) {
  try {
    await asCaller(ctx.sql, claims, async (tx) => {
      await write(tx);
      throw new TrialPassed();
    });
  } catch (error) {
    if (!(error instanceof TrialPassed)) throw toStorageError(error);
  }
}

/**
 * Commits a row pointing at freshly staged bytes: the bytes are moved into place inside the row's
 * transaction, so the row is never visible without them. Returns the object id; removes the version
 * the upsert replaced once the new one is committed.
 */
async function commitObject(
  ctx: StorageContext,
  claims: Claims,
  row: ObjectWrite & { version: string },
  upsert: boolean,
  staged: Parameters<StorageContext["disk"]["commit"]>[0],
): Promise<string> {
  let replaced: string | null = null;
  try {
    const id = await asCaller(ctx.sql, claims, async (tx) => {
      if (upsert) {
        // Overwrites of one name take turns, so each learns exactly which version it replaces.
        await tx`select pg_advisory_xact_lock(hashtextextended(${`${row.bucket_id}/${row.name}`}, 0))`;
        const [current] = await tx<{ version: string | null }[]>`
          select version from storage.objects where bucket_id = ${row.bucket_id} and name = ${row.name}`;
        replaced = current?.version ?? null;
      }
      const id = await writeRow(tx, row, upsert);
      await ctx.disk.commit(staged, row.version);
      return id;
    });
    if (replaced) await ctx.disk.remove([replaced]);
    return id;
  } catch (error) {
    await ctx.disk.discard(staged);
    await removeIfUnreferenced(ctx, row.version);
    throw toStorageError(error);
  }
}

/** After a failed commit: drop the moved bytes unless the row did get committed after all. */
async function removeIfUnreferenced(ctx: StorageContext, version: string) {
  try {
    const [row] = await ctx.sql`select 1 from storage.objects where version = ${version}`;
    if (!row) await ctx.disk.remove([version]);
  } catch {
    // The start-up sweep removes it if it is unreferenced.
  }
}

function ownerColumns(claims: Claims) {
  const sub = typeof claims.sub === "string" && claims.sub !== "" ? claims.sub : null;
  return { owner: isUuid(sub) ? sub : null, owner_id: sub };
}

/** `POST /object/{bucket}/{path}` (x-upsert), `PUT` (always upsert), and signed uploads. */
export async function uploadObject(
  ctx: StorageContext,
  claims: Claims,
  ref: ObjectRef,
  req: Request,
  upsert: boolean,
): Promise<Response> {
  checkKey(ref.key);
  const bucket = await findBucket(ctx.sql, ref.bucketId);
  const limit = Math.min(bucket.file_size_limit ?? Infinity, ctx.globalFileSizeLimit);
  const incoming = await readIncomingFile(req);
  if (incoming.declaredSize !== undefined && incoming.declaredSize > limit) throw ERRORS.entityTooLarge();
  if (!mimeTypeAllowed(incoming.contentType, bucket.allowed_mime_types)) {
    throw ERRORS.invalidMimeType(incoming.contentType);
  }
  const row: ObjectWrite = {
    id: crypto.randomUUID(),
    bucket_id: ref.bucketId,
    name: ref.key,
    ...ownerColumns(claims),
    metadata: {
      mimetype: incoming.contentType,
      cacheControl: incoming.cacheControl,
      size: incoming.declaredSize ?? 0,
      contentLength: incoming.declaredSize ?? 0,
    },
    user_metadata: incoming.userMetadata,
    version: null,
  };
  await trialWrite(ctx, claims, (tx) => writeRow(tx, row, upsert));

  const staged = await ctx.disk.stage(incoming.body, limit);
  try {
    checkImageContent(bucket, incoming.contentType, staged.head);
  } catch (error) {
    await ctx.disk.discard(staged);
    throw error;
  }
  const version = crypto.randomUUID();
  const metadata: ObjectMetadata = {
    eTag: `"${staged.md5}"`,
    size: staged.size,
    mimetype: incoming.contentType,
    cacheControl: incoming.cacheControl,
    lastModified: new Date().toUTCString(),
    contentLength: staged.size,
    httpStatusCode: 200,
  };
  const id = await commitObject(ctx, claims, { ...row, metadata, version }, upsert, staged);
  return json({ Id: id, Key: `${ref.bucketId}/${ref.key}` });
}

/** `POST /object/upload/sign/{bucket}/{path}`: a token that lets anyone upload this one object. */
export async function createSignedUploadUrl(
  ctx: StorageContext,
  claims: Claims,
  ref: ObjectRef,
  upsert: boolean,
): Promise<Response> {
  checkKey(ref.key);
  await findBucket(ctx.sql, ref.bucketId);
  const trialRow: ObjectWrite = {
    id: crypto.randomUUID(),
    bucket_id: ref.bucketId,
    name: ref.key,
    ...ownerColumns(claims),
    metadata: {},
    user_metadata: null,
    version: null,
  };
  await trialWrite(ctx, claims, (tx) => writeRow(tx, trialRow, upsert));
  const url = `${ref.bucketId}/${ref.key}`;
  const token = await signUrlToken(
    { url, scope: "upload", owner: ownerColumns(claims).owner_id ?? undefined, upsert },
    SIGNED_UPLOAD_SECONDS,
  );
  return json({ url: `/object/upload/sign/${url}?token=${token}`, token });
}

/** `PUT /object/upload/sign/{bucket}/{path}?token=`: the upload a signed upload URL allows. */
export async function uploadToSignedUrl(ctx: StorageContext, ref: ObjectRef, req: Request, url: URL) {
  const token = await verifyUrlToken(url.searchParams.get("token"), `${ref.bucketId}/${ref.key}`, "upload");
  // The permission was checked when the URL was signed; the upload runs as the service for its owner.
  const claims: Claims = { role: "service_role", sub: token.owner };
  return uploadObject(ctx, claims, ref, req, token.upsert === true);
}

// ---------------------------------------------------------------------------------------------------
// Download, info, signed URLs
// ---------------------------------------------------------------------------------------------------

interface FoundObject {
  row: ObjectRow;
  opened: OpenedObject;
}

/** Finds the row and opens its bytes in one go, so a concurrent overwrite cannot pull them away. */
async function findObject(
  ctx: StorageContext,
  tx: Sql | TransactionSql,
  ref: ObjectRef,
): Promise<FoundObject> {
  const [row] = await tx<ObjectRow[]>`
    select ${
    tx.unsafe(OBJECT_COLUMNS)
  } from storage.objects where bucket_id = ${ref.bucketId} and name = ${ref.key}`;
  const opened = row ? await ctx.disk.open(row.version) : undefined;
  if (!row || !opened) throw ERRORS.objectNotFound();
  return { row, opened };
}

function findAsCaller(ctx: StorageContext, claims: Claims, ref: ObjectRef) {
  return asCaller(ctx.sql, claims, (tx) => findObject(ctx, tx, ref)).catch((error) => {
    throw toStorageError(error);
  });
}

/** Public buckets serve their objects to anyone; a private bucket answers as if it did not exist. */
async function findPublic(ctx: StorageContext, ref: ObjectRef) {
  const bucket = await findBucket(ctx.sql, ref.bucketId);
  if (!bucket.public) throw ERRORS.bucketNotFound();
  return findObject(ctx, ctx.sql, ref);
}

export async function downloadObject(ctx: StorageContext, claims: Claims, ref: ObjectRef, req: Request) {
  const { row, opened } = await findAsCaller(ctx, claims, ref);
  return serveObject(req, row, opened);
}

export async function downloadPublicObject(ctx: StorageContext, ref: ObjectRef, req: Request) {
  const { row, opened } = await findPublic(ctx, ref);
  return serveObject(req, row, opened);
}

export async function downloadSignedObject(ctx: StorageContext, ref: ObjectRef, req: Request, url: URL) {
  await verifyUrlToken(url.searchParams.get("token"), `${ref.bucketId}/${ref.key}`, "download");
  const { row, opened } = await findObject(ctx, ctx.sql, ref);
  return serveObject(req, row, opened);
}

/** Storage's object info: the stored metadata, the uploader's metadata (`{}` when none), no updated_at. */
function renderInfo(row: ObjectRow) {
  const metadata = row.metadata ?? {};
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    bucket_id: row.bucket_id,
    size: metadata.size ?? null,
    content_type: metadata.mimetype ?? null,
    cache_control: metadata.cacheControl ?? null,
    etag: metadata.eTag ?? null,
    metadata: row.user_metadata ?? {},
    last_modified: row.updated_at,
    created_at: row.created_at,
  };
}

/** `GET /object/info/[authenticated|public/]{bucket}/{path}`. */
export async function objectInfo(ctx: StorageContext, claims: Claims | undefined, ref: ObjectRef) {
  const { row, opened } = claims ? await findAsCaller(ctx, claims, ref) : await findPublic(ctx, ref);
  opened.file.close();
  return json(renderInfo(row));
}

/** The latest expiry a token can carry: Storage's bound, where seconds since 1970 stay exact in milliseconds. */
const LATEST_EXPIRY_SECONDS = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

/** `expiresIn`: a whole number of seconds, at least 1, with an expiry a token can hold. */
function parseExpiresIn(body: Record<string, unknown>): number {
  const { expiresIn } = body;
  const latest = LATEST_EXPIRY_SECONDS - Math.floor(Date.now() / 1000);
  if (typeof expiresIn !== "number" || !Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > latest) {
    throw ERRORS.invalidParameter("expiresIn");
  }
  return expiresIn;
}

async function signedUrlFor(bucketId: string, key: string, expiresIn: number): Promise<string> {
  const url = `${bucketId}/${key}`;
  return `/object/sign/${url}?token=${await signUrlToken({ url, scope: "download" }, expiresIn)}`;
}

/** `POST /object/sign/{bucket}/{path}`: only someone who may read the object may share it. */
export async function signObject(ctx: StorageContext, claims: Claims, ref: ObjectRef, req: Request) {
  const expiresIn = parseExpiresIn(await jsonBody(req));
  const [row] = await asCaller(
    ctx.sql,
    claims,
    (tx) => tx`select 1 from storage.objects where bucket_id = ${ref.bucketId} and name = ${ref.key}`,
  );
  if (!row) throw ERRORS.objectNotFound();
  return json({ signedURL: await signedUrlFor(ref.bucketId, ref.key, expiresIn) });
}

/** `POST /object/sign/{bucket}` with `{expiresIn, paths}`: one entry per path, in order. */
export async function signObjects(ctx: StorageContext, claims: Claims, bucketId: string, req: Request) {
  const body = await jsonBody(req);
  const expiresIn = parseExpiresIn(body);
  const paths = stringList(body.paths, "paths");
  const readable = await asCaller(ctx.sql, claims, (tx) =>
    tx<{ name: string }[]>`
      select name from storage.objects where bucket_id = ${bucketId} and name in ${tx(paths)}`);
  const found = new Set(readable.map((row) => row.name));
  return json(
    await Promise.all(
      paths.map(async (path) =>
        found.has(path)
          ? { error: null, path, signedURL: await signedUrlFor(bucketId, path, expiresIn) }
          : { error: NOT_ACCESSIBLE, path, signedURL: null }
      ),
    ),
  );
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((item) => typeof item !== "string")) {
    throw ERRORS.invalidRequest(`${field} must be a non-empty list of strings`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------
// List, remove, move, copy
// ---------------------------------------------------------------------------------------------------

const SORT_COLUMNS = ["name", "updated_at", "created_at", "last_accessed_at"];

/**
 * `POST /object/list/{bucket}`: the folders (id null) and files directly under `prefix` that the caller
 * may read, folders first, then files ordered by `sortBy`.
 */
export async function listObjects(ctx: StorageContext, claims: Claims, bucketId: string, req: Request) {
  const body = await jsonBody(req);
  let prefix = typeof body.prefix === "string" ? body.prefix.replace(/^\/+/, "") : "";
  if (prefix !== "" && !prefix.endsWith("/")) prefix += "/";
  const level = prefix.split("/").length;
  const limit = Math.max(1, Math.trunc(Number(body.limit ?? 100)) || 100);
  const offset = Math.max(0, Math.trunc(Number(body.offset ?? 0)) || 0);
  const sortBy = (body.sortBy ?? {}) as { column?: string; order?: string };
  const column = SORT_COLUMNS.find((name) => name === sortBy.column) ?? "name";
  const search = typeof body.search === "string" ? body.search : "";
  const pattern = `${escapeLike(prefix)}${escapeLike(search)}%`;
  const rows = await asCaller(ctx.sql, claims, (tx) => {
    const direction = sortBy.order?.toLowerCase() === "desc" ? tx`desc` : tx`asc`;
    return tx`
      with matching as (
        select * from storage.objects where bucket_id = ${bucketId} and name ilike ${pattern}
      ), entries as (
        select path_tokens[${level}] as name, null::uuid as id, null::timestamptz as updated_at,
               null::timestamptz as created_at, null::timestamptz as last_accessed_at, null::jsonb as metadata,
               true as is_folder
        from matching where array_length(path_tokens, 1) > ${level}
        group by 1
        union all
        select path_tokens[${level}], id, updated_at, created_at, last_accessed_at, metadata, false
        from matching where array_length(path_tokens, 1) = ${level}
      )
      select name, id, updated_at, created_at, last_accessed_at, metadata from entries
      order by is_folder desc, case when is_folder then name end ${direction}, ${tx(column)} ${direction},
               name ${direction}
      limit ${limit} offset ${offset}`;
  });
  return json(rows);
}

/** Where a `list-v2` page ended, handed back by the client as `cursor`; opaque to it. */
interface ListCursor {
  /** The last name on the page. */
  after: string;
  /** Its sort-column value (ISO time) when sorting by a time column. */
  afterValue?: string;
  column: string;
  order: "asc" | "desc";
}

const V2_SORT_COLUMNS = ["name", "updated_at", "created_at"];

function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(text: string): ListCursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (
      typeof cursor.after === "string" && V2_SORT_COLUMNS.includes(cursor.column) &&
      (cursor.order === "asc" || cursor.order === "desc") &&
      (cursor.afterValue === undefined || !Number.isNaN(Date.parse(cursor.afterValue)))
    ) {
      return cursor;
    }
  } catch { /* reported below */ }
  throw ERRORS.invalidRequest("Invalid cursor");
}

interface ListEntry {
  key?: string;
  name: string;
  id: string | null;
  updated_at: Date | null;
  created_at: Date | null;
  last_accessed_at: Date | null;
  metadata: unknown;
}

/**
 * `POST /object/list-v2/{bucket}` (storage-js `listV2`): names starting with `prefix` that the caller may
 * read, in pages of `limit` (at most 1000) with an opaque `cursor` for the next. With `with_delimiter`,
 * what lies deeper than the next "/" after the prefix is one folder entry (`name` ends in "/", `key` is
 * the segment at the prefix's depth), as S3 lists common prefixes. Names compare bytewise.
 */
export async function listObjectsV2(ctx: StorageContext, claims: Claims, bucketId: string, req: Request) {
  const body = await jsonBody(req);
  const prefix = typeof body.prefix === "string" ? body.prefix : "";
  const { limit = 1000 } = body;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1) {
    throw ERRORS.invalidParameter("limit");
  }
  const pageSize = Math.min(limit, 1000);
  const delimited = body.with_delimiter === true;
  const sortBy = (body.sortBy ?? {}) as { column?: unknown; order?: unknown };
  const cursor = typeof body.cursor === "string" && body.cursor ? decodeCursor(body.cursor) : undefined;
  const column = cursor?.column ??
    (V2_SORT_COLUMNS.find((name) => name === sortBy.column) ?? "name");
  const order = cursor?.order ?? (String(sortBy.order).toLowerCase() === "desc" ? "desc" : "asc");
  const pattern = `${escapeLike(prefix)}%`;

  const rows = await asCaller(ctx.sql, claims, (tx) => {
    const direction = order === "desc" ? tx`desc` : tx`asc`;
    const after = order === "desc" ? tx`<` : tx`>`;
    const sortValue = column === "name"
      ? tx`null::timestamptz`
      : tx`date_trunc('milliseconds', ${tx(column)})`;
    const seek = !cursor
      ? tx``
      : column === "name"
      ? tx`where name collate "C" ${after} ${cursor.after}`
      : tx`where (${sortValue}, name collate "C") ${after} (${
        cursor.afterValue ?? null
      }::timestamptz, ${cursor.after})`;
    const entries = delimited
      ? tx`
        select ${prefix} || split_part(rest, '/', 1) || '/' as name, null::uuid as id, null::jsonb as metadata,
               max(updated_at) as updated_at, min(created_at) as created_at,
               max(last_accessed_at) as last_accessed_at
        from matching where strpos(rest, '/') > 0 group by 1
        union all
        select name, id, metadata, updated_at, created_at, last_accessed_at from matching
        where strpos(rest, '/') = 0`
      : tx`select name, id, metadata, updated_at, created_at, last_accessed_at from matching`;
    return tx<ListEntry[]>`
      with matching as (
        select name, id, metadata, updated_at, created_at, last_accessed_at,
               substr(name, ${prefix.length + 1}) as rest
        from storage.objects where bucket_id = ${bucketId} and name like ${pattern}
      ), entries as (${entries})
      select * from entries ${seek}
      order by ${column === "name" ? tx`` : tx`${sortValue} ${direction},`} name collate "C" ${direction}
      limit ${pageSize + 1}`;
  });

  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  const hasNext = rows.length > pageSize && last !== undefined;
  const depth = prefix === "" ? 1 : prefix.split("/").length;
  const shown = page.map((entry) => delimited ? { key: entry.name.split("/")[depth - 1], ...entry } : entry);
  return json({
    hasNext,
    nextCursor: hasNext
      ? encodeCursor({
        after: last.name,
        afterValue: column === "name" ? undefined : (last[column as "updated_at"] as Date).toISOString(),
        column,
        order,
      })
      : undefined,
    folders: shown.filter((entry) => entry.id === null),
    objects: shown.filter((entry) => entry.id !== null),
  });
}

async function deleteRows(ctx: StorageContext, claims: Claims, bucketId: string, names: string[]) {
  const removed = await asCaller(ctx.sql, claims, (tx) =>
    tx<ObjectRow[]>`
      delete from storage.objects where bucket_id = ${bucketId} and name in ${tx(names)}
      returning ${tx.unsafe(OBJECT_COLUMNS)}`).catch((error) => {
      throw toStorageError(error);
    });
  await ctx.disk.remove(removed.map((row) => row.version));
  return removed;
}

/** `DELETE /object/{bucket}` with `{prefixes}`: deletes what the caller may see and delete. */
export async function removeObjects(ctx: StorageContext, claims: Claims, bucketId: string, req: Request) {
  const names = stringList((await jsonBody(req)).prefixes, "prefixes");
  if (names.length > MAX_REMOVE) throw ERRORS.invalidRequest(`at most ${MAX_REMOVE} prefixes at once`);
  const removed = await deleteRows(ctx, claims, bucketId, names);
  return json(removed);
}

/** `DELETE /object/{bucket}/{path}`. */
export async function removeObject(ctx: StorageContext, claims: Claims, ref: ObjectRef) {
  const removed = await deleteRows(ctx, claims, ref.bucketId, [ref.key]);
  if (removed.length === 0) throw ERRORS.objectNotFound();
  return json({ message: "Successfully deleted" });
}

interface Relocation {
  source: ObjectRef;
  destination: ObjectRef;
  destinationBucket: Bucket;
}

async function readRelocation(ctx: StorageContext, req: Request): Promise<Relocation> {
  const body = await jsonBody(req);
  const bucketId = String(body.bucketId ?? "");
  const sourceKey = String(body.sourceKey ?? "");
  const destinationKey = String(body.destinationKey ?? "");
  const destinationBucket = typeof body.destinationBucket === "string" ? body.destinationBucket : bucketId;
  if (!bucketId || !sourceKey || !destinationKey) {
    throw ERRORS.invalidRequest("bucketId, sourceKey and destinationKey are required");
  }
  checkKey(destinationKey);
  return {
    source: { bucketId, key: sourceKey },
    destination: { bucketId: destinationBucket, key: destinationKey },
    destinationBucket: await findBucket(ctx.sql, destinationBucket),
  };
}

/**
 * Copy and move bring stored bytes into a bucket without an upload; the destination's type rules apply to
 * them all the same, so a page stored as `image/png` elsewhere cannot enter a photo bucket. Returns the
 * source row, read as the caller.
 */
async function sourceAcceptedBy(ctx: StorageContext, claims: Claims, source: ObjectRef, bucket: Bucket) {
  const { row, opened } = await findAsCaller(ctx, claims, source);
  try {
    const contentType = row.metadata?.mimetype ?? "application/octet-stream";
    if (!mimeTypeAllowed(contentType, bucket.allowed_mime_types)) throw ERRORS.invalidMimeType(contentType);
    const head = new Uint8Array(32);
    checkImageContent(bucket, contentType, head.subarray(0, (await opened.file.read(head)) ?? 0));
    return row;
  } finally {
    opened.file.close();
  }
}

/** `POST /object/move`: renames the row (UPDATE under RLS: allowed at the source and the destination). */
export async function moveObject(ctx: StorageContext, claims: Claims, req: Request) {
  const { source, destination, destinationBucket } = await readRelocation(ctx, req);
  if (destination.bucketId !== source.bucketId) {
    await sourceAcceptedBy(ctx, claims, source, destinationBucket);
  }
  const result = await asCaller(
    ctx.sql,
    claims,
    (tx) =>
      tx`update storage.objects set bucket_id = ${destination.bucketId}, name = ${destination.key}
       where bucket_id = ${source.bucketId} and name = ${source.key}`,
  ).catch((error) => {
    throw toStorageError(error);
  });
  if (result.count === 0) throw ERRORS.objectNotFound();
  return json({ message: "Successfully moved" });
}

/** `POST /object/copy`: reads the source as the caller (SELECT) and writes a new object (INSERT). */
export async function copyObject(ctx: StorageContext, claims: Claims, req: Request, upsert: boolean) {
  const { source, destination, destinationBucket } = await readRelocation(ctx, req);
  const row = await sourceAcceptedBy(ctx, claims, source, destinationBucket);
  const copy: ObjectWrite = {
    id: crypto.randomUUID(),
    bucket_id: destination.bucketId,
    name: destination.key,
    ...ownerColumns(claims),
    metadata: row.metadata ?? {},
    user_metadata: row.user_metadata,
    version: null,
  };
  await trialWrite(ctx, claims, (tx) => writeRow(tx, copy, upsert));
  const staged = await ctx.disk.stageCopy(row.version!);
  if (!staged) throw ERRORS.objectNotFound();
  const version = crypto.randomUUID();
  const id = await commitObject(ctx, claims, { ...copy, version }, upsert, staged);
  return json({ Id: id, Key: `${destination.bucketId}/${destination.key}` });
}
