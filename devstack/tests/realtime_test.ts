/**
 * Realtime through the gateway with the official supabase-js client: broadcast (text and binary, self,
 * ack), presence, private channels authorised by RLS on realtime.messages (the `user:<uid>` policies),
 * broadcast from the database with realtime.send, REST broadcast, token expiry and refresh, vsn 1.0.0.
 * Users sign in for real: phone OTP through Auth, the code read from the dev inbox.
 */
import assert from "node:assert/strict";
import { REALTIME_SUBSCRIBE_STATES, type RealtimeChannel, type SupabaseClient } from "@supabase/supabase-js";
import { API_URL } from "../config.ts";
import { ANON_KEY, SERVICE_ROLE_KEY, signJwt } from "../keys.ts";
import { sharedSignedInUsers, supabaseClient } from "../testing/auth.ts";
import { asOperator } from "../testing/db.ts";

const WAIT_MS = 5_000;

/**
 * A client for one test. Declared with `await using`, it closes its channels and socket when the test
 * ends, passed or failed, so no timer or socket outlives the test.
 */
function testClient(options?: Parameters<typeof supabaseClient>[0]): SupabaseClient & AsyncDisposable {
  const client = supabaseClient(options);
  return Object.assign(client, {
    [Symbol.asyncDispose]: async () => {
      await client.removeAllChannels();
    },
  });
}

/**
 * A test client whose Realtime connection uses `accessToken`. As Supabase's docs say for private
 * channels, the token is set before subscribing, so that the join carries it.
 */
async function clientWithToken(accessToken: string): Promise<SupabaseClient & AsyncDisposable> {
  const client = testClient();
  await client.realtime.setAuth(accessToken);
  return client;
}

