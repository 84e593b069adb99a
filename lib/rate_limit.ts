/**
 * A sliding-window rate limiter shared by the app's processes on one machine. The app runs one process per
 * core (all on one port), and a limit counted in each process's memory would be worth one per process: the
 * attempts are kept in one SQLite file instead (APP_RATE_LIMIT_DB; `npm start` puts it in the stack's state
 * folder), each decision in its own write transaction, so every process sees the others' attempts. Without
 * the setting, attempts are kept in this process's memory (one process, unit tests). Instances on several
 * machines each count on their own (Auth still enforces its own limits per phone and address).
 */
// @ts-expect-error: the project's @types/node (20) predates node:sqlite; the part used is typed below.
import { DatabaseSync as NodeDatabaseSync } from "node:sqlite";

interface Statement {
  run(...parameters: (string | number)[]): unknown;
  all(...parameters: (string | number)[]): Record<string, unknown>[];
}
interface DatabaseSync {
  exec(sql: string): void;
  prepare(sql: string): Statement;
}

export interface RateLimit {
  /** Attempts allowed within the window. */
  limit: number;
  windowSeconds: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Decisions between two sweeps of every limiter's expired attempts, so unused keys do not pile up. */
const SWEEP_EVERY = 1_000;

let database: DatabaseSync | undefined;
function attemptsDatabase(): DatabaseSync {
  if (database) return database;
  database = new NodeDatabaseSync(Deno.env.get("APP_RATE_LIMIT_DB") || ":memory:") as DatabaseSync;
  // Processes wait for each other's (sub-millisecond) transactions rather than fail.
  database.exec(`
    pragma journal_mode = wal;
    pragma busy_timeout = 5000;
    create table if not exists attempts (limiter text not null, key text not null, at integer not null);
    create index if not exists attempts_by_key on attempts (limiter, key, at);
  `);
  return database;
}

export class RateLimiter {
  readonly #name: string;
  readonly #rules: RateLimit[];
  readonly #longestWindowMs: number;
  #decisions = 0;

  /** Every rule must allow an attempt, e.g. "1 per minute and 5 per hour". `name` is unique per limiter. */
  constructor(name: string, ...rules: RateLimit[]) {
    this.#name = name;
    this.#rules = rules;
    this.#longestWindowMs = Math.max(...rules.map((rule) => rule.windowSeconds)) * 1000;
  }

  /** Records an attempt for `key` if every rule allows it; otherwise says how long to wait. */
  take(key: string, now = Date.now()): RateDecision {
    const db = attemptsDatabase();
    db.exec("begin immediate");
    try {
      const decision = this.#decide(db, key, now);
      db.exec("commit");
      return decision;
    } catch (error) {
      db.exec("rollback");
      throw error;
    }
  }

  #decide(db: DatabaseSync, key: string, now: number): RateDecision {
    const since = now - this.#longestWindowMs;
    if (++this.#decisions % SWEEP_EVERY === 0) {
      db.prepare("delete from attempts where limiter = ? and at <= ?").run(this.#name, since);
    } else {
      db.prepare("delete from attempts where limiter = ? and key = ? and at <= ?").run(
        this.#name,
        key,
        since,
      );
    }
    const recent = db.prepare("select at from attempts where limiter = ? and key = ? order by at")
      .all(this.#name, key).map((row) => Number(row.at));
    let waitMs = 0;
    for (const { limit, windowSeconds } of this.#rules) {
      const inWindow = recent.filter((at) => now - at < windowSeconds * 1000);
      if (inWindow.length >= limit) {
        waitMs = Math.max(waitMs, inWindow[inWindow.length - limit] + windowSeconds * 1000 - now);
      }
    }
    if (waitMs > 0) return { ok: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
    db.prepare("insert into attempts (limiter, key, at) values (?, ?, ?)").run(this.#name, key, now);
    return { ok: true };
  }
}
