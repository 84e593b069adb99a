/**
 * `POST /sms/outbox`: the database's SMS outbox (private.dispatch_sms, through pg_net) hands over a batch
 * `{messages: [{id, to, body, reference}], retry_unknown}` with `Authorization: Bearer <service role key>`;
 * this sends each through the gateway and answers `{gateway: {name, drops_repeats}, results: [{id, status,
 * message_id?, error?, retry_after?}]}` for every message, which private.settle_sms applies:
 *
 * - `sent`: the gateway accepted it;
 * - `failed`: it never will (a number that cannot get SMS, a refused message): not tried again;
 * - `retry`: not handed over, or the gateway was busy or down: tried again later with the same reference;
 * - `unknown`: the gateway may have taken it (timeout, 5xx) and does not drop a repeated reference, so
 *   sending it again could deliver it twice: not tried again, and the operator sees why.
 *
 * `retry_unknown` is what the database will do should this answer be lost: hand the batch over again. It
 * learns `drops_repeats` from these answers; a batch that would be retried blindly through a gateway that
 * does not drop repeats (the gateway was switched) is not sent at all, only answered `retry`.
 * Messages not started before the deadline are answered `retry`, so the answer always comes in time.
 */
import { maskPhone } from "../_shared/bd-phone.ts";
import { type SmsGateway, SmsGatewayError } from "../_shared/sms-gateway.ts";

const MAX_MESSAGES = 100;
/** pg_net waits 30 s for the answer (private.dispatch_sms): start no message after this. */
const DEADLINE_MS = 20_000;
/** Messages in flight to the gateway at once. */
const CONCURRENCY = 8;

interface Batch {
  messages: OutboxMessage[];
  retryUnknown: boolean;
}

interface OutboxMessage {
  id: number;
  to: string;
  body: string;
  reference: string;
}

type Result =
  | { id: number; status: "sent"; message_id: string }
  | { id: number; status: "failed" | "retry" | "unknown"; error: string; retry_after?: number };

export async function sendOutbox(req: Request, gateway: SmsGateway): Promise<Response> {
  const key = Deno.env.get("SUPABASE_SERVICE_ROLE_KEY");
  const given = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  if (!key || !given || !sameText(given, key)) {
    return Response.json({ error: "the outbox is for the database's dispatcher only" }, { status: 401 });
  }
  let batch: Batch;
  try {
    batch = parseBatch(await req.json());
  } catch (error) {
    return Response.json({ error: (error as Error).message }, { status: 400 });
  }
  const { messages } = batch;
  const about = { name: gateway.name, drops_repeats: gateway.dropsRepeats };
  if (batch.retryUnknown && !gateway.dropsRepeats) {
    const error = `${gateway.name} does not drop a repeated reference, so this batch was not sent: ` +
      "had its answer been lost the dispatcher would have sent it again (it learns from this answer)";
    console.warn(`sms: ${error}`);
    return Response.json({
      gateway: about,
      results: messages.map(({ id }) => ({ id, status: "retry", error })),
    });
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
  return Response.json({ gateway: about, results });
}

async function send(gateway: SmsGateway, message: OutboxMessage): Promise<Result> {
  try {
    const { messageId } = await gateway.sendSms(message);
    return { id: message.id, status: "sent", message_id: messageId };
  } catch (error) {
    const known = error instanceof SmsGatewayError;
    const reason = known ? error.message : `unexpected: ${(error as Error).message}`;
    console.error(
      `sms: ${gateway.name} did not send outbox ${message.id} to ${maskPhone(message.to)}: ${reason}`,
    );
    // An unexpected error may come after the hand-over, as a timeout does.
    const failure = known ? error.failure : "unknown";
    if (failure === "invalid_recipient" || failure === "rejected") {
      return { id: message.id, status: "failed", error: reason };
    }
    if (failure === "unknown" && !gateway.dropsRepeats) {
      return { id: message.id, status: "unknown", error: reason };
    }
    // Not handed over, or handed over to a gateway that drops the repeat; a misconfigured gateway is the
    // operator's to fix: keep the message until they have.
    return {
      id: message.id,
      status: "retry",
      error: reason,
      retry_after: known ? error.details.retryAfterSeconds : undefined,
    };
  }
}

function parseBatch(payload: unknown): Batch {
  const { messages, retry_unknown } = (payload ?? {}) as { messages?: unknown; retry_unknown?: unknown };
  if (!Array.isArray(messages) || messages.length === 0 || messages.length > MAX_MESSAGES) {
    throw new Error(`messages must be a list of 1 to ${MAX_MESSAGES}`);
  }
  if (typeof retry_unknown !== "boolean") throw new Error("retry_unknown must be true or false");
  return {
    retryUnknown: retry_unknown,
    messages: messages.map((item) => {
      const { id, to, body, reference } = (item ?? {}) as Record<string, unknown>;
      if (
        !Number.isSafeInteger(id) || typeof to !== "string" || typeof body !== "string" || !body ||
        typeof reference !== "string" || !reference
      ) {
        throw new Error("each message needs id, to, body and reference");
      }
      return { id: id as number, to, body, reference };
    }),
  };
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
