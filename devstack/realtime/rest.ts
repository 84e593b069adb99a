/**
 * Realtime's REST broadcast endpoints, both answering 202 with no body:
 * - `POST /api/broadcast` with `{messages: [{topic, event, payload, private}]}` (realtime-js `send()`
 *   falls back to it when the channel is not joined);
 * - `POST /api/broadcast/{topic}/events/{event}[?private=true]` with a JSON or
 *   `application/octet-stream` body (realtime-js `httpSend()`).
 * The caller's JWT (Authorization bearer, else apikey) must verify. Public messages go out as they are;
 * private ones only where the caller may write on the topic (INSERT probe on realtime.messages).
 */
import type { Claims } from "../pg.ts";
import { writeAccess } from "./authorization.ts";
import type { RealtimeContext } from "./connection.ts";
import { isJsonObject, jsonUserBroadcast } from "./protocol.ts";
import { checkToken, requestToken } from "./tokens.ts";
import type { Broadcast } from "./topics.ts";

interface OutgoingMessage {
  topic: string;
  isPrivate: boolean;
  broadcast: Broadcast;
}

const SINGLE_MESSAGE_PATH = /^\/api\/broadcast\/([^/]+)\/events\/([^/]+)$/;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function invalid(errors: string[]): Response {
  return json(422, { errors: { messages: errors } });
}

export function isBroadcastPath(path: string): boolean {
  return path === "/api/broadcast" || SINGLE_MESSAGE_PATH.test(path);
}

async function batchMessages(req: Request): Promise<OutgoingMessage[] | Response> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return invalid(["body must be JSON"]);
  }
  const messages = isJsonObject(body) ? body.messages : undefined;
  if (!Array.isArray(messages) || messages.length === 0) return invalid(["can't be blank"]);
  const outgoing: OutgoingMessage[] = [];
  const errors: string[] = [];
  messages.forEach((message, index) => {
    if (!isJsonObject(message)) return errors.push(`message ${index} must be an object`);
    const { topic, event, payload } = message;
    if (typeof topic !== "string" || topic === "") errors.push(`message ${index}: topic can't be blank`);
    if (typeof event !== "string" || event === "") errors.push(`message ${index}: event can't be blank`);
    if (!isJsonObject(payload)) errors.push(`message ${index}: payload must be an object`);
    if (errors.length > 0) return;
    outgoing.push({
      topic: topic as string,
      isPrivate: message.private === true,
      broadcast: { kind: "json", payload: { type: "broadcast", event, payload } },
    });
  });
  return errors.length > 0 ? invalid(errors) : outgoing;
}

async function singleMessage(req: Request, path: string): Promise<OutgoingMessage[] | Response> {
  const [, topic, event] = SINGLE_MESSAGE_PATH.exec(path)!.map(decodeURIComponent);
  const isPrivate = new URL(req.url).searchParams.get("private") === "true";
  const contentType = req.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (contentType === "application/octet-stream") {
    const payload = new Uint8Array(await req.arrayBuffer());
    return [{
      topic,
      isPrivate,
      broadcast: { kind: "user", broadcast: { event, encoding: "binary", payload } },
    }];
  }
  if (contentType !== "application/json") return json(415, { message: "Unsupported media type" });
  let payload: unknown;
  try {
    payload = await req.json();
  } catch {
    return invalid(["body must be JSON"]);
  }
  return [{ topic, isPrivate, broadcast: { kind: "user", broadcast: jsonUserBroadcast(event, payload) } }];
}

async function deliver(messages: OutgoingMessage[], claims: Claims, context: RealtimeContext): Promise<void> {
  const mayWrite = new Map<string, boolean>();
  for (const message of messages) {
    if (message.isPrivate && !mayWrite.has(message.topic)) {
      mayWrite.set(message.topic, (await writeAccess(context.sql, claims, message.topic)).broadcast);
    }
    if (message.isPrivate && !mayWrite.get(message.topic)) continue;
    context.topics.broadcast(message.topic, message.isPrivate, message.broadcast);
  }
}

export async function broadcastOverRest(
  req: Request,
  path: string,
  context: RealtimeContext,
): Promise<Response> {
  if (req.method !== "POST") return json(405, { message: "Method not allowed" });
  const token = requestToken(req);
  const checked = token ? await checkToken(token) : undefined;
  if (!checked?.ok) return json(401, { message: "Unauthorized" });
  const messages = path === "/api/broadcast" ? await batchMessages(req) : await singleMessage(req, path);
  if (messages instanceof Response) return messages;
  await deliver(messages, checked.claims, context);
  return new Response(null, { status: 202 });
}
