/**
 * Many changes, one refresh: `request()` runs `work` once `delayMs` after the first request of a burst, and
 * requests made meanwhile join it; a request made while `work` runs gets one more run after it. So a
 * stream of changes refreshes at most once per `delayMs` and never misses the last change.
 */
export interface Coalesced {
  request(): void;
  /** Drops a pending run (when the page goes away). */
  cancel(): void;
}

export function coalesce(delayMs: number, work: () => Promise<void>): Coalesced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;

  const run = async () => {
    timer = undefined;
    running = true;
    try {
      await work();
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    timer ??= setTimeout(run, delayMs);
  };

  return {
    request() {
      if (running) again = true;
      else schedule();
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      again = false;
    },
  };
}
