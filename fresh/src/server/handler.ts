/** The request pipeline: normalise the URL, pick the destination, run middleware, handle errors. */
import type { ComponentType } from "preact";
import { INTERNAL_PREFIX, PARTIAL_SEARCH_PARAM } from "../runtime/utils.ts";
import { BUNDLE_PATH } from "./build_id.ts";
import type { ClientBundle } from "./bundle.ts";
import { ERROR_OVERLAY_PATH, errorOverlayPage } from "./error_overlay.ts";
import { renderPage } from "./render.ts";
import { type Island, itemsForBaseRoute, type Page, type Route, type RouteTable } from "./routes.ts";
import { IMMUTABLE, serveStaticFile, type StaticFile } from "./static_files.ts";
import type {
  DestinationKind,
  FreshContext,
  KnownMethod,
  MiddlewareHandler,
  RenderOptions,
  ResolvedFreshConfig,
  ServeHandlerInfo,
} from "./types.ts";

export interface ServerParts {
  config: ResolvedFreshConfig;
  table: RouteTable;
  staticFiles: Map<string, StaticFile>;
  client: ClientBundle;
}

export type RequestHandler = (req: Request, connInfo?: ServeHandlerInfo) => Promise<Response>;

const DEFAULT_CONN_INFO: ServeHandlerInfo = {
  localAddr: { transport: "tcp", hostname: "localhost", port: 8080 },
  remoteAddr: { transport: "tcp", hostname: "localhost", port: 1234 },
};

interface Destination {
  kind: DestinationKind;
  /** Picks the middlewares that run: those of the matched route's folders, else the root ones. */
  baseRoute: string;
  handle: MiddlewareHandler;
}

export function createRequestHandler(parts: ServerParts): RequestHandler {
  const { config, table, staticFiles, client } = parts;
  const islandsByComponent = new Map<ComponentType, Island>(
    table.islands.map((island) => [island.component, island]),
  );

  function render(
    req: Request,
    ctx: FreshContext,
    page: Page,
    init: RenderOptions,
    devError?: { error: unknown },
  ): Promise<Response> {
    const { plugins, render: renderFn } = config;
    return renderPage({
      req,
      ctx,
      page,
      table,
      islandsByComponent,
      client,
      plugins,
      renderFn,
      init,
      devError,
    });
  }

  async function renderNotFound(req: Request, ctx: FreshContext, data: unknown): Promise<Response> {
    const page = table.notFound;
    if (!page?.handler) {
      return new Response("Not found.", {
        status: 404,
        headers: { "content-type": "text/html; charset=utf-8" },
      });
    }
    const pageCtx: FreshContext = {
      ...ctx,
      data,
      render: (renderData = data, init = {}) =>
        render(req, { ...pageCtx, data: renderData }, page, { ...init, status: init.status ?? 404 }),
    };
    return await page.handler(req, pageCtx);
  }

  async function renderError(req: Request, ctx: FreshContext, error: unknown): Promise<Response> {
    console.error("An error occurred during route handling or page rendering:", error);
    const page = table.error;
    if (page?.handler) {
      try {
        const pageCtx: FreshContext = {
          ...ctx,
          error,
          data: undefined,
          render: (data, init = {}) =>
            render(
              req,
              { ...pageCtx, data },
              page,
              { ...init, status: init.status ?? 500 },
              config.dev ? { error } : undefined,
            ),
        };
        return await page.handler(req, pageCtx);
      } catch (pageError) {
        console.error("The _500 page failed too:", pageError);
      }
    }
    return new Response("Internal Server Error", { status: 500, headers: { "content-type": "text/plain" } });
  }

  function runRoute(route: Route): MiddlewareHandler {
    return (req, ctx) => {
      ctx.render = async (data, init = {}) => await render(req, { ...ctx, data }, route, init);
      const { handler } = route;
      if (typeof handler === "function") return handler(req, ctx);
      // Only HTTP's methods dispatch: a handler named otherwise (`NOTAMETHOD`) is never called.
      const method = isKnownMethod(req.method) ? handler[req.method] : undefined;
      if (method) return method(req, ctx);
      const allowed = Object.keys(handler).filter(isKnownMethod);
      return new Response(null, { status: 405, headers: { allow: allowed.join(", ") } });
    };
  }

  function destination(req: Request, url: URL, ctx: FreshContext): Destination {
    if (config.dev && url.pathname === ERROR_OVERLAY_PATH) {
      return { kind: "internal", baseRoute: "/", handle: () => errorOverlayPage(url) };
    }
    if (url.pathname.startsWith(INTERNAL_PREFIX + "/")) {
      return { kind: "internal", baseRoute: "/", handle: () => serveBundleFile(req, url, client) };
    }
    const isRead = req.method === "GET" || req.method === "HEAD";
    const file = isRead ? staticFiles.get(decodePath(url.pathname)) : undefined;
    if (file) return { kind: "static", baseRoute: "/", handle: () => serveStaticFile(req, url, file) };
    for (const route of table.routes) {
      if (!url.pathname.startsWith(route.literalPrefix)) continue;
      const match = route.urlPattern.exec({ pathname: url.pathname });
      if (!match) continue;
      ctx.params = decodeParams(match.pathname.groups);
      ctx.route = ctx.pattern = route.pattern;
      return { kind: "route", baseRoute: route.baseRoute, handle: runRoute(route) };
    }
    return { kind: "notFound", baseRoute: "/", handle: (req, ctx) => renderNotFound(req, ctx, undefined) };
  }

  return async function handler(req, connInfo = DEFAULT_CONN_INFO) {
    const url = new URL(req.url);
    // A path with repeated slashes means the same as with single ones.
    url.pathname = url.pathname.replace(/\/{2,}/g, "/");
    const redirect = trailingSlashRedirect(url, config.router?.trailingSlash ?? false);
    if (redirect) return redirect;

    const ctx: FreshContext = {
      localAddr: connInfo.localAddr,
      remoteAddr: connInfo.remoteAddr,
      url,
      basePath: config.basePath,
      route: "",
      pattern: "",
      destination: "notFound",
      params: {},
      isPartial: url.searchParams.has(PARTIAL_SEARCH_PARAM),
      state: {},
      config,
      data: undefined,
      error: undefined,
      codeFrame: undefined,
      renderNotFound: async (data) => await renderNotFound(req, ctx, data),
      render: () => {
        throw new Error("ctx.render() is only available to handlers of page routes");
      },
      Component: () => null,
      next: () => Promise.reject(new Error("ctx.next() is only available to middleware")),
    };
    const target = destination(req, url, ctx);
    ctx.destination = target.kind;
    const chain = [
      ...itemsForBaseRoute(target.baseRoute, table.middlewares).flatMap((middleware) => middleware.handlers),
      target.handle,
    ];
    let position = 0;
    ctx.next = () => {
      const next = chain[position++];
      if (!next) return Promise.reject(new Error("ctx.next() was called after the last handler"));
      // A handler that throws synchronously rejects the promise too.
      return Promise.resolve().then(() => next(req, ctx));
    };
    try {
      return await ctx.next();
    } catch (error) {
      // As upstream: a handler or middleware may throw Deno.errors.NotFound (a missing file, say) for a 404.
      if (error instanceof Deno.errors.NotFound) return await ctx.renderNotFound();
      return await renderError(req, ctx, error);
    }
  };
}

