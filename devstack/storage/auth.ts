/**
 * Who is calling: Storage checks the JWT itself (the gateway only guarantees an Authorization header,
 * copied from `apikey` when absent), and signs the tokens of signed URLs with the same secret.
 */
import type { JWTPayload } from "jose";
import { signJwt, verifyJwt } from "../keys.ts";
import type { Claims } from "../pg.ts";
import { ERRORS, StorageError } from "./errors.ts";

const API_ROLES = new Set(["anon", "authenticated", "service_role"]);

/** The verified claims of the request's bearer token. */
export async function callerClaims(req: Request): Promise<Claims> {
  const authorization = req.headers.get("authorization") ?? "";
  // Like Storage, a request without a token is checked as an empty one (jose: "Invalid Compact JWS").
  const bearer = /^bearer\s+(.+)$/i.exec(authorization)?.[1] ?? req.headers.get("apikey") ?? "";
  const claims = await verifyJwt(bearer.trim()).catch((error) => {
    throw jwtError(error, ERRORS.accessDenied);
  });
  if (typeof claims.role !== "string" || !API_ROLES.has(claims.role)) {
    throw ERRORS.accessDenied(`role not allowed: ${String(claims.role)}`);
  }
  return claims as Claims;
}

/** Reports a JWT failure with jose's message, as Storage (which verifies with jose too) does. */
function jwtError(error: unknown, make: (message: string) => StorageError): StorageError {
  return make(error instanceof Error ? error.message : "Invalid Compact JWS");
}

/** What a signed URL's token allows: reading the object (`/object/sign/…`) or writing it (`/object/upload/sign/…`). */
export type UrlTokenScope = "download" | "upload";

export interface UrlToken {
  /** `bucket/path` the token grants. */
  url: string;
  scope: UrlTokenScope;
  /** Signed upload URLs: who the upload belongs to, and whether it may overwrite. */
  owner?: string;
  upsert?: boolean;
}

export function signUrlToken(token: UrlToken, expiresInSeconds: number): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return signJwt({ ...token, iat, exp: iat + expiresInSeconds });
}

/**
 * Verifies a signed-URL token and that it was issued for `bucket/path` and this operation, so that a link
 * shared for viewing cannot be used to overwrite the object, nor an upload link to read it.
 */
export async function verifyUrlToken(
  token: string | null,
  url: string,
  scope: UrlTokenScope,
): Promise<UrlToken> {
  if (!token) throw ERRORS.invalidRequest("Missing Required Parameter token");
  const payload = await verifyJwt<UrlToken & JWTPayload>(token).catch((error) => {
    throw jwtError(error, ERRORS.invalidJwt);
  });
  if (payload.scope !== scope) throw ERRORS.invalidSignature(`The token does not allow ${scope}s`);
  if (payload.url !== url) throw ERRORS.invalidSignature();
  return payload;
}
