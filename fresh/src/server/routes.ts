/** Turns the manifest (`fresh.gen.ts`) into what the request handler matches against. */
import { type ComponentType, h } from "preact";
import { fileURLToPath } from "node:url";
import type {
  AppModule,
  ErrorPageModule,
  Handler,
  Handlers,
  LayoutModule,
  Manifest,
  MiddlewareHandler,
  MiddlewareModule,
  PageComponent,
  RouteModule,
  UnknownPageModule,
} from "./types.ts";

/** A page-like thing the renderer can draw: a route, `_404` or `_500`. */
export interface Page {
  /** Where the file sits under `routes/`, group folders included (`/(auth)/login`); picks layouts. */
  baseRoute: string;
  pattern: string;
  component?: PageComponent;
  csp: boolean;
  appWrapper: boolean;
  inheritLayouts: boolean;
}

export interface Route extends Page {
  urlPattern: URLPattern;
  /** Every path the pattern matches starts with this: most routes are ruled out without running the pattern. */
  literalPrefix: string;
  handler: Handler | Handlers;
}

export interface SpecialPage extends Page {
  handler?: Handler;
}

export interface Layout {
  baseRoute: string;
  component: PageComponent;
  appWrapper: boolean;
  inheritLayouts: boolean;
}

export interface Middleware {
  baseRoute: string;
  handlers: MiddlewareHandler[];
}

export interface Island {
  /** `<name>_<export>` in lower case, e.g. `counter_default`. */
  id: string;
  /** PascalCase name from the file path, e.g. `Counter`. */
  name: string;
  exportName: string;
  component: ComponentType;
  /** Absolute path of the island file. */
  file: string;
}

export interface RouteTable {
  /** In matching order: the first route whose pattern matches wins. */
  routes: Route[];
  /** Outer to inner. */
  layouts: Layout[];
  /** Outer to inner. */
  middlewares: Middleware[];
  app?: AppModule["default"];
  notFound?: SpecialPage;
  error?: SpecialPage;
  islands: Island[];
}

const SCRIPT_EXTENSION = /\.[jt]sx?$/;

export function buildRouteTable(manifest: Manifest): RouteTable {
  const table: RouteTable = { routes: [], layouts: [], middlewares: [], islands: [] };
  const entries = Object.entries(manifest.routes).map(([key, module]) => ({
    file: routePath(key),
    module,
  }));
  entries.sort((a, b) => compareRoutePaths(a.file, b.file));

  for (const { file, module } of entries) {
    const baseRoute = toBaseRoute(file);
    const name = file.slice(file.lastIndexOf("/") + 1);
    if (name === "_middleware") {
      const { handler } = module as MiddlewareModule;
      table.middlewares.push({ baseRoute, handlers: Array.isArray(handler) ? handler : [handler] });
    } else if (name === "_layout") {
      const { default: component, config } = module as LayoutModule;
      table.layouts.push({
        baseRoute,
        component,
        appWrapper: !config?.skipAppWrapper,
        inheritLayouts: !config?.skipInheritedLayouts,
      });
    } else if (file === "/_app") {
      table.app = (module as AppModule).default;
    } else if (file === "/_404") {
      table.notFound = specialPage(module as UnknownPageModule, file);
    } else if (file === "/_500") {
      table.error = specialPage(module as ErrorPageModule, file);
    } else if (!name.startsWith("_")) {
      table.routes.push(route(file, module as RouteModule));
    }
  }

  // Outer folders first; group folders count as depth here.
  const byDepth = (a: { baseRoute: string }, b: { baseRoute: string }) =>
    depth(a.baseRoute) - depth(b.baseRoute);
  table.layouts.sort(byDepth);
  table.middlewares.sort(byDepth);
  table.islands = collectIslands(manifest);
  // As upstream, an app without `_500` gets a plain error page (rendered like one, so dev mode's overlay shows).
  table.error ??= specialPage({ default: DefaultErrorPage }, "/_500");
  return table;
}

