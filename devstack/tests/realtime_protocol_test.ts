/**
 * The frame codec against realtime-js's own serializer: whatever supabase-js 2.x puts on the wire must
 * decode here, and whatever the local service sends must decode there.
 */
import assert from "node:assert/strict";
import { RealtimeClient } from "@supabase/supabase-js";
import {
  decodeClientFrame,
  encodeMessage,
  encodeUserBroadcast,
  jsonUserBroadcast,
  type Message,
  parseVsn,
  type UserBroadcast,
} from "../realtime/protocol.ts";

/** The serializer supabase-js uses for vsn 2.0.0 (constructing the client opens no connection). */
const clientSerializer =
  new RealtimeClient("ws://127.0.0.1/realtime/v1", { params: { apikey: "key" } }).serializer;

/** `message` with its fields named as supabase-js names them (join_ref). */
function inClientTerms({ joinRef, ...message }: Message) {
  return { join_ref: joinRef, ...message };
}

/** What supabase-js puts on the wire for `message`. */
function clientEncode(message: Message): string | ArrayBuffer {
  let encoded: string | ArrayBuffer = "";
  clientSerializer.encode(inClientTerms(message), (result) => (encoded = result));
  return encoded as string | ArrayBuffer;
}

/** What supabase-js sends for `channel.send({ type: "broadcast", event, payload })` on realtime:room. */
function clientBroadcast(ref: string, event: string, payload: unknown): string | ArrayBuffer {
  return clientEncode({
    joinRef: "4",
    ref,
    topic: "realtime:room",
    event: "broadcast",
    payload: { type: "broadcast", event, payload },
  });
}

function clientDecode(frame: string | Uint8Array): Record<string, unknown> {
  let decoded: Record<string, unknown> = {};
  const raw = typeof frame === "string" ? frame : frame.slice().buffer;
  clientSerializer.decode(raw, (result: Record<string, unknown>) => (decoded = result));
  return decoded;
}

/** A JSON user broadcast on realtime:room as a client decodes it: a Phoenix message without refs. */
function receivedBroadcast(event: string, payload: object): Record<string, unknown> {
  return {
    join_ref: null,
    ref: null,
    topic: "realtime:room",
    event: "broadcast",
    payload: { type: "broadcast", event, payload },
  };
}

Deno.test("vsn query parameter picks the serializer, defaulting to 1.0.0 like Phoenix", () => {
  assert.equal(parseVsn(null), "1.0.0");
  assert.equal(parseVsn("2.0.0"), "2.0.0");
  assert.equal(parseVsn("3.0.0"), null);
});

Deno.test("a supabase-js join frame decodes as a Phoenix message", () => {
  const join = {
    joinRef: "1",
    ref: "1",
    topic: "realtime:room",
    event: "phx_join",
    payload: { config: { broadcast: { self: true } }, access_token: "t" },
  };
  const frame = clientEncode(join);
  assert.equal(typeof frame, "string");
  assert.deepEqual(decodeClientFrame("2.0.0", frame), join);
});

Deno.test("a supabase-js JSON broadcast is a binary kind 3 push carrying the user event and payload", () => {
  const frame = clientBroadcast("7", "cursor", { x: 1, label: "ঢাকা" });
  assert.ok(frame instanceof ArrayBuffer);
  const decoded = decodeClientFrame("2.0.0", frame);
  assert.equal(decoded.joinRef, "4");
  assert.equal(decoded.ref, "7");
  assert.equal(decoded.topic, "realtime:room");
  assert.equal(decoded.event, "broadcast");
  assert.equal(decoded.userBroadcast?.event, "cursor");
  assert.equal(decoded.userBroadcast?.encoding, "json");
  assert.deepEqual(
    JSON.parse(new TextDecoder().decode(decoded.userBroadcast?.payload)),
    { x: 1, label: "ঢাকা" },
  );
});

Deno.test("a supabase-js binary broadcast keeps its bytes", () => {
  const bytes = new Uint8Array([0, 1, 2, 250]);
  const frame = clientBroadcast("8", "blob", bytes.buffer);
  const decoded = decodeClientFrame("2.0.0", frame);
  assert.equal(decoded.userBroadcast?.encoding, "binary");
  assert.deepEqual(decoded.userBroadcast?.payload, bytes);
});

Deno.test("replies are V2 arrays on 2.0.0 and objects on 1.0.0", () => {
  const reply = {
    joinRef: "1",
    ref: "2",
    topic: "realtime:room",
    event: "phx_reply",
    payload: { status: "ok", response: {} },
  };
  // Either way the client reads the same Phoenix message.
  assert.deepEqual(clientDecode(encodeMessage("2.0.0", reply)), inClientTerms(reply));
  assert.deepEqual(JSON.parse(encodeMessage("1.0.0", reply)), inClientTerms(reply));
});

Deno.test("a user broadcast reaches a 2.0.0 client as a kind 4 frame it decodes", () => {
  const frame = encodeUserBroadcast("2.0.0", "realtime:room", jsonUserBroadcast("cursor", { x: 2 }));
  assert.ok(frame instanceof Uint8Array);
  assert.deepEqual(clientDecode(frame), receivedBroadcast("cursor", { x: 2 }));
});

Deno.test("a binary user broadcast reaches 2.0.0 clients as bytes and is withheld from 1.0.0 clients", () => {
  const broadcast: UserBroadcast = { event: "blob", encoding: "binary", payload: new Uint8Array([9, 8, 7]) };
  const frame = encodeUserBroadcast("2.0.0", "realtime:room", broadcast);
  assert.ok(frame instanceof Uint8Array);
  const decoded = clientDecode(frame) as { payload: { payload: ArrayBuffer } };
  assert.deepEqual(new Uint8Array(decoded.payload.payload), new Uint8Array([9, 8, 7]));
  assert.equal(encodeUserBroadcast("1.0.0", "realtime:room", broadcast), null);
});

Deno.test("a JSON user broadcast reaches 1.0.0 clients as a JSON broadcast message", () => {
  const frame = encodeUserBroadcast("1.0.0", "realtime:room", jsonUserBroadcast("cursor", { x: 3 }));
  assert.equal(typeof frame, "string");
  assert.deepEqual(JSON.parse(frame as string), receivedBroadcast("cursor", { x: 3 }));
});

Deno.test("malformed frames are rejected", () => {
  assert.throws(() => decodeClientFrame("2.0.0", "{}"));
  assert.throws(() => decodeClientFrame("1.0.0", '[null,null,"t","e",{}]'));
  assert.throws(() => decodeClientFrame("2.0.0", new Uint8Array([3, 5, 0, 0, 0, 0, 1])));
  assert.throws(() => decodeClientFrame("1.0.0", new Uint8Array([3])));
});
