/** The Auth service's settings, read from `[auth]` in `supabase/config.toml` with GoTrue's defaults. */
import { API_URL, durationSeconds, projectConfig, resolveEnv, type Toml } from "../config.ts";

/** The gateway origin config.toml is written for (`supabase start`'s API URL). */
const CONFIGURED_API_ORIGIN = /^http:\/\/(?:127\.0\.0\.1|localhost):54321(?=\/|$)/;

export interface AuthSettings {
  /** `iss` of the access tokens. */
  issuer: string;
  jwtExpirySeconds: number;
  refreshTokenRotation: boolean;
  refreshTokenReuseSeconds: number;
  /** Whether unknown phone numbers may sign up (`[auth] enable_signup`). */
  signupEnabled: boolean;
  /** Whether phone sign-in is on at all (`[auth.sms] enabled`, older configs `enable_signup`). */
  phoneEnabled: boolean;
  otpLength: number;
  otpExpirySeconds: number;
  /** Minimum time between two codes sent to the same user. */
  smsMaxFrequencySeconds: number;
  /** Wrong codes tolerated before the pending code is discarded. */
  maxWrongCodes: number;
  /** Wrong codes tolerated per phone within the window, across codes; then verification waits. */
  wrongCodesPerPhone: { limit: number; windowSeconds: number };
  /** Phone digits → fixed code; these numbers get no SMS. */
  testOtps: Map<string, string>;
  /** Requests per client address per 5 minutes. */
  rateLimits: { smsSent: number; tokenVerifications: number; tokenRefresh: number };
  sendSmsHook: { enabled: boolean; uri: string; secrets: string[] };
  /** The custom access token hook as a quoted SQL function name, when enabled. */
  customAccessTokenHook: string | null;
}

/** Wrong codes allowed per sent code: enough for typos, too few to guess a 6-digit code. */
const MAX_WRONG_CODES = 5;
/**
 * Wrong codes allowed per phone per hour, whatever the number of resends: a resend brings a fresh code
 * with a fresh MAX_WRONG_CODES, so without this a caller could guess five times a minute for ever. GoTrue
 * has no such setting (it limits guesses per client address only), hence constants.
 */
const WRONG_CODES_PER_PHONE = { limit: 10, windowSeconds: 3600 };

export function loadAuthSettings(config: Toml = projectConfig()): AuthSettings {
  const auth: Toml = config.auth ?? {};
  const sms: Toml = auth.sms ?? {};
  const limits: Toml = auth.rate_limit ?? {};
  const hook: Toml = auth.hook?.send_sms ?? {};
  const hookEnabled = hook.enabled === true;
  return {
    issuer: `${API_URL}/auth/v1`,
    jwtExpirySeconds: auth.jwt_expiry ?? 3600,
    refreshTokenRotation: auth.enable_refresh_token_rotation ?? true,
    refreshTokenReuseSeconds: auth.refresh_token_reuse_interval ?? 10,
    signupEnabled: auth.enable_signup ?? true,
    phoneEnabled: sms.enabled ?? sms.enable_signup ?? false,
    otpLength: sms.otp_length ?? 6,
    otpExpirySeconds: durationSeconds(sms.otp_expiry, 60),
    smsMaxFrequencySeconds: durationSeconds(sms.max_frequency, 60),
    maxWrongCodes: MAX_WRONG_CODES,
    wrongCodesPerPhone: WRONG_CODES_PER_PHONE,
    testOtps: new Map(Object.entries(sms.test_otp ?? {}).map(([phone, code]) => [phone, String(code)])),
    rateLimits: {
      smsSent: limits.sms_sent ?? 30,
      tokenVerifications: limits.token_verifications ?? 30,
      tokenRefresh: limits.token_refresh ?? 150,
    },
    customAccessTokenHook: postgresHookFunction(auth.hook?.custom_access_token),
    sendSmsHook: {
      enabled: hookEnabled,
      // A hook on the configured gateway means this stack's gateway, also when its ports are shifted.
      uri: String(hook.uri ?? "").replace(CONFIGURED_API_ORIGIN, API_URL),
      // Supabase accepts several secrets separated by "|", for rotation.
      secrets: hookEnabled ? resolveEnv(String(hook.secrets ?? "")).split("|").filter(Boolean) : [],
    },
  };
}

/** `pg-functions://postgres/<schema>/<function>` as a quoted SQL name; null when the hook is off. */
function postgresHookFunction(hook: Toml | undefined): string | null {
  if (hook?.enabled !== true) return null;
  const match = /^pg-functions:\/\/postgres\/([a-z_][a-z0-9_]*)\/([a-z_][a-z0-9_]*)$/.exec(String(hook.uri));
  if (!match) {
    throw new Error(
      `[auth.hook.custom_access_token] uri must be pg-functions://postgres/<schema>/<function>`,
    );
  }
  return `"${match[1]}"."${match[2]}"`;
}
