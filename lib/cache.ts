/** Data read rarely changing, kept in the server process for a while. */

/** Reference data changes rarely; each server process re-reads it this often. */
export const REFERENCE_TTL_MS = 10 * 60 * 1000;

/** `load`'s result, kept for `ttlMs` and shared by every caller meanwhile. */
export function cachedFor<T>(ttlMs: number, load: () => Promise<T>): (now?: number) => Promise<T> {
  let kept: { value: Promise<T>; loadedAt: number } | undefined;
  return (now = Date.now()) => {
    if (!kept || now - kept.loadedAt >= ttlMs) {
      const value = load();
      kept = { value, loadedAt: now };
      // A failed read is not kept: the next caller tries again.
      value.catch(() => kept?.value === value && (kept = undefined));
    }
    return kept.value;
  };
}
