/**
 * The browser bundle: the client runtime plus every island, built by esbuild once (at startup, or ahead
 * of time by `dev.ts build` into `_fresh/`), never per request.
 */
import * as esbuild from "esbuild";
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Island } from "./routes.ts";

export interface ClientBundle {
  /** File name (`main.js`, `island-counter.js`, `chunk-….js`) → contents. */
  files: Map<string, Uint8Array<ArrayBuffer>>;
  /** The boot module the page loads. */
  main: string;
  /** File → every file it imports statically, directly or not (for modulepreload). */
  imports: Map<string, string[]>;
  /** Island id → its entry file. */
  islandFiles: Map<string, string>;
  /** Island id → strings in its source (and local imports) that may be class names. */
  classCandidates: Map<string, string[]>;
}

interface BundleManifest {
  version: 1;
  /** Hash of every input file and the island list: a mismatch means the bundle is stale. */
  fingerprint: string;
  inputs: string[];
  main: string;
  imports: Record<string, string[]>;
  islands: Record<string, { file: string; classCandidates: string[] }>;
}

export interface BundleOptions {
  islands: Island[];
  /** The project folder (where `fresh.gen.ts` is). */
  projectDir: string;
  outDir: string;
  target: string | string[];
}

const MANIFEST_FILE = "manifest.json";
const BOOT_ENTRY = "fresh-boot:main";
const CLIENT_RUNTIME = fileURLToPath(new URL("../runtime/client.ts", import.meta.url));
const PREACT_PACKAGES = /^(?:preact|@preact\/signals|@preact\/signals-core)(?:\/.*)?$/;

/** Uses the bundle in `outDir` when it matches the sources, else builds one in memory. */
export async function loadClientBundle(
  options: BundleOptions,
  preferPrebuilt: boolean,
): Promise<ClientBundle> {
  if (preferPrebuilt) {
    const prebuilt = await readPrebuilt(options);
    if (prebuilt) return prebuilt;
    if (existsSync(join(options.outDir, MANIFEST_FILE))) {
      console.warn(
        `Fresh: ${options.outDir} is out of date with the island sources; bundling in memory instead.`,
      );
    }
  }
  return (await buildClientBundle(options)).bundle;
}

