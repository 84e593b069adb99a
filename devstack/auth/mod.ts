/**
 * The local Auth service: a small GoTrue-compatible server for phone OTP sign-in, behind the gateway at
 * `/auth/v1`. It connects as supabase_auth_admin, signs tokens with the local JWT secret and delivers codes
 * through the Send-SMS hook configured in `supabase/config.toml`.
 */
import { connect } from "../pg.ts";
import type { LocalService } from "../service.ts";
import { errorResponse } from "./errors.ts";
import { RateLimiter } from "./rate_limit.ts";
import { type AuthContext, route } from "./routes.ts";
import { loadAuthSettings } from "./settings.ts";
import { SendSmsHook } from "./sms_hook.ts";

export function createAuthService(): Promise<LocalService> {
  const settings = loadAuthSettings();
  const { enabled, uri, secrets } = settings.sendSmsHook;
  const context: AuthContext = {
    sql: connect("supabase_auth_admin", { max: 8 }),
    settings,
    hook: enabled ? new SendSmsHook(uri, secrets) : undefined,
    limiters: {
      smsSent: new RateLimiter(settings.rateLimits.smsSent),
      tokenVerifications: new RateLimiter(settings.rateLimits.tokenVerifications),
      tokenRefresh: new RateLimiter(settings.rateLimits.tokenRefresh),
    },
  };
  return Promise.resolve({
    async handle(req, { path, clientAddress }) {
      try {
        return await route(context, req, path, clientAddress);
      } catch (error) {
        return errorResponse(req, error);
      }
    },
    close: () => context.sql.end({ timeout: 5 }),
  });
}
