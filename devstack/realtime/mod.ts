/**
 * The local Realtime service behind `/realtime/v1`: the Phoenix-channels websocket at `/websocket`
 * (vsn 1.0.0 and 2.0.0) and the REST broadcast endpoints under `/api/broadcast`, to the contract of
 * Supabase Realtime that `@supabase/supabase-js` speaks. Broadcast (client, REST and from the database
 * via `realtime.send` / `realtime.broadcast_changes`), presence and private channels authorised by RLS
 * on `realtime.messages` are supported; `postgres_changes` is not (a `system` error says so).
 */
import { connect } from "../pg.ts";
import type { LocalService, RequestInfo } from "../service.ts";
import { Connection, type RealtimeContext } from "./connection.ts";
import { listenForMessages, removeOldMessages, type StoredMessage } from "./database.ts";
import { parseVsn } from "./protocol.ts";
import { broadcastOverRest, isBroadcastPath } from "./rest.ts";
import { checkToken } from "./tokens.ts";
import { Topics } from "./topics.ts";

/** The bearer token a Phoenix client may put in Sec-WebSocket-Protocol instead of the query string. */
const PROTOCOL_TOKEN_PREFIX = "base64url.bearer.phx.";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function decodeBase64Url(value: string): string {
  const base64 = value.replaceAll("-", "+").replaceAll("_", "/");
  return atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
}

/** The token a socket connects with: `apikey` in the query, else `x-api-key`, else the phx subprotocol. */
function socketToken(req: Request, protocols: string[]): string | null {
  const fromProtocol = protocols.find((protocol) => protocol.startsWith(PROTOCOL_TOKEN_PREFIX));
  return new URL(req.url).searchParams.get("apikey") ??
    req.headers.get("x-api-key") ??
    (fromProtocol ? decodeBase64Url(fromProtocol.slice(PROTOCOL_TOKEN_PREFIX.length)) : null);
}

function databaseBroadcast(message: StoredMessage) {
  return {
    kind: "json" as const,
    payload: { type: "broadcast", event: message.event, payload: message.payload, meta: { id: message.id } },
  };
}

export async function createRealtimeService(): Promise<LocalService> {
  const sql = connect("supabase_admin");
  await removeOldMessages(sql);
  const context: RealtimeContext = { sql, topics: new Topics() };
  const connections = new Set<Connection>();
  const stopListening = await listenForMessages(sql, (message) => {
    context.topics.broadcast(message.topic, message.private, databaseBroadcast(message));
  });

  async function openSocket(req: Request): Promise<Response> {
    if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return json(400, { message: "expected a websocket upgrade" });
    }
    const vsn = parseVsn(new URL(req.url).searchParams.get("vsn"));
    if (!vsn) return json(400, { message: "unsupported serializer version (vsn)" });
    const protocols = (req.headers.get("sec-websocket-protocol") ?? "").split(",").map((p) => p.trim());
    const token = socketToken(req, protocols);
    if (!token || !(await checkToken(token)).ok) return json(403, { message: "Unauthorized" });
    const { socket, response } = Deno.upgradeWebSocket(req, {
      protocol: protocols.includes("phoenix") ? "phoenix" : undefined,
    });
    const connection = new Connection(socket, vsn, token, context, () => connections.delete(connection));
    connections.add(connection);
    return response;
  }

  return {
    handle(req: Request, { path }: RequestInfo): Promise<Response> {
      if (path === "/websocket") return openSocket(req);
      if (isBroadcastPath(path)) return broadcastOverRest(req, path, context);
      return Promise.resolve(json(404, { message: "Not found" }));
    },
    async close() {
      for (const connection of connections) connection.close();
      await stopListening();
      await sql.end({ timeout: 5 });
    },
  };
}
