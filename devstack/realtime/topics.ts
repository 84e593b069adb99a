/**
 * Who listens to which topic, and the presence state of each topic. Public and private channels of the
 * same name are separate, as in Supabase Realtime: a message sent to a private topic never reaches a
 * public subscriber of that name, and presence is tracked per (privacy, name).
 */
import type { JsonObject, UserBroadcast } from "./protocol.ts";

/** A message for the `broadcast` event: a JSON object, or a user broadcast carried as bytes. */
export type Broadcast =
  | { kind: "json"; payload: JsonObject }
  | { kind: "user"; broadcast: UserBroadcast };

/** One presence entry as Phoenix.Presence lists it: the tracked payload plus its refs. */
export type PresenceMeta = JsonObject & { phx_ref: string; phx_ref_prev?: string };
export type PresenceState = Record<string, { metas: PresenceMeta[] }>;

/** A channel joined on some connection, as the topic registry sees it. */
export interface Member {
  readonly subTopic: string;
  readonly isPrivate: boolean;
  /** Whether broadcasts may be delivered (private channels need read access to broadcasts). */
  readonly receivesBroadcasts: boolean;
  /** Whether presence diffs are delivered (presence enabled, and read access on private channels). */
  readonly receivesPresence: boolean;
  readonly presenceKey: string;
  /** What this member currently tracks, if anything. */
  presence: PresenceMeta | null;
  deliver(event: "presence_diff", payload: JsonObject): void;
  deliverBroadcast(broadcast: Broadcast): void;
}

function groupKey(subTopic: string, isPrivate: boolean): string {
  return `${isPrivate ? "private" : "public"}:${subTopic}`;
}

/** A Phoenix-style unique presence ref. */
function presenceRef(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_");
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class Topics {
  #groups = new Map<string, Set<Member>>();

  #members(subTopic: string, isPrivate: boolean): Set<Member> {
    return this.#groups.get(groupKey(subTopic, isPrivate)) ?? new Set();
  }

  add(member: Member): void {
    const key = groupKey(member.subTopic, member.isPrivate);
    const members = this.#groups.get(key) ?? new Set();
    members.add(member);
    this.#groups.set(key, members);
  }

  /** Removes a member, telling the others that its presence left. */
  remove(member: Member): void {
    const key = groupKey(member.subTopic, member.isPrivate);
    const members = this.#groups.get(key);
    members?.delete(member);
    if (members?.size === 0) this.#groups.delete(key);
    this.untrack(member);
  }

  /** Delivers a broadcast to every member of the topic that may read it, except `sender` if given. */
  broadcast(subTopic: string, isPrivate: boolean, broadcast: Broadcast, sender?: Member): void {
    for (const member of this.#members(subTopic, isPrivate)) {
      if (member !== sender && member.receivesBroadcasts) member.deliverBroadcast(broadcast);
    }
  }

  /** The topic's presence state as `presence_state` carries it. */
  presenceState(member: Member): PresenceState {
    const state: PresenceState = {};
    for (const other of this.#members(member.subTopic, member.isPrivate)) {
      if (!other.presence) continue;
      (state[other.presenceKey] ??= { metas: [] }).metas.push(other.presence);
    }
    return state;
  }

  /** Tracks (or updates) the member's presence payload; an unchanged payload changes nothing. */
  track(member: Member, payload: JsonObject): void {
    const previous = member.presence;
    if (previous && sameJson(this.#payloadOf(previous), payload)) return;
    const meta: PresenceMeta = { ...payload, phx_ref: presenceRef() };
    if (previous) meta.phx_ref_prev = previous.phx_ref;
    member.presence = meta;
    this.#diff(member, { [member.presenceKey]: { metas: [meta] } }, previous);
  }

  untrack(member: Member): void {
    const previous = member.presence;
    if (!previous) return;
    member.presence = null;
    this.#diff(member, {}, previous);
  }

  #payloadOf(meta: PresenceMeta): JsonObject {
    const { phx_ref: _ref, phx_ref_prev: _previous, ...payload } = meta;
    return payload;
  }

  #diff(member: Member, joins: PresenceState, left: PresenceMeta | null): void {
    const leaves: PresenceState = left ? { [member.presenceKey]: { metas: [left] } } : {};
    for (const other of this.#members(member.subTopic, member.isPrivate)) {
      if (other.receivesPresence) other.deliver("presence_diff", { joins, leaves });
    }
  }
}
