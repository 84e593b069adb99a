/**
 * The inbox's messages: in memory, newest last, and in a JSON-lines file so they survive restarts.
 */
export interface InboxMessage {
  id: string;
  /** `+8801XXXXXXXXX`. */
  to: string;
  body: string;
  /** ISO 8601, UTC. */
  sent_at: string;
  /** The sender's id for the message, when it gave one: a second message with it is dropped. */
  reference?: string;
}

/** A dev inbox needs recent messages only; older ones are dropped when the file is compacted. */
const KEEP = 20_000;

export class MessageStore {
  #messages: InboxMessage[] = [];
  readonly #references = new Map<string, InboxMessage>();
  /** File writes run one after another, so a rewrite never interleaves with an append. */
  #writes: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string) {}

  static async open(file: string): Promise<MessageStore> {
    const store = new MessageStore(file);
    let text = "";
    try {
      text = await Deno.readTextFile(file);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      try {
        const message: InboxMessage = JSON.parse(line);
        store.#messages.push(message);
        if (message.reference !== undefined) store.#references.set(message.reference, message);
      } catch {
        // A line cut short by a crash; the rest of the file is still good.
      }
    }
    if (store.#messages.length > KEEP) await store.#rewrite(store.#messages.slice(-KEEP));
    return store;
  }

  /** Adds a message; a reference seen before answers the first message instead (`duplicate: true`). */
  async add(to: string, body: string, reference?: string): Promise<InboxMessage & { duplicate?: true }> {
    if (reference !== undefined) {
      const first = this.#references.get(reference);
      if (first) return { ...first, duplicate: true };
    }
    const message: InboxMessage = { id: crypto.randomUUID(), to, body, sent_at: new Date().toISOString() };
    if (reference !== undefined) {
      message.reference = reference;
      this.#references.set(reference, message);
    }
    this.#messages.push(message);
    if (this.#messages.length > KEEP * 1.2) await this.#rewrite(this.#messages.slice(-KEEP));
    else {await this.#write(() =>
        Deno.writeTextFile(this.file, JSON.stringify(message) + "\n", { append: true })
      );}
    return message;
  }

  /** Newest first; only messages to `to` when given. */
  list({ to, limit }: { to?: string; limit: number }): InboxMessage[] {
    const found: InboxMessage[] = [];
    for (let i = this.#messages.length - 1; i >= 0 && found.length < limit; i--) {
      if (!to || this.#messages[i].to === to) found.push(this.#messages[i]);
    }
    return found;
  }

  /** Deletes the messages to `to`, or all of them; answers how many went. */
  async clear(to?: string): Promise<number> {
    const kept = to ? this.#messages.filter((message) => message.to !== to) : [];
    const deleted = this.#messages.length - kept.length;
    await this.#rewrite(kept);
    return deleted;
  }

  /** Waits for pending writes. */
  flush(): Promise<void> {
    return this.#writes;
  }

  #rewrite(messages: InboxMessage[]): Promise<void> {
    this.#messages = messages;
    this.#references.clear();
    for (const message of messages) {
      if (message.reference !== undefined) this.#references.set(message.reference, message);
    }
    const text = messages.map((message) => JSON.stringify(message) + "\n").join("");
    return this.#write(async () => {
      // Write aside, then rename: a crash mid-write leaves the old file whole.
      await Deno.writeTextFile(`${this.file}.tmp`, text);
      await Deno.rename(`${this.file}.tmp`, this.file);
    });
  }

  #write(work: () => Promise<void>): Promise<void> {
    // One failed write must not block the ones after it.
    this.#writes = this.#writes.catch(() => {}).then(work);
    return this.#writes;
  }
}
