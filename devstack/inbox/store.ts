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
}

/** A dev inbox needs recent messages only; older ones are dropped when the file is compacted. */
const KEEP = 5_000;

export class MessageStore {
  #messages: InboxMessage[] = [];
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
        store.#messages.push(JSON.parse(line));
      } catch {
        // A line cut short by a crash; the rest of the file is still good.
      }
    }
    if (store.#messages.length > KEEP) await store.#rewrite(store.#messages.slice(-KEEP));
    return store;
  }

  async add(to: string, body: string): Promise<InboxMessage> {
    const message = { id: crypto.randomUUID(), to, body, sent_at: new Date().toISOString() };
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
