/**
 * The local Storage service: Supabase Storage's HTTP contract (the part storage-js uses) on a folder of
 * files and the storage schema in Postgres. Behind the gateway at `/storage/v1`.
 */
import { projectConfig, sizeBytes, STATE_DIR } from "../config.ts";
import { connect, type Sql } from "../pg.ts";
import type { LocalService, RequestInfo } from "../service.ts";
import { callerClaims } from "./auth.ts";
import {
  createBucket,
  deleteBucket,
  emptyBucket,
  getBucket,
  listBuckets,
  seedConfiguredBuckets,
  updateBucket,
} from "./buckets.ts";
import type { StorageContext } from "./context.ts";
import { ObjectDisk } from "./disk.ts";
import { ERRORS, toStorageError } from "./errors.ts";
import {
  checkKey,
  copyObject,
  createSignedUploadUrl,
  downloadObject,
  downloadPublicObject,
  downloadSignedObject,
  listObjects,
  listObjectsV2,
  moveObject,
  objectInfo,
  type ObjectRef,
  removeObject,
  removeObjects,
  signObject,
  signObjects,
  uploadObject,
  uploadToSignedUrl,
} from "./objects.ts";

/** Supabase's default for `[storage].file_size_limit`. */
const DEFAULT_FILE_SIZE_LIMIT = 50 * 1024 * 1024;

export interface StorageServiceOptions {
  /** Connection as supabase_storage_admin; by default a pool to the local database. */
  sql?: Sql;
  /** Folder for the object bytes; by default `${STATE_DIR}/storage`. */
  root?: string;
}

export async function createStorageService(options: StorageServiceOptions = {}): Promise<LocalService> {
  const sql = options.sql ?? connect("supabase_storage_admin", { max: 8 });
  const disk = new ObjectDisk(options.root ?? `${STATE_DIR}/storage`);
  const globalFileSizeLimit = sizeBytes(projectConfig().storage?.file_size_limit, DEFAULT_FILE_SIZE_LIMIT);
  await disk.init();
  await seedConfiguredBuckets(sql, globalFileSizeLimit);
  await disk.sweep(async (versions) => {
    if (versions.length === 0) return new Set();
    const rows = await sql<{ version: string }[]>`
      select version from storage.objects where version in ${sql(versions)}`;
    return new Set(rows.map((row) => row.version));
  });
  const ctx: StorageContext = { sql, disk, globalFileSizeLimit };
  return {
    async handle(req: Request, info: RequestInfo): Promise<Response> {
      try {
        return await route(ctx, req, info.path);
      } catch (error) {
        return toStorageError(error).toResponse(req.method);
      }
    },
    async close() {
      if (!options.sql) await sql.end({ timeout: 5 });
    },
  };
}

function decodeSegments(path: string): string[] {
  try {
    return path.split("/").slice(1).map(decodeURIComponent);
  } catch {
    throw ERRORS.invalidKey(path);
  }
}

function route(ctx: StorageContext, req: Request, path: string): Promise<Response> {
  const [area, ...rest] = decodeSegments(path);
  if (area === "bucket") return routeBucket(ctx, req, rest);
  if (area === "object") return routeObject(ctx, req, rest);
  throw ERRORS.routeNotFound(req.method, path);
}

async function routeBucket(ctx: StorageContext, req: Request, rest: string[]): Promise<Response> {
  const [id = "", action, ...extra] = rest;
  checkBucketId(id);
  const claims = await callerClaims(req);
  const method = req.method;
  if (extra.length === 0) {
    if (id === "" && action === undefined) {
      if (method === "GET") return listBuckets(ctx, claims, new URL(req.url));
      if (method === "POST") return createBucket(ctx, claims, req);
    } else if (action === undefined) {
      if (method === "GET") return getBucket(ctx, claims, id);
      if (method === "PUT") return updateBucket(ctx, claims, id, req);
      if (method === "DELETE") return deleteBucket(ctx, claims, id);
    } else if (action === "empty" && method === "POST") {
      return emptyBucket(ctx, claims, id);
    }
  }
  throw ERRORS.routeNotFound(method, `/bucket/${rest.join("/")}`);
}