/** Unique channel names, so that runs against the same stack never hear each other. */
function uniqueName(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/** Resolves `promise`, or fails after WAIT_MS with `what` in the message. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Collects what a listener receives and lets a test wait for the n-th item. */
class Inbox<T> {
  readonly items: T[] = [];
  #waiters: { count: number; resolve: () => void }[] = [];

  readonly add = (item: T): void => {
    this.items.push(item);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (this.items.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  };

  async waitFor(count: number, what: string): Promise<T[]> {
    if (this.items.length < count) {
      await within(new Promise<void>((resolve) => this.#waiters.push({ count, resolve })), what);
    }
    return this.items;
  }
}

type SubscribeOutcome = { status: `${REALTIME_SUBSCRIBE_STATES}`; error?: Error };

/** Subscribes and resolves with the first outcome other than a (re)join in progress. */
function subscribe(channel: RealtimeChannel): Promise<SubscribeOutcome> {
  return within(
    new Promise((resolve) => channel.subscribe((status, error) => resolve({ status, error }))),
    `the join of ${channel.topic}`,
  );
}

async function subscribed(channel: RealtimeChannel): Promise<RealtimeChannel> {
  const outcome = await subscribe(channel);
  assert.equal(outcome.status, "SUBSCRIBED", outcome.error?.message);
  return channel;
}

// ---------------------------------------------------------------------------------------------------
// Public channels
// ---------------------------------------------------------------------------------------------------

Deno.test("a broadcast reaches the other subscribers but not the sender without `self`", async () => {
  await using alice = testClient();
  await using bob = testClient();
  const room = uniqueName("room");
  const heardByAlice = new Inbox<Record<string, unknown>>();
  const heardByBob = new Inbox<Record<string, unknown>>();
  const aliceRoom = await subscribed(alice.channel(room).on("broadcast", { event: "*" }, heardByAlice.add));
  const bobRoom = await subscribed(bob.channel(room).on("broadcast", { event: "*" }, heardByBob.add));

  assert.equal(
    await aliceRoom.send({ type: "broadcast", event: "greeting", payload: { text: "সালাম" } }),
    "ok",
  );
  const [greeting] = await heardByBob.waitFor(1, "Bob to hear Alice");
  assert.deepEqual(greeting, { type: "broadcast", event: "greeting", payload: { text: "সালাম" } });

  // Bob answers; had Alice's own message come back to her, it would have arrived before the answer.
  await bobRoom.send({ type: "broadcast", event: "answer", payload: { text: "ওয়ালাইকুম" } });
  const heard = await heardByAlice.waitFor(1, "Alice to hear Bob");
  assert.deepEqual(heard.map((message) => message.event), ["answer"]);
});

Deno.test("with `self` the sender hears itself, and with `ack` send() resolves once the server has it", async () => {
  await using client = testClient();
  const heard = new Inbox<Record<string, unknown>>();
  const channel = await subscribed(
    client.channel(uniqueName("echo"), { config: { broadcast: { self: true, ack: true } } })
      .on("broadcast", { event: "ping" }, heard.add),
  );
  assert.equal(await channel.send({ type: "broadcast", event: "ping", payload: { n: 1 } }), "ok");
  const [echo] = await heard.waitFor(1, "the echo");
  assert.deepEqual(echo.payload, { n: 1 });
});

Deno.test("binary broadcast payloads arrive byte for byte", async () => {
  await using sender = testClient();
  await using receiver = testClient();
  const topic = uniqueName("bytes");
  const heard = new Inbox<{ payload: ArrayBuffer }>();
  const sending = await subscribed(sender.channel(topic));
  await subscribed(receiver.channel(topic).on("broadcast", { event: "blob" }, heard.add));
  const bytes = new Uint8Array([0, 1, 127, 128, 255]);
  await sending.send({ type: "broadcast", event: "blob", payload: bytes.buffer });
  const [message] = await heard.waitFor(1, "the binary broadcast");
  assert.deepEqual(new Uint8Array(message.payload), bytes);
});

Deno.test("a vsn 1.0.0 client and a vsn 2.0.0 client talk on the same channel", async () => {
  await using legacy = testClient({ realtimeVsn: "1.0.0" });
  await using current = testClient();
  const topic = uniqueName("mixed");
  const heardByLegacy = new Inbox<Record<string, unknown>>();
  const heardByCurrent = new Inbox<Record<string, unknown>>();
  const legacyChannel = await subscribed(
    legacy.channel(topic).on("broadcast", { event: "*" }, heardByLegacy.add),
  );
  const currentChannel = await subscribed(
    current.channel(topic).on("broadcast", { event: "*" }, heardByCurrent.add),
  );
  await currentChannel.send({ type: "broadcast", event: "from-v2", payload: { n: 2 } });
  await legacyChannel.send({ type: "broadcast", event: "from-v1", payload: { n: 1 } });
  assert.deepEqual((await heardByLegacy.waitFor(1, "the v1 client to hear"))[0].payload, { n: 2 });
  assert.deepEqual((await heardByCurrent.waitFor(1, "the v2 client to hear"))[0].payload, { n: 1 });
});

Deno.test("the server answers heartbeats", async () => {
  await using client = testClient();
  const answered = new Promise<void>((resolve) =>
    client.realtime.onHeartbeat((status) => status === "ok" && resolve())
  );
  await subscribed(client.channel(uniqueName("beat")));
  await client.realtime.sendHeartbeat();
  await within(answered, "a heartbeat reply");
});

Deno.test("presence: each member sees the others join and leave", async () => {
  await using alice = testClient();
  await using bob = testClient();
  const lobby = uniqueName("lobby");
  const joins = new Inbox<{ key: string; newPresences: Record<string, unknown>[] }>();
  const leaves = new Inbox<{ key: string }>();
  const aliceLobby = alice.channel(lobby, { config: { presence: { key: "alice" } } })
    .on("presence", { event: "join" }, joins.add)
    .on("presence", { event: "leave" }, leaves.add);
  await subscribed(aliceLobby);
  assert.equal(await aliceLobby.track({ name: "Alice", ward: 7 }), "ok");
  await joins.waitFor(1, "Alice to see herself");

  const bobLobby = bob.channel(lobby, { config: { presence: { key: "bob" } } });
  const bobSynced = new Inbox<void>();
  bobLobby.on("presence", { event: "sync" }, () => bobSynced.add());
  await subscribed(bobLobby);
  await bobSynced.waitFor(1, "Bob's first presence sync");
  assert.deepEqual(Object.keys(bobLobby.presenceState()), ["alice"]);

  assert.equal(await bobLobby.track({ name: "Bob" }), "ok");
  const [, bobJoined] = await joins.waitFor(2, "Alice to see Bob join");
  assert.equal(bobJoined.key, "bob");
  assert.equal(bobJoined.newPresences[0].name, "Bob");
  assert.deepEqual(Object.keys(aliceLobby.presenceState()).sort(), ["alice", "bob"]);

  await bob.removeChannel(bobLobby);
  const [bobLeft] = await leaves.waitFor(1, "Alice to see Bob leave");
  assert.equal(bobLeft.key, "bob");
  assert.deepEqual(Object.keys(aliceLobby.presenceState()), ["alice"]);
});

// ---------------------------------------------------------------------------------------------------
// Private channels, database and REST broadcast, tokens
// ---------------------------------------------------------------------------------------------------

Deno.test("a private user:<uid> channel admits its owner and refuses anyone else", async () => {
  const [a, b] = await sharedSignedInUsers();
  await using owner = await clientWithToken(a.accessToken);
  await using other = await clientWithToken(b.accessToken);
  await subscribed(owner.channel(`user:${a.id}`, { config: { private: true } }));
  const refused = other.channel(`user:${a.id}`, { config: { private: true } });
  const outcome = await subscribe(refused);
  assert.equal(outcome.status, "CHANNEL_ERROR");
  assert.match(
    outcome.error?.message ?? "",
    /^Unauthorized: You do not have permissions to read from this Channel/,
  );
  // Without a signed-in user (the anon key) the channel is refused too.
  await using anonymous = testClient();
  assert.equal(
    (await subscribe(anonymous.channel(`user:${a.id}`, { config: { private: true } }))).status,
    "CHANNEL_ERROR",
  );
});

Deno.test("realtime.send reaches the private subscriber only; a public one of the same name hears public messages", async () => {
  const [a] = await sharedSignedInUsers();
  await using owner = await clientWithToken(a.accessToken);
  await using outsider = testClient();
  const topic = `user:${a.id}`;
  const heardByOwner = new Inbox<{ payload: Record<string, unknown>; meta?: { id: string } }>();
  const heardByOutsider = new Inbox<{ payload: Record<string, unknown> }>();
  await subscribed(
    owner.channel(topic, { config: { private: true } }).on(
      "broadcast",
      { event: "note" },
      heardByOwner.add,
    ),
  );
  await subscribed(outsider.channel(topic).on("broadcast", { event: "note" }, heardByOutsider.add));

  await asOperator((sql) =>
    sql`select realtime.send(${sql.json({ text: "for A only" })}, 'note', ${topic}, true)`
  );
  const [privateNote] = await heardByOwner.waitFor(1, "the private message");
  assert.equal(privateNote.payload.text, "for A only");
  assert.equal(privateNote.payload.id, privateNote.meta?.id, "the payload and meta carry the message id");

  // Messages from the database go out in commit order: once the public one arrives, the private one
  // would have reached the outsider before it.
  await asOperator((sql) =>
    sql`select realtime.send(${sql.json({ text: "for everyone" })}, 'note', ${topic}, false)`
  );
  const heard = await heardByOutsider.waitFor(1, "the public message");
  assert.deepEqual(heard.map((note) => note.payload.text), ["for everyone"]);
  assert.equal(heardByOwner.items.length, 1, "the private subscriber does not get public messages");
});

Deno.test("broadcasts larger than a NOTIFY payload still arrive", async () => {
  const [a] = await sharedSignedInUsers();
  await using owner = await clientWithToken(a.accessToken);
  const heard = new Inbox<{ payload: { text: string } }>();
  await subscribed(
    owner.channel(`user:${a.id}`, { config: { private: true } }).on(
      "broadcast",
      { event: "long" },
      heard.add,
    ),
  );
  const text = "ক".repeat(20_000);
  await asOperator((sql) => sql`select realtime.send(${sql.json({ text })}, 'long', ${`user:${a.id}`})`);
  assert.equal((await heard.waitFor(1, "the long message"))[0].payload.text, text);
});

/** POSTs a batch to the REST broadcast endpoint with `token` and returns the status. */
async function restBroadcast(token: string, messages: Record<string, unknown>[]): Promise<number> {
  const response = await fetch(`${API_URL}/realtime/v1/api/broadcast`, {
    method: "POST",
    headers: { apikey: ANON_KEY, authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ messages }),
  });
  await response.body?.cancel();
  return response.status;
}

Deno.test("on a private channel only those who may write can broadcast", async () => {
  const [a, b] = await sharedSignedInUsers();
  await using owner = await clientWithToken(a.accessToken);
  const topic = `user:${a.id}`;
  const heardByOwner = new Inbox<Record<string, unknown>>();
  const ownerChannel = await subscribed(
    owner.channel(topic, { config: { private: true, broadcast: { self: true, ack: true } } })
      .on("broadcast", { event: "*" }, heardByOwner.add),
  );
  assert.equal(await ownerChannel.send({ type: "broadcast", event: "mine", payload: {} }), "ok");
  assert.equal((await heardByOwner.waitFor(1, "the owner's own broadcast"))[0].event, "mine");

  // REST answers 202 either way, but delivers only what the caller may write: B may not, the server may.
  const message = { topic, payload: {}, private: true };
  assert.equal(await restBroadcast(b.accessToken, [{ ...message, event: "intruder" }]), 202);
  assert.equal(await restBroadcast(SERVICE_ROLE_KEY, [{ ...message, event: "from-server" }]), 202);
  const heard = await heardByOwner.waitFor(2, "the server's broadcast");
  assert.deepEqual(heard.map((received) => received.event), ["mine", "from-server"]);
});

Deno.test("REST broadcast: batch and single-message endpoints reach subscribers", async () => {
  await using listener = testClient();
  await using sender = testClient();
  const news = uniqueName("news");
  const heard = new Inbox<{ event: string; payload: unknown }>();
  await subscribed(listener.channel(news).on("broadcast", { event: "*" }, heard.add));

  const response = await fetch(`${API_URL}/realtime/v1/api/broadcast`, {
    method: "POST",
    headers: { apikey: SERVICE_ROLE_KEY, "content-type": "application/json" },
    body: JSON.stringify({
      messages: [{ topic: news, event: "headline", payload: { title: "Roads cleaned" } }],
    }),
  });
  assert.equal(response.status, 202);
  await response.body?.cancel();
  const [headline] = await heard.waitFor(1, "the batch broadcast");
  assert.deepEqual(headline, { type: "broadcast", event: "headline", payload: { title: "Roads cleaned" } });

  // httpSend() posts one message to /api/broadcast/<topic>/events/<event>.
  const result = await sender.channel(news).httpSend("notice", { ward: 12 });
  assert.deepEqual(result, { success: true });
  const [, notice] = await heard.waitFor(2, "the single-message broadcast");
  assert.deepEqual([notice.event, notice.payload], ["notice", { ward: 12 }]);
});

Deno.test("REST broadcast refuses tokens that do not verify and malformed batches", async () => {
  const forged = await signJwt({ role: "service_role", exp: Math.floor(Date.now() / 1000) - 10 });
  const expired = await fetch(`${API_URL}/realtime/v1/api/broadcast`, {
    method: "POST",
    headers: { apikey: ANON_KEY, authorization: `Bearer ${forged}`, "content-type": "application/json" },
    body: JSON.stringify({ messages: [{ topic: "t", event: "e", payload: {} }] }),
  });
  assert.equal(expired.status, 401);
  assert.deepEqual(await expired.json(), { message: "Unauthorized" });

  const malformed = await fetch(`${API_URL}/realtime/v1/api/broadcast`, {
    method: "POST",
    headers: { apikey: ANON_KEY, "content-type": "application/json" },
    body: JSON.stringify({ messages: [{ topic: "t" }] }),
  });
  assert.equal(malformed.status, 422);
  await malformed.body?.cancel();
});

Deno.test("a channel closes with a system message when its token expires, and an expired token cannot join", async () => {
  const claims = { role: "authenticated", sub: crypto.randomUUID(), aud: "authenticated" };
  const now = Math.floor(Date.now() / 1000);
  await using shortLived = await clientWithToken(await signJwt({ ...claims, exp: now + 2 }));
  await using expired = await clientWithToken(await signJwt({ ...claims, exp: now - 5 }));
  const system = new Inbox<{ status: string; message: string; extension: string }>();
  const statuses = new Inbox<string>();
  const channel = shortLived.channel(uniqueName("expiring")).on("system", {}, system.add);
  channel.subscribe((status) => statuses.add(status));
  await statuses.waitFor(1, "the join");
  assert.equal(statuses.items[0], "SUBSCRIBED");
  const [notice] = await system.waitFor(1, "the expiry notice");
  assert.equal(notice.extension, "system");
  assert.equal(notice.status, "error");
  assert.match(notice.message, /^Token has expired \d+ seconds ago$/);
  await statuses.waitFor(2, "the channel to close");
  assert.equal(statuses.items[1], "CLOSED");

  const refused = await subscribe(expired.channel(uniqueName("late")));
  assert.equal(refused.status, "CHANNEL_ERROR");
  assert.match(refused.error?.message ?? "", /^InvalidJWTToken: Token has expired/);
});

Deno.test("a token refresh that loses read access closes the private channel", async () => {
  const [a, b] = await sharedSignedInUsers();
  await using client = await clientWithToken(a.accessToken);
  const system = new Inbox<{ message: string }>();
  const channel = client.channel(`user:${a.id}`, { config: { private: true } }).on(
    "system",
    {},
    system.add,
  );
  await subscribed(channel);
  // The client pushes the new token to every joined channel.
  await client.realtime.setAuth(b.accessToken);
  const [notice] = await system.waitFor(1, "the revocation notice");
  assert.equal(
    notice.message,
    `You no longer have permission to read from this Channel topic: user:${a.id}`,
  );
});

Deno.test("postgres_changes bindings are acknowledged and explained as unavailable", async () => {
  await using client = testClient();
  const system = new Inbox<{ extension: string; status: string; message: string }>();
  const channel = client.channel(uniqueName("changes"))
    .on("postgres_changes", { event: "*", schema: "public", table: "complaints" }, () => {})
    .on("system", {}, system.add);
  await subscribed(channel);
  const [notice] = await system.waitFor(1, "the system notice");
  assert.equal(notice.extension, "postgres_changes");
  assert.equal(notice.status, "error");
  assert.match(notice.message, /realtime\.broadcast_changes/);
});
