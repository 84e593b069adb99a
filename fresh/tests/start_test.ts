import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const FIXTURE_DEV = fileURLToPath(new URL("./fixture/dev.ts", import.meta.url));

Deno.test("`deno run -A dev.ts` serves the app with Deno.serve on the port PORT names", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", FIXTURE_DEV],
    env: { PORT: "0" },
    stdout: "piped",
    stderr: "null",
  }).spawn();
  try {
    // As upstream, the runtime announces "… Local: http://localhost:<port>/" on stdout.
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let output = "";
    let port: string | undefined;
    while (!port) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`dev.ts exited before listening:\n${output}`);
      output += value;
      port = /Local: http:\/\/localhost:(\d+)\//.exec(output)?.[1];
    }
    reader.releaseLock();
    const response = await fetch(`http://127.0.0.1:${port}/blog/from-dev`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /post from-dev/);
    // Handlers see the listening address as ctx.localAddr, as upstream.
    const addresses = await (await fetch(`http://127.0.0.1:${port}/api/addresses`)).json();
    assert.equal(addresses.localAddr.port, Number(port));
    assert.deepEqual(addresses.localAddr, { transport: "tcp", hostname: "localhost", port: Number(port) });
    assert.equal(addresses.remoteAddr.hostname, "127.0.0.1");
    // Async route components (server components) get the same context.
    assert.match(
      await (await fetch(`http://127.0.0.1:${port}/async`)).text(),
      new RegExp(`served on port ${port}<`),
    );
  } finally {
    child.kill();
    await child.stdout.cancel().catch(() => {});
    await child.status;
  }
});
