/**
 * The Auth features this phone-OTP project does not use (e-mail, passwords, anonymous sign-in, OAuth,
 * MFA, SSO, identity linking, passkeys), answered with GoTrue's own codes, statuses and messages for a
 * project that has them turned off, so that auth-js and apps see what they would against Supabase.
 */
import { AuthError, badRequest, notFound, unprocessable, validationFailed } from "./errors.ts";
import { readBody } from "./http.ts";
import type { AuthContext, Handler, RouteRequest } from "./routes.ts";
import { authenticate } from "./tokens.ts";

const refuse = (error: AuthError): Handler => () => Promise.reject(error);

/** Refuses as GoTrue does once the caller is signed in (`requireAuthentication` comes first there). */
const refuseSignedIn = (error: AuthError): Handler => async ({ sql }, { req }) => {
  await authenticate(sql, req);
  throw error;
};

const emailLoginsDisabled = (status: 400 | 422) =>
  new AuthError(status, "email_provider_disabled", "Email logins are disabled");

/** `POST /signup`: e-mail and anonymous sign-ups are off; phone sign-ups go through `/otp`, without a password. */
async function signUp(_context: AuthContext, { req }: RouteRequest): Promise<Response> {
  const body = await readBody(req);
  if (!body.email && !body.phone) {
    throw unprocessable("anonymous_provider_disabled", "Anonymous sign-ins are disabled");
  }
  if (body.email) throw badRequest("email_provider_disabled", "Email signups are disabled");
  throw unprocessable(
    "validation_failed",
    "Phone sign-ups with a password are not offered: sign in with a code (POST /otp)",
  );
}

/** `POST /factors`: every MFA factor type has enrolment turned off, as in `supabase start`'s config. */
async function enrollFactor({ sql }: AuthContext, { req }: RouteRequest): Promise<Response> {
  await authenticate(sql, req);
  const { factor_type: type } = await readBody(req);
  if (type === "totp") throw unprocessable("mfa_totp_enroll_not_enabled", "MFA enroll is disabled for TOTP");
  if (type === "phone") {
    throw unprocessable("mfa_phone_enroll_not_enabled", "MFA enroll is disabled for Phone");
  }
  if (type === "webauthn") {
    throw unprocessable("mfa_webauthn_enroll_not_enabled", "MFA enroll is disabled for WebAuthn");
  }
  throw validationFailed("factor_type needs to be totp, phone, or webauthn");
}

const samlDisabled = refuse(notFound("saml_provider_disabled", "SAML 2.0 is disabled"));
const passkeysDisabled = refuse(notFound("passkey_disabled", "Passkeys are disabled"));

export const disabledFeatureRoutes: { method: string; path: RegExp; handler: Handler }[] = [
  { method: "POST", path: /^\/signup$/, handler: signUp },
  { method: "POST", path: /^\/magiclink$/, handler: refuse(emailLoginsDisabled(422)) },
  { method: "POST", path: /^\/recover$/, handler: refuse(emailLoginsDisabled(400)) },
  {
    method: "GET",
    path: /^\/authorize$/,
    handler: refuse(validationFailed("Unsupported provider: provider is not enabled")),
  },
  { method: "POST", path: /^\/factors$/, handler: enrollFactor },
  {
    method: "POST",
    path: /^\/factors\/[^/]+\/(?:challenge|verify)$/,
    handler: refuseSignedIn(notFound("mfa_factor_not_found", "Factor not found")),
  },
  {
    method: "DELETE",
    path: /^\/factors\/[^/]+$/,
    handler: refuseSignedIn(notFound("mfa_factor_not_found", "Factor not found")),
  },
  { method: "POST", path: /^\/sso$/, handler: samlDisabled },
  { method: "GET", path: /^\/sso\/saml\/metadata$/, handler: samlDisabled },
  { method: "POST", path: /^\/sso\/saml\/acs$/, handler: samlDisabled },
  {
    method: "GET",
    path: /^\/user\/identities\/authorize$/,
    handler: refuseSignedIn(notFound("manual_linking_disabled", "Manual linking is disabled")),
  },
  {
    method: "DELETE",
    path: /^\/user\/identities\/[^/]+$/,
    handler: refuseSignedIn(notFound("manual_linking_disabled", "Manual linking is disabled")),
  },
  { method: "GET", path: /^\/passkeys$/, handler: passkeysDisabled },
  { method: "POST", path: /^\/passkeys\/.+$/, handler: passkeysDisabled },
];

/** The issuers GoTrue knows its built-in ID token providers by. */
const ID_TOKEN_ISSUERS: Record<string, string> = {
  google: "https://accounts.google.com",
  apple: "https://appleid.apple.com",
  azure: "https://login.microsoftonline.com/common/v2.0",
  facebook: "https://www.facebook.com",
  kakao: "https://kauth.kakao.com",
  snapchat: "https://accounts.snapchat.com",
};

/** `grant_type=id_token`: every provider is off, as GoTrue says for each kind of provider. */
function idTokenRefusal(body: Record<string, unknown>): AuthError {
  const provider = String(body.provider ?? "");
  const issuer = ID_TOKEN_ISSUERS[provider];
  if (issuer) return badRequest("provider_disabled", `Provider (issuer "${issuer}") is not enabled`);
  if (provider.startsWith("custom:")) return validationFailed("Custom OAuth providers are disabled");
  return validationFailed(`Custom OIDC provider "${provider}" not allowed`);
}

/**
 * `POST /token` for grants other than refresh_token. Nobody here has a password (phone users of GoTrue
 * who signed up by code have none either), e-mail, ID token providers and Web3 are off, and no PKCE flow
 * is ever started.
 */
export async function refuseOtherGrant(grantType: string | null, req: Request): Promise<never> {
  if (grantType === "password") {
    const body = await readBody(req);
    if (body.email && body.phone) {
      throw validationFailed("Only an email address or phone number should be provided on login.");
    }
    if (body.email) throw emailLoginsDisabled(422);
    if (body.phone) throw badRequest("invalid_credentials", "Invalid login credentials");
    throw validationFailed("missing email or phone");
  }
  if (grantType === "id_token") throw idTokenRefusal(await readBody(req));
  if (grantType === "web3") throw unprocessable("web3_provider_disabled", "Web3 provider is disabled");
  if (grantType === "pkce") {
    throw notFound("flow_state_not_found", "invalid flow state, no valid flow state found");
  }
  throw badRequest("invalid_credentials", "unsupported_grant_type");
}
