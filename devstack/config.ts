/**
 * The local stack's view of `supabase/config.toml`, plus the fixed local ports, paths and secrets.
 * Every local service reads its settings from here so that one file describes the stack.
 */
import { parse } from "smol-toml";

export const PROJECT_ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
export const SUPABASE_DIR = `${PROJECT_ROOT}/supabase`;
/** The local stack's own files (bootstrap SQL, each service's schema). */
export const DEVSTACK_DIR = `${PROJECT_ROOT}/devstack`;
/** Everything the local stack writes (database cluster, logs, pid files) lives here; it is git-ignored. */
export const STATE_DIR = Deno.env.get("LOCAL_STACK_DIR") ?? `${PROJECT_ROOT}/.local-stack`;

export const HOST = "127.0.0.1";
/**
 * Peers whose `X-Forwarded-For` (and `Sb-Forwarded-For`) the gateway believes, as addresses or CIDR ranges:
 * loopback, where the app (which forwards its visitors' addresses) and the tests run. Anyone else's
 * forwarding headers are replaced by their own address. Supabase's edge plays this part in production.
 */
export const TRUSTED_PROXIES = Deno.env.get("LOCAL_STACK_TRUSTED_PROXIES") ?? "127.0.0.0/8, ::1";
/**
 * Shifts every port so a second, throw-away stack (with its own LOCAL_STACK_DIR) can run beside the
 * developer's, e.g. in the lifecycle tests.
 */
const portOffset = Number(Deno.env.get("LOCAL_STACK_PORT_OFFSET") ?? 0);
export const PORTS = {
  gateway: 54321 + portOffset,
  db: 54322 + portOffset,
  inbox: 54324 + portOffset,
  /** The local bKash sandbox (tokenized checkout API and its hosted checkout page). */
  bkash: 54326 + portOffset,
  app: 8000 + portOffset,
  /** PostgREST listens here; only the gateway talks to it. */
  postgrest: 54330 + portOffset,
} as const;

export const API_URL = `http://${HOST}:${PORTS.gateway}`;
export const APP_URL = `http://${HOST}:${PORTS.app}`;
export const INBOX_URL = `http://${HOST}:${PORTS.inbox}`;
export const BKASH_SANDBOX_URL = `http://${HOST}:${PORTS.bkash}`;
/** Where the tokenized checkout API lives, on bKash's servers and in the local sandbox alike. */
export const BKASH_API_PATH = "/v1.2.0-beta/tokenized/checkout";
/** Local password of every login role: the same demo value `supabase start` uses. */
export const DB_PASSWORD = "postgres";
export const DB_URL = `postgresql://postgres:${DB_PASSWORD}@${HOST}:${PORTS.db}/postgres`;

/**
 * Values for Supabase's `env(NAME)` indirection in config.toml: the process environment first, then
 * `supabase/.env`, the file the Supabase CLI reads too (it holds local demo secrets only).
 */
function envValue(name: string): string | undefined {
  const fromProcess = Deno.env.get(name);
  if (fromProcess !== undefined) return fromProcess;
  try {
    for (const line of Deno.readTextFileSync(`${SUPABASE_DIR}/.env`).split("\n")) {
      const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (match?.[1] === name) return match[2];
    }
  } catch { /* no .env file */ }
  return undefined;
}

/** Resolves Supabase's `env(NAME)` indirection in config values. */
export function resolveEnv(value: string): string {
  const match = /^env\((\w+)\)$/.exec(value.trim());
  if (!match) return value;
  const resolved = envValue(match[1]);
  if (resolved === undefined) throw new Error(`config.toml refers to env(${match[1]}), which is not set`);
  return resolved;
}

/** Secret the local Auth service signs the Send-SMS hook with (Standard Webhooks format). */
export const SEND_SMS_HOOK_SECRET = resolveEnv("env(SEND_SMS_HOOK_SECRET)");

/** The merchant credentials the local bKash sandbox accepts and the `bkash` function uses (demo values). */
export const BKASH_CREDENTIALS = {
  username: resolveEnv("env(BKASH_USERNAME)"),
  password: resolveEnv("env(BKASH_PASSWORD)"),
  appKey: resolveEnv("env(BKASH_APP_KEY)"),
  appSecret: resolveEnv("env(BKASH_APP_SECRET)"),
} as const;

// deno-lint-ignore no-explicit-any
export type Toml = Record<string, any>;

let cached: Toml | undefined;
/** The parsed `supabase/config.toml`. */
export function projectConfig(): Toml {
  cached ??= parse(Deno.readTextFileSync(`${SUPABASE_DIR}/config.toml`)) as Toml;
  return cached;
}

/** Parses Supabase duration strings such as "60s", "5m", "1h". */
export function durationSeconds(value: string | number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === "number") return value;
  const match = /^(\d+)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) throw new Error(`not a duration: ${value}`);
  const n = Number(match[1]);
  return { ms: n / 1000, s: n, m: n * 60, h: n * 3600 }[match[2] ?? "s"]!;
}

/** Parses Supabase size strings such as "50MiB", "5MB", "300KB" into bytes. */
export function sizeBytes(value: string | number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === "number") return value;
  const match = /^(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB)?$/i.exec(value.trim());
  if (!match) throw new Error(`not a size: ${value}`);
  const units: Record<string, number> = {
    b: 1,
    kb: 1000,
    kib: 1024,
    mb: 1000 ** 2,
    mib: 1024 ** 2,
    gb: 1000 ** 3,
    gib: 1024 ** 3,
  };
  return Math.round(Number(match[1]) * units[(match[2] ?? "b").toLowerCase()]);
}
