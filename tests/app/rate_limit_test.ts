import assert from "node:assert/strict";
import { RateLimiter } from "@/lib/rate_limit.ts";

Deno.test("a second code inside the minute is refused with the seconds left to wait", () => {
  const limiter = new RateLimiter("one a minute", { limit: 1, windowSeconds: 60 });
  const start = 1_000_000;
  assert.deepEqual(limiter.take("+8801712345678", start), { ok: true });
  assert.deepEqual(limiter.take("+8801712345678", start + 15_000), { ok: false, retryAfterSeconds: 45 });
  assert.deepEqual(
    limiter.take("+8801812345678", start + 15_000),
    { ok: true },
    "other phones are not affected",
  );
  assert.deepEqual(limiter.take("+8801712345678", start + 60_000), { ok: true });
});

Deno.test("every rule must allow the attempt; the longest wait is reported", () => {
  const limiter = new RateLimiter("one a minute, three an hour", { limit: 1, windowSeconds: 60 }, {
    limit: 3,
    windowSeconds: 3600,
  });
  const start = 0;
  for (const minute of [0, 1, 2]) assert.equal(limiter.take("k", start + minute * 60_000).ok, true);
  assert.deepEqual(limiter.take("k", start + 3 * 60_000), { ok: false, retryAfterSeconds: 3600 - 180 });
  assert.equal(limiter.take("k", start + 3600_000).ok, true, "the hour has passed for the first attempt");
});

Deno.test("refused attempts do not count against the limit", () => {
  const limiter = new RateLimiter("two in ten seconds", { limit: 2, windowSeconds: 10 });
  assert.equal(limiter.take("k", 0).ok, true);
  assert.equal(limiter.take("k", 1000).ok, true);
  for (let at = 2000; at < 10_000; at += 1000) assert.equal(limiter.take("k", at).ok, false);
  assert.equal(limiter.take("k", 10_000).ok, true);
});

Deno.test("the app's processes share their limits through APP_RATE_LIMIT_DB", async () => {
  const file = await Deno.makeTempFile({ suffix: ".sqlite" });
  /** One attempt, from a process of its own, as one of the app's processes would make it. */
  const takeInAProcess = async () => {
    const script = `import { RateLimiter } from "${new URL("../../lib/rate_limit.ts", import.meta.url)}";
      const limiter = new RateLimiter("shared", { limit: 1, windowSeconds: 60 });
      console.log(JSON.stringify(limiter.take("+8801712345678")));`;
    const { stdout } = await new Deno.Command(Deno.execPath(), {
      args: ["eval", script],
      env: { APP_RATE_LIMIT_DB: file },
      stdout: "piped",
    }).output();
    return JSON.parse(new TextDecoder().decode(stdout));
  };
  try {
    assert.deepEqual(await takeInAProcess(), { ok: true });
    const second = await takeInAProcess();
    assert.equal(second.ok, false, "the second process counts the first one's attempt");
    assert.ok(second.retryAfterSeconds > 0 && second.retryAfterSeconds <= 60);
  } finally {
    for (const suffix of ["", "-wal", "-shm"]) await Deno.remove(file + suffix).catch(() => {});
  }
});
