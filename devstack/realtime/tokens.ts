/**
 * Access-token checks as Supabase Realtime makes them: the JWT must verify with the project secret,
 * carry `role` and `exp`, and not be expired. Failures carry Realtime's error code and message, which
 * clients see in join replies (`"<code>: <message>"`) and in `system` messages.
 */
import { decodeJwt } from "jose";
import { verifyJwt } from "../keys.ts";
import type { Claims } from "../pg.ts";

export type TokenCheck =
  | { ok: true; claims: Claims & { exp: number } }
  | { ok: false; code: string; message: string };

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

function secondsSinceExpiry(token: string): number {
  const exp = Number(decodeJwt(token).exp);
  return Math.max(0, Math.floor(Date.now() / 1000) - exp);
}

export async function checkToken(token: string): Promise<TokenCheck> {
  let claims: Record<string, unknown>;
  try {
    claims = await verifyJwt(token.replaceAll(/\s/g, ""));
  } catch (error) {
    switch (errorCode(error)) {
      case "ERR_JWT_EXPIRED":
        return {
          ok: false,
          code: "InvalidJWTToken",
          message: `Token has expired ${secondsSinceExpiry(token)} seconds ago`,
        };
      case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
        return { ok: false, code: "JwtSignatureError", message: "Failed to validate JWT signature" };
      default:
        return { ok: false, code: "MalformedJWT", message: "The token provided is not a valid JWT" };
    }
  }
  if (typeof claims.role !== "string" || typeof claims.exp !== "number") {
    return { ok: false, code: "InvalidJWTToken", message: "Fields `role` and `exp` are required in JWT" };
  }
  return { ok: true, claims: claims as Claims & { exp: number } };
}

/** Reads the bearer token of a REST request the way Realtime does: Authorization first, then apikey. */
export function requestToken(req: Request): string | null {
  const authorization = req.headers.get("authorization");
  const bearer = authorization && /^bearer\s+(\S+)$/i.exec(authorization.trim());
  return bearer ? bearer[1] : req.headers.get("apikey");
}
