/**
 * The local Edge Functions service behind `/functions/v1/<name>`: each function in
 * `supabase/functions/<name>/index.ts` (or `[functions.<name>].entrypoint`) runs in its own Deno process,
 * started with the service, restarted on the next request if it dies and when its files change.
 * `[functions.<name>].verify_jwt` (default true) requires a JWT signed with the local secret, as Supabase's
 * edge runtime does. Functions get the environment Supabase gives them (`SUPABASE_URL`, keys, `SUPABASE_DB_URL`),
 * the local SMS and bKash settings, and `supabase/functions/.env` on top, like `supabase functions serve`.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  API_URL,
  APP_URL,
  BKASH_API_PATH,
  BKASH_CREDENTIALS,
  BKASH_SANDBOX_URL,
  DB_URL,
  INBOX_URL,
  PROJECT_ROOT,
  projectConfig,
  resolveEnv,
  SEND_SMS_HOOK_SECRET,
  SUPABASE_DIR,
} from "../config.ts";
import { ANON_KEY, SERVICE_ROLE_KEY, verifyJwt } from "../keys.ts";
import type { LocalService, RequestInfo } from "../service.ts";

/** `[functions.<name>]` in config.toml. */
export interface FunctionSettings {
  verify_jwt?: boolean;
  /** Relative to the folder holding `functions/` (the supabase folder), as in config.toml. */
  entrypoint?: string;
}

export interface FunctionsServiceOptions {
  /** The folder with one sub-folder per function; default `supabase/functions`. */
  functionsDir?: string;
  /** Per-function settings; default `[functions]` from config.toml. */
  functions?: Record<string, FunctionSettings>;
  /** Environment for every function, over all other sources (tests point gateways at doubles with it). */
  env?: Record<string, string>;
}

/** Like Supabase: letters, digits, `-`, `_`; folders starting with `_` (shared code) or `.` are not functions. */
const FUNCTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const WORKER_MODULE = fileURLToPath(new URL("./worker.ts", import.meta.url));
const BOOT_TIMEOUT_MS = 30_000;
/** Editors write a file in several steps: restart once they are done. */
const RELOAD_DEBOUNCE_MS = 200;
/** Host variables a Deno process needs to run at all; everything else a function sees is listed here. */
const HOST_ENV = ["HOME", "PATH", "TMPDIR", "DENO_DIR", "LANG", "TZ", "NO_COLOR"];

export async function createFunctionsService(options: FunctionsServiceOptions = {}): Promise<LocalService> {
  const functionsDir = resolve(options.functionsDir ?? `${SUPABASE_DIR}/functions`);
  const settings = options.functions ?? (projectConfig().functions as Record<string, FunctionSettings>) ?? {};
  const service = new FunctionsService(functionsDir, settings, options.env ?? {});
  await service.startAll();
  return service;
}

class FunctionsService implements LocalService {
  /** The current process of each function. */
  readonly #processes = new Map<string, FunctionProcess>();
  /** Every process not yet exited, including retired ones finishing their last requests. */
  readonly #live = new Set<FunctionProcess>();
  #watcher?: Deno.FsWatcher;
  #reloadTimer?: ReturnType<typeof setTimeout>;
  #closed = false;

  constructor(
    private readonly functionsDir: string,
    private readonly settings: Record<string, FunctionSettings>,
    private readonly extraEnv: Record<string, string>,
  ) {}

