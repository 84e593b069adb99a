/**
 * The app's settings, from the environment. Outside production, Supabase settings default to the local
 * stack (`devstack/`), so `npm start` needs no configuration; in production they must be set.
 */
import { TrustedProxies } from "./http/forwarded_for.ts";

export interface AppConfig {
  /** Supabase project URL (the API gateway), e.g. `https://xyz.supabase.co`. */
  supabaseUrl: string;
  /** The project's anon (publishable) key; the only key the app holds. */
  supabaseAnonKey: string;
  hostname: string;
  port: number;
  /**
   * The app's public origin when it sits behind a proxy that changes the Host (e.g. TLS offload):
   * forms posted from it pass the origin check. The origin the request arrived on always passes.
   */
  publicOrigin: string | undefined;
  /**
   * The proxies in front of the app (TRUSTED_PROXIES: addresses and CIDR ranges) whose `X-Forwarded-For`
   * names the client; by default none, so the connection's peer is the client.
   */
  trustedProxies: TrustedProxies;
  /** Seconds between two codes to the same phone (Auth's `[auth.sms] max_frequency`). */
  otpResendSeconds: number;
  /**
   * Where bKash's checkout pages are (BKASH_CHECKOUT_ORIGIN; bKash's own hosts by default, the local sandbox
   * under `npm start`): the pay forms redirect there, so the CSP's form-action must allow it.
   */
  bkashCheckoutOrigin: string;
}

const env = (name: string) => Deno.env.get(name) || undefined;
const isProduction = env("APP_ENV") === "production";

async function localStackDefaults(): Promise<{ url: string; anonKey: string }> {
  if (isProduction) {
    throw new Error("SUPABASE_URL and SUPABASE_ANON_KEY must be set when APP_ENV=production");
  }
  const [{ API_URL }, { ANON_KEY }] = await Promise.all([
    import("../devstack/config.ts"),
    import("../devstack/keys.ts"),
  ]);
  return { url: API_URL, anonKey: ANON_KEY };
}

if (env("TRUST_PROXY")) {
  // It trusted X-Forwarded-For from anyone; refuse to start rather than silently trust no one.
  throw new Error(
    "TRUST_PROXY is replaced by TRUSTED_PROXIES: the addresses (or CIDR ranges) of the proxies",
  );
}

const supabaseUrl = env("SUPABASE_URL");
const supabaseAnonKey = env("SUPABASE_ANON_KEY");
const local = supabaseUrl && supabaseAnonKey ? undefined : await localStackDefaults();

export const config: AppConfig = {
  supabaseUrl: (supabaseUrl ?? local!.url).replace(/\/$/, ""),
  supabaseAnonKey: supabaseAnonKey ?? local!.anonKey,
  hostname: env("APP_HOSTNAME") ?? "127.0.0.1",
  port: Number(env("PORT") ?? 8000),
  publicOrigin: env("APP_URL") ? new URL(env("APP_URL")!).origin : undefined,
  trustedProxies: new TrustedProxies(env("TRUSTED_PROXIES") ?? ""),
  otpResendSeconds: Number(env("OTP_RESEND_SECONDS") ?? 60),
  bkashCheckoutOrigin: env("BKASH_CHECKOUT_ORIGIN") ?? "https://*.bkash.com",
};
