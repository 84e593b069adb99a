/**
 * Every test the project has, in one run: static checks (format, lint, types, generated manifest),
 * pgTAP files with Debian's pg_prove, and the Deno tests (unit, integration, end to end). Prints a
 * closing `N passed, N failed` line and returns the exit code.
 */
import { API_URL, DB_URL, PROJECT_ROOT, SUPABASE_DIR } from "../devstack/config.ts";
import { ANON_KEY } from "../devstack/keys.ts";

interface Tally {
  passed: number;
  failed: number;
}

async function runStreaming(
  command: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; output: string }> {
  const child = new Deno.Command(command[0], {
    args: command.slice(1),
    cwd: PROJECT_ROOT,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  const pump = async (stream: ReadableStream<Uint8Array>, sink: typeof Deno.stdout) => {
    for await (const chunk of stream) {
      output += new TextDecoder().decode(chunk);
      await sink.write(chunk);
    }
  };
  await Promise.all([pump(child.stdout, Deno.stdout), pump(child.stderr, Deno.stderr)]);
  return { code: (await child.status).code, output };
}

const deno = Deno.execPath();

/** Each static check counts as one test. */
async function staticChecks(): Promise<Tally> {
  const checks: [string, string[]][] = [
    ["deno fmt --check", [deno, "fmt", "--check"]],
    ["deno lint", [deno, "lint"]],
    ["deno check", [deno, "check", "."]],
    ["fresh.gen.ts is up to date", [deno, "run", "-A", "dev.ts", "check"]],
  ];
  const tally = { passed: 0, failed: 0 };
  for (const [name, command] of checks) {
    console.log(`\n== ${name}`);
    const { code } = await runStreaming(command);
    if (code === 0) tally.passed++;
    else {
      tally.failed++;
      console.log(`FAILED: ${name}`);
    }
  }
  return tally;
}

async function pgTap(): Promise<Tally> {
  console.log("\n== pgTAP (pg_prove)");
  const files: string[] = [];
  for await (const entry of Deno.readDir(`${SUPABASE_DIR}/tests/database`)) {
    if (entry.name.endsWith(".sql")) files.push(`supabase/tests/database/${entry.name}`);
  }
  if (files.length === 0) return { passed: 0, failed: 0 };
  // Sorted, so 00-helpers.sql installs the helpers the other files use before they run.
  const { code, output } = await runStreaming(["pg_prove", "--verbose", "--dbname", DB_URL, ...files.sort()]);
  const passed = output.match(/^ok \d+/gm)?.length ?? 0;
  const failed = output.match(/^not ok \d+/gm)?.length ?? 0;
  // A file that dies before its plan completes has no "not ok" line but fails the run: count it.
  return { passed, failed: code !== 0 && failed === 0 ? 1 : failed };
}

async function denoTests(): Promise<Tally> {
  console.log("\n== deno test");
  // The app's modules get the stack's address and key as the app process does (devstack/stack.ts), rather
  // than importing them from devstack/ in the middle of a test's own imports of it.
  const env = { NO_COLOR: "1", SUPABASE_URL: API_URL, SUPABASE_ANON_KEY: ANON_KEY };
  const { code, output } = await runStreaming([deno, "test", "-A"], env);
  // deno's summary: "ok | 12 passed (3 steps) | 0 failed" or "FAILED | 10 passed | 2 failed".
  const summary = /(?:ok|FAILED) \| (\d+) passed.*\| (\d+) failed/.exec(output);
  if (!summary) return { passed: 0, failed: 1 };
  const tally = { passed: Number(summary[1]), failed: Number(summary[2]) };
  return code !== 0 && tally.failed === 0 ? { ...tally, failed: 1 } : tally;
}

export async function runTestSuite(): Promise<number> {
  const parts = [await staticChecks(), await pgTap(), await denoTests()];
  const total = parts.reduce((sum, part) => ({
    passed: sum.passed + part.passed,
    failed: sum.failed + part.failed,
  }));
  console.log(`\n${total.passed} passed, ${total.failed} failed`);
  return total.failed === 0 ? 0 : 1;
}
