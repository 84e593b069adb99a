/**
 * A second local stack beside the developer's: its own state folder and every port shifted by 1000 or
 * more beyond the stack under test (LOCAL_STACK_PORT_OFFSET), for the lifecycle tests and the startup
 * benchmark. Benchmarks that may run while those tests do pass an offset of their own.
 */
import { PORTS } from "../config.ts";

const BASE_OFFSET = Number(Deno.env.get("LOCAL_STACK_PORT_OFFSET") ?? 0);

/** Whether nothing listens on any of the stack's ports shifted by `extra` beyond the stack under test. */
function portsFree(extra: number): boolean {
  for (const port of Object.values(PORTS)) {
    try {
      Deno.listen({ hostname: "127.0.0.1", port: port + extra }).close();
    } catch {
      return false;
    }
  }
  return true;
}

/** The first of +1000, +1100, … whose ports are free: other stacks may run on this machine at +1000. */
export const PORT_OFFSET = BASE_OFFSET +
  (Array.from({ length: 20 }, (_, step) => 1000 + step * 100).find(portsFree) ?? 1000);

/** The gateway of a throw-away stack whose ports are shifted by `portOffset`. */
export function throwawayApiUrl(portOffset = PORT_OFFSET): string {
  return `http://127.0.0.1:${54321 + portOffset}`;
}

export const THROWAWAY_API_URL = throwawayApiUrl();
const CLI = new URL("../../scripts/cli.ts", import.meta.url).pathname;

export interface CliProcess {
  process: Deno.ChildProcess;
  output: () => string;
  /** Resolves once the process has exited and everything it printed has been read. */
  finished: () => Promise<Deno.CommandStatus>;
}

export function spawnCli(stateDir: string, args: string[], portOffset = PORT_OFFSET): CliProcess {
  const process = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    env: { LOCAL_STACK_DIR: stateDir, LOCAL_STACK_PORT_OFFSET: String(portOffset) },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  const drained = Promise.all([process.stdout, process.stderr].map(async (stream) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) output += decoder.decode(chunk, { stream: true });
  }));
  // The exit status can arrive before the last output has been read: wait for both.
  const finished = async () => (await Promise.all([process.status, drained]))[0];
  return { process, output: () => output, finished };
}

/** Starts the Supabase part of the stack (no app) and resolves once it reports ready. */
export async function startUntilReady(stateDir: string, portOffset = PORT_OFFSET): Promise<CliProcess> {
  const stack = spawnCli(stateDir, ["start", "--no-app"], portOffset);
  const deadline = Date.now() + 120_000;
  while (!stack.output().includes("[stack] ready")) {
    if (Date.now() > deadline) throw new Error(`stack did not start:\n${stack.output()}`);
    const exited = await Promise.race([
      stack.process.status.then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 50)),
    ]);
    if (exited) throw new Error(`stack exited before it was ready:\n${stack.output()}`);
  }
  return stack;
}

/** A state folder the database's OS user (postgres, when we run as root) can reach. */
export async function makeStateDir(): Promise<string> {
  const stateDir = await Deno.makeTempDir({ prefix: "clean-care-stack-" });
  await Deno.chmod(stateDir, 0o755);
  return stateDir;
}

export async function removeStack(stateDir: string, portOffset = PORT_OFFSET): Promise<void> {
  await spawnCli(stateDir, ["stop"], portOffset).process.status;
  await Deno.remove(stateDir, { recursive: true }).catch(() => {});
}
