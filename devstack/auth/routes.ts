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
import { disabledFeatureRoutes, refuseOtherGrant } from "./disabled.ts";
import { checkPhoneOtp, type CodeKind, type OtpDeps, sendCode, sendPhoneOtp } from "./otp.ts";
import type { RateLimiter } from "./rate_limit.ts";
import type { AuthSettings } from "./settings.ts";
import type { SendSmsHook } from "./sms_hook.ts";
import { authenticate, logout, type LogoutScope, refreshSession, startSession } from "./tokens.ts";
import {
  confirmPhoneChange,
  findUserById,
  findUserByPhone,
  jsonb,
  mergeMetadata,
  normalizePhone,
  recordPhoneSignIn,
  userJson,
} from "./users.ts";

export interface AuthContext {
  sql: Sql;
  settings: AuthSettings;
  hook?: SendSmsHook;
  limiters: { smsSent: RateLimiter; tokenVerifications: RateLimiter; tokenRefresh: RateLimiter };
}

export interface RouteRequest {
  req: Request;
  clientAddress: string;
  /** The `{id}` path segment of admin user routes. */
  id: string;
}

export type Handler = (context: AuthContext, request: RouteRequest) => Promise<Response>;

const routes: { method: string; path: RegExp; handler: Handler }[] = [
  { method: "GET", path: /^\/health$/, handler: health },
  { method: "GET", path: /^\/\.well-known\/jwks\.json$/, handler: (_, { req }) => jsonKeySet(req) },
  { method: "GET", path: /^\/settings$/, handler: settingsInfo },
  { method: "POST", path: /^\/otp$/, handler: requestOtp },
  { method: "POST", path: /^\/verify$/, handler: verifyOtp },
  { method: "POST", path: /^\/resend$/, handler: resendOtp },
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
  ...disabledFeatureRoutes,
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
  if (body.email && body.phone) {
    throw validationFailed("Only an email address or phone number should be provided");
  }
  if (body.email) throw unprocessable("email_provider_disabled", "Email logins are disabled");
  if (!context.settings.phoneEnabled) {
    throw badRequest("phone_provider_disabled", "Unsupported phone provider");
  }
  if (body.phone === undefined) throw validationFailed("One of email or phone must be set");
  if (body.channel !== undefined && body.channel !== "sms") {
    throw validationFailed("Invalid channel, only 'sms' is supported by the local Auth service");
  }
  const answer = await sendPhoneOtp(
    otpDeps(context),
    {
      phone: normalizePhone(body.phone),
      createUser: body.create_user !== false,
      userMetadata: objectField(body, "data", {})!,
      clientAddress,
    },
  );
  return jsonResponse(req, 200, answer);
}

function otpDeps(context: AuthContext): OtpDeps {
  return {
    sql: context.sql,
    settings: context.settings,
    hook: context.hook,
    smsLimiter: context.limiters.smsSent,
  };
}

const PHONE_CODE_KINDS: readonly string[] = ["sms", "phone_change"] satisfies CodeKind[];

/**
 * `POST /verify`, checked as GoTrue checks it. Phone codes (`sms`, `phone_change`) are verified here; every
 * other type is about e-mail, which this project has off, so no user can have such a code: GoTrue answers
 * those 403 like any wrong code, and so does this.
 */
async function verifyOtp(context: AuthContext, { req, clientAddress }: RouteRequest): Promise<Response> {
  if (!context.limiters.tokenVerifications.take(clientAddress)) throw requestRateLimited();
  const body = await readBody(req);
  if (typeof body.type !== "string" || !body.type) {
    throw validationFailed("Verify requires a verification type");
  }
  const token = typeof body.token === "string" ? body.token : "";
  const tokenHash = typeof body.token_hash === "string" ? body.token_hash : "";
  if (!token === !tokenHash) throw validationFailed("Verify requires either a token or a token hash");
  if (tokenHash) {
    if (body.email || body.phone || body.redirect_to) {
      throw validationFailed("Only the token_hash and type should be provided");
    }
    if (!EMAIL_LINK_TYPES.has(body.type)) throw validationFailed("Invalid email verification type");
    throw forbidden("otp_expired", "Email link is invalid or has expired");
  }
  if (!body.phone || body.email) {
    if (!body.email) {
      throw validationFailed("Only an email address or phone number should be provided on verify");
    }
    throw otpInvalid();
  }
  const phone = normalizePhone(body.phone);
  if (!PHONE_CODE_KINDS.includes(body.type)) throw otpInvalid();
  const kind = body.type as CodeKind;
  const code = token.replaceAll("-", "").trim();
  const outcome = await context.sql.begin(async (tx) => {
    const user = await checkPhoneOtp(tx, context.settings, kind, phone, code);
    if (!user) return { session: undefined, taken: false };
    const signedIn = kind === "sms" ? await recordPhoneSignIn(tx, user) : await confirmPhoneChange(tx, user);
    if (!signedIn) return { session: undefined, taken: true };
    const session = await startSession(tx, context.settings, signedIn, {
      address: clientAddress,
      userAgent: req.headers.get("user-agent"),
    });
    return { session, taken: false };
  });
  if (outcome.taken) throw phoneExists();
  // Thrown after the commit, so that the wrong-code count is kept.
  if (!outcome.session) throw otpInvalid();
  return jsonResponse(req, 200, outcome.session);
}