function depth(baseRoute: string): number {
  return baseRoute === "/" ? 0 : baseRoute.split("/").length - 1;
}

/** `./routes/blog/[slug].tsx` → `/blog/[slug]` */
function routePath(key: string): string {
  const match = /^\.\/routes(\/.+)$/.exec(key);
  if (!match) throw new Error(`Manifest route "${key}" is not under ./routes/`);
  return match[1].replace(SCRIPT_EXTENSION, "");
}

/** The folder a file applies to: `/blog/_layout` → `/blog`, `/blog/index` → `/blog`, `/index` → `/`. */
function toBaseRoute(file: string): string {
  const base = file.replace(/\/(?:_layout|_middleware|index)$/, "");
  return base === "" ? "/" : base;
}

function route(file: string, module: RouteModule): Route {
  if (!module.handler && "handlers" in module) {
    throw new Error(
      `Found named export "handlers" in routes${file} instead of "handler". Did you mean "handler"?`,
    );
  }
  const { default: component, config } = module;
  let handler = module.handler ?? {};
  if (typeof handler === "object") {
    handler = { ...handler };
    if (component && !handler.GET) handler.GET = (_req, ctx) => ctx.render();
    if (handler.GET && !handler.HEAD) handler.HEAD = headFromGet(handler.GET);
  }
  const pattern = config?.routeOverride ?? pathToPattern(file);
  return {
    baseRoute: toBaseRoute(file),
    pattern,
    urlPattern: new URLPattern({ pathname: pattern }),
    literalPrefix: literalPrefixOf(pattern),
    component,
    handler,
    csp: Boolean(config?.csp),
    appWrapper: !config?.skipAppWrapper,
    inheritLayouts: !config?.skipInheritedLayouts,
  };
}