/**
 * `bucket/key…` from path segments; the key may be empty when the route allows it. Keys Storage would not
 * accept (NUL and other control characters among them, which Postgres text cannot hold) are refused here,
 * for reads as for writes.
 */
function objectRef(segments: string[]): ObjectRef {
  const [bucketId = "", ...rest] = segments;
  const key = rest.join("/");
  if (key) checkKey(key);
  checkBucketId(bucketId);
  return { bucketId, key };
}

/** Bucket ids are names a person chose: anything printable, never control characters. */
// deno-lint-ignore no-control-regex -- refusing control characters is the point
const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

function checkBucketId(id: string) {
  if (!PRINTABLE.test(id)) throw ERRORS.invalidBucketName();
}

async function routeObject(ctx: StorageContext, req: Request, rest: string[]): Promise<Response> {
  const url = new URL(req.url);
  const method = req.method === "HEAD" ? "GET" : req.method;
  const upsert = req.headers.get("x-upsert") === "true";
  const [first, ...tail] = rest;
  const notFound = () => ERRORS.routeNotFound(req.method, `/object/${rest.join("/")}`);

  switch (first) {
    case "list":
      if (method === "POST" && tail.length === 1) {
        return listObjects(ctx, await callerClaims(req), tail[0], req);
      }
      throw notFound();
    case "list-v2":
      if (method === "POST" && tail.length === 1) {
        return listObjectsV2(ctx, await callerClaims(req), tail[0], req);
      }
      throw notFound();
    case "move":
      if (method === "POST" && tail.length === 0) return moveObject(ctx, await callerClaims(req), req);
      throw notFound();
    case "copy":
      if (method === "POST" && tail.length === 0) {
        return copyObject(ctx, await callerClaims(req), req, upsert);
      }
      throw notFound();
    case "sign": {
      const ref = objectRef(tail);
      if (method === "GET" && ref.key) return downloadSignedObject(ctx, ref, req, url);
      if (method === "POST" && ref.key) return signObject(ctx, await callerClaims(req), ref, req);
      if (method === "POST" && ref.bucketId) {
        return signObjects(ctx, await callerClaims(req), ref.bucketId, req);
      }
      throw notFound();
    }
    case "public": {
      const ref = objectRef(tail);
      if (method === "GET" && ref.key) return downloadPublicObject(ctx, ref, req);
      throw notFound();
    }
    case "authenticated": {
      const ref = objectRef(tail);
      if (method === "GET" && ref.key) return downloadObject(ctx, await callerClaims(req), ref, req);
      throw notFound();
    }
    case "info": {
      const [access, ...location] = tail;
      const ref = objectRef(access === "public" || access === "authenticated" ? location : tail);
      if (method !== "GET" || !ref.key) throw notFound();
      return objectInfo(ctx, access === "public" ? undefined : await callerClaims(req), ref);
    }
    case "upload": {
      const [kind, ...location] = tail;
      const ref = objectRef(location);
      if (kind !== "sign" || !ref.key) throw notFound();
      if (method === "POST") return createSignedUploadUrl(ctx, await callerClaims(req), ref, upsert);
      if (method === "PUT") return uploadToSignedUrl(ctx, ref, req, url);
      throw notFound();
    }
  }

  const ref = objectRef(rest);
  if (!ref.bucketId) throw notFound();
  const claims = await callerClaims(req);
  if (!ref.key) {
    if (method === "DELETE") return removeObjects(ctx, claims, ref.bucketId, req);
    throw notFound();
  }
  if (method === "GET") return downloadObject(ctx, claims, ref, req);
  if (method === "POST") return uploadObject(ctx, claims, ref, req, upsert);
  if (method === "PUT") return uploadObject(ctx, claims, ref, req, true);
  if (method === "DELETE") return removeObject(ctx, claims, ref);
  throw notFound();
}