  /** Starts every function without waiting for them: the first request waits for its function instead. */
  async startAll(): Promise<void> {
    const names = new Set(Object.keys(this.settings));
    try {
      for await (const entry of Deno.readDir(this.functionsDir)) if (entry.isDirectory) names.add(entry.name);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    for (const name of names) if (this.#entrypoint(name)) this.#process(name);
    this.#watchForChanges();
  }

  async handle(req: Request, info: RequestInfo): Promise<Response> {
    if (this.#closed) return error(503, "SERVICE_UNAVAILABLE", "The functions service is shutting down");
    const name = info.path.split("/")[1] ?? "";
    const entrypoint = this.#entrypoint(name);
    if (!entrypoint) return error(404, "NOT_FOUND", "Requested function was not found");
    if (this.settings[name]?.verify_jwt ?? true) {
      const refusal = await checkJwt(req);
      if (refusal) return refusal;
    }
    return this.#process(name, entrypoint).forward(req, info);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reloadTimer);
    this.#watcher?.close();
    this.#watcher = undefined;
    await Promise.all([...this.#live].map((process) => process.stop()));
    this.#processes.clear();
  }

  /** The function's entry file, or undefined when there is no such function. */
  #entrypoint(name: string): string | undefined {
    if (!FUNCTION_NAME.test(name)) return undefined;
    const configured = this.settings[name]?.entrypoint;
    const path = configured
      ? resolve(dirname(this.functionsDir), configured)
      : `${this.functionsDir}/${name}/index.ts`;
    try {
      return Deno.statSync(path).isFile ? path : undefined;
    } catch {
      return undefined;
    }
  }

  /** The running process of a function, starting one if there is none or the last one died. */
  #process(name: string, entrypoint = this.#entrypoint(name)!): FunctionProcess {
    let process = this.#processes.get(name);
    if (!process?.usable) {
      const started = new FunctionProcess(name, entrypoint, this.#environment());
      this.#processes.set(name, started);
      this.#live.add(started);
      started.finished.then(() => this.#live.delete(started));
      process = started;
    }
    return process;
  }

  #environment(): Record<string, string> {
    const config = projectConfig();
    const host = Object.fromEntries(HOST_ENV.flatMap((name) => {
      const value = Deno.env.get(name);
      return value === undefined ? [] : [[name, value]];
    }));
    const hookSecret = config.auth?.hook?.send_sms?.secrets;
    const otpTemplate = config.auth?.sms?.template;
    return {
      ...host,
      SUPABASE_URL: API_URL,
      SUPABASE_ANON_KEY: ANON_KEY,
      SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY,
      SUPABASE_DB_URL: DB_URL,
      SB_EXECUTION_ID: crypto.randomUUID(),
      SEND_SMS_HOOK_SECRET: hookSecret ? resolveEnv(hookSecret) : SEND_SMS_HOOK_SECRET,
      SMS_GATEWAY: "inbox",
      SMS_INBOX_URL: `${INBOX_URL}/api/messages`,
      ...(otpTemplate ? { SMS_OTP_TEMPLATE: otpTemplate } : {}),
      // The bkash function talks to the local bKash sandbox and sends payers back to the local app.
      BKASH_BASE_URL: `${BKASH_SANDBOX_URL}${BKASH_API_PATH}`,
      BKASH_USERNAME: BKASH_CREDENTIALS.username,
      BKASH_PASSWORD: BKASH_CREDENTIALS.password,
      BKASH_APP_KEY: BKASH_CREDENTIALS.appKey,
      BKASH_APP_SECRET: BKASH_CREDENTIALS.appSecret,
      APP_URL,
      ...readDotEnv(`${this.functionsDir}/.env`),
      ...this.extraEnv,
    };
  }

  /** Picks up edited code (and `.env`): running processes finish their requests, new ones start on demand. */
  #watchForChanges(): void {
    try {
      this.#watcher = Deno.watchFs(this.functionsDir, { recursive: true });
    } catch (error) {
      console.warn(`[functions] not reloading on changes: ${(error as Error).message}`);
      return;
    }
    (async () => {
      for await (const event of this.#watcher!) {
        if (event.kind === "access" || event.kind === "other") continue;
        clearTimeout(this.#reloadTimer);
        this.#reloadTimer = setTimeout(() => {
          for (const process of this.#processes.values()) process.retire();
        }, RELOAD_DEBOUNCE_MS);
      }
    })();
  }
}

/** One function's Deno process, serving on a loopback port the process picks and reports. */
class FunctionProcess {
  readonly #child: Deno.ChildProcess;
  readonly #ready: Promise<number>;
  /** Settles once the process has exited and its output has been read. */
  readonly finished: Promise<unknown>;
  #exited = false;
  #retired = false;
  #inFlight = 0;

  constructor(private readonly name: string, entrypoint: string, env: Record<string, string>) {
    const readyMarker = `local-functions-ready:${crypto.randomUUID()}`;
    this.#child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        "--no-prompt",
        // Function processes must not rewrite the project's lock file while others run.
        "--no-lock",
        `--config=${PROJECT_ROOT}/deno.json`,
        "--allow-net",
        "--allow-env",
        "--allow-read",
        WORKER_MODULE,
        pathToFileURL(entrypoint).href,
        readyMarker,
      ],
      cwd: dirname(entrypoint),
      env,
      clearEnv: true,
      // Held open and never written: when this process dies, even by SIGKILL, the worker sees EOF and exits.
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();

    let reportPort!: (port: number) => void;
    let failBoot!: (error: Error) => void;
    this.#ready = new Promise<number>((resolve, reject) => {
      reportPort = resolve;
      failBoot = reject;
    });
    this.#ready.catch(() => {}); // a boot failure is reported to the requests that wait for it
    const bootTimer = setTimeout(() => {
      failBoot(new Error(`did not start serving within ${BOOT_TIMEOUT_MS / 1000} s`));
      this.#signal("SIGKILL");
    }, BOOT_TIMEOUT_MS);
    const logPrefix = `[functions/${name}]`;
    const stdout = forEachLine(this.#child.stdout, (line) => {
      if (line.startsWith(`${readyMarker} `)) {
        clearTimeout(bootTimer);
        reportPort(Number(line.slice(readyMarker.length + 1)));
      } else console.log(logPrefix, line);
    });
    const stderr = forEachLine(this.#child.stderr, (line) => console.error(logPrefix, line));
    const status = this.#child.status.then(async (status) => {
      this.#exited = true;
      await this.#child.stdin.close().catch(() => {});
      clearTimeout(bootTimer);
      failBoot(new Error(`exited with code ${status.code} before serving`));
      if (!this.#retired) console.error(logPrefix, `exited with code ${status.code}`);
    });
    this.finished = Promise.all([stdout, stderr, status]);
  }

  /** False once the process died or was retired: the next request needs a new process. */
  get usable(): boolean {
    return !this.#exited && !this.#retired;
  }

  async forward(req: Request, info: RequestInfo): Promise<Response> {
    this.#inFlight++;
    try {
      let port: number;
      try {
        port = await this.#ready;
      } catch (bootError) {
        console.error(`[functions/${this.name}] failed to boot: ${(bootError as Error).message}`);
        return error(503, "BOOT_ERROR", "Worker failed to boot (please check logs)");
      }
      const publicUrl = new URL(req.url);
      const headers = new Headers(req.headers);
      headers.delete("host");
      headers.set("x-forwarded-host", publicUrl.host);
      headers.set("x-forwarded-proto", publicUrl.protocol.slice(0, -1));
      headers.set("x-forwarded-for", info.clientAddress);
      const answer = await fetch(`http://127.0.0.1:${port}${info.path}${publicUrl.search}`, {
        method: req.method,
        headers,
        body: req.body,
        redirect: "manual",
      });
      return new Response(answer.body, {
        status: answer.status,
        statusText: answer.statusText,
        headers: answer.headers,
      });
    } catch (failure) {
      console.error(`[functions/${this.name}] request failed: ${(failure as Error).message}`);
      return error(500, "WORKER_ERROR", "Function exited due to an error (please check logs)");
    } finally {
      this.#inFlight--;
      if (this.#retired && this.#inFlight === 0) this.stop();
    }
  }

  /** Stops taking new requests and exits once the ones under way have their answers. */
  retire(): void {
    this.#retired = true;
    if (this.#inFlight === 0) this.stop();
  }

  async stop(): Promise<void> {
    this.#retired = true;
    const forced = setTimeout(() => this.#signal("SIGKILL"), 2_000);
    this.#signal("SIGTERM");
    await this.finished;
    clearTimeout(forced);
  }

  #signal(signal: Deno.Signal): void {
    try {
      if (!this.#exited) this.#child.kill(signal);
    } catch {
      // It exited meanwhile.
    }
  }
}

async function checkJwt(req: Request): Promise<Response | undefined> {
  const header = req.headers.get("authorization");
  if (!header) return Response.json({ msg: "Error: Missing authorization header" }, { status: 401 });
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) return Response.json({ msg: "Error: Auth header is not 'Bearer {token}'" }, { status: 401 });
  try {
    await verifyJwt(token);
  } catch {
    return Response.json({ msg: "Invalid JWT" }, { status: 401 });
  }
}

/** The edge runtime's own error answers. */
function error(status: number, code: string, message: string): Response {
  return Response.json({ code, message }, { status });
}

async function forEachLine(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
): Promise<void> {
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of stream) {
    const lines = (pending + decoder.decode(chunk, { stream: true })).split("\n");
    pending = lines.pop()!;
    lines.forEach(onLine);
  }
  if (pending) onLine(pending);
}

/** `KEY=value` lines, as `supabase functions serve` reads `supabase/functions/.env`; `SUPABASE_*` is reserved. */
function readDotEnv(path: string): Record<string, string> {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch {
    return {};
  }
  const env: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || match[1].startsWith("SUPABASE_")) continue;
    env[match[1]] = match[2].replace(/^(["'])(.*)\1$/, "$2");
  }
  return env;
}
