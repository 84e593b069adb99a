/**
 * Direct database access for tests, for what only an operator could do behind the API's back: inspect
 * stored rows, backdate an expiry, send from the database.
 */
import { connect, type Sql } from "../pg.ts";

/**
 * Runs `work` on a connection of its own as `postgres` (the role Supabase gives operators: dashboard SQL
 * editor, migrations) and closes it afterwards.
 */
export async function asOperator<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = connect("postgres", { max: 1 });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}
