/**
 * Per-client-address limits, as `[auth.rate_limit]` sets them: a token bucket per address that holds
 * `limit` requests and refills at `limit` per window, so bursts are allowed and the long-run rate is capped.
 */

const WINDOW_MS = 5 * 60 * 1000;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(readonly limit: number, readonly windowMs = WINDOW_MS) {}

  /** Takes one request from `key`'s allowance; false when none is left. */
  take(key: string, now = Date.now()): boolean {
    const bucket = this.#refilled(key, now);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  #refilled(key: string, now: number): Bucket {
    const bucket = this.#buckets.get(key) ?? { tokens: this.limit, updatedAt: now };
    const refill = ((now - bucket.updatedAt) / this.windowMs) * this.limit;
    bucket.tokens = Math.min(this.limit, bucket.tokens + refill);
    bucket.updatedAt = now;
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > 10_000) this.#forgetFull(now);
    return bucket;
  }

  /** Drops addresses whose allowance is back to full: they carry no state worth keeping. */
  #forgetFull(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (now - bucket.updatedAt >= this.windowMs) this.#buckets.delete(key);
    }
  }
}
