/**
 * What the fuzz suite throws at every surface: fast-check arbitraries for hostile strings, JSON, bodies and
 * query strings. Each is built to be malformed (wrong content type, broken encoding, NUL and control
 * characters, huge or deeply nested, wrong JSON types, unknown fields), so no generated request is a valid
 * one that could change data legitimately.
 */
import fc from "fast-check";

/** Field names the project's APIs know, so wrong types reach real columns and parameters too. */
const KNOWN_FIELDS = [
  "phone",
  "token",
  "type",
  "title",
  "description",
  "category",
  "latitude",
  "longitude",
  "ward_id",
  "location",
  "full_name",
  "nid",
  "address",
  "preferred_language",
  "status",
  "role",
  "citizen_id",
  "id",
  "name",
  "public",
  "file_size_limit",
  "allowed_mime_types",
  "expiresIn",
  "prefix",
  "limit",
  "offset",
  "topic",
  "event",
  "payload",
  "messages",
  "refresh_token",
  "grant_type",
  "data",
  "app_metadata",
  "user_metadata",
  "client_request_id",
  "next",
  "to",
  "intent",
  "action",
  "editing",
] as const;

/** Strings a careful attacker tries first: NUL, escapes, header injection, traversal, lone surrogates. */
const NASTY_STRINGS = [
  "\u0000",
  "a\u0000b",
  "\u001b[31m",
  "\r\nX-Injected: 1",
  "../../../etc/passwd",
  "..%2f..%2f",
  "' or 1=1 --",
  "%00",
  "%E0%A4%A",
  "\uD800",
  "ক্লিন\u200dকেয়ার",
  "null",
  "-1",
  "1e309",
  "NaN",
  "9".repeat(40),
  "<script>alert(1)</script>",
  "//evil.example",
  "(a*)*b",
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc.string({ unit: "binary", maxLength: 64 }),
  fc.constantFrom(...NASTY_STRINGS),
  fc.integer({ min: 1, max: 20_000 }).map((length) => "ক".repeat(length)),
);

/** A JSON value of a type the field does not take. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  hostileString,
  fc.array(hostileString, { maxLength: 4 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

const fieldName = fc.oneof(fc.constantFrom(...KNOWN_FIELDS), hostileString);

/**
 * `text` as a raw client would put it in a header: its UTF-8 bytes read as Latin-1 (what HTTP carries),
 * without the control characters (CR, LF, NUL, …) that fetch refuses to send.
 */
export function headerValue(text: string): string {
  const bytes = new TextEncoder().encode(text.slice(0, 200));
  // deno-lint-ignore no-control-regex -- removing control characters is the point
  return String.fromCharCode(...bytes).replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, "");
}

/** Objects of known fields with wrong types, unknown fields, and JSON that is not an object at all. */
const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(fieldName, wrongType, { minKeys: 1, maxKeys: 6 }),
  fc.jsonValue({ maxDepth: 3 }),
);

export interface HostileBody {
  /** What the request says it sends; undefined sends no content type. */
  contentType?: string;
  body?: string | Uint8Array<ArrayBuffer>;
}

const json = (body: string): HostileBody => ({ contentType: "application/json", body });

export const hostileBody: fc.Arbitrary<HostileBody> = fc.oneof(
  hostileJsonValue.map((value) => json(JSON.stringify(value) ?? "null")),
  fc.constantFrom('{"a":', "[1,]", '{"a":"\\ud800"}', '{"a":1}trailing', "\u0000", "").map(json),
  fc.integer({ min: 1_000, max: 20_000 }).map((depth) => json("[".repeat(depth) + "]".repeat(depth))),
  fc.constant(json(JSON.stringify({ title: "ক".repeat(1_000_000) }))),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => ({ contentType: "application/json", body: bytes })),
  fc.dictionary(fieldName, hostileString, { maxKeys: 5 }).map((fields) => ({
    contentType: "application/x-www-form-urlencoded",
    body: new URLSearchParams(fields).toString(),
  })),
  fc.constant({ contentType: "application/x-www-form-urlencoded", body: new Uint8Array([0xff, 0x25, 0xfe]) }),
  hostileString.map((text) => ({
    contentType: "multipart/form-data; boundary=zz",
    body: `--zz\r\nContent-Disposition: form-data; name="${text}"\r\n\r\n${text}`,
  })),
  fc.constant({ contentType: "multipart/form-data", body: "no boundary" }),
  hostileString.map((text) => ({ contentType: "text/plain", body: text })),
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => ({
    contentType: "application/octet-stream",
    body: bytes,
  })),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ contentType: "image/png", body: bytes })),
  fc.constant({}),
  hostileString.map((contentType) => ({ contentType: headerValue(contentType), body: "x" })),
);

/** Hostile text short enough for a URL (clients refuse URLs of hundreds of kilobytes themselves). */
const urlText = hostileString.map((text) => text.slice(0, 500));

/** Query parameters with hostile names and values; PostgREST-style filters among them. */
export const hostileQuery: fc.Arbitrary<[string, string][]> = fc.array(
  fc.tuple(
    fc.oneof(
      fc.constantFrom("select", "order", "limit", "offset", "on_conflict", "columns", "or", "and", "next"),
      fc.constantFrom(...KNOWN_FIELDS),
      urlText,
    ),
    fc.oneof(
      urlText,
      fc.tuple(
        fc.constantFrom("eq", "neq", "gt", "like", "ilike", "in", "is", "fts", "cs", "cd", "ov", "not.eq"),
        urlText,
      ).map(([operator, value]) => `${operator}.${value}`),
    ),
  ),
  { maxLength: 4 },
);

/** Every UTF-8 byte of `text` percent-encoded (lone surrogates become U+FFFD, as a browser sends them). */
function percentEncoded(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => `%${byte.toString(16).padStart(2, "0")}`).join(
    "",
  );
}

/** A path segment as a client might send it: hostile text, percent-encoded, or raw traversal. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  urlText.map(percentEncoded),
  fc.constantFrom("..", "%2e%2e", "%00", "%", "%zz", "a%2fb", "CC-23456789", crypto.randomUUID()),
);

/** Request headers that must not confuse anything: odd Prefer, Range, Accept and profile headers. */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.constantFrom(
    "prefer",
    "range",
    "accept",
    "accept-profile",
    "content-profile",
    "x-upsert",
    "x-forwarded-for",
  ),
  fc.oneof(
    hostileString.map(headerValue),
    fc.constantFrom(
      "return=representation",
      "count=exact",
      "resolution=merge-duplicates",
      "0-999999999",
      "application/vnd.pgrst.object+json",
      "text/csv",
      "storage",
      "auth",
    ),
  ),
  { maxKeys: 3 },
);

export const WEB_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export const hostileMethod = fc.constantFrom(...WEB_METHODS);
