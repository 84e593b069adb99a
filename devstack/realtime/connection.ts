/**
 * One websocket client speaking the Phoenix channel protocol with Supabase Realtime's extensions:
 * heartbeats, channel joins with broadcast/presence/private config, client broadcasts with optional
 * acknowledgement, presence tracking, access-token refresh and expiry, and leaving.
 *
 * Frames from one client are handled one at a time, in order, as a Phoenix channel process would.
 */
import type { Claims, Sql } from "../pg.ts";
import { type ExtensionAccess, readAccess, writeAccess } from "./authorization.ts";
import {
  type ClientFrame,
  decodeClientFrame,
  encodeMessage,
  encodeUserBroadcast,
  isJsonObject,
  type JsonObject,
  type Message,
  ProtocolError,
  type UserBroadcast,
  type Vsn,
} from "./protocol.ts";
import { checkToken } from "./tokens.ts";
import type { Broadcast, Member, PresenceMeta, Topics } from "./topics.ts";

export interface RealtimeContext {
  sql: Sql;
  topics: Topics;
}

const TOPIC_PREFIX = "realtime:";
/** A joined channel re-checks its token when it expires, and at least this often. */
const TOKEN_RECHECK_MAX_MS = 60 * 60 * 1000;
const FULL_ACCESS: ExtensionAccess = { broadcast: true, presence: true };
const DATABASE_UNAVAILABLE = "Realtime was unable to connect to the project database";
const POSTGRES_CHANGES_UNAVAILABLE = "postgres_changes is not available on the local stack; " +
  "send changes from the database with realtime.broadcast_changes() or realtime.send() instead";

interface JoinOptions {
  isPrivate: boolean;
  self: boolean;
  ack: boolean;
  presenceEnabled: boolean;
  presenceKey: string;
  postgresChanges: JsonObject[];
  replicationReady: boolean;
}

/** Realtime's FlexibleBoolean: JSON booleans or their string forms. */
function flag(value: unknown, fallback: boolean): boolean {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  return fallback;
}

