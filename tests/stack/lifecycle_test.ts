/**
 * The operator's view of `npm start`: a second, throw-away stack (own state folder, ports shifted by
 * 1000) is started from nothing, started twice, killed with SIGKILL and started again without manual
 * clean-up, keeps its data across restarts, and stops cleanly on Ctrl-C.
 */
import assert from "node:assert/strict";
import { createClient } from "@supabase/supabase-js";
import { SERVICE_ROLE_KEY } from "../../supabase/local/keys.ts";

const PORT_OFFSET = 1000;
const API_URL = `http://127.0.0.1:${54321 + PORT_OFFSET}`;
const CLI = new URL("../../supabase/local/cli.ts", import.meta.url).pathname;

interface StartedStack {
  process: Deno.ChildProcess;
  output: () => string;
}

function spawnCli(stateDir: string, args: string[]): StartedStack {
  const process = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    env: { LOCAL_STACK_DIR: stateDir, LOCAL_STACK_PORT_OFFSET: String(PORT_OFFSET) },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  for (const stream of [process.stdout, process.stderr]) {
    (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of stream) output += decoder.decode(chunk, { stream: true });
    })();
  }
  return { process, output: () => output };
}

async function startUntilReady(stateDir: string): Promise<StartedStack> {
  const stack = spawnCli(stateDir, ["start", "--no-app"]);
  const deadline = Date.now() + 120_000;
  while (!stack.output().includes("[stack] ready")) {
    if (Date.now() > deadline) throw new Error(`stack did not start:\n${stack.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return stack;
}

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
    const stateDir = await Deno.makeTempDir({ prefix: "clean-care-stack-" });
    // The database runs as the postgres OS user, which must be able to reach the folder.
    await Deno.chmod(stateDir, 0o755);
    const admin = createClient(API_URL, SERVICE_ROLE_KEY, { auth: { persistSession: false } });
    try {
      const first = await startUntilReady(stateDir);
      assert.equal(await gatewayStatus(), 401, "the gateway refuses a request without apikey");

      const phone = `88019${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
      const created = await admin.auth.admin.createUser({ phone, phone_confirm: true });
      assert.equal(created.error, null);

      const second = spawnCli(stateDir, ["start", "--no-app"]);
      assert.equal((await second.process.status).code, 0);
      assert.match(second.output(), /already running/);
      assert.match(second.output(), /^API_URL=/m);

      first.process.kill("SIGKILL");
      await first.process.status;

      const restarted = await startUntilReady(stateDir);
      const found = await admin.auth.admin.getUserById(created.data.user!.id);
      assert.equal(found.data.user?.phone, phone, "the user created before the crash is still there");

      restarted.process.kill("SIGINT");
      assert.equal((await restarted.process.status).code, 0);
      assert.equal(await gatewayStatus(), "down", "Ctrl-C stops the gateway");
    } finally {
      await spawnCli(stateDir, ["stop"]).process.status;
      await Deno.remove(stateDir, { recursive: true }).catch(() => {});
    }
  },
});
