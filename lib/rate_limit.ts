/**
 * A sliding-window rate limiter kept in this process's memory. Good enough for one app instance: with
 * several instances each counts on its own (Auth still enforces its own limits per phone and address).
 */

export interface RateLimit {
  /** Attempts allowed within the window. */
  limit: number;
  windowSeconds: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Keys remembered at most; beyond it the least recently used are forgotten, so a flood of distinct keys
 * cannot grow memory without bound.
 */
const MAX_KEYS = 50_000;

export class RateLimiter {
  readonly #rules: RateLimit[];
  readonly #attempts = new Map<string, number[]>();
  readonly #longestWindowMs: number;

  /** Every rule must allow an attempt, e.g. "1 per minute and 5 per hour". */
  constructor(...rules: RateLimit[]) {
    this.#rules = rules;
    this.#longestWindowMs = Math.max(...rules.map((rule) => rule.windowSeconds)) * 1000;
  }

  /** Records an attempt for `key` if every rule allows it; otherwise says how long to wait. */
  take(key: string, now = Date.now()): RateDecision {
    const recent = (this.#attempts.get(key) ?? []).filter((at) => now - at < this.#longestWindowMs);
    let waitMs = 0;
    for (const { limit, windowSeconds } of this.#rules) {
      const inWindow = recent.filter((at) => now - at < windowSeconds * 1000);
      if (inWindow.length >= limit) {
        waitMs = Math.max(waitMs, inWindow[inWindow.length - limit] + windowSeconds * 1000 - now);
      }
    }
    if (waitMs > 0) {
      this.#attempts.set(key, recent);
      return { ok: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
    }
    recent.push(now);
    this.#attempts.delete(key); // re-insert so the map stays ordered by last use
    this.#attempts.set(key, recent);
    if (this.#attempts.size > MAX_KEYS) {
      this.#attempts.delete(this.#attempts.keys().next().value!);
    }
    return { ok: true };
  }
}
