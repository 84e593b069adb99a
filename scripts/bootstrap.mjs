// Entry point of `npm start`, `npm test`, `npm run status` and `npm run stop` on a machine that has only
// Node and npm: installs the npm dependencies and, when running as root, the Debian packages the local
// stack needs, then hands over to the Deno command line in scripts/cli.ts.
// Plain Node with no dependencies, because it runs before anything is installed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const command = process.argv[2];

/** Debian packages per command: the database for everything, pgTAP runner and Chromium for tests. */
const STACK_PACKAGES = [
  "postgresql-15",
  "postgresql-15-pgtap",
  "postgresql-15-plpgsql-check",
  "postgresql-15-cron",
];
const TEST_PACKAGES = ["libtap-parser-sourcehandler-pgtap-perl", "chromium", "fonts-noto-core"];

function say(message) {
  if (command !== "status") console.error(`[setup] ${message}`);
}

function mustRun(program, args, options = {}) {
  const result = spawnSync(program, args, { stdio: ["ignore", "inherit", "inherit"], cwd: root, ...options });
  if (result.status !== 0) {
    console.error(`[setup] ${program} ${args.join(" ")} failed`);
    process.exit(result.status ?? 1);
  }
}

function ensureNpmDependencies() {
  const marker = join(root, "node_modules", ".package-lock.json");
  const lock = join(root, "package-lock.json");
  const upToDate = existsSync(join(root, "node_modules", ".bin", "deno")) && existsSync(marker) &&
    statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
  if (upToDate) return;
  say("installing npm dependencies");
  // `npm install` from the lock file, not `npm ci`: npm 11 leaves other platforms' optional binaries
  // (deno, postgrest, supabase) out of the lock file and `npm ci` then refuses it as out of sync.
  // Progress goes to stderr so `npm run --silent status` prints only the status lines.
  mustRun("npm", ["install", "--no-save", "--no-audit", "--no-fund"], { stdio: ["ignore", 2, "inherit"] });
}

function missingPackages(packages) {
  return packages.filter((name) => {
    const result = spawnSync("dpkg-query", ["-W", "-f=${Status}", name], { encoding: "utf8" });
    return !result.stdout?.includes("install ok installed");
  });
}

function ensureDebianPackages(packages) {
  const missing = missingPackages(packages);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(
      `[setup] missing Debian packages: ${missing.join(" ")}\n        install them: sudo apt-get install -y ${
        missing.join(" ")
      }`,
    );
    process.exit(1);
  }
  say(`installing Debian packages: ${missing.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const quiet = { env, stdio: ["ignore", 2, "inherit"] };
  mustRun("apt-get", ["update", "-qq"], quiet);
  mustRun("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], quiet);
}

/**
 * The stack's ports (54321-54330) lie inside Linux's ephemeral range (32768-60999): a busy machine's outgoing
 * connection may hold one when the stack starts, which then fails with "address in use". As root, keep the
 * kernel from handing them out; elsewhere nothing changes.
 */
function reserveStackPorts() {
  const file = "/proc/sys/net/ipv4/ip_local_reserved_ports";
  const ours = "54321-54330";
  try {
    const current = readFileSync(file, "utf8").trim();
    if (process.getuid?.() !== 0 || current.split(",").includes(ours)) return;
    writeFileSync(file, current ? `${current},${ours}` : ours);
  } catch {
    // No such file (not Linux) or a read-only /proc (some containers): the ports stay as they are.
  }
}

ensureNpmDependencies();
if (command === "start" || command === "test") {
  ensureDebianPackages(command === "test" ? [...STACK_PACKAGES, ...TEST_PACKAGES] : STACK_PACKAGES);
  reserveStackPorts();
}

const deno = join(root, "node_modules", ".bin", "deno");
const child = spawn(deno, ["run", "-A", join(root, "scripts/cli.ts"), ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
// Ctrl-C reaches the Deno process group too; let it shut the stack down and report its exit code.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal === "SIGINT" ? "SIGINT" : "SIGTERM"));
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
