/**
 * The project-local Postgres cluster: created on first start under `.local-stack/postgres`, started with
 * pg_ctl (so it survives a crash of the supervisor and is simply reused next time), bootstrapped with
 * what the Supabase image provides, migrated with the Supabase CLI and seeded once.
 */
import {
  API_URL,
  DB_PASSWORD,
  DB_URL,
  DEVSTACK_DIR,
  HOST,
  PORTS,
  PROJECT_ROOT,
  STATE_DIR,
} from "./config.ts";
import { SERVICE_ROLE_KEY } from "./keys.ts";
import { log, run, runOrThrow } from "./process.ts";

const PG_BIN = Deno.env.get("PG_BIN") ?? "/usr/lib/postgresql/15/bin";

/** initdb and postgres refuse to run as root: run them as the `postgres` OS user when we are root. */
const runAsPostgresUser = Deno.uid() === 0;

/**
 * The cluster lives in the state folder, unless that folder is out of the postgres OS user's reach
 * (a checkout under /root, say): then it lives under /var/lib/postgresql, linked from the state folder.
 */
async function clusterDirectory(): Promise<string> {
  const inProject = `${STATE_DIR}/postgres`;
  if (!runAsPostgresUser) return inProject;
  await Deno.mkdir(STATE_DIR, { recursive: true });
  const reachable = await run(["runuser", "-u", "postgres", "--", "test", "-x", STATE_DIR]);
  if (reachable.code === 0) return inProject;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(STATE_DIR));
  const name = Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join(
    "",
  );
  const outside = `/var/lib/postgresql/clean-care-${name}`;
  await Deno.symlink(outside, inProject).catch(() => {});
  return outside;
}

const PG_DIR = await clusterDirectory();
const DATA_DIR = `${PG_DIR}/data`;
const SOCKET_DIR = `${PG_DIR}/run`;
const LOG_FILE = `${PG_DIR}/postgres.log`;
/** Written after the seed has been applied once, so restarts keep data instead of reseeding. */
const SEEDED_MARKER = `${PG_DIR}/seeded`;

