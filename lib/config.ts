/**
 * The app's settings, from the environment. Outside production, Supabase settings default to the local
 * stack (`devstack/`), so `npm start` needs no configuration; in production they must be set.
 */

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
  /** Take the client address from `X-Forwarded-For` (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** Seconds between two codes to the same phone (Auth's `[auth.sms] max_frequency`). */
  otpResendSeconds: number;
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

const supabaseUrl = env("SUPABASE_URL");
const supabaseAnonKey = env("SUPABASE_ANON_KEY");
const local = supabaseUrl && supabaseAnonKey ? undefined : await localStackDefaults();

export const config: AppConfig = {
  supabaseUrl: (supabaseUrl ?? local!.url).replace(/\/$/, ""),
  supabaseAnonKey: supabaseAnonKey ?? local!.anonKey,
  hostname: env("APP_HOSTNAME") ?? "127.0.0.1",
  port: Number(env("PORT") ?? 8000),
  publicOrigin: env("APP_URL") ? new URL(env("APP_URL")!).origin : undefined,
  trustProxy: env("TRUST_PROXY") === "1",
  otpResendSeconds: Number(env("OTP_RESEND_SECONDS") ?? 60),
};
