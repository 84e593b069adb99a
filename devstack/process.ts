/**
 * Running commands and supervising long-lived child processes. Children are recorded in a pid file so
 * that a start after a crash (kill -9 of the supervisor) can stop the orphans still holding ports.
 */
import { STATE_DIR } from "./config.ts";

export function log(source: string, message: string): void {
  console.log(`[${source}] ${message}`);
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(
  command: string[],
  options: { stdin?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<RunResult> {
  const child = new Deno.Command(command[0], {
    args: command.slice(1),
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    env: options.env,
    cwd: options.cwd,
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const output = await child.output();
  const decoder = new TextDecoder();
  return { code: output.code, stdout: decoder.decode(output.stdout), stderr: decoder.decode(output.stderr) };
}

export async function runOrThrow(
  command: string[],
  options: { stdin?: string; env?: Record<string, string>; label?: string; cwd?: string } = {},
): Promise<RunResult> {
  const result = await run(command, options);
  if (result.code !== 0) {
    throw new Error(
      `${options.label ?? command.join(" ")} failed (exit ${result.code}):\n${result.stdout}${result.stderr}`,
    );
  }
  return result;
}

const PID_FILE = `${STATE_DIR}/children.json`;

interface RecordedChild {
  pid: number;
  /** A string the process's command line contains, so a recycled pid is never killed by mistake. */
  marker: string;
}

async function readRecorded(): Promise<RecordedChild[]> {
  try {
    return JSON.parse(await Deno.readTextFile(PID_FILE));
  } catch {
    return [];
  }
}

async function commandLine(pid: number): Promise<string | undefined> {
  try {
    return (await Deno.readTextFile(`/proc/${pid}/cmdline`)).replaceAll("\0", " ");
  } catch {
    return undefined;
  }
}

/** Stops children an earlier, crashed supervisor left behind. */
export async function killOrphans(): Promise<void> {
  for (const child of await readRecorded()) {
    const cmdline = await commandLine(child.pid);
    if (cmdline?.includes(child.marker)) {
      log("stack", `stopping process ${child.pid} left by an earlier run`);
      try {
        Deno.kill(child.pid, "SIGKILL");
      } catch { /* already gone */ }
    }
  }
  await Deno.remove(PID_FILE).catch(() => {});
}

const supervised: { name: string; process: Deno.ChildProcess; marker: string }[] = [];

async function writeRecorded(): Promise<void> {
  const records: RecordedChild[] = supervised.map(({ process, marker }) => ({ pid: process.pid, marker }));
  await Deno.mkdir(STATE_DIR, { recursive: true });
  await Deno.writeTextFile(PID_FILE, JSON.stringify(records));
}

/** Starts a long-lived child whose output is prefixed with its name; it is stopped by `stopChildren`. */
export async function spawnChild(
  name: string,
  command: string[],
  options: { env?: Record<string, string>; cwd?: string; onExit?: (code: number) => void } = {},
): Promise<Deno.ChildProcess> {
  const process = new Deno.Command(command[0], {
    args: command.slice(1),
    env: options.env,
    cwd: options.cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  supervised.push({ name, process, marker: command[command.length - 1] });
  await writeRecorded();
  prefixLines(name, process.stdout);
  prefixLines(name, process.stderr);
  process.status.then(({ code }) => options.onExit?.(code));
  return process;
}

async function prefixLines(name: string, stream: ReadableStream<Uint8Array>): Promise<void> {
  let pending = "";
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    const lines = (pending + decoder.decode(chunk, { stream: true })).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) log(name, line);
  }
  if (pending.trim()) log(name, pending);
}

export async function stopChildren(): Promise<void> {
  for (const { process } of supervised.reverse()) {
    try {
      process.kill("SIGTERM");
    } catch { /* already exited */ }
  }
  await Promise.race([
    Promise.all(supervised.map(({ process }) => process.status)),
    new Promise((resolve) => setTimeout(resolve, 5000)),
  ]);
  for (const { process } of supervised) {
    try {
      process.kill("SIGKILL");
    } catch { /* exited */ }
  }
  supervised.length = 0;
  await Deno.remove(PID_FILE).catch(() => {});
}
