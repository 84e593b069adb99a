/**
 * The local stack's command line, behind `npm start`, `npm test`, `npm run status` and `npm run stop`.
 *
 *   start [--no-app]   start everything in the foreground; Ctrl-C stops it all
 *   status             print API_URL=, ANON_KEY=, … like `supabase status -o env`
 *   stop               stop a running supervisor (or a Postgres left running by a crash)
 *   reset              drop the local database, the dev SMS inbox and the bKash sandbox's ledger; the next
 *                      start recreates, migrates and seeds them
 *   migrate            apply new migrations to the running database
 *   test               checks, pgTAP and Deno tests against the stack (started if not running)
 */
import { ANON_KEY, SERVICE_ROLE_KEY } from "../devstack/keys.ts";
import { API_URL, APP_URL, BKASH_SANDBOX_URL, DB_URL, INBOX_URL, STATE_DIR } from "../devstack/config.ts";
import { migrate, resetDatabase, stopPostgres } from "../devstack/db.ts";
import { log } from "../devstack/process.ts";
import {
  appAnswers,
  gatewayAnswers,
  type RunningStack,
  runningSupervisor,
  startApp,
  startStack,
} from "../devstack/stack.ts";
import { runTestSuite } from "./test_suite.ts";

function statusLines(): string {
  return [
    `API_URL=${API_URL}`,
    `ANON_KEY=${ANON_KEY}`,
    `SERVICE_ROLE_KEY=${SERVICE_ROLE_KEY}`,
    `DB_URL=${DB_URL}`,
    `APP_URL=${APP_URL}`,
    `INBOX_URL=${INBOX_URL}`,
    `BKASH_SANDBOX_URL=${BKASH_SANDBOX_URL}`,
  ].join("\n");
}

function stopOnSignals(stack: RunningStack): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      log("stack", "stopping…");
      await stack.stop();
      log("stack", "stopped");
      resolve();
    };
    Deno.addSignalListener("SIGINT", stop);
    Deno.addSignalListener("SIGTERM", stop);
  });
}

async function start(withApp: boolean): Promise<number> {
  const other = await runningSupervisor();
  if (other) {
    console.error(
      `The local stack is already running (pid ${other}). Stop it with Ctrl-C there or: npm run stop`,
    );
    console.log(statusLines());
    return 0;
  }
  const stack = await startStack({ withApp });
  console.log(statusLines());
  await stopOnSignals(stack);
  return 0;
}

async function stop(): Promise<number> {
  const pid = await runningSupervisor();
  if (pid) {
    Deno.kill(pid, "SIGTERM");
    while (await runningSupervisor()) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // After a crash no supervisor is left, but Postgres may still run.
  await stopPostgres();
  return 0;
}

/** Runs the suite against the running stack (adding the app if it runs without), or a new one. */
async function test(): Promise<number> {
  let stack: RunningStack | undefined;
  if (!(await gatewayAnswers())) stack = await startStack({ withApp: true });
  else if (!(await appAnswers())) stack = await startApp();
  try {
    return await runTestSuite();
  } finally {
    await stack?.stop();
  }
}

async function main(command: string | undefined, flags: string[]): Promise<number> {
  switch (command) {
    case "start":
      return await start(!flags.includes("--no-app"));
    case "status":
      if (!(await gatewayAnswers())) {
        console.error("The local stack is not running. Start it with: npm start");
        return 1;
      }
      console.log(statusLines());
      return 0;
    case "stop":
      return await stop();
    case "reset":
      if (await runningSupervisor()) {
        console.error("Stop the running stack first (npm run stop).");
        return 1;
      }
      await resetDatabase();
      // They remember what the database numbered (SMS references, invoice numbers), which a new database
      // numbers again from 1: the inbox would drop its texts as repeats, the sandbox refuse its invoices (2029).
      for (const folder of ["inbox", "bkash"]) {
        await Deno.remove(`${STATE_DIR}/${folder}`, { recursive: true }).catch(() => {});
      }
      return 0;
    case "migrate":
      await migrate({ includeSeed: false });
      return 0;
    case "test":
      return await test();
    default:
      console.error("usage: cli.ts start [--no-app] | status | stop | reset | migrate | test");
      return 2;
  }
}

Deno.exit(await main(Deno.args[0], Deno.args.slice(1)));