/** GoTrue's e-mail link types, which `token_hash` verifies. */
const EMAIL_LINK_TYPES = new Set(["signup", "invite", "magiclink", "recovery", "email_change", "email"]);

const phoneExists = () =>
  unprocessable("phone_exists", "A user with this phone number has already been registered");

/**
 * `POST /resend {type, phone}` (auth-js `resend()`), as GoTrue: a sign-in code again (`sms`) for a number
 * not yet confirmed, or the pending phone change's code again (`phone_change`, found by the account's
 * current number). Unknown numbers and nothing to resend answer `{}` alike, so callers learn nothing.
 * Limited as `/otp` is: `max_frequency` per code and the same SMS allowance per address.
 */
async function resendOtp(context: AuthContext, { req, clientAddress }: RouteRequest): Promise<Response> {
  const body = await readBody(req);
  const type = body.type;
  if (type !== "signup" && type !== "email_change" && type !== "sms" && type !== "phone_change") {
    throw validationFailed("Missing one of these types: signup, email_change, sms, phone_change");
  }
  if (!body.email && type === "signup") throw validationFailed("Type provided requires an email address");
  if (!body.phone && type === "sms") throw validationFailed("Type provided requires a phone number");
  if (body.email && body.phone) {
    throw validationFailed("Only an email address or phone number should be provided.");
  }
  if (body.email) throw badRequest("email_provider_disabled", "Email logins are disabled");
  if (!body.phone) throw validationFailed("Missing email address or phone number");
  if (!context.settings.phoneEnabled) {
    throw badRequest("phone_provider_disabled", "Phone logins are disabled");
  }
  const phone = normalizePhone(body.phone);
  // An e-mail type with a phone finds no e-mail to send to; GoTrue answers {} too.
  if (type !== "sms" && type !== "phone_change") return jsonResponse(req, 200, {});

  const answer = await context.sql.begin(async (tx) => {
    const user = await findUserByPhone(tx, phone, { lock: true });
    const nothingToSend = !user || (type === "sms" ? user.phone_confirmed_at !== null : !user.phone_change);
    if (nothingToSend) return {};
    return await sendCode(tx, otpDeps(context), user, type, clientAddress);
  });
  return jsonResponse(req, 200, answer);
}

async function token(context: AuthContext, { req, clientAddress }: RouteRequest): Promise<Response> {
  const grantType = new URL(req.url).searchParams.get("grant_type");
  if (grantType !== "refresh_token") return await refuseOtherGrant(grantType, req);
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

/**
 * `PUT /user`: the user's own `user_metadata` (`data`), and their phone number. A new number is not taken
 * at once: a `phone_change` code goes to it (Send-SMS hook) and `POST /verify {type: "phone_change"}` makes
 * it the account's, on the same user id. Numbers are stored as everywhere else (`8801…`); a number another
 * account has is refused (422 `phone_exists`). E-mail and passwords are not offered by this project.
 */
async function updateUser(context: AuthContext, { req, clientAddress }: RouteRequest): Promise<Response> {
  const { sql } = context;
  const { user } = await authenticate(sql, req);
  const body = await readBody(req);
  if (body.app_metadata !== undefined && body.app_metadata !== null) {
    throw forbidden("not_admin", "Updating app_metadata requires admin privileges");
  }
  if (body.email) throw unprocessable("email_provider_disabled", "Email logins are disabled");
  if (body.password) {
    throw unprocessable(
      "validation_failed",
      "The local Auth service does not keep passwords: sign in by phone",
    );
  }
  const phone = body.phone ? normalizePhone(body.phone) : undefined;
  if (phone && body.channel !== undefined && body.channel !== "sms") {
    throw validationFailed("Invalid channel, only 'sms' is supported by the local Auth service");
  }
  const data = objectField(body, "data");
  const updated = await sql.begin(async (tx) => {
    if (data) {
      await tx`update auth.users
               set raw_user_meta_data = ${jsonb(tx, mergeMetadata(user.raw_user_meta_data, data))},
                   updated_at = now()
               where id = ${user.id}`;
    }
    if (phone && phone !== user.phone) {
      if (await findUserByPhone(tx, phone)) throw phoneExists();
      await findUserById(tx, user.id, { lock: true });
      await tx`update auth.users set phone_change = ${phone}, updated_at = now() where id = ${user.id}`;
      // Rolled back with the pending number when the code cannot be sent (too soon, hook failure).
      await sendCode(tx, otpDeps(context), (await findUserById(tx, user.id))!, "phone_change", clientAddress);
    }
    return (await findUserById(tx, user.id))!;
  });
  return jsonResponse(req, 200, userJson(updated));
}

const LOGOUT_SCOPES = new Set<LogoutScope>(["global", "local", "others"]);

async function signOut({ sql }: AuthContext, { req }: RouteRequest): Promise<Response> {
  const scope = new URL(req.url).searchParams.get("scope") ?? "global";
  if (!LOGOUT_SCOPES.has(scope as LogoutScope)) throw validationFailed(`Unsupported logout scope "${scope}"`);
  await logout(sql, await authenticate(sql, req), scope as LogoutScope);
  return noContent(req);
}
