/**
 * The local stack's pg_net worker: performs the HTTP requests SQL queued with `net.http_get`, `net.http_post`
 * or `net.http_delete` (devstack/net/schema.sql) and records each answer in `net._http_response`, as the
 * pg_net extension's background worker does on Supabase:
 *
 * - a request starts only after the transaction that queued it commits (NOTIFY at commit wakes the worker;
 *   it also looks every second, so a notice missed while it was down costs at most that);
 * - the worker deletes a request from the queue as it starts it, up to `BATCH_SIZE` at once, all in flight
 *   together; a request is tried once, never retried (retrying is the caller's business);
 * - an answer is stored with its status, content type, headers and body; a failure with `error_msg` and no
 *   status (`timed_out` when `timeout_milliseconds` passed);
 * - responses are deleted after `pg_net.ttl`, 6 hours.
 *
 * Not started when the server has the real extension (then its own worker runs).
 */
import { fetchFailureText, requestNeverLeft } from "../../supabase/functions/_shared/fetch-failure.ts";
import { connect, type Sql } from "../pg.ts";

/** pg_net's `pg_net.batch_size` default: at most this many requests in flight. */
const BATCH_SIZE = 200;
/** pg_net's `pg_net.ttl` default. */
const RESPONSE_TTL = "6 hours";
const NOTIFY_CHANNEL = "net_request_queued";
const POLL_MS = 1_000;
/** Answers are text columns; a huge body is cut rather than held in memory. */
const MAX_CONTENT_BYTES = 1024 * 1024;

interface QueuedRequest {
  id: string;
  method: string;
  url: string;
  headers: Record<string, unknown>;
  body: Uint8Array | null;
  timeout_milliseconds: number;
}

interface Outcome {
  id: string;
  status_code: number | null;
  content_type: string | null;
  headers: Record<string, string> | null;
  content: string | null;
  timed_out: boolean;
  error_msg: string | null;
}

export interface NetWorker {
  close(): Promise<void>;
}

/** Starts the worker when the database has the local stand-in for pg_net; otherwise does nothing. */
export async function startNetWorker(): Promise<NetWorker> {
  const sql = connect("supabase_admin", { max: 3 });
  const [{ standIn }] = await sql<{ standIn: boolean }[]>`
    select to_regclass('net.http_request_queue') is not null
       and not exists (select 1 from pg_extension where extname = 'pg_net') as "standIn"`;
  if (!standIn) {
    await sql.end();
    return { close: async () => {} };
  }
  const worker = new Worker(sql);
  await worker.start();
  return worker;
}

class Worker implements NetWorker {
  #closed = false;
  #wake?: () => void;
  #loop?: Promise<void>;
  #unlisten?: () => Promise<void>;
  readonly #inFlight = new Set<AbortController>();
  readonly #recording = new Set<Promise<void>>();

  constructor(private readonly sql: Sql) {}

  async start(): Promise<void> {
    const { unlisten } = await this.sql.listen(NOTIFY_CHANNEL, () => this.#wake?.());
    this.#unlisten = unlisten;
    this.#loop = this.#run();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#wake?.();
    for (const controller of this.#inFlight) controller.abort();
    await this.#loop;
    await Promise.all(this.#recording);
    await this.#unlisten?.().catch(() => {});
    await this.sql.end();
  }

  async #run(): Promise<void> {
    let lastPrune = 0;
    while (!this.#closed) {
      try {
        if (Date.now() - lastPrune > 60_000) {
          await this.sql`delete from net._http_response where created < now() - ${RESPONSE_TTL}::interval`;
          lastPrune = Date.now();
        }
        const room = BATCH_SIZE - this.#inFlight.size;
        const batch = room > 0 ? await this.#take(room) : [];
        for (const request of batch) {
          // Each answer is recorded as it comes: a slow server does not hold up the others.
          const done = this.#perform(request).then((outcome) => this.#record(outcome)).catch((error) =>
            console.error(`[net] request ${request.id}: ${(error as Error).message}`)
          );
          this.#recording.add(done);
          done.finally(() => this.#recording.delete(done));
        }
        if (batch.length === room) continue; // more may be waiting
      } catch (error) {
        if (this.#closed) break;
        console.error(`[net] ${(error as Error).message}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_MS);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Removes the next requests from the queue: from here on each one is this worker's, tried once. */
  #take(limit: number): Promise<QueuedRequest[]> {
    return this.sql<QueuedRequest[]>`
      delete from net.http_request_queue
       where id in (select id from net.http_request_queue order by id limit ${limit} for update skip locked)
      returning id, method, url, headers, body, timeout_milliseconds`;
  }

  async #perform(request: QueuedRequest): Promise<Outcome> {
    const failed = (message: string, timedOut = false): Outcome => ({
      id: request.id,
      status_code: null,
      content_type: null,
      headers: null,
      content: null,
      timed_out: timedOut,
      error_msg: message,
    });
    const controller = new AbortController();
    this.#inFlight.add(controller);
    const started = performance.now();
    const timer = setTimeout(() => controller.abort("timeout"), request.timeout_milliseconds);
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, String(value));
      const response = await fetch(request.url, {
        method: request.method,
        headers,
        body: request.body && request.method !== "GET" ? new Uint8Array(request.body) : undefined,
        signal: controller.signal,
        redirect: "follow",
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        id: request.id,
        status_code: response.status,
        content_type: response.headers.get("content-type"),
        headers: Object.fromEntries(response.headers),
        // Postgres text cannot hold NUL.
        content: new TextDecoder().decode(bytes.subarray(0, MAX_CONTENT_BYTES)).replaceAll("\0", ""),
        timed_out: false,
        error_msg: null,
      };
    } catch (error) {
      if (controller.signal.reason === "timeout") {
        const took = Math.round(performance.now() - started);
        return failed(`Timeout of ${request.timeout_milliseconds} ms reached. Total time: ${took} ms`, true);
      }
      if (this.#closed) return failed("Request aborted: the local stack is stopping");
      // curl's words, which tell whether the request may have reached the server: only a failed
      // connection proves it did not (private.settle_sms hands those texts over again).
      const reason = fetchFailureText(error);
      return failed(
        requestNeverLeft(error)
          ? `Couldn't connect to server: ${reason}`
          : `Failure when receiving data from the peer: ${reason}`,
      );
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(controller);
    }
  }

  async #record(outcome: Outcome): Promise<void> {
    await this.sql`
      insert into net._http_response (id, status_code, content_type, headers, content, timed_out, error_msg)
      values (${outcome.id}, ${outcome.status_code}, ${outcome.content_type},
              ${outcome.headers === null ? null : this.sql.json(outcome.headers)}, ${outcome.content},
              ${outcome.timed_out}, ${outcome.error_msg})`;
  }
}