function pgCommand(binary: string, args: string[]): string[] {
  const command = [`${PG_BIN}/${binary}`, ...args];
  return runAsPostgresUser ? ["runuser", "-u", "postgres", "--", ...command] : command;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function initCluster(): Promise<void> {
  log("db", "creating the local Postgres cluster");
  await Deno.mkdir(SOCKET_DIR, { recursive: true });
  const passwordFile = `${PG_DIR}/pwfile`;
  await Deno.writeTextFile(passwordFile, DB_PASSWORD);
  if (runAsPostgresUser) await runOrThrow(["chown", "-R", "postgres:postgres", PG_DIR]);
  await runOrThrow(pgCommand("initdb", [
    "-D",
    DATA_DIR,
    "-U",
    "supabase_admin",
    `--pwfile=${passwordFile}`,
    "--auth-local=trust",
    "--auth-host=scram-sha-256",
    "--encoding=UTF8",
    "--locale=C.UTF-8",
  ]));
  await Deno.remove(passwordFile);
  const settings = [
    `port = ${PORTS.db}`,
    `listen_addresses = '${HOST}'`,
    `unix_socket_directories = '${SOCKET_DIR}'`,
    "wal_level = logical",
    "max_connections = 200",
    "shared_buffers = 256MB",
    "fsync = on",
    "timezone = 'UTC'",
    "log_min_messages = warning",
  ];
  await Deno.writeTextFile(`${DATA_DIR}/postgresql.conf`, `\n${settings.join("\n")}\n`, { append: true });
}

async function isRunning(): Promise<boolean> {
  const status = await run(pgCommand("pg_ctl", ["status", "-D", DATA_DIR]));
  return status.code === 0;
}

/**
 * Given at every start, so clusters made before a setting existed get it too: pg_cron (Supabase ships it;
 * the migrations schedule jobs with it) must be preloaded and told which database holds its jobs. Its jobs
 * run in background workers: connecting over TCP they would need a password, and every run failed with
 * "connection failed".
 */
const SERVER_OPTIONS =
  "-c shared_preload_libraries=pg_cron -c cron.database_name=postgres -c cron.use_background_workers=on";

/** Starts the cluster (creating it first if needed); reuses one left running by an earlier crash. */
export async function startPostgres(): Promise<void> {
  if (!(await exists(`${DATA_DIR}/PG_VERSION`))) {
    await Deno.remove(PG_DIR, { recursive: true }).catch(() => {});
    await initCluster();
  }
  if (await isRunning()) {
    log("db", "Postgres is already running; reusing it");
  } else {
    // A postmaster.pid left by a kill -9 is handled by postgres itself: it checks whether the pid lives.
    await runOrThrow(
      pgCommand("pg_ctl", ["start", "-w", "-t", "60", "-D", DATA_DIR, "-l", LOG_FILE, "-o", SERVER_OPTIONS]),
    );
  }
  await waitForConnections();
}

async function waitForConnections(): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const ready = await run([`${PG_BIN}/pg_isready`, "-h", HOST, "-p", String(PORTS.db)]);
    if (ready.code === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Postgres did not accept connections; see ${LOG_FILE}`);
}

export async function stopPostgres(): Promise<void> {
  if (await isRunning()) {
    await run(pgCommand("pg_ctl", ["stop", "-m", "fast", "-w", "-D", DATA_DIR]));
  }
}

/** psql as the bootstrap superuser over the unix socket. */
function psqlAsSuperuser(args: string[]): string[] {
  return pgCommand("psql", [
    "-h",
    SOCKET_DIR,
    "-p",
    String(PORTS.db),
    "-U",
    "supabase_admin",
    "-d",
    "postgres",
    "-X",
    "-q",
    "-v",
    "ON_ERROR_STOP=1",
    ...args,
  ]);
}

/** The SQL files that recreate what the Supabase image provides, in the order they must run. */
async function bootstrapFiles(): Promise<string[]> {
  const local = DEVSTACK_DIR;
  const files: string[] = [];
  for await (const entry of Deno.readDir(`${local}/sql`)) {
    if (entry.name.endsWith(".sql")) files.push(`${local}/sql/${entry.name}`);
  }
  files.sort();
  for (const service of ["auth", "storage", "realtime", "net"]) {
    const schema = `${local}/${service}/schema.sql`;
    if (await exists(schema)) files.push(schema);
  }
  return files;
}

/** Applies the bootstrap SQL (idempotent), then new migrations, then the seed on first start. */
export async function prepareDatabase(): Promise<void> {
  for (const file of await bootstrapFiles()) {
    // The postgres OS user may not be able to read the checkout; feed the file on stdin instead.
    await runOrThrow(psqlAsSuperuser(["-f", "-"]), { stdin: await Deno.readTextFile(file), label: file });
  }
  const firstStart = !(await exists(SEEDED_MARKER));
  await migrate({ includeSeed: firstStart });
  if (firstStart) await Deno.writeTextFile(SEEDED_MARKER, new Date().toISOString());
}

/**
 * `supabase db push` against the local database URL, as for a hosted project. `--include-all` also applies
 * a migration whose timestamp is older than the newest applied one (branches merged out of order).
 */
export async function migrate({ includeSeed }: { includeSeed: boolean }): Promise<void> {
  const args = ["db", "push", `--remote=${DB_URL}`, "--yes", "--include-all", "--workdir", PROJECT_ROOT];
  if (includeSeed) args.push("--include-seed");
  await runOrThrow([`${PROJECT_ROOT}/node_modules/.bin/supabase`, ...args], { label: "supabase db push" });
  await runOrThrow(psqlAsSuperuser(["-f", "-"]), { stdin: operatorSettings(), label: "operator settings" });
  // PostgREST caches the schema; ask it to reload after migrations.
  await runOrThrow(psqlAsSuperuser(["-c", "notify pgrst, 'reload schema'"]));
}

/**
 * What an operator sets once on a hosted project (README, "Production settings"): where the database calls
 * the `sms` and `bkash` Edge Functions and with which key. Written at every start, since the port offset may
 * change.
 */
function operatorSettings(): string {
  const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;
  return `do $$ begin
  if to_regclass('private.settings') is not null then
    insert into private.settings (name, value) values
      ('sms_function_url', ${quote(`${API_URL}/functions/v1/sms`)}),
      ('sms_function_key', ${quote(SERVICE_ROLE_KEY)}),
      ('bkash_function_url', ${quote(`${API_URL}/functions/v1/bkash`)}),
      ('bkash_function_key', ${quote(SERVICE_ROLE_KEY)})
    on conflict (name) do update set value = excluded.value;
  end if;
end $$;`;
}

/** Drops the whole cluster: the next start recreates, migrates and seeds it. */
export async function resetDatabase(): Promise<void> {
  await stopPostgres();
  await Deno.remove(PG_DIR, { recursive: true }).catch(() => {});
}

export const postgresLogFile = LOG_FILE;
