import { join } from "node:path";
import { loadClientBundle, writeClientBundle } from "./bundle.ts";
import { projectDir, resolveConfig } from "./config.ts";
import { createRequestHandler, type RequestHandler } from "./handler.ts";
import { buildRouteTable } from "./routes.ts";
import { collectStaticFiles } from "./static_files.ts";
import type { FreshConfig, Manifest, ResolvedFreshConfig } from "./types.ts";
import "./render_hooks.ts";

export { defineApp, defineConfig, defineLayout, defineRoute } from "./defines.ts";
export { STATUS_CODE } from "./status.ts";
export type * from "./types.ts";

/**
 * Builds the request handler for an app: routes and islands from the manifest, static files, and the
 * island bundle (prebuilt in `_fresh/` when current, else bundled now). Use it in tests; `start` serves it.
 */
export async function createHandler(manifest: Manifest, config: FreshConfig = {}): Promise<RequestHandler> {
  const resolved = resolveConfig(manifest, config);
  for (const plugin of resolved.plugins) await plugin.configResolved?.(resolved);
  const table = buildRouteTable(manifest);
  const client = await loadClientBundle(bundleOptions(manifest, resolved, table.islands), !resolved.dev);
  // As upstream, files `dev.ts build` put in `_fresh/static` win over `static/`, except in dev mode.
  const staticDirs = resolved.dev
    ? [resolved.staticDir]
    : [resolved.staticDir, join(resolved.build.outDir, "static")];
  const staticFiles = await collectStaticFiles(...staticDirs);
  return createRequestHandler({ config: resolved, table, staticFiles, client });
}

/**
 * Serves the app with `Deno.serve` until the server shuts down: on `server.port`, else the `PORT`
 * environment variable, else 8000. Handlers see the listening address as `ctx.localAddr`.
 */
export async function start(manifest: Manifest, config: FreshConfig = {}): Promise<void> {
  const handler = await createHandler(manifest, config);
  const { server } = resolveConfig(manifest, config);
  const portFromEnv = Deno.env.get("PORT");
  const port = server.port ?? (portFromEnv === undefined ? 8000 : Number(portFromEnv));
  // As upstream, the address is announced on stdout (scripts and upstream's test helpers read it there).
  const onListen = server.onListen ??
    ((addr: Deno.NetAddr) => console.log(`Fresh ready. Local: http://localhost:${addr.port}/`));
  const hostname = server.hostname ?? "localhost";
  const listening: Deno.HttpServer<Deno.NetAddr> = Deno.serve(
    { ...server, port, onListen },
    // As upstream: the configured hostname (else "localhost"), whatever address the socket is bound to.
    (req, info) => handler(req, { remoteAddr: info.remoteAddr, localAddr: { ...listening.addr, hostname } }),
  );
  await listening.finished;
}

/** Upstream's older entry point, still used by some apps and tests: `(await ServerContext.fromManifest(m, c)).handler()`. */
export class ServerContext {
  private constructor(private readonly requestHandler: RequestHandler) {}

  static async fromManifest(manifest: Manifest, config: FreshConfig = {}): Promise<ServerContext> {
    return new ServerContext(await createHandler(manifest, config));
  }

  handler(): RequestHandler {
    return this.requestHandler;
  }
}

/** Bundles the islands into the configured `build.outDir` (`dev.ts build`). */
export async function build(manifest: Manifest, config: FreshConfig = {}): Promise<void> {
  const resolved = resolveConfig(manifest, config);
  for (const plugin of resolved.plugins) await plugin.configResolved?.(resolved);
  for (const plugin of resolved.plugins) await plugin.buildStart?.(resolved);
  await writeClientBundle(bundleOptions(manifest, resolved, buildRouteTable(manifest).islands));
  for (const plugin of resolved.plugins) await plugin.buildEnd?.();
}

function bundleOptions(
  manifest: Manifest,
  config: ResolvedFreshConfig,
  islands: ReturnType<typeof buildRouteTable>["islands"],
) {
  return {
    islands,
    projectDir: projectDir(manifest),
    outDir: config.build.outDir,
    target: config.build.target,
  };
}
