/**
 * Sessions and tokens: access tokens (ES256 JWTs with GoTrue's claims, verifiable with the JWKS Auth
 * publishes), rotating refresh tokens, the bearer check behind `/user` and `/logout`, and the service-role
 * check behind `/admin`.
 */
import { isIP } from "node:net";
import { type JWTPayload } from "jose";
import { signAccessToken, verifyJwt } from "../keys.ts";
import type { Sql, TransactionSql } from "../pg.ts";
import { AuthError, badRequest, forbidden } from "./errors.ts";
import type { AuthSettings } from "./settings.ts";
import { type Db, findUserById, isUuid, userJson, type UserRow } from "./users.ts";

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
}

export interface ClientInfo {
  address: string;
  userAgent: string | null;
}

/** What GoTrue answers for a successful sign-in or refresh. */
async function sessionResponse(
  tx: TransactionSql,
  settings: AuthSettings,
  user: UserRow,
  session: SessionRow,
  refreshToken: string,
) {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + settings.jwtExpirySeconds;
  const claims = await withCustomClaims(tx, settings, user.id, {
    aud: user.aud ?? "authenticated",
    exp: expiresAt,
    iat: issuedAt,
    iss: settings.issuer,
    sub: user.id,
    email: user.email ?? "",
    phone: user.phone ?? "",
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role ?? "authenticated",
    aal: "aal1",
    amr: [{ method: "otp", timestamp: Math.floor(session.created_at.getTime() / 1000) }],
    session_id: session.id,
    is_anonymous: user.is_anonymous,
  });
  return {
    access_token: await signAccessToken(claims),
    token_type: "bearer",
    expires_in: settings.jwtExpirySeconds,
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}

export type SessionResponse = Awaited<ReturnType<typeof sessionResponse>>;

/** Claims GoTrue refuses to let a custom access token hook remove. */
const REQUIRED_CLAIMS = ["aud", "exp", "iat", "sub", "role", "aal", "session_id"] as const;

/**
 * The claims as the custom access token hook (`[auth.hook.custom_access_token]`) leaves them. Like
 * GoTrue, a `pg-functions://postgres/<schema>/<function>` hook is called in the token's transaction with
 * `{user_id, claims, authentication_method}`, and must answer `{claims}` keeping the required claims; an
 * answer with `error` refuses the sign-in.
 */
async function withCustomClaims(
  tx: TransactionSql,
  settings: AuthSettings,
  userId: string,
  claims: JWTPayload,
): Promise<JWTPayload> {
  const hook = settings.customAccessTokenHook;
  if (!hook) return claims;
  const event = { user_id: userId, claims, authentication_method: "otp" };
  const [{ answer }] = await tx.unsafe<{ answer: { claims?: JWTPayload; error?: { message?: string } } }[]>(
    `select ${hook}($1::text::jsonb) as answer`,
    [JSON.stringify(event)],
  );
  if (answer?.error) throw forbidden("unexpected_failure", answer.error.message ?? "Error running hook URI");
  const missing = REQUIRED_CLAIMS.filter((name) => answer?.claims?.[name] === undefined);
  if (missing.length > 0) {
    throw new AuthError(
      500,
      "unexpected_failure",
      `output claims do not conform to the expected schema: ${missing}`,
    );
  }
  return answer.claims!;
}

/** Starts a session for a user who just proved their phone. */
export async function startSession(
  tx: TransactionSql,
  settings: AuthSettings,
  user: UserRow,
  client: ClientInfo,
): Promise<SessionResponse> {
  const [session] = await tx<SessionRow[]>`
    insert into auth.sessions (id, user_id, aal, user_agent, ip, refreshed_at)
    values (gen_random_uuid(), ${user.id}, 'aal1', ${client.userAgent},
            ${isIP(client.address) ? client.address : null}::inet, timezone('utc', now()))
    returning id, user_id, created_at`;
  const refreshToken = await insertRefreshToken(tx, user.id, session.id, null);
  return sessionResponse(tx, settings, user, session, refreshToken);
}

async function insertRefreshToken(
  tx: TransactionSql,
  userId: string,
  sessionId: string,
  parent: string | null,
): Promise<string> {
  const token = randomToken();
  await tx`
    insert into auth.refresh_tokens (token, user_id, revoked, parent, session_id)
    values (${token}, ${userId}, false, ${parent}, ${sessionId})`;
  return token;
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_");
}

interface RefreshTokenRow {
  id: number;
  token: string;
  user_id: string;
  revoked: boolean;
  session_id: string | null;
  /** Whether the token was revoked longer ago than the reuse interval. */
  reuse_expired: boolean;
}

/**
 * `POST /token?grant_type=refresh_token`, with GoTrue's rotation rules: the token is revoked and a child
 * issued. A revoked token is still honoured when it is the parent of the session's active token (the
 * client lost the answer: it gets the active token again) or within the reuse interval. Any later reuse
 * is treated as theft: every token of the session is revoked and the request refused.
 */
export async function refreshSession(
  sql: Sql,
  settings: AuthSettings,
  presented: string,
): Promise<SessionResponse> {
  const outcome = await sql.begin(async (tx) => {
    const [token] = await tx<RefreshTokenRow[]>`
      select id, token, user_id, coalesce(revoked, false) as revoked, session_id,
             updated_at + make_interval(secs => ${settings.refreshTokenReuseSeconds}) < now() as reuse_expired
      from auth.refresh_tokens where token = ${presented}
      for update`;
    if (!token) throw badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
    const user = isUuid(token.user_id) ? await findUserById(tx, token.user_id) : undefined;
    if (!user) throw badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
    if (user.is_banned) throw badRequest("user_banned", "Invalid Refresh Token: User Banned");
    const [session] = token.session_id
      ? await tx<(SessionRow & { expired: boolean })[]>`
          select id, user_id, created_at, coalesce(not_after < now(), false) as expired
          from auth.sessions where id = ${token.session_id} for update`
      : [];
    if (!session) throw badRequest("session_not_found", "Invalid Refresh Token: No Valid Session Found");
    if (session.expired) throw badRequest("session_expired", "Invalid Refresh Token: Session Expired");

    let issued: string | undefined;
    if (token.revoked) {
      const [active] = await tx<{ token: string; parent: string | null }[]>`
        select token, parent from auth.refresh_tokens
        where session_id = ${session.id} and revoked = false
        order by id desc limit 1`;
      if (active?.parent === token.token) {
        issued = active.token;
      } else if (token.reuse_expired) {
        if (settings.refreshTokenRotation) {
          await tx`update auth.refresh_tokens set revoked = true where session_id = ${session.id} and revoked = false`;
        }
        return { reused: true as const };
      }
    } else {
      await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${token.id}`;
    }
    issued ??= await insertRefreshToken(tx, user.id, session.id, token.token);
    await tx`update auth.sessions set refreshed_at = timezone('utc', now()), updated_at = now()
             where id = ${session.id}`;
    return { reused: false as const, response: await sessionResponse(tx, settings, user, session, issued) };
  });
  // Refused only after the revocation above is committed.
  if (outcome.reused) throw badRequest("refresh_token_already_used", "Invalid Refresh Token: Already Used");
  return outcome.response;
}

/** The signed-in caller of `/user` and `/logout`: a valid access token of an existing user and session. */
export interface Caller {
  user: UserRow;
  sessionId?: string;
}

export async function authenticate(db: Db, req: Request): Promise<Caller> {
  const claims = await bearerClaims(req);
  if (!claims.sub) throw forbidden("bad_jwt", "invalid claim: missing sub claim");
  if (!isUuid(claims.sub)) throw badRequest("bad_jwt", "invalid claim: sub claim must be a UUID");
  const user = await findUserById(db, claims.sub);
  if (!user) throw forbidden("user_not_found", "User from sub claim in JWT does not exist");
  if (user.is_banned) throw forbidden("user_banned", "User is banned");

  const sessionId = claims.session_id;
  if (sessionId === undefined || sessionId === "" || sessionId === NIL_UUID) return { user };
  if (!isUuid(sessionId)) throw forbidden("bad_jwt", "invalid claim: session_id claim must be a UUID");
  const [session] = await db`select 1 from auth.sessions where id = ${sessionId} and user_id = ${user.id}`;
  if (!session) throw forbidden("session_not_found", "Session from session_id claim in JWT does not exist");
  return { user, sessionId };
}

const NIL_UUID = "00000000-0000-0000-0000-000000000000";
const ADMIN_ROLES = new Set(["service_role", "supabase_admin"]);

/** The admin API is for the service role only (GoTrue's default admin roles). */
export async function requireAdmin(req: Request): Promise<void> {
  const claims = await bearerClaims(req);
  if (!ADMIN_ROLES.has(String(claims.role))) throw forbidden("not_admin", "User not allowed");
}

async function bearerClaims(req: Request): Promise<JWTPayload & { role?: string; session_id?: string }> {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "");
  if (!match) throw new AuthError(401, "no_authorization", "This endpoint requires a valid Bearer token");
  try {
    return await verifyJwt(match[1]);
  } catch (error) {
    throw forbidden(
      "bad_jwt",
      `invalid JWT: unable to parse or verify signature, ${(error as Error).message}`,
    );
  }
}

export type LogoutScope = "global" | "local" | "others";

/** Ends sessions server-side; their refresh tokens go with them. */
export async function logout(sql: Sql, caller: Caller, scope: LogoutScope): Promise<void> {
  const { user, sessionId } = caller;
  if (scope === "local" && sessionId) {
    await sql`delete from auth.sessions where id = ${sessionId}`;
  } else if (scope === "others" && sessionId) {
    await sql`delete from auth.sessions where user_id = ${user.id} and id <> ${sessionId}`;
  } else {
    await sql`delete from auth.sessions where user_id = ${user.id}`;
  }
}
