/**
 * The SMS outbox end to end on the running stack: private.queue_sms → private.dispatch_sms → pg_net (the
 * local worker) → the `sms` Edge Function's /outbox → the gateway adapter → the dev inbox, and the answer
 * settled back into the outbox. What an operator would notice: a text arrives once, even when an answer is
 * lost or the function was down for a while; through a gateway that cannot drop a repeat (BulkSMSBD, played
 * by a double), a text whose outcome is unknown is not sent again, and the outbox says why.
 */
import assert from "node:assert/strict";
import { API_URL } from "@/devstack/config.ts";
import { asOperator } from "@/devstack/testing/db.ts";
import { inboxMessages, randomPhone } from "@/devstack/testing/auth.ts";
import type { Sql } from "@/devstack/pg.ts";
import { createFunctionsService } from "@/devstack/functions/mod.ts";
import { gatewayDouble } from "@/devstack/testing/sms_gateway.ts";

interface OutboxRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  gateway_message_id: string | null;
}

async function queue(sql: Sql, phone: string, body: string): Promise<string> {
  const [{ id }] = await sql<{ id: string }[]>`
    select private.queue_sms(${phone}, ${body}, 'test', ${`test:${crypto.randomUUID()}`}, false) as id`;
  return id;
}

async function outboxRow(sql: Sql, id: string): Promise<OutboxRow> {
  const [row] = await sql<OutboxRow[]>`
    select id, status, attempts, last_error, gateway_message_id from private.sms_outbox where id = ${id}`;
  return row;
}

/** Runs the dispatcher (as pg_cron does every minute) until the row settles as `status`. */
async function settledAs(sql: Sql, id: string, status: string): Promise<OutboxRow> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await sql`select private.dispatch_sms()`;
    const row = await outboxRow(sql, id);
    if (row.status === status) return row;
    assert.ok(Date.now() < deadline, `outbox ${id} stayed ${row.status} (${row.last_error})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

Deno.test("a queued Bengali text reaches the inbox once and the outbox records it as sent", async () => {
  const phone = randomPhone();
  await asOperator(async (sql) => {
    const id = await queue(sql, phone, "আপনার অভিযোগের অবস্থা বদলেছে");
    const row = await settledAs(sql, id, "sent");
    const messages = await inboxMessages(phone);
    assert.deepEqual(messages.map((message) => message.body), ["আপনার অভিযোগের অবস্থা বদলেছে"]);
    assert.equal(row.gateway_message_id, messages[0].id);
    assert.equal(row.attempts, 1);
  });
});

Deno.test("an answer lost on the way back: the text is tried again and still arrives only once", async () => {
  const phone = randomPhone();
  await asOperator(async (sql) => {
    // The dispatcher has heard from the stack's function that its gateway (the dev inbox) drops repeats.
    await settledAs(sql, await queue(sql, randomPhone(), "পরীক্ষা"), "sent");
    const [gateway] = await sql`select name, drops_repeats from private.sms_gateway`;
    assert.deepEqual({ ...gateway }, { name: "inbox", drops_repeats: true });
    const id = await queue(sql, phone, "পরীক্ষা: একবারই");
    // Wait until the function has sent it, then lose its answer as a crashed worker would.
    const deadline = Date.now() + 10_000;
    while ((await inboxMessages(phone)).length === 0) {
      assert.ok(Date.now() < deadline, "the text never reached the inbox");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await sql`delete from net._http_response where id = (select request_id from private.sms_outbox where id = ${id})`;
    await sql`update private.sms_outbox set lease_until = now() - interval '1 second' where id = ${id}`;
    await sql`select private.settle_sms()`;
    assert.equal((await outboxRow(sql, id)).status, "queued");
    await sql`update private.sms_outbox set next_attempt_at = now() where id = ${id}`;
    const row = await settledAs(sql, id, "sent");
    assert.equal(row.attempts, 2);
    assert.equal((await inboxMessages(phone)).length, 1, "the gateway dropped the repeat by its reference");
  });
});

Deno.test("while the function cannot be reached texts wait in the queue, then go", async () => {
  const phone = randomPhone();
  await asOperator(async (sql) => {
    const [{ url }] = await sql<
      { url: string }[]
    >`select value as url from private.settings where name = 'sms_function_url'`;
    let id: string;
    try {
      await sql`update private.settings set value = 'http://127.0.0.1:9/functions/v1/sms' where name = 'sms_function_url'`;
      id = await queue(sql, phone, "পরীক্ষা: অপেক্ষা");
      const waiting = await settledAs(sql, id, "queued");
      assert.equal(waiting.attempts, 1);
      assert.match(waiting.last_error!, /Couldn't connect to server/);
      assert.equal((await inboxMessages(phone)).length, 0);
    } finally {
      await sql`update private.settings set value = ${url} where name = 'sms_function_url'`;
    }
    await sql`update private.sms_outbox set next_attempt_at = now() where id = ${id}`;
    await settledAs(sql, id, "sent");
    assert.equal((await inboxMessages(phone)).length, 1);
  });
});

Deno.test("the function's outbox refuses callers without the service key", async () => {
  const body = JSON.stringify({ messages: [{ id: 1, to: randomPhone(), body: "x", reference: "cc-sms-x" }] });
  for (const authorization of [undefined, "Bearer not-the-key"]) {
    const response = await fetch(`${API_URL}/functions/v1/sms/outbox`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body,
    });
    assert.equal(response.status, 401);
    await response.body?.cancel();
  }
});

/** The `sms` function with the given gateway settings, served over HTTP for the stack's pg_net worker. */
async function smsFunctionWith(env: Record<string, string>) {
  const functions = await createFunctionsService({ env });
  const { promise: listening, resolve: onListen } = Promise.withResolvers<Deno.NetAddr>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen }, (req) =>
    functions.handle(req, {
      path: new URL(req.url).pathname.replace(/^\/functions\/v1/, ""),
      clientAddress: "127.0.0.1",
    }));
  const { port } = await listening;
  return {
    url: `http://127.0.0.1:${port}/functions/v1/sms`,
    [Symbol.asyncDispose]: async () => {
      await server.shutdown();
      await functions.close();
    },
  };
}

