/**
 * Private-channel authorization through RLS on `realtime.messages`, the way Supabase Realtime does it:
 * in a transaction that is always rolled back, as the caller's role with the caller's claims and
 * `realtime.topic` set to the channel name (the topic without the `realtime:` prefix),
 * - read: the service plants one probe row per extension (broadcast, presence) and the caller's SELECT
 *   decides which of them it can see;
 * - write: the caller INSERTs one probe row per extension, each in its own savepoint; a row-level
 *   security refusal means no write access.
 */
import postgres from "postgres";
import { asCaller, type Claims, type Sql, type TransactionSql } from "../pg.ts";

export interface ExtensionAccess {
  broadcast: boolean;
  presence: boolean;
}

const NO_ACCESS: ExtensionAccess = { broadcast: false, presence: false };
const INSUFFICIENT_PRIVILEGE = "42501";
const API_ROLES = new Set(["anon", "authenticated", "service_role"]);

/** Carries the probe's answer out of the transaction while making it roll back. */
class RolledBack<T> {
  constructor(readonly value: T) {}
}

async function probeAsCaller<T>(
  sql: Sql,
  claims: Claims,
  topic: string,
  probe: (tx: TransactionSql) => Promise<T>,
): Promise<T> {
  try {
    await asCaller(sql, claims, async (tx) => {
      throw new RolledBack(await probe(tx));
    }, { "realtime.topic": topic });
  } catch (outcome) {
    if (outcome instanceof RolledBack) return outcome.value;
    throw outcome;
  }
  throw new Error("unreachable: the probe transaction always rolls back");
}

/**
 * Whether a failed probe means "no access": a refusal by RLS, or a policy that raised an error (Realtime
 * treats both as unauthorized). Anything else, such as a lost connection, is a real failure.
 */
function deniedByPolicy(error: unknown): boolean {
  if (!(error instanceof postgres.PostgresError)) return false;
  if (error.code !== INSUFFICIENT_PRIVILEGE) console.warn(`[realtime] RLS policy error: ${error.message}`);
  return true;
}

/** Which extensions the caller may read on `topic`. Policy errors count as no access. */
export async function readAccess(sql: Sql, claims: Claims, topic: string): Promise<ExtensionAccess> {
  if (!API_ROLES.has(claims.role)) return NO_ACCESS;
  try {
    return await probeAsCaller(sql, claims, topic, async (tx) => {
      // The probe rows are planted by the service itself, not by the caller.
      await tx`set local role none`;
      const planted = await tx<{ id: string; extension: string }[]>`
        insert into realtime.messages (topic, extension)
        values (${topic}, 'broadcast'), (${topic}, 'presence')
        returning id, extension`;
      await tx`select set_config('role', ${claims.role}, true)`;
      const visible = await tx<{ extension: string }[]>`
        select extension from realtime.messages
        where topic = ${topic} and id in ${tx(planted.map((row) => row.id))}`;
      const seen = new Set(visible.map((row) => row.extension));
      return { broadcast: seen.has("broadcast"), presence: seen.has("presence") };
    });
  } catch (error) {
    if (deniedByPolicy(error)) return NO_ACCESS;
    throw error;
  }
}

async function mayInsert(tx: TransactionSql, topic: string, extension: string): Promise<boolean> {
  try {
    await tx.savepoint((savepoint) =>
      savepoint`insert into realtime.messages (topic, extension) values (${topic}, ${extension})`
    );
    return true;
  } catch (error) {
    if (deniedByPolicy(error)) return false;
    throw error;
  }
}

/** Which extensions the caller may write (broadcast, track presence) on `topic`. */
export async function writeAccess(sql: Sql, claims: Claims, topic: string): Promise<ExtensionAccess> {
  if (!API_ROLES.has(claims.role)) return NO_ACCESS;
  return await probeAsCaller(sql, claims, topic, async (tx) => ({
    broadcast: await mayInsert(tx, topic, "broadcast"),
    presence: await mayInsert(tx, topic, "presence"),
  }));
}