/**
 * `/about/` → 307 `/about` (a relative Location, as upstream); with `router.trailingSlash`, `/about` → 308
 * `/about/` instead, with an absolute one (paths whose last segment has a dot, i.e. files, and the
 * runtime's own `/_frsh/…` paths excepted: a wrong one of those is a 404).
 */
function trailingSlashRedirect(url: URL, trailingSlash: boolean): Response | null {
  const { pathname, search } = url;
  if (!trailingSlash && pathname.length > 1 && pathname.endsWith("/")) {
    return new Response(null, { status: 307, headers: { location: pathname.replace(/\/+$/, "") + search } });
  }
  const isFile = pathname.split("/").at(-1)!.includes(".");
  if (trailingSlash && !pathname.endsWith("/") && !isFile && !pathname.startsWith(INTERNAL_PREFIX + "/")) {
    const location = new URL(url);
    location.pathname += "/";
    return new Response(null, { status: 308, headers: { location: location.href } });
  }
  return null;
}

const KNOWN_METHODS = new Set<string>(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]);

function isKnownMethod(method: string): method is KnownMethod {
  return KNOWN_METHODS.has(method);
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function decodeParams(groups: Record<string, string | undefined>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups)) {
    params[name] = value === undefined ? "" : decodePath(value);
  }
  return params;
}

function serveBundleFile(req: Request, url: URL, client: ClientBundle): Response {
  const file = url.pathname.startsWith(BUNDLE_PATH)
    ? client.files.get(url.pathname.slice(BUNDLE_PATH.length))
    : undefined;
  if (!file || (req.method !== "GET" && req.method !== "HEAD")) {
    return new Response("Not Found", { status: 404, headers: { "content-type": "text/plain" } });
  }
  return new Response(req.method === "HEAD" ? null : file, {
    headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": IMMUTABLE },
  });
}
