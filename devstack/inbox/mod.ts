/**
 * The dev SMS inbox on :54324: where the SMS-gateway adapter's local target delivers, for people (`GET /`)
 * and tests (`/api/messages`). Nothing here reaches a phone.
 *
 * - `POST /api/messages` `{to, body, reference?}` → 201 `{id, to, body, sent_at}`; a reference sent before
 *   → 200 with that first message (a retried message is not delivered twice)
 * - `GET /api/messages?to=+8801…&limit=` → `[{id, to, body, sent_at}]`, newest first
 * - `DELETE /api/messages?to=+8801…` (or all) → `{deleted}`
 */
import { HOST, PORTS, STATE_DIR } from "../config.ts";
import { normaliseBdMobile } from "../../supabase/functions/_shared/bd-phone.ts";
import { inboxPage } from "./page.ts";
import { MessageStore } from "./store.ts";

export interface InboxOptions {
  /** Default 54324; 0 picks a free port (tests). */
  port?: number;
  /** Messages go to `<stateDir>/inbox/messages.jsonl`; default the stack's state folder. */
  stateDir?: string;
}

export interface RunningInbox {
  /** e.g. `http://127.0.0.1:54324`. */
  url: string;
  close(): Promise<void>;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1_000;
/** Longer than any real SMS (10 concatenated Unicode parts). */
const MAX_BODY_CHARS = 670;

export async function startInbox(options: InboxOptions = {}): Promise<RunningInbox> {
  const folder = `${options.stateDir ?? STATE_DIR}/inbox`;
  await Deno.mkdir(folder, { recursive: true });
  const store = await MessageStore.open(`${folder}/messages.jsonl`);
  const { promise: listening, resolve: onListen } = Promise.withResolvers<Deno.NetAddr>();
  const server = Deno.serve(
    { hostname: HOST, port: options.port ?? PORTS.inbox, onListen },
    (req) => route(req, store),
  );
  const { port } = await listening;
  return {
    url: `http://${HOST}:${port}`,
    async close() {
      await server.shutdown();
      await store.flush().catch(() => {});
    },
  };
}

async function route(req: Request, store: MessageStore): Promise<Response> {
  const url = new URL(req.url);
  if (url.pathname === "/api/messages") {
    if (req.method === "POST") return await receive(req, store);
    if (req.method === "GET") return list(url, store);
    if (req.method === "DELETE") return await clear(url, store);
    return problem(405, "use GET, POST or DELETE", { allow: "GET, POST, DELETE" });
  }
  if (url.pathname === "/") {
    if (req.method !== "GET" && req.method !== "HEAD") return problem(405, "use GET", { allow: "GET, HEAD" });
    const input = url.searchParams.get("to")?.trim() || undefined;
    const to = input ? normaliseBdMobile(input) ?? undefined : undefined;
    const messages = input && !to ? [] : store.list({ to, limit: DEFAULT_LIMIT });
    return new Response(inboxPage(messages, { input, to }), {
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    });
  }
  return problem(404, "not found");
}

async function receive(req: Request, store: MessageStore): Promise<Response> {
  let message: { to?: unknown; body?: unknown; reference?: unknown };
  try {
    message = await req.json();
  } catch {
    return problem(400, "the body must be JSON {to, body}");
  }
  const to = typeof message?.to === "string" ? normaliseBdMobile(message.to) : null;
  if (!to) return problem(400, "to must be a Bangladeshi mobile number, +8801XXXXXXXXX");
  const body = message.body;
  if (typeof body !== "string" || !body.trim()) return problem(400, "body must be a non-empty string");
  if (body.length > MAX_BODY_CHARS) return problem(400, `body is longer than ${MAX_BODY_CHARS} characters`);
  const reference = message.reference;
  if (reference !== undefined && (typeof reference !== "string" || !reference || reference.length > 100)) {
    return problem(400, "reference must be a string of 1 to 100 characters");
  }
  const { duplicate, ...stored } = await store.add(to, body, reference);
  return Response.json(stored, { status: duplicate ? 200 : 201 });
}

function list(url: URL, store: MessageStore): Response {
  const to = recipientFilter(url);
  if (to === null) return problem(400, "to must be a Bangladeshi mobile number, +8801XXXXXXXXX");
  const limit = Number(url.searchParams.get("limit") ?? DEFAULT_LIMIT);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return problem(400, `limit must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  return Response.json(store.list({ to, limit }), { headers: { "cache-control": "no-store" } });
}

async function clear(url: URL, store: MessageStore): Promise<Response> {
  const to = recipientFilter(url);
  if (to === null) return problem(400, "to must be a Bangladeshi mobile number, +8801XXXXXXXXX");
  return Response.json({ deleted: await store.clear(to) });
}

/** The `to` query parameter normalised; undefined when absent, null when it is not a BD mobile number. */
function recipientFilter(url: URL): string | undefined | null {
  const to = url.searchParams.get("to");
  return to === null ? undefined : normaliseBdMobile(to);
}

function problem(status: number, error: string, headers?: Record<string, string>): Response {
  return Response.json({ error }, { status, headers });
}
