/**
 * Phoenix channel frames as Supabase Realtime speaks them.
 *
 * - vsn 1.0.0: text frames holding a JSON object `{join_ref, ref, topic, event, payload}`.
 * - vsn 2.0.0: text frames holding a JSON array `[join_ref, ref, topic, event, payload]`, plus binary
 *   frames for user broadcasts. A client pushes kind 3 (join_ref, ref, topic, user event, metadata, payload
 *   encoding, payload); the server fans out kind 4 (topic, user event, metadata, payload encoding,
 *   payload). Each string is preceded by its byte length in one byte, so each is at most 255 bytes.
 */

export type Vsn = "1.0.0" | "2.0.0";
/** The serializer Phoenix picks when the client names none. */
export const DEFAULT_VSN: Vsn = "1.0.0";

export function parseVsn(value: string | null): Vsn | null {
  if (value === null) return DEFAULT_VSN;
  return value === "1.0.0" || value === "2.0.0" ? value : null;
}

export type JsonObject = Record<string, unknown>;

export interface Message {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: JsonObject;
}

/** A broadcast whose user payload travels as bytes, either JSON text or opaque binary. */
export interface UserBroadcast {
  event: string;
  encoding: "json" | "binary";
  payload: Uint8Array;
}

/** A decoded client frame; a binary broadcast push carries its user payload in `userBroadcast`. */
export interface ClientFrame extends Message {
  userBroadcast?: UserBroadcast;
}

export class ProtocolError extends Error {}

const USER_BROADCAST_PUSH = 3;
const USER_BROADCAST = 4;
const BINARY_ENCODING = 0;
const JSON_ENCODING = 1;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw new ProtocolError(`${field} must be a string`);
}

function requiredString(value: unknown, field: string): string {
  if (typeof value !== "string") throw new ProtocolError(`${field} must be a string`);
  return value;
}

function textFrame(vsn: Vsn, text: string): ClientFrame {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ProtocolError("frame is not JSON");
  }
  let fields: unknown[];
  if (vsn === "2.0.0") {
    if (!Array.isArray(parsed) || parsed.length < 5) throw new ProtocolError("expected a V2 array");
    fields = parsed;
  } else {
    if (!isJsonObject(parsed)) throw new ProtocolError("expected a V1 object");
    fields = [parsed.join_ref, parsed.ref, parsed.topic, parsed.event, parsed.payload];
  }
  const [joinRef, ref, topic, event, payload] = fields;
  return {
    joinRef: optionalString(joinRef, "join_ref"),
    ref: optionalString(ref, "ref"),
    topic: requiredString(topic, "topic"),
    event: requiredString(event, "event"),
    payload: isJsonObject(payload) ? payload : {},
  };
}

function binaryFrame(bytes: Uint8Array): ClientFrame {
  if (bytes[0] !== USER_BROADCAST_PUSH) throw new ProtocolError(`unsupported binary frame kind ${bytes[0]}`);
  const headerLength = 7;
  if (bytes.length < headerLength) throw new ProtocolError("truncated binary frame");
  const [joinRefSize, refSize, topicSize, eventSize, metadataSize, encoding] = bytes.subarray(
    1,
    headerLength,
  );
  let offset = headerLength;
  const take = (size: number) => {
    if (offset + size > bytes.length) throw new ProtocolError("truncated binary frame");
    const part = decoder.decode(bytes.subarray(offset, offset + size));
    offset += size;
    return part;
  };
  const joinRef = take(joinRefSize);
  const ref = take(refSize);
  const topic = take(topicSize);
  const event = take(eventSize);
  take(metadataSize); // client metadata is not used by Realtime either
  const payload = bytes.slice(offset);
  return {
    joinRef: joinRef || null,
    ref: ref || null,
    topic,
    event: "broadcast",
    payload: { type: "broadcast", event },
    userBroadcast: { event, encoding: encoding === BINARY_ENCODING ? "binary" : "json", payload },
  };
}

/** Decodes one websocket frame from a client using the connection's serializer. */
export function decodeClientFrame(vsn: Vsn, data: string | ArrayBuffer | Uint8Array): ClientFrame {
  if (typeof data === "string") return textFrame(vsn, data);
  if (vsn !== "2.0.0") throw new ProtocolError("binary frames need vsn 2.0.0");
  return binaryFrame(data instanceof Uint8Array ? data : new Uint8Array(data));
}

/** Encodes a server message as a text frame. */
export function encodeMessage(vsn: Vsn, message: Message): string {
  const { joinRef, ref, topic, event, payload } = message;
  if (vsn === "2.0.0") return JSON.stringify([joinRef, ref, topic, event, payload]);
  return JSON.stringify({ join_ref: joinRef, ref, topic, event, payload });
}

function lengthPrefixed(value: string, field: string): Uint8Array {
  const bytes = encoder.encode(value);
  if (bytes.length > 255) throw new ProtocolError(`${field} is longer than 255 bytes`);
  return bytes;
}

/** The JSON form of a user broadcast, or null when its payload is binary (JSON cannot carry it). */
export function userBroadcastAsJson(broadcast: UserBroadcast): JsonObject | null {
  if (broadcast.encoding === "binary") return null;
  return {
    type: "broadcast",
    event: broadcast.event,
    payload: JSON.parse(decoder.decode(broadcast.payload)),
  };
}

/**
 * Encodes a user broadcast for a subscriber: a binary kind 4 frame on vsn 2.0.0, the JSON broadcast
 * message on vsn 1.0.0, or null when a vsn 1.0.0 client cannot receive it (binary payload).
 */
export function encodeUserBroadcast(
  vsn: Vsn,
  topic: string,
  broadcast: UserBroadcast,
): string | Uint8Array | null {
  if (vsn === "1.0.0") {
    const payload = userBroadcastAsJson(broadcast);
    return payload && encodeMessage(vsn, { joinRef: null, ref: null, topic, event: "broadcast", payload });
  }
  const topicBytes = lengthPrefixed(topic, "topic");
  const eventBytes = lengthPrefixed(broadcast.event, "event");
  const header = [
    USER_BROADCAST,
    topicBytes.length,
    eventBytes.length,
    0, // no metadata
    broadcast.encoding === "json" ? JSON_ENCODING : BINARY_ENCODING,
  ];
  const frame = new Uint8Array(
    header.length + topicBytes.length + eventBytes.length + broadcast.payload.length,
  );
  frame.set(header, 0);
  frame.set(topicBytes, header.length);
  frame.set(eventBytes, header.length + topicBytes.length);
  frame.set(broadcast.payload, header.length + topicBytes.length + eventBytes.length);
  return frame;
}

/** A user broadcast carrying a JSON value. */
export function jsonUserBroadcast(event: string, payload: unknown): UserBroadcast {
  return { event, encoding: "json", payload: encoder.encode(JSON.stringify(payload)) };
}
