/** The Auth service's endpoints (GoTrue's paths under `/auth/v1`) and the per-address limits on them. */
import type { Sql } from "../pg.ts";
import { JWKS } from "../keys.ts";
import { adminCreateUser, adminDeleteUser, adminGetUser, adminListUsers, adminUpdateUser } from "./admin.ts";
import {
  AuthError,
  badRequest,
  forbidden,
  otpInvalid,
  requestRateLimited,
  unprocessable,
  validationFailed,
} from "./errors.ts";
import { jsonResponse, noContent, objectField, readBody } from "./http.ts";
import { checkPhoneOtp, sendPhoneOtp } from "./otp.ts";
import type { RateLimiter } from "./rate_limit.ts";
import type { AuthSettings } from "./settings.ts";
import type { SendSmsHook } from "./sms_hook.ts";
import { authenticate, logout, type LogoutScope, refreshSession, startSession } from "./tokens.ts";
import { findUserById, jsonb, mergeMetadata, normalizePhone, recordPhoneSignIn, userJson } from "./users.ts";

export interface AuthContext {
  sql: Sql;
  settings: AuthSettings;
  hook?: SendSmsHook;
  limiters: { smsSent: RateLimiter; tokenVerifications: RateLimiter; tokenRefresh: RateLimiter };
}

interface RouteRequest {
  req: Request;
  clientAddress: string;
  /** The `{id}` path segment of admin user routes. */
  id: string;
}

type Handler = (context: AuthContext, request: RouteRequest) => Promise<Response>;

const routes: { method: string; path: RegExp; handler: Handler }[] = [
  { method: "GET", path: /^\/health$/, handler: health },
  { method: "GET", path: /^\/\.well-known\/jwks\.json$/, handler: (_, { req }) => jsonKeySet(req) },
  { method: "GET", path: /^\/settings$/, handler: settingsInfo },
  { method: "POST", path: /^\/otp$/, handler: requestOtp },
  { method: "POST", path: /^\/verify$/, handler: verifyOtp },
  { method: "POST", path: /^\/token$/, handler: token },
  { method: "GET", path: /^\/user$/, handler: getUser },
  { method: "PUT", path: /^\/user$/, handler: updateUser },
  { method: "POST", path: /^\/logout$/, handler: signOut },
  { method: "GET", path: /^\/admin\/users$/, handler: ({ sql }, { req }) => adminListUsers(sql, req) },
  { method: "POST", path: /^\/admin\/users$/, handler: ({ sql }, { req }) => adminCreateUser(sql, req) },
  {
    method: "GET",
    path: /^\/admin\/users\/([^/]+)$/,
    handler: ({ sql }, { req, id }) => adminGetUser(sql, req, id),
  },
  {
    method: "PUT",
    path: /^\/admin\/users\/([^/]+)$/,
    handler: ({ sql }, { req, id }) => adminUpdateUser(sql, req, id),
  },
  {
    method: "DELETE",
    path: /^\/admin\/users\/([^/]+)$/,
    handler: ({ sql }, { req, id }) => adminDeleteUser(sql, req, id),
  },
];

export function route(
  context: AuthContext,
  req: Request,
  path: string,
  clientAddress: string,
): Promise<Response> {
  const matches = routes.filter((candidate) => candidate.path.test(path));
  if (!matches.length) throw new AuthError(404, "not_found", "Not Found");
  const match = matches.find((candidate) => candidate.method === req.method);
  if (!match) throw new AuthError(405, "method_not_allowed", "Method Not Allowed");
  const id = match.path.exec(path)?.[1] ?? "";
  return match.handler(context, { req, clientAddress, id });
}

/** The public keys access tokens are signed with, for anyone to verify them without asking Auth. */
function jsonKeySet(req: Request): Promise<Response> {
  // Cached by clients (supabase-js and jose keep it 10 minutes) and by Supabase's edge.
  return Promise.resolve(jsonResponse(req, 200, JWKS, { "cache-control": "public, max-age=600" }));
}

function health(_context: AuthContext, { req }: RouteRequest): Promise<Response> {
  return Promise.resolve(jsonResponse(req, 200, {
    version: "local",
    name: "GoTrue",
    description: "Local Supabase Auth (phone OTP) for development and tests",
  }));
}

