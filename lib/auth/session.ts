/**
 * The signed-in session, kept in two httpOnly cookies (access and refresh token). On each page request
 * the access token is verified here, with Auth's public signing keys (its JWKS, fetched once and cached),
 * and, when it is about to expire, renewed with the refresh token (Auth rotates it, so the new pair is
 * written back). Auth is called only to sign in, renew and sign out. Anything rejected clears the cookies.
 *
 * Revocation: a verified access token is honoured until it expires, even after the person signed out
 * elsewhere or was banned, because no page asks Auth about it any more. Its lifetime is therefore kept
 * short (`jwt_expiry` in supabase/config.toml); signing out ends the refresh token at once, so the session
 * ends at the latest when the access token expires.
 */
import { type AuthError, isAuthRetryableFetchError, type Session } from "@supabase/supabase-js";
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify } from "jose";
import { authClient } from "../supabase.ts";
import { config } from "../config.ts";
import { deleteCookie, getCookies, setCookie, usesSecureCookies } from "../http/cookies.ts";

export const ACCESS_COOKIE = "cc-access";
export const REFRESH_COOKIE = "cc-refresh";
/** How long the browser keeps the cookies; Auth decides whether the refresh token still works. */
const COOKIE_MAX_AGE_SECONDS = 60 * 60 * 24 * 30;
/** Renew the access token when it has less than this left, so a page never runs on an expiring token. */
const RENEW_BEFORE_EXPIRY_SECONDS = 120;

export const APP_ROLES = ["citizen", "service_provider", "ward_admin", "super_admin"] as const;
export type AppRole = typeof APP_ROLES[number];
/** The roles of people who work for the city corporation (everyone else is a citizen). */
export const STAFF_ROLES = [
  "service_provider",
  "ward_admin",
  "super_admin",
] as const satisfies readonly AppRole[];
export type StaffRole = typeof STAFF_ROLES[number];

export function isAppRole(value: unknown): value is AppRole {
  return (APP_ROLES as readonly unknown[]).includes(value);
}

export interface SignedInUser {
  id: string;
  /** `+8801…`, or null for accounts without a phone (staff created by email). */
  phone: string | null;
  role: AppRole;
  /** Wards a staff member works in (`app_metadata.wards`). */
  wards: number[];
}

export interface UserSession {
  user: SignedInUser;
  accessToken: string;
}

export type SessionOutcome =
  /** No session cookies: a visitor. */
  | { kind: "none" }
  | { kind: "signed_in"; session: UserSession; renewed?: Session }
  /** Auth rejected the session (signed out elsewhere, revoked, forged): clear the cookies. */
  | { kind: "invalid" }
  /** Auth could not be reached: treat this request as signed out, but keep the cookies for the next. */
  | { kind: "unavailable" };

interface Claims {
  sub?: string;
  exp?: number;
  phone?: string;
  app_metadata?: Record<string, unknown>;
}

export function writeSessionCookies(headers: Headers, session: Session, url: URL): void {
  const options = {
    httpOnly: true,
    secure: usesSecureCookies(url),
    sameSite: "Lax",
    maxAge: COOKIE_MAX_AGE_SECONDS,
  } as const;
  setCookie(headers, ACCESS_COOKIE, session.access_token, options);
  setCookie(headers, REFRESH_COOKIE, session.refresh_token, options);
}

export function clearSessionCookies(headers: Headers, url: URL): void {
  const options = { httpOnly: true, secure: usesSecureCookies(url), sameSite: "Lax" } as const;
  deleteCookie(headers, ACCESS_COOKIE, options);
  deleteCookie(headers, REFRESH_COOKIE, options);
}

