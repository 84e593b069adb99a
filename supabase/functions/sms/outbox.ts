/**
 * `POST /sms/outbox`: the database's SMS outbox (private.dispatch_sms, through pg_net) hands over a batch
 * `{messages: [{id, to, body, reference}]}` with `Authorization: Bearer <service role key>`; this sends each
 * through the gateway and answers `{results: [{id, status, message_id?, error?, retry_after?}]}` for every
 * message, which private.settle_sms applies:
 *
 * - `sent`: the gateway accepted it;
 * - `failed`: it never will (a number that cannot get SMS, a refused message): not tried again;
 * - `retry`: not handed over, or the gateway was busy or down: tried again later with the same reference.
 *
 * Messages not started before the deadline are answered `retry`, so the answer always comes in time.
 */
import { maskPhone } from "../_shared/bd-phone.ts";
import { type SmsGateway, SmsGatewayError } from "../_shared/sms-gateway.ts";

const MAX_MESSAGES = 100;
/** pg_net waits 30 s for the answer (private.dispatch_sms): start no message after this. */
const DEADLINE_MS = 20_000;
/** Messages in flight to the gateway at once. */
const CONCURRENCY = 8;

interface OutboxMessage {
  id: number;
  to: string;
  body: string;
  reference: string;
}

type Result =
  | { id: number; status: "sent"; message_id: string }
  | { id: number; status: "failed" | "retry"; error: string; retry_after?: number };

export async function sendOutbox(req: Request, gateway: SmsGateway): Promise<Response> {
  const key = Deno.env.get("SUPABASE_SERVICE_ROLE_KEY");
  const given = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  if (!key || !given || !sameText(given, key)) {
    return Response.json({ error: "the outbox is for the database's dispatcher only" }, { status: 401 });
  }
  let messages: OutboxMessage[];
  try {
    messages = parseBatch(await req.json());
  } catch (error) {
    return Response.json({ error: (error as Error).message }, { status: 400 });
  }

  const deadline = Date.now() + DEADLINE_MS;
  const results: Result[] = [];
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const message = messages[next++];
      results.push(
        Date.now() > deadline
          ? { id: message.id, status: "retry", error: "not started before the batch's deadline" }
          : await send(gateway, message),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, messages.length) }, worker));
  const sent = results.filter((result) => result.status === "sent").length;
  console.log(`sms: outbox batch of ${messages.length} via ${gateway.name}: ${sent} sent`);
  return Response.json({ results });
}

async function send(gateway: SmsGateway, message: OutboxMessage): Promise<Result> {
  try {
    const { messageId } = await gateway.sendSms(message);
    return { id: message.id, status: "sent", message_id: messageId };
  } catch (error) {
    if (!(error instanceof SmsGatewayError)) {
      return { id: message.id, status: "retry", error: `unexpected: ${(error as Error).message}` };
    }
    console.error(
      `sms: ${gateway.name} did not send outbox ${message.id} to ${maskPhone(message.to)}: ${error.message}`,
    );
    // A misconfigured gateway is the operator's to fix: keep the message until they have.
    const permanent = error.failure === "invalid_recipient" || error.failure === "rejected";
    return permanent ? { id: message.id, status: "failed", error: error.message } : {
      id: message.id,
      status: "retry",
      error: error.message,
      retry_after: error.details.retryAfterSeconds,
    };
  }
}

function parseBatch(payload: unknown): OutboxMessage[] {
  const messages = (payload as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages) || messages.length === 0 || messages.length > MAX_MESSAGES) {
    throw new Error(`messages must be a list of 1 to ${MAX_MESSAGES}`);
  }
  return messages.map((item) => {
    const { id, to, body, reference } = (item ?? {}) as Record<string, unknown>;
    if (
      !Number.isSafeInteger(id) || typeof to !== "string" || typeof body !== "string" || !body ||
      typeof reference !== "string" || !reference
    ) {
      throw new Error("each message needs id, to, body and reference");
    }
    return { id: id as number, to, body, reference };
  });
}

/** Compares without stopping at the first difference, so timing does not reveal the key. */
function sameText(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  let difference = left.length ^ right.length;
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    difference |= (left[i] ?? 0) ^ (right[i] ?? 0);
  }
  return difference === 0;
}
