import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDevMode } from "./dev_mode.ts";
import type { FreshConfig, Manifest, ResolvedFreshConfig } from "./types.ts";

/** Project folder: where `fresh.gen.ts` lives. */
export function projectDir(manifest: Manifest): string {
  return dirname(fileURLToPath(manifest.baseUrl));
}

/** Upstream's default browser targets for the island bundle. */
const DEFAULT_TARGET = ["chrome99", "firefox99", "safari15"];

export function resolveConfig(manifest: Manifest, config: FreshConfig): ResolvedFreshConfig {
  const root = projectDir(manifest);
  const path = (value: string | undefined, fallback: string) =>
    value === undefined
      ? join(root, fallback)
      : value.startsWith("file:")
      ? fileURLToPath(value)
      : isAbsolute(value)
      ? value
      : join(root, value);
  for (const plugin of config.plugins ?? []) {
    const unsupported = (["entrypoints", "routes", "middlewares", "islands"] as const).filter((key) =>
      plugin[key]
    );
    if (unsupported.length > 0) {
      throw new Error(
        `Plugin "${plugin.name}" uses ${
          unsupported.join(", ")
        }, which the in-repo Fresh runtime does not support`,
      );
    }
  }
  return {
    dev: config.dev ?? isDevMode(),
    build: { outDir: path(config.build?.outDir, "_fresh"), target: config.build?.target ?? DEFAULT_TARGET },
    render: config.render ?? ((_ctx, render) => void render()),
    plugins: config.plugins ?? [],
    staticDir: path(config.staticDir, "static"),
    router: config.router,
    server: serverOptions(config),
    basePath: "",
  };
}

/** `server.*`, completed by the deprecated top-level options where it leaves one undefined. */
function serverOptions(config: FreshConfig): Partial<Deno.ServeTcpOptions> {
  const { port, hostname, signal, onListen, onError } = config;
  const merged: Record<string, unknown> = { port, hostname, signal, onListen, onError };
  for (const [key, value] of Object.entries(config.server ?? {})) {
    if (value !== undefined) merged[key] = value;
  }
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
}