/** `dev.ts build`: bundles and writes `outDir/manifest.json` and `outDir/js/*`. */
export async function writeClientBundle(options: BundleOptions): Promise<void> {
  const { bundle, manifest } = await buildClientBundle(options);
  await Deno.remove(join(options.outDir, "js"), { recursive: true }).catch(() => {});
  await Deno.mkdir(join(options.outDir, "js"), { recursive: true });
  for (const [name, contents] of bundle.files) {
    await Deno.writeFile(join(options.outDir, "js", name), contents);
  }
  await Deno.writeTextFile(join(options.outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + "\n");
}

async function buildClientBundle(
  options: BundleOptions,
): Promise<{ bundle: ClientBundle; manifest: BundleManifest }> {
  const configDir = findConfigDir(options.projectDir);
  const denoConfig = await readDenoConfig(configDir);
  const outDir = join(options.outDir, "js");
  const entryOf = new Map<string, string>(); // island file → entry name
  for (const island of options.islands) {
    if (!entryOf.has(island.file)) entryOf.set(island.file, `island-${island.name.toLowerCase()}`);
  }

  const result = await withEsbuild(() =>
    esbuild.build({
      absWorkingDir: configDir,
      entryPoints: [
        { in: BOOT_ENTRY, out: "main" },
        ...[...entryOf].map(([file, out]) => ({ in: file, out })),
      ],
      outdir: outDir,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: options.target,
      minify: true,
      jsx: "automatic",
      jsxImportSource: denoConfig.jsxImportSource,
      entryNames: "[name]",
      chunkNames: "chunk-[hash]",
      metafile: true,
      write: false,
      logLevel: "silent",
      plugins: [bootPlugin(options.islands, configDir), denoResolvePlugin(configDir, denoConfig.imports)],
    })
  );

  const fileName = (path: string) => relative(outDir, resolve(configDir, path)).split(sep).join("/");
  const files = new Map(
    result.outputFiles.map((file) => [fileName(file.path), file.contents as Uint8Array<ArrayBuffer>]),
  );
  const directImports = new Map(
    Object.entries(result.metafile.outputs).map(([path, output]) => [
      fileName(path),
      output.imports.filter((item) => item.kind === "import-statement").map((item) => fileName(item.path)),
    ]),
  );
  const imports: Record<string, string[]> = {};
  for (const file of directImports.keys()) imports[file] = transitive(file, directImports);

  const inputs = Object.keys(result.metafile.inputs).filter((path) => !path.startsWith("fresh-boot:")).sort();
  const islands: BundleManifest["islands"] = {};
  for (const island of options.islands) {
    islands[island.id] = {
      file: `${entryOf.get(island.file)}.js`,
      classCandidates: await classCandidatesOf(
        relative(configDir, island.file).split(sep).join("/"),
        result.metafile,
        configDir,
      ),
    };
  }
  const manifest: BundleManifest = {
    version: 1,
    fingerprint: await fingerprint(configDir, inputs, options),
    inputs,
    main: "main.js",
    imports,
    islands,
  };
  return { bundle: bundleFromManifest(manifest, files), manifest };
}

let runningBuilds = 0;

/** Runs an esbuild call, stopping esbuild's service process after the last concurrent one finishes. */
async function withEsbuild<T>(work: () => Promise<T>): Promise<T> {
  runningBuilds++;
  try {
    return await work();
  } finally {
    if (--runningBuilds === 0) await esbuild.stop();
  }
}

async function readPrebuilt(options: BundleOptions): Promise<ClientBundle | null> {
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(await Deno.readTextFile(join(options.outDir, MANIFEST_FILE)));
  } catch {
    return null;
  }
  const configDir = findConfigDir(options.projectDir);
  const current = await fingerprint(configDir, manifest.inputs, options).catch(() => null);
  if (manifest.version !== 1 || current !== manifest.fingerprint) return null;
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  for await (const entry of Deno.readDir(join(options.outDir, "js"))) {
    if (entry.isFile) files.set(entry.name, await Deno.readFile(join(options.outDir, "js", entry.name)));
  }
  return bundleFromManifest(manifest, files);
}

function bundleFromManifest(
  manifest: BundleManifest,
  files: Map<string, Uint8Array<ArrayBuffer>>,
): ClientBundle {
  const islands = Object.entries(manifest.islands);
  return {
    files,
    main: manifest.main,
    imports: new Map(Object.entries(manifest.imports)),
    islandFiles: new Map(islands.map(([id, island]) => [id, island.file])),
    classCandidates: new Map(islands.map(([id, island]) => [id, island.classCandidates])),
  };
}

async function fingerprint(configDir: string, inputs: string[], options: BundleOptions): Promise<string> {
  const parts: string[] = [
    JSON.stringify(options.target),
    ...options.islands.map((island) => island.id).sort(),
  ];
  for (const input of inputs) parts.push(input, await Deno.readTextFile(join(configDir, input)));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(parts.join("\0")));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function transitive(file: string, directImports: Map<string, string[]>): string[] {
  const seen = new Set<string>();
  const visit = (current: string) => {
    for (const dependency of directImports.get(current) ?? []) {
      if (!seen.has(dependency)) {
        seen.add(dependency);
        visit(dependency);
      }
    }
  };
  visit(file);
  return [...seen];
}

/** The generated `main` entry: the client runtime, with a lazy loader per island. */
function bootPlugin(islands: Island[], configDir: string): esbuild.Plugin {
  const loaders = islands.map((island) =>
    `${JSON.stringify(island.id)}: () => import(${JSON.stringify(island.file)}).then((m) => m[${
      JSON.stringify(island.exportName)
    }])`
  );
  const contents = `import { boot } from ${JSON.stringify(CLIENT_RUNTIME)};\nboot({ ${
    loaders.join(",\n")
  } });\n`;
  return {
    name: "fresh-boot",
    setup(build) {
      build.onResolve({ filter: /^fresh-boot:main$/ }, () => ({ path: "main", namespace: "fresh-boot" }));
      build.onLoad(
        { filter: /.*/, namespace: "fresh-boot" },
        () => ({ contents, loader: "js", resolveDir: configDir }),
      );
    },
  };
}