function headFromGet(get: Handler): Handler {
  return async (req, ctx) => {
    const response = await get(req, ctx);
    await response.body?.cancel();
    return new Response(null, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

function DefaultErrorPage() {
  return h("h1", null, "An error occurred while handling this request.");
}

/** `_404` and `_500` sit at the root: they get the root layouts only. */
function specialPage(module: UnknownPageModule | ErrorPageModule, file: string): SpecialPage {
  const { default: component, config, handler } = module;
  return {
    baseRoute: "/",
    pattern: file,
    component,
    handler: handler ?? (component ? (_req, ctx) => ctx.render() : undefined),
    csp: Boolean(config?.csp),
    appWrapper: !config?.skipAppWrapper,
    inheritLayouts: !config?.skipInheritedLayouts,
  };
}

/**
 * File path (without `routes` and extension) → URLPattern pathname: `index` drops, `[id]` → `:id`,
 * `[...rest]` → `:rest*`, `[[opt]]` → `{/:opt}?`, `(group)` folders vanish.
 */
export function pathToPattern(file: string): string {
  const segments = file.split("/").filter((segment) => segment !== "");
  if (segments.at(-1) === "index") segments.pop();
  let pattern = "";
  for (const segment of segments) {
    if (isGroup(segment)) continue;
    const rest = /^\[\.\.\.(\w+)\]$/.exec(segment);
    const optional = /^\[\[(\w+)\]\]$/.exec(segment);
    if (rest) {
      pattern += `/:${rest[1]}*`;
    } else if (optional) {
      pattern += `{/:${optional[1]}}?`;
    } else if (segment.includes("][") || segment.includes("[[")) {
      throw new SyntaxError(`Invalid route file "routes${file}": parameters must be separated by text`);
    } else {
      pattern += "/" +
        segment.split(/(\[\w+\])/).map((part) =>
          part.startsWith("[") ? `:${part.slice(1, -1)}` : part.replace(/[\\:*?+(){}]/g, "\\$&")
        ).join("");
    }
  }
  return pattern === "" ? "/" : pattern;
}

/**
 * The start of a pattern that can only match itself: up to its first parameter, group, wildcard or escape,
 * and only characters a URL's path holds as they are (others the pattern would encode or normalise first).
 */
export function literalPrefixOf(pattern: string): string {
  const literal = /^[\w/-]*/.exec(pattern)![0];
  // A slash just before a parameter belongs to it: `/docs/:path*` matches `/docs`.
  return literal.length < pattern.length ? literal.replace(/\/$/, "") : literal;
}

function isGroup(segment: string): boolean {
  return segment.startsWith("(") && segment.endsWith(")");
}

/**
 * Matching order of route files: segment by segment (group folders skipped), `_middleware`, other `_`
 * files, literal names, `[param]`, `[...rest]`; `_app` first.
 */
export function compareRoutePaths(a: string, b: string): number {
  if (a === "/_app" || b === "/_app") return a === b ? 0 : a === "/_app" ? -1 : 1;
  const segmentsA = a.split("/").filter((segment) => segment && !isGroup(segment));
  const segmentsB = b.split("/").filter((segment) => segment && !isGroup(segment));
  for (let i = 0; i < Math.min(segmentsA.length, segmentsB.length); i++) {
    const difference = segmentScore(segmentsB[i]) - segmentScore(segmentsA[i]);
    if (difference !== 0) return difference;
    // Two different literal names never match the same path: order them by name and stop here, or the
    // comparison is not transitive and the sort may put `[id]` before its sibling `new`.
    if (segmentScore(segmentsA[i]) === 2 && segmentsA[i] !== segmentsB[i]) {
      return segmentsA[i] < segmentsB[i] ? -1 : 1;
    }
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function segmentScore(segment: string): number {
  if (segment === "_middleware") return 4;
  if (segment.startsWith("_")) return 3;
  if (segment.startsWith("[...")) return 0;
  if (segment.startsWith("[")) return 1;
  return 2;
}

/** Every exported function of an island module is an island. */
function collectIslands(manifest: Manifest): Island[] {
  const islands: Island[] = [];
  const ids = new Set<string>();
  for (const [key, module] of Object.entries(manifest.islands)) {
    // `./islands/Counter.tsx`, or `./routes/blog/(_islands)/Counter.tsx` beside the routes using it
    const match = /^\.\/islands\/(.+)$/.exec(key) ?? /^\.\/routes\/((?:.+\/)?\(_islands\)\/.+)$/.exec(key);
    if (!match) {
      throw new Error(`Manifest island "${key}" is not under ./islands/ or a routes (_islands) folder`);
    }
    const name = islandName(match[1].replace(SCRIPT_EXTENSION, "").replace("(_islands)", "islands"));
    const file = fileURLToPath(new URL(key, manifest.baseUrl));
    for (const [exportName, component] of Object.entries(module)) {
      if (typeof component !== "function") continue;
      const id = `${name.toLowerCase()}_${exportName.toLowerCase()}`;
      if (ids.has(id)) throw new Error(`Two islands share the id "${id}" (${key})`);
      ids.add(id);
      islands.push({ id, name, exportName, component: component as ComponentType, file });
    }
  }
  return islands;
}

/** `Counter` → `Counter`, `forms/phone-input` → `Forms_PhoneInput` */
function islandName(path: string): string {
  return path.replace(/[^A-Za-z0-9_-]/g, "_")
    .replace(
      /(^|[-_])([a-z])/g,
      (_match, separator: string, letter: string) => (separator === "_" ? "_" : "") + letter.toUpperCase(),
    )
    .replace(/-/g, "");
}

/** The items whose folder contains `baseRoute` (or is it), outer first. */
export function itemsForBaseRoute<T extends { baseRoute: string }>(baseRoute: string, items: T[]): T[] {
  return items.filter((item) =>
    item.baseRoute === "/" || item.baseRoute === baseRoute || baseRoute.startsWith(item.baseRoute + "/")
  );
}
