import type { Sql } from "../pg.ts";
import type { ObjectDisk } from "./disk.ts";
import { ERRORS } from "./errors.ts";

/** What every Storage handler works with. */
export interface StorageContext {
  /** Pool logged in as supabase_storage_admin, which owns the storage tables and may SET ROLE to API roles. */
  sql: Sql;
  disk: ObjectDisk;
  /** `[storage].file_size_limit` from config.toml: no bucket accepts more. */
  globalFileSizeLimit: number;
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** The request body as JSON, or an empty object when there is none. */
export async function jsonBody(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (!text) return {};
  try {
    const body = JSON.parse(text);
    if (body && typeof body === "object" && !Array.isArray(body)) return body;
  } catch { /* reported below */ }
  throw ERRORS.invalidRequest("body must be a JSON object");
}