function asObject(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

function joinOptions(payload: JsonObject): JoinOptions {
  const config = asObject(payload.config);
  const broadcast = asObject(config.broadcast);
  const presence = isJsonObject(config.presence) ? config.presence : undefined;
  const key = presence?.key;
  const hasKey = (typeof key === "string" && key !== "") || typeof key === "number" ||
    typeof key === "boolean";
  return {
    isPrivate: flag(config.private, false),
    self: flag(broadcast.self, false),
    ack: flag(broadcast.ack, false),
    // Realtime enables presence when the join names no presence config at all.
    presenceEnabled: presence ? flag(presence.enabled, false) : true,
    presenceKey: hasKey ? String(key) : crypto.randomUUID(),
    postgresChanges: Array.isArray(config.postgres_changes)
      ? config.postgres_changes.filter(isJsonObject)
      : [],
    replicationReady: flag(broadcast.replication_ready, false),
  };
}

/** The join's own access token, else the token the socket connected with (as for `sb_` API keys). */
function joinToken(payload: JsonObject, socketToken: string): string {
  const token = payload.access_token ?? payload.user_token;
  return typeof token === "string" && token !== "" && !token.startsWith("sb_") ? token : socketToken;
}

/** Small stable ids for postgres_changes bindings, echoed back so the client can match them. */
function bindingId(binding: JsonObject): number {
  let hash = 0;
  for (const char of JSON.stringify(binding)) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % 100_000_000;
}

export class Connection {
  readonly #socket: WebSocket;
  readonly #vsn: Vsn;
  readonly #socketToken: string;
  readonly context: RealtimeContext;
  readonly #channels = new Map<string, Channel>();
  #queue: Promise<void> = Promise.resolve();

  constructor(
    socket: WebSocket,
    vsn: Vsn,
    socketToken: string,
    context: RealtimeContext,
    onClosed: () => void,
  ) {
    this.#socket = socket;
    this.#vsn = vsn;
    this.#socketToken = socketToken;
    this.context = context;
    socket.binaryType = "arraybuffer";
    socket.onmessage = (event) => this.enqueue(() => this.#receive(event.data));
    socket.onclose = () => {
      for (const channel of [...this.#channels.values()]) channel.stop();
      onClosed();
    };
  }

  /** Runs `task` after everything received before it, logging (not propagating) its failure. */
  enqueue(task: () => Promise<void> | void): void {
    this.#queue = this.#queue.then(task).catch((error) => console.error("[realtime]", error));
  }

  send(message: Message): void {
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.send(encodeMessage(this.#vsn, message));
  }

  sendUserBroadcast(topic: string, broadcast: UserBroadcast): void {
    const frame = encodeUserBroadcast(this.#vsn, topic, broadcast);
    if (frame !== null && this.#socket.readyState === WebSocket.OPEN) this.#socket.send(frame);
  }

  reply(frame: ClientFrame, status: "ok" | "error", response: JsonObject): void {
    this.send({
      joinRef: frame.joinRef,
      ref: frame.ref,
      topic: frame.topic,
      event: "phx_reply",
      payload: { status, response },
    });
  }

  forget(channel: Channel): void {
    if (this.#channels.get(channel.topic) === channel) this.#channels.delete(channel.topic);
  }

  /** Closes the websocket (the service is shutting down). */
  close(): void {
    this.#socket.close(1001, "server shutting down");
  }

  async #receive(data: string | ArrayBuffer): Promise<void> {
    let frame: ClientFrame;
    try {
      frame = decodeClientFrame(this.#vsn, data);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      console.warn(`[realtime] dropped a malformed frame: ${error.message}`);
      return;
    }
    if (frame.topic === "phoenix" && frame.event === "heartbeat") return this.reply(frame, "ok", {});
    if (frame.event === "phx_join") return await this.#join(frame);
    const channel = this.#channels.get(frame.topic);
    if (frame.event === "phx_leave") {
      this.reply(frame, "ok", {});
      channel?.stop();
      return;
    }
    if (!channel) return this.reply(frame, "error", { reason: "unmatched topic" });
    await channel.handle(frame);
  }

  async #join(frame: ClientFrame): Promise<void> {
    if (!frame.topic.startsWith(TOPIC_PREFIX)) {
      return this.reply(frame, "error", { reason: "unmatched topic" });
    }
    const subTopic = frame.topic.slice(TOPIC_PREFIX.length);
    if (subTopic === "") {
      return this.reply(frame, "error", { reason: "TopicNameRequired: You must provide a topic name" });
    }
    // Phoenix closes an earlier join of the same topic on the same socket.
    this.#channels.get(frame.topic)?.close();

    const options = joinOptions(frame.payload);
    const token = joinToken(frame.payload, this.#socketToken);
    const checked = await checkToken(token);
    if (!checked.ok) return this.reply(frame, "error", { reason: `${checked.code}: ${checked.message}` });

    let access = FULL_ACCESS;
    if (options.isPrivate) {
      try {
        access = await readAccess(this.context.sql, checked.claims, subTopic);
      } catch (error) {
        console.error("[realtime] read authorization failed:", error);
        return this.reply(frame, "error", { reason: DATABASE_UNAVAILABLE });
      }
      if (!access.broadcast && !access.presence) {
        return this.reply(frame, "error", {
          reason: `Unauthorized: You do not have permissions to read from this Channel topic: ${subTopic}`,
        });
      }
    }

    const channel = new Channel(this, frame, subTopic, options, token, checked.claims, access);
    this.#channels.set(frame.topic, channel);
    this.context.topics.add(channel);
    this.reply(frame, "ok", {
      postgres_changes: options.postgresChanges.map((binding) => ({ ...binding, id: bindingId(binding) })),
    });
    channel.start(checked.claims.exp, options);
  }
}

/** One topic joined on a connection. */
class Channel implements Member {
  readonly topic: string;
  readonly subTopic: string;
  readonly joinRef: string | null;
  readonly isPrivate: boolean;
  readonly presenceKey: string;
  presence: PresenceMeta | null = null;
  readonly #connection: Connection;
  readonly #self: boolean;
  readonly #ack: boolean;
  #presenceEnabled: boolean;
  #token: string;
  #claims: Claims;
  #read: ExtensionAccess;
  /** Write access, checked on the first write and again after a token change. */
  #write: ExtensionAccess | undefined;
  #tokenTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(
    connection: Connection,
    frame: ClientFrame,
    subTopic: string,
    options: JoinOptions,
    token: string,
    claims: Claims,
    read: ExtensionAccess,
  ) {
    this.#connection = connection;
    this.topic = frame.topic;
    this.subTopic = subTopic;
    this.joinRef = frame.joinRef;
    this.isPrivate = options.isPrivate;
    this.presenceKey = options.presenceKey;
    this.#self = options.self;
    this.#ack = options.ack;
    this.#presenceEnabled = options.presenceEnabled;
    this.#token = token;
    this.#claims = claims;
    this.#read = read;
  }

  get receivesBroadcasts(): boolean {
    return !this.isPrivate || this.#read.broadcast;
  }

  get receivesPresence(): boolean {
    return this.#presenceEnabled && (!this.isPrivate || this.#read.presence);
  }

  get #topics(): Topics {
    return this.#connection.context.topics;
  }

  deliver(event: string, payload: JsonObject): void {
    this.#connection.send({ joinRef: null, ref: null, topic: this.topic, event, payload });
  }

  deliverBroadcast(broadcast: Broadcast): void {
    if (broadcast.kind === "user") this.#connection.sendUserBroadcast(this.topic, broadcast.broadcast);
    else this.deliver("broadcast", broadcast.payload);
  }

  /** What follows a successful join reply. */
  start(tokenExp: number, options: JoinOptions): void {
    this.#scheduleTokenCheck(tokenExp);
    this.#syncPresence();
    if (options.postgresChanges.length > 0) {
      console.warn(`[realtime] ${this.subTopic}: ${POSTGRES_CHANGES_UNAVAILABLE}`);
      this.#system("postgres_changes", "error", POSTGRES_CHANGES_UNAVAILABLE);
    }
    // Database broadcasts flow as soon as the channel is joined.
    if (options.replicationReady) this.#system("system", "ok", "Replication connection established");
  }

  async handle(frame: ClientFrame): Promise<void> {
    switch (frame.event) {
      case "broadcast":
        return await this.#broadcast(frame);
      case "presence":
        return await this.#presence(frame);
      case "access_token":
        return await this.#refreshToken(frame.payload.access_token);
      default:
        // Realtime ignores other client events.
    }
  }

  /** Leaves the topic without telling the client (it left, or its socket closed). */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#tokenTimer);
    this.#topics.remove(this);
    this.#connection.forget(this);
  }

  /** Ends the channel from the server side: an optional `system` error, then `phx_close`. */
  close(reason?: string): void {
    if (this.#stopped) return;
    if (reason) this.#system("system", "error", reason);
    this.#connection.send({
      joinRef: this.joinRef,
      ref: this.joinRef,
      topic: this.topic,
      event: "phx_close",
      payload: {},
    });
    this.stop();
  }

  #system(extension: string, status: "ok" | "error", message: string): void {
    this.#connection.send({
      joinRef: this.joinRef,
      ref: null,
      topic: this.topic,
      event: "system",
      payload: { extension, status, message, channel: this.subTopic },
    });
  }

  #syncPresence(): void {
    if (!this.receivesPresence) return;
    this.#connection.send({
      joinRef: this.joinRef,
      ref: null,
      topic: this.topic,
      event: "presence_state",
      payload: this.#topics.presenceState(this),
    });
  }

  async #writeAccess(): Promise<ExtensionAccess> {
    if (!this.isPrivate) return FULL_ACCESS;
    this.#write ??= await writeAccess(this.#connection.context.sql, this.#claims, this.subTopic);
    return this.#write;
  }

  async #broadcast(frame: ClientFrame): Promise<void> {
    // Without write access Realtime neither delivers nor acknowledges.
    if (!(await this.#writeAccess()).broadcast) return;
    const broadcast: Broadcast = frame.userBroadcast
      ? { kind: "user", broadcast: frame.userBroadcast }
      : { kind: "json", payload: frame.payload };
    this.#topics.broadcast(this.subTopic, this.isPrivate, broadcast, this.#self ? undefined : this);
    if (this.#ack) this.#connection.reply(frame, "ok", {});
  }

  async #presence(frame: ClientFrame): Promise<void> {
    const event = String(frame.payload.event ?? "").toLowerCase();
    if (event === "untrack") {
      this.#topics.untrack(this);
      return this.#connection.reply(frame, "ok", {});
    }
    if (event !== "track") return this.#connection.reply(frame, "error", {});
    if (!(await this.#writeAccess()).presence) return this.#connection.reply(frame, "error", {});
    const payload = frame.payload.payload ?? {};
    if (!isJsonObject(payload)) {
      return this.#connection.reply(frame, "error", { reason: "Presence track payload must be a map" });
    }
    this.#topics.track(this, payload);
    this.#connection.reply(frame, "ok", {});
    if (!this.#presenceEnabled) {
      // Tracking enables presence: this client has seen no presence_state yet.
      this.#presenceEnabled = true;
      this.#syncPresence();
    }
  }

  async #refreshToken(token: unknown): Promise<void> {
    if (typeof token !== "string" || token === this.#token || token.startsWith("sb_")) return;
    const checked = await checkToken(token);
    if (!checked.ok) return this.close(checked.message);
    if (this.isPrivate) {
      const previous = this.#read;
      const current = await readAccess(this.#connection.context.sql, checked.claims, this.subTopic);
      if ((previous.broadcast && !current.broadcast) || (previous.presence && !current.presence)) {
        return this.close(`You no longer have permission to read from this Channel topic: ${this.subTopic}`);
      }
      this.#read = current;
      this.#write = undefined;
    }
    this.#token = token;
    this.#claims = checked.claims;
    this.#scheduleTokenCheck(checked.claims.exp);
  }

  #scheduleTokenCheck(exp: number): void {
    clearTimeout(this.#tokenTimer);
    // A few milliseconds past `exp`, so that the check sees the token as expired.
    const delay = Math.min(TOKEN_RECHECK_MAX_MS, Math.max(0, exp * 1000 - Date.now() + 10));
    this.#tokenTimer = setTimeout(() => this.#connection.enqueue(() => this.#recheckToken()), delay);
  }

  async #recheckToken(): Promise<void> {
    if (this.#stopped) return;
    const checked = await checkToken(this.#token);
    if (!checked.ok) return this.close(checked.message);
    this.#scheduleTokenCheck(checked.claims.exp);
  }
}
