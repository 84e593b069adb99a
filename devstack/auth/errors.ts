/**
 * Errors the Auth service answers with, and their wire format. GoTrue's error codes and messages are kept
 * so that auth-js (which branches on `code`) and apps behave as against Supabase.
 */

export class AuthError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export const badRequest = (code: string, message: string) => new AuthError(400, code, message);
export const forbidden = (code: string, message: string) => new AuthError(403, code, message);
export const notFound = (code: string, message: string) => new AuthError(404, code, message);
export const unprocessable = (code: string, message: string) => new AuthError(422, code, message);
export const tooManyRequests = (code: string, message: string) => new AuthError(429, code, message);
export const unexpectedFailure = (message: string) => new AuthError(500, "unexpected_failure", message);

export const validationFailed = (message: string) => badRequest("validation_failed", message);
/** The one answer for a wrong, expired, used or unknown code, so that callers learn nothing more. */
export const otpInvalid = () => forbidden("otp_expired", "Token has expired or is invalid");
export const requestRateLimited = () =>
  tooManyRequests("over_request_rate_limit", "Request rate limit reached");

export const API_VERSION_HEADER = "X-Supabase-Api-Version";
const API_VERSION_2024_01_01 = "2024-01-01";

/** The API version the client asked for, when it is one with the `{code, message}` error format. */
export function requestedApiVersion(req: Request): string | undefined {
  const asked = req.headers.get(API_VERSION_HEADER);
  if (!asked || !/^\d{4}-\d{2}-\d{2}$/.test(asked) || Number.isNaN(Date.parse(asked))) return undefined;
  return asked >= API_VERSION_2024_01_01 ? API_VERSION_2024_01_01 : undefined;
}

export function errorResponse(req: Request, error: unknown): Response {
  const authError = error instanceof AuthError ? error : unexpected(error);
  const version = requestedApiVersion(req);
  const headers = new Headers({ "content-type": "application/json", "x-sb-error-code": authError.code });
  let body: Record<string, unknown>;
  if (version) {
    headers.set(API_VERSION_HEADER, version);
    body = { code: authError.code, message: authError.message };
  } else {
    // GoTrue's format before API versions.
    body = { code: authError.status, error_code: authError.code, msg: authError.message };
  }
  return new Response(JSON.stringify(body), { status: authError.status, headers });
}

function unexpected(error: unknown): AuthError {
  console.error("[auth] unexpected error:", error);
  return unexpectedFailure("Unexpected failure, please check server logs for more information");
}
