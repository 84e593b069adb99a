/**
 * The SMS outbox end to end on the running stack: private.queue_sms → private.dispatch_sms → pg_net (the
 * local worker) → the `sms` Edge Function's /outbox → the gateway adapter → the dev inbox, and the answer
 * settled back into the outbox. What an operator would notice: a text arrives once, even when an answer is
 * lost or the function was down for a while.
 */
import assert from "node:assert/strict";
import { API_URL } from "@/devstack/config.ts";
import { asOperator } from "@/devstack/testing/db.ts";
import { inboxMessages, randomPhone } from "@/devstack/testing/auth.ts";
import type { Sql } from "@/devstack/pg.ts";

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
