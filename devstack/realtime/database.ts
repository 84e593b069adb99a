/**
 * Broadcast from the database. Supabase Realtime streams inserts into `realtime.messages` through logical
 * replication; locally an AFTER INSERT trigger (see schema.sql) sends the new row's id with NOTIFY once
 * the transaction commits, and the service reads the row (payloads may exceed NOTIFY's 8000 bytes).
 */
import type { Sql } from "../pg.ts";

/** Must match the channel the trigger in schema.sql notifies. */
const NOTIFY_CHANNEL = "realtime_messages_inserted";
/** Supabase keeps messages for a few days (daily partitions); the local stack prunes older ones at start. */
const RETENTION = "3 days";

export interface StoredMessage {
  id: string;
  topic: string;
  event: string;
  payload: unknown;
  private: boolean;
}

export async function removeOldMessages(sql: Sql): Promise<void> {
  await sql`delete from realtime.messages where inserted_at < now() - ${RETENTION}::interval`;
}

/** Calls `deliver` for each committed message, in commit order. Resolves to a function that stops. */
export async function listenForMessages(
  sql: Sql,
  deliver: (message: StoredMessage) => void,
): Promise<() => Promise<void>> {
  let queue = Promise.resolve();
  const read = async (id: string) => {
    const [message] = await sql<StoredMessage[]>`
      select id, topic, event, payload, coalesce(private, false) as private
      from realtime.messages
      where id = ${id} and event is not null and payload is not null`;
    if (message) deliver(message);
  };
  const { unlisten } = await sql.listen(NOTIFY_CHANNEL, (id) => {
    queue = queue.then(() => read(id)).catch((error) => console.error("[realtime] database message:", error));
  });
  return async () => {
    await unlisten();
    await queue;
  };
}