const RESOLVING = Symbol("resolving");

/**
 * Resolves like Deno: `deno.json` import-map aliases (`$fresh/`, `@/`), `npm:` specifiers, and one
 * copy of Preact and signals (the project's node_modules) whoever imports them.
 */
function denoResolvePlugin(configDir: string, importMap: Record<string, string>): esbuild.Plugin {
  const prefixes = Object.keys(importMap).filter((key) => key.endsWith("/")).sort((a, b) =>
    b.length - a.length
  );
  return {
    name: "deno-resolve",
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === RESOLVING || args.namespace === "fresh-boot" && args.kind === "entry-point") {
          return;
        }
        let specifier = args.path;
        const prefix = prefixes.find((key) => specifier.startsWith(key));
        if (importMap[specifier] !== undefined) specifier = importMap[specifier];
        else if (prefix) specifier = importMap[prefix] + specifier.slice(prefix.length);
        if (specifier.startsWith("./") || specifier.startsWith("../")) {
          if (specifier === args.path) return; // an ordinary relative import
          return { path: resolve(configDir, specifier) };
        }
        if (specifier.startsWith("file://")) return { path: fileURLToPath(specifier) };
        if (/^(?:jsr|https?|node):/.test(specifier)) {
          return {
            errors: [{
              text:
                `"${args.path}" cannot be bundled for the browser: island code may import local files and ` +
                `npm packages only`,
            }],
          };
        }
        specifier = specifier.replace(/^npm:\/?((?:@[^/]+\/)?[^@/]+)(?:@[^/]*)?/, "$1");
        if (specifier === args.path && !PREACT_PACKAGES.test(specifier)) return;
        const resolved = await build.resolve(specifier, {
          kind: args.kind,
          resolveDir: configDir,
          pluginData: RESOLVING,
        });
        return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path };
      });
    },
  };
}

/** The folder holding `deno.json` (and `node_modules`), from `dir` upwards. */
function findConfigDir(dir: string): string {
  for (let current = dir;; current = dirname(current)) {
    if (existsSync(join(current, "deno.json"))) return current;
    if (dirname(current) === current) return dir;
  }
}

async function readDenoConfig(
  configDir: string,
): Promise<{ imports: Record<string, string>; jsxImportSource: string }> {
  let config: {
    imports?: Record<string, string>;
    importMap?: string;
    compilerOptions?: { jsxImportSource?: string };
  } = {};
  try {
    config = JSON.parse(await Deno.readTextFile(join(configDir, "deno.json")));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  let imports = config.imports ?? {};
  if (config.importMap) {
    imports = {
      ...JSON.parse(await Deno.readTextFile(join(configDir, config.importMap))).imports,
      ...imports,
    };
  }
  return { imports, jsxImportSource: config.compilerOptions?.jsxImportSource ?? "preact" };
}

/** Local files an island reaches through imports (node_modules excluded), scanned for class names. */
async function classCandidatesOf(
  islandInput: string,
  metafile: esbuild.Metafile,
  configDir: string,
): Promise<string[]> {
  const files = new Set<string>();
  const visit = (input: string) => {
    if (files.has(input) || input.includes("node_modules/") || !metafile.inputs[input]) return;
    files.add(input);
    for (const item of metafile.inputs[input].imports) visit(item.path);
  };
  visit(islandInput);
  const candidates = new Set<string>();
  for (const file of files) {
    for (const candidate of classNameCandidates(await Deno.readTextFile(join(configDir, file)))) {
      candidates.add(candidate);
    }
  }
  return [...candidates].sort();
}

/** Words inside string literals that could be class names (printable ASCII, containing a letter). */
function classNameCandidates(source: string): string[] {
  const candidates = new Set<string>();
  for (const match of source.matchAll(/"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)) {
    const text = (match[1] ?? match[2] ?? match[3]).replace(/\$\{[^}]*\}/g, " ");
    for (const word of text.split(/\s+/)) {
      if (/^[!-~]{1,100}$/.test(word) && /[a-z]/.test(word)) candidates.add(word);
    }
  }
  return [...candidates];
}
