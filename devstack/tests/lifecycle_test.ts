/**
 * The operator's view of `npm start`: a second, throw-away stack (own state folder, ports shifted by
 * 500) is started from nothing, started twice, killed with SIGKILL and started again without manual
 * clean-up, keeps its data across restarts, and stops cleanly on Ctrl-C.
 */
import assert from "node:assert/strict";
import { createClient } from "@supabase/supabase-js";
import { ANON_KEY, SERVICE_ROLE_KEY } from "../keys.ts";
import {
  makeStateDir,
  removeStack,
  spawnCli,
  startUntilReady,
  THROWAWAY_API_URL as API_URL,
} from "../testing/throwaway_stack.ts";

async function gatewayStatus(): Promise<number | "down"> {
  try {
    const response = await fetch(`${API_URL}/rest/v1/`);
    await response.body?.cancel();
    return response.status;
  } catch {
    return "down";
  }
}

Deno.test({
  name:
    "the local stack starts from nothing, survives kill -9 and a second start, keeps data, stops on Ctrl-C",
  // The spawned supervisor's output streams are read in the background until it exits.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const stateDir = await makeStateDir();
    const admin = createClient(API_URL, SERVICE_ROLE_KEY, { auth: { persistSession: false } });
    try {
      const first = await startUntilReady(stateDir);
      assert.equal(await gatewayStatus(), 401, "the gateway refuses a request without apikey");

      const phone = `88019${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
      const created = await admin.auth.admin.createUser({ phone, phone_confirm: true });
      assert.equal(created.error, null);

      const second = spawnCli(stateDir, ["start", "--no-app"]);
      assert.equal((await second.finished()).code, 0);
      assert.match(second.output(), /already running/);
      assert.match(second.output(), /^API_URL=/m);

      first.process.kill("SIGKILL");
      await first.process.status;

      const restarted = await startUntilReady(stateDir);
      const found = await admin.auth.admin.getUserById(created.data.user!.id);
      assert.equal(found.data.user?.phone, phone, "the user created before the crash is still there");

      // A request whose body never comes holds its connection open: Ctrl-C still stops the stack, soon.
      const stalled = await Deno.connect({ hostname: "127.0.0.1", port: Number(new URL(API_URL).port) });
      await stalled.write(new TextEncoder().encode(
        `POST /rest/v1/rpc/anything HTTP/1.1\r\nHost: localhost\r\napikey: ${ANON_KEY}\r\n` +
          "content-type: application/json\r\ncontent-length: 1000\r\n\r\n{",
      ));
      const stopping = performance.now();
      restarted.process.kill("SIGINT");
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stopped = await Promise.race([
        restarted.process.status,
        new Promise<"still running">((resolve) => timer = setTimeout(() => resolve("still running"), 30_000)),
      ]);
      clearTimeout(timer);
      stalled.close();
      assert.notEqual(stopped, "still running", "Ctrl-C stops the stack despite a stalled request");
      assert.equal((stopped as Deno.CommandStatus).code, 0);
      assert.ok(performance.now() - stopping < 20_000, "within seconds");
      assert.equal(await gatewayStatus(), "down", "Ctrl-C stops the gateway");
    } finally {
      await removeStack(stateDir);
    }
  },
});