/** Reads, verifies and if needed renews the session the request's cookies carry. */
export async function resolveSession(
  req: Request,
  clientAddress: string,
  now = Date.now(),
): Promise<SessionOutcome> {
  const cookies = getCookies(req.headers);
  let accessToken = cookies[ACCESS_COOKIE];
  const refreshToken = cookies[REFRESH_COOKIE];
  if (!accessToken && !refreshToken) return { kind: "none" };

  let renewed: Session | undefined;
  const expiresAt = accessToken ? unverifiedClaims(accessToken)?.exp : undefined;
  const nowSeconds = now / 1000;
  if (expiresAt === undefined || expiresAt - nowSeconds <= RENEW_BEFORE_EXPIRY_SECONDS) {
    if (!refreshToken) return { kind: "invalid" };
    const { data, error } = await authClient(clientAddress).auth.refreshSession({
      refresh_token: refreshToken,
    });
    if (data.session) {
      renewed = data.session;
      accessToken = data.session.access_token;
    } else if (error && !isTransient(error)) {
      return { kind: "invalid" };
    } else if (expiresAt === undefined || expiresAt <= nowSeconds) {
      return { kind: "unavailable" };
    } // else: Auth is briefly unreachable but the current token is still good for a minute or two
  }

  const verified = await verifiedClaims(accessToken!, clientAddress);
  if (verified.kind !== "valid") return verified;
  const user = userFromClaims(verified.claims);
  return user
    ? { kind: "signed_in", session: { user, accessToken: accessToken! }, renewed }
    : { kind: "invalid" };
}

/** Auth's public signing keys, fetched when first needed and again when a token names a key not in it. */
const signingKeys = createRemoteJWKSet(new URL(`${config.supabaseUrl}/auth/v1/.well-known/jwks.json`), {
  headers: { apikey: config.supabaseAnonKey },
  cacheMaxAge: 10 * 60 * 1000,
});

type Verified = { kind: "valid"; claims: Claims } | { kind: "invalid" } | { kind: "unavailable" };

/**
 * The token's claims if its signature and expiry check out. Tokens signed with an asymmetric key are
 * verified here; one signed with the project's legacy shared secret (HS256, a project that has not moved
 * to signing keys) can only be checked by Auth, so Auth is asked, as supabase-js `getClaims` does.
 */
async function verifiedClaims(token: string, clientAddress: string): Promise<Verified> {
  let algorithm: string | undefined;
  try {
    algorithm = decodeProtectedHeader(token).alg;
  } catch {
    return { kind: "invalid" };
  }
  if (algorithm?.startsWith("HS")) {
    const { data, error } = await authClient(clientAddress).auth.getClaims(token);
    if (error || !data) return error && isTransient(error) ? { kind: "unavailable" } : { kind: "invalid" };
    return { kind: "valid", claims: data.claims as Claims };
  }
  try {
    const { payload } = await jwtVerify<Claims>(token, signingKeys, { algorithms: ["ES256", "RS256"] });
    return { kind: "valid", claims: payload };
  } catch (error) {
    return keysUnavailable(error) ? { kind: "unavailable" } : { kind: "invalid" };
  }
}

/**
 * Whether verifying failed for want of the keys (Auth unreachable, slow, or answering an error), so that
 * nothing is known about the token yet; any other failure (signature, expiry, shape, unknown key) is its own.
 */
function keysUnavailable(error: unknown): boolean {
  return error instanceof TypeError || error instanceof joseErrors.JWKSTimeout ||
    (error instanceof joseErrors.JOSEError && error.code === "ERR_JOSE_GENERIC");
}

/** Network failures, Auth's 5xx and rate limits say nothing about whether the session is valid. */
function isTransient(error: AuthError): boolean {
  return isAuthRetryableFetchError(error) || error.status === 429 || (error.status ?? 0) >= 500;
}

export function userFromClaims(claims: Claims): SignedInUser | null {
  return typeof claims.sub === "string" ? signedInUser(claims.sub, claims.phone, claims.app_metadata) : null;
}

/** The session Auth has just handed out (after a code was verified): no need to ask Auth about it again. */
export function userSessionFrom(session: Session): UserSession {
  const { id, phone, app_metadata } = session.user;
  return { user: signedInUser(id, phone, app_metadata), accessToken: session.access_token };
}

function signedInUser(
  id: string,
  phone: string | undefined,
  appMetadata: Claims["app_metadata"],
): SignedInUser {
  const role = appMetadata?.role;
  const wards = appMetadata?.wards;
  return {
    id,
    phone: phone ? `+${phone.replace(/^\+/, "")}` : null,
    role: isAppRole(role) ? role : "citizen",
    wards: Array.isArray(wards) ? wards.map(Number).filter(Number.isInteger) : [],
  };
}

/** The JWT's payload without checking its signature: only to decide when to renew it. */
function unverifiedClaims(token: string): Claims | null {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

export function isStaff(user: SignedInUser | null | undefined): boolean {
  return user !== null && user !== undefined && user.role !== "citizen";
}