function settingsInfo({ settings }: AuthContext, { req }: RouteRequest): Promise<Response> {
  return Promise.resolve(jsonResponse(req, 200, {
    external: { anonymous_users: false, email: false, phone: settings.phoneEnabled },
    disable_signup: !settings.signupEnabled,
    mailer_autoconfirm: false,
    phone_autoconfirm: false,
    sms_provider: settings.sendSmsHook.enabled ? "hook" : "",
    saml_enabled: false,
  }));
}

async function requestOtp(context: AuthContext, { req, clientAddress }: RouteRequest): Promise<Response> {
  const body = await readBody(req);
  if (!context.settings.phoneEnabled) {
    throw badRequest("phone_provider_disabled", "Unsupported phone provider");
  }
  if (body.phone === undefined) {
    throw validationFailed("Only an email address or phone number should be provided");
  }
  if (body.channel !== undefined && body.channel !== "sms") {
    throw validationFailed("Invalid channel, only 'sms' is supported by the local Auth service");
  }
  const answer = await sendPhoneOtp(
    {
      sql: context.sql,
      settings: context.settings,
      hook: context.hook,
      smsLimiter: context.limiters.smsSent,
    },
    {
      phone: normalizePhone(body.phone),
      createUser: body.create_user !== false,
      userMetadata: objectField(body, "data", {})!,
      clientAddress,
    },
  );
  return jsonResponse(req, 200, answer);
}

async function verifyOtp(context: AuthContext, { req, clientAddress }: RouteRequest): Promise<Response> {
  if (!context.limiters.tokenVerifications.take(clientAddress)) throw requestRateLimited();
  const body = await readBody(req);
  if (body.type !== "sms") throw validationFailed("Unsupported verification type");
  if (typeof body.token !== "string" || !body.token) throw validationFailed("Verify requires a token");
  const phone = normalizePhone(body.phone);
  const code = body.token.replaceAll("-", "").trim();
  const session = await context.sql.begin(async (tx) => {
    const user = await checkPhoneOtp(tx, context.settings, phone, code);
    if (!user) return undefined;
    const signedIn = await recordPhoneSignIn(tx, user);
    return await startSession(tx, context.settings, signedIn, {
      address: clientAddress,
      userAgent: req.headers.get("user-agent"),
    });
  });
  // Thrown after the commit, so that the wrong-code count is kept.
  if (!session) throw otpInvalid();
  return jsonResponse(req, 200, session);
}

async function token(context: AuthContext, { req, clientAddress }: RouteRequest): Promise<Response> {
  const grantType = new URL(req.url).searchParams.get("grant_type");
  if (grantType !== "refresh_token") throw badRequest("invalid_credentials", "unsupported_grant_type");
  if (!context.limiters.tokenRefresh.take(clientAddress)) throw requestRateLimited();
  const body = await readBody(req);
  if (typeof body.refresh_token !== "string" || !body.refresh_token) {
    throw badRequest("validation_failed", "refresh_token required");
  }
  return jsonResponse(req, 200, await refreshSession(context.sql, context.settings, body.refresh_token));
}

async function getUser({ sql }: AuthContext, { req }: RouteRequest): Promise<Response> {
  const { user } = await authenticate(sql, req);
  return jsonResponse(req, 200, userJson(user));
}

/** Users may change their own `user_metadata` (`data`); phone changes need a flow not built here. */
async function updateUser({ sql }: AuthContext, { req }: RouteRequest): Promise<Response> {
  const { user } = await authenticate(sql, req);
  const body = await readBody(req);
  if (body.app_metadata !== undefined && body.app_metadata !== null) {
    throw forbidden("not_admin", "Updating app_metadata requires admin privileges");
  }
  if (body.email || body.phone || body.password) {
    throw unprocessable("validation_failed", "The local Auth service only lets users change their data");
  }
  const data = objectField(body, "data");
  if (data) {
    await sql`update auth.users
              set raw_user_meta_data = ${
      jsonb(sql, mergeMetadata(user.raw_user_meta_data, data))
    }, updated_at = now()
              where id = ${user.id}`;
  }
  return jsonResponse(req, 200, userJson((await findUserById(sql, user.id))!));
}

const LOGOUT_SCOPES = new Set<LogoutScope>(["global", "local", "others"]);

async function signOut({ sql }: AuthContext, { req }: RouteRequest): Promise<Response> {
  const scope = new URL(req.url).searchParams.get("scope") ?? "global";
  if (!LOGOUT_SCOPES.has(scope as LogoutScope)) throw validationFailed(`Unsupported logout scope "${scope}"`);
  await logout(sql, await authenticate(sql, req), scope as LogoutScope);
  return noContent(req);
}