Deno.test("through BulkSMSBD, which drops no repeat, a text whose outcome is unknown is never sent twice", async () => {
  // BulkSMSBD takes the text, then answers 502: it may well go out.
  let answer = () => new Response("upstream error", { status: 502 });
  await using bulksmsbd = await gatewayDouble(() => answer());
  await using sms = await smsFunctionWith({
    SMS_GATEWAY: "bulksmsbd",
    BULKSMSBD_API_KEY: "key",
    BULKSMSBD_SENDER_ID: "8809617000000",
    BULKSMSBD_URL: `${bulksmsbd.url}/api/smsapi`,
  });
  const sent = (phone: string) =>
    bulksmsbd.requests.filter(({ fields }) => fields.number === phone.replace("+", "")).length;
  await asOperator(async (sql) => {
    const [{ url }] = await sql<{ url: string }[]>`
      select value as url from private.settings where name = 'sms_function_url'`;
    try {
      await sql`update private.settings set value = ${sms.url} where name = 'sms_function_url'`;
      await sql`insert into private.sms_gateway (name, drops_repeats) values ('inbox', true)
                on conflict (singleton) do update set name = 'inbox', drops_repeats = true`;

      // The dispatcher still believes in the inbox: the function sends nothing and sets it right.
      const phone = randomPhone();
      const id = await queue(sql, phone, "পরীক্ষা: অজানা");
      const first = await settledAs(sql, id, "queued");
      assert.match(first.last_error!, /does not drop a repeated reference, so this batch was not sent/);
      assert.equal(sent(phone), 0);
      const [gateway] = await sql`select name, drops_repeats from private.sms_gateway`;
      assert.deepEqual({ ...gateway }, { name: "bulksmsbd", drops_repeats: false });

      await sql`update private.sms_outbox set next_attempt_at = now() where id = ${id}`;
      const unknown = await settledAs(sql, id, "unknown");
      assert.match(unknown.last_error!, /^outcome unknown, not sent again .*bulksmsbd answered HTTP 502/);
      assert.equal(sent(phone), 1);
      await sql`update private.sms_outbox set next_attempt_at = now() where id = ${id}`;
      await sql`select private.dispatch_sms()`;
      assert.equal((await outboxRow(sql, id)).status, "unknown", "no dispatch takes it again");
      assert.equal(sent(phone), 1, "the gateway got it once");

      // BulkSMSBD accepts a text but the answer is lost on its way back to the database.
      answer = () => Response.json({ response_code: 202, message_id: 5150, success_message: "ok" });
      const other = randomPhone();
      const lost = await queue(sql, other, "পরীক্ষা: হারানো উত্তর");
      const deadline = Date.now() + 10_000;
      while (sent(other) === 0) {
        assert.ok(Date.now() < deadline, "the text never reached BulkSMSBD");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      await sql`delete from net._http_response
                 where id = (select request_id from private.sms_outbox where id = ${lost})`;
      await sql`update private.sms_outbox set lease_until = now() - interval '1 second' where id = ${lost}`;
      await sql`select private.dispatch_sms()`;
      const settled = await outboxRow(sql, lost);
      assert.equal(settled.status, "unknown");
      assert.match(settled.last_error!, /no answer from the sms function$/);
      assert.equal(sent(other), 1);
    } finally {
      await sql`update private.settings set value = ${url} where name = 'sms_function_url'`;
      await sql`update private.sms_gateway set name = 'inbox', drops_repeats = true`;
    }
  });
});
