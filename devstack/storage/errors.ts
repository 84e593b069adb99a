/**
 * Errors in the shape Supabase Storage answers with: HTTP 400 (500 for server faults) and a body
 * `{statusCode: "404", code, error, message}`, where statusCode carries the real status, so that
 * storage-js reports the same `statusCode` and message it would against Supabase.
 */

export class StorageError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    /** The older `error` field clients still read; Storage falls back to the code. */
    readonly error: string = code,
  ) {
    super(message);
  }

  toResponse(method = "GET"): Response {
    const body = {
      statusCode: String(this.statusCode),
      code: this.code,
      error: this.error,
      message: this.message,
    };
    const status = this.statusCode >= 500 ? 500 : 400;
    const headers = { "content-type": "application/json" };
    return new Response(method === "HEAD" ? null : JSON.stringify(body), { status, headers });
  }
}

export const ERRORS = {
  objectNotFound: () => new StorageError("NoSuchKey", 404, "Object not found", "not_found"),
  bucketNotFound: () => new StorageError("NoSuchBucket", 404, "Bucket not found", "Bucket not found"),
  accessDenied: (message: string) => new StorageError("AccessDenied", 403, message, "Unauthorized"),
  objectExists: () => new StorageError("KeyAlreadyExists", 409, "The resource already exists", "Duplicate"),
  bucketExists: () =>
    new StorageError("BucketAlreadyExists", 409, "The resource already exists", "Duplicate"),
  bucketNotEmpty: () =>
    new StorageError("ResourceNotEmpty", 409, "The bucket you tried to delete is not empty"),
  entityTooLarge: (entity = "object") =>
    new StorageError(
      "EntityTooLarge",
      413,
      `The ${entity} exceeded the maximum allowed size`,
      "Payload too large",
    ),
  invalidMimeType: (mimeType: string) =>
    new StorageError("InvalidMimeType", 415, `mime type ${mimeType} is not supported`, "invalid_mime_type"),
  contentNotOfType: (mimeType: string) =>
    new StorageError("InvalidMimeType", 415, `the file's content is not ${mimeType}`, "invalid_mime_type"),
  invalidJwt: (message: string) => new StorageError("InvalidJWT", 400, message),
  invalidSignature: (message = "Invalid signature") => new StorageError("InvalidSignature", 400, message),
  invalidParameter: (name: string) => new StorageError("InvalidParameter", 400, `Invalid Parameter ${name}`),
  invalidKey: (key: string) => new StorageError("InvalidKey", 400, `Invalid key: ${key}`),
  invalidBucketName: () => new StorageError("InvalidBucketName", 400, "Bucket name invalid", "Invalid Input"),
  invalidRequest: (message: string) => new StorageError("InvalidRequest", 400, message),
  invalidRange: () => new StorageError("InvalidRange", 416, "invalid range provided", "invalid_range"),
  routeNotFound: (method: string, path: string) =>
    new StorageError("NotFound", 404, `Route ${method}:${path} not found`, "Not Found"),
  internal: () => new StorageError("InternalError", 500, "Internal server error"),
};

/** The parts of a Postgres error (npm `postgres`) that decide how Storage reports it. */
interface PgError {
  code: string;
  message: string;
}

function isPgError(error: unknown): error is PgError {
  return error instanceof Error && "code" in error && typeof error.code === "string" &&
    error.name === "PostgresError";
}

/** Maps what Postgres said to what Supabase Storage says for it (RLS denial, duplicates, …). */
export function toStorageError(
  error: unknown,
  duplicate: () => StorageError = ERRORS.objectExists,
): StorageError {
  if (error instanceof StorageError) return error;
  if (isPgError(error)) {
    switch (error.code) {
      case "42501":
        return ERRORS.accessDenied(
          error.message.includes("row-level security")
            ? "new row violates row-level security policy"
            : error.message,
        );
      case "23505":
        return duplicate();
      case "57014":
        return new StorageError("DatabaseTimeout", 544, "The connection to the database timed out");
      case "22P02":
        return new StorageError("InvalidParameter", 400, error.message);
    }
  }
  console.error("storage: unexpected error", error);
  return ERRORS.internal();
}
