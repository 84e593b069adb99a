/**
 * A PostgREST or Storage call that failed for a reason the person cannot fix (the page answers 500 or
 * degrades). Each feature has its own subclass, so a log names the feature and `instanceof` picks its own.
 */
export class DataError extends Error {
  constructor(action: string, cause: { message: string; code?: string }) {
    super(`${action} failed: ${cause.message}`, { cause });
    this.name = new.target.name;
  }
}
