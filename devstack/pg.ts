/**
 * Postgres access for the local services. Services connect as the role Supabase's own service uses
 * (supabase_auth_admin for Auth, supabase_storage_admin for Storage, …) and run user requests as the
 * caller's Postgres role with the caller's JWT claims, so that RLS decides exactly as it does behind
 * PostgREST.
 */
import postgres from "postgres";
import { DB_PASSWORD, HOST, PORTS } from "./config.ts";

export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;

/** A small connection pool logged in as `role`. */
export function connect(role: string, options: { max?: number } = {}): Sql {
  return postgres({
    host: HOST,
    port: PORTS.db,
    database: "postgres",
    username: role,
    password: DB_PASSWORD,
    max: options.max ?? 4,
    idle_timeout: 30,
    onnotice: () => {},
    connection: { application_name: `local-${role}` },
  });
}

/** JWT claims as the services receive them; `role` picks the Postgres role. */
export interface Claims {
  role: string;
  sub?: string;
  [claim: string]: unknown;
}

const API_ROLES = new Set(["anon", "authenticated", "service_role"]);

/**
 * Runs `work` in a transaction as the caller: `SET LOCAL ROLE` to the JWT's role and the claim settings
 * PostgREST 12 sets (`request.jwt.claims`), plus the per-claim form older helpers read.
 * Throws when the role is not one of the API roles.
 */
export function asCaller<T>(
  sql: Sql,
  claims: Claims,
  work: (tx: TransactionSql) => Promise<T>,
  settings: Record<string, string> = {},
): Promise<T> {
  if (!API_ROLES.has(claims.role)) throw new Error(`role not allowed: ${claims.role}`);
  return sql.begin(async (tx) => {
    await tx`select set_config('role', ${claims.role}, true),
                    set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                    set_config('request.jwt.claim.sub', ${String(claims.sub ?? "")}, true),
                    set_config('request.jwt.claim.role', ${claims.role}, true)`;
    for (const [name, value] of Object.entries(settings)) {
      await tx`select set_config(${name}, ${value}, true)`;
    }
    return await work(tx);
  }) as Promise<T>;
}
