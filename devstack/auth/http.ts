/** Request and response helpers shared by the Auth routes. */
import { API_VERSION_HEADER, badRequest, requestedApiVersion } from "./errors.ts";

export type Body = Record<string, unknown>;

/** The JSON object in the request body; an empty body reads as `{}`. */
export async function readBody(req: Request): Promise<Body> {
  const text = await req.text();
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw badRequest("bad_json", `Could not parse request body as JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw badRequest("bad_json", "Could not parse request body as JSON: expected an object");
  }
  return parsed as Body;
}

export function jsonResponse(
  req: Request,
  status: number,
  body: unknown,
  headers: HeadersInit = {},
): Response {
  const responseHeaders = new Headers(headers);
  responseHeaders.set("content-type", "application/json");
  const version = requestedApiVersion(req);
  if (version) responseHeaders.set(API_VERSION_HEADER, version);
  return new Response(JSON.stringify(body), { status, headers: responseHeaders });
}

export function noContent(req: Request): Response {
  const version = requestedApiVersion(req);
  return new Response(null, { status: 204, headers: version ? { [API_VERSION_HEADER]: version } : {} });
}

/** A JSON object field, or `fallback` when absent or null; anything else is a client error. */
export function objectField(
  body: Body,
  name: string,
  fallback: Body | undefined = undefined,
): Body | undefined {
  const value = body[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw badRequest("validation_failed", `${name} must be a JSON object`);
  }
  return value as Body;
}
