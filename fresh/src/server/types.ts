// deno-lint-ignore-file no-explicit-any
/** Public types of `$fresh/server.ts`, with the names and shapes of Fresh 1.x. */
import type { ComponentChildren, ComponentType, VNode } from "preact";

export type KnownMethod = "GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "OPTIONS" | "PATCH";

/** What a request resolved to, visible to middleware as `ctx.destination`. */
export type DestinationKind = "internal" | "static" | "route" | "notFound";

// --- configuration ---

export interface FreshConfig {
  /** Dev mode (as under `dev.ts`): bundles at every start, no `_fresh/static`, the error overlay. */
  dev?: boolean;
  build?: {
    /** Where `dev.ts build` writes the client bundle. Default `<project>/_fresh`. */
    outDir?: string;
    /** esbuild target for the browser bundle. Default: upstream's `["chrome99", "firefox99", "safari15"]`. */
    target?: string | string[];
  };
  plugins?: Plugin[];
  /** Wraps every page render; call `render()` once. `ctx.lang` sets the default document's language. */
  render?: RenderFunction;
  /** Folder of static files. Default `<project>/static`. */
  staticDir?: string;
  router?: RouterOptions;
  server?: Partial<Deno.ServeTcpOptions>;
  /** @deprecated Use `server.port`. */
  port?: number;
  /** @deprecated Use `server.hostname`. */
  hostname?: string;
  /** @deprecated Use `server.signal`. */
  signal?: AbortSignal;
  /** @deprecated Use `server.onListen`. */
  onListen?: (params: { hostname: string; port: number }) => void;
  /** @deprecated Use `server.onError`. */
  onError?: (error: unknown) => Response | Promise<Response>;
}

export interface RouterOptions {
  /** Redirect paths without a trailing slash to the form with one (default: the reverse). */
  trailingSlash?: boolean;
  /** Files in `routes/` and `islands/` to skip. Default: test files. */
  ignoreFilePattern?: RegExp;
}

export interface ResolvedFreshConfig {
  dev: boolean;
  build: { outDir: string; target: string | string[] };
  render: RenderFunction;
  plugins: Plugin[];
  staticDir: string;
  router?: RouterOptions;
  server: Partial<Deno.ServeTcpOptions>;
  basePath: string;
}

/** What `config.render` sees of the page being rendered. */
export interface RenderContext {
  url: URL;
  route: string;
  state: Record<string, unknown>;
  /** The language of a page without its own `<html>`; default "en". */
  lang: string;
}

export type RenderFunction = (ctx: RenderContext, render: () => string) => void | Promise<void>;

// --- request context ---

export interface FreshContext<
  State = Record<string, unknown>,
  Data = any,
  NotFoundData = Data,
> {
  localAddr?: Deno.NetAddr;
  remoteAddr: Deno.NetAddr;
  url: URL;
  basePath: string;
  /** The pattern of the matched route (e.g. `/blog/:slug`), `""` when no route matched. */
  route: string;
  /** @deprecated Use `route`. */
  pattern: string;
  destination: DestinationKind;
  params: Record<string, string>;
  isPartial: boolean;
  state: State;
  config: ResolvedFreshConfig;
  data: Data;
  /** The error being handled, in `_500`. */
  error?: unknown;
  codeFrame?: unknown;
  renderNotFound: (data?: NotFoundData) => Response | Promise<Response>;
  render: (data?: Data, options?: RenderOptions) => Response | Promise<Response>;
  /** In `_app` and `_layout`: the next component inward (layout or page). */
  Component: ComponentType<unknown>;
  next: () => Promise<Response>;
}

export type RenderOptions = ResponseInit;

export type PageProps<T = any, S = Record<string, unknown>> = Omit<
  FreshContext<S, T>,
  "render" | "next" | "renderNotFound"
>;

/** The context async route components receive. */
export type RouteContext<T = any, S = Record<string, unknown>> = Omit<FreshContext<S, T>, "next" | "render">;

export interface ServeHandlerInfo {
  localAddr?: Deno.NetAddr;
  remoteAddr: Deno.NetAddr;
}

// --- routes ---

export type Handler<T = any, State = Record<string, unknown>> = (
  req: Request,
  ctx: FreshContext<State, T>,
) => Response | Promise<Response>;

export type Handlers<T = any, State = Record<string, unknown>> = {
  [K in KnownMethod]?: Handler<T, State>;
};

export type AsyncRoute<T = any, S = Record<string, unknown>> = (
  req: Request,
  ctx: FreshContext<S, T>,
) => Promise<ComponentChildren | Response>;

export type AsyncLayout<T = any, S = Record<string, unknown>> = (
  req: Request,
  ctx: FreshContext<S, T>,
) => Promise<ComponentChildren | Response>;

export type PageComponent<T = any, S = Record<string, unknown>> =
  | ComponentType<PageProps<T, S>>
  | AsyncRoute<T, S>
  | ((props: any) => VNode<any> | ComponentChildren);

export interface RouteConfig {
  /** A URLPattern pathname that replaces the file-derived pattern. */
  routeOverride?: string;
  /** Let the runtime send a Content-Security-Policy header for this page (adjust it with `useCSP`). */
  csp?: boolean;
  /** Render without the `_layout`s of parent folders. */
  skipInheritedLayouts?: boolean;
  /** Render without `routes/_app`. */
  skipAppWrapper?: boolean;
}

export interface LayoutConfig {
  skipAppWrapper?: boolean;
  skipInheritedLayouts?: boolean;
}

// Module types accept any data and state, so routes typed with the app's own State fit the Manifest.

export interface RouteModule {
  default?: PageComponent<any, any>;
  handler?: Handler<any, any> | Handlers<any, any>;
  config?: RouteConfig;
}

export interface AppModule {
  default: ComponentType<PageProps<any, any>> | AsyncLayout<any, any>;
}

export interface LayoutModule {
  handler?: Handler<any, any> | Handlers<any, any>;
  default: ComponentType<PageProps<any, any>> | AsyncLayout<any, any>;
  config?: LayoutConfig;
}

export type UnknownHandler = (req: Request, ctx: FreshContext) => Response | Promise<Response>;

export interface UnknownPageModule {
  default?: PageComponent<any, any>;
  handler?: UnknownHandler;
  config?: RouteConfig;
}

export type ErrorHandler = (req: Request, ctx: FreshContext) => Response | Promise<Response>;

export interface ErrorPageModule {
  default?: PageComponent<any, any>;
  handler?: ErrorHandler;
  config?: RouteConfig;
}

export type MiddlewareHandler<State = Record<string, unknown>> = (
  req: Request,
  ctx: FreshContext<State>,
) => Response | Promise<Response>;

export interface MiddlewareModule<State = any> {
  handler: MiddlewareHandler<State> | MiddlewareHandler<State>[];
}

export interface IslandModule {
  [key: string]: ComponentType<any> | unknown;
}

/** The default export of `fresh.gen.ts`. */
export interface Manifest {
  routes: Record<
    string,
    RouteModule | MiddlewareModule | AppModule | LayoutModule | UnknownPageModule | ErrorPageModule
  >;
  islands: Record<string, IslandModule>;
  baseUrl: string;
}

// --- plugins ---

/**
 * A plugin. This runtime runs `render`, `renderAsync`, `configResolved`, `buildStart` and `buildEnd`;
 * the other members are typed for compatibility and refused at startup (see fresh/README.md).
 */
export interface Plugin<State = Record<string, unknown>> {
  name: string;
  entrypoints?: Record<string, string>;
  render?(ctx: PluginRenderContext): PluginRenderResult;
  renderAsync?(ctx: PluginAsyncRenderContext): Promise<PluginRenderResult>;
  buildStart?(config: ResolvedFreshConfig): Promise<void> | void;
  buildEnd?(): Promise<void> | void;
  configResolved?(config: ResolvedFreshConfig): Promise<void> | void;
  routes?: PluginRoute[];
  middlewares?: PluginMiddleware<State>[];
  islands?: PluginIslands;
}

export interface PluginRenderContext {
  render: PluginRenderFunction;
}

export interface PluginAsyncRenderContext {
  renderAsync: PluginAsyncRenderFunction;
}

export interface PluginRenderResult {
  /** CSS to inline in `<head>`. */
  styles?: PluginRenderStyleTag[];
  /** Client scripts (not supported by this runtime). */
  scripts?: PluginRenderScripts[];
  /** `<link>` tags for `<head>`. */
  links?: PluginRenderLink[];
  /** The page HTML as transformed by the plugin. */
  htmlText?: string;
}

export interface PluginRenderStyleTag {
  cssText: string;
  media?: string;
  id?: string;
}

export type PluginRenderLink = {
  crossOrigin?: string;
  href?: string;
  hreflang?: string;
  media?: string;
  referrerPolicy?: string;
  rel?: string;
  title?: string;
  type?: string;
};

export interface PluginRenderScripts {
  entrypoint: string;
  state: unknown;
}

export type PluginRenderFunction = () => PluginRenderFunctionResult;

export type PluginAsyncRenderFunction = () =>
  | PluginRenderFunctionResult
  | Promise<PluginRenderFunctionResult>;

export interface PluginRenderFunctionResult {
  /** The rendered page HTML. */
  htmlText: string;
  /** Whether the page has islands to hydrate. */
  requiresHydration: boolean;
}

export interface PluginMiddleware<State = Record<string, unknown>> {
  path: string;
  middleware: { handler: MiddlewareHandler<State> | MiddlewareHandler<State>[] };
}

export interface PluginRoute {
  path: string;
  component?: ComponentType<PageProps> | AsyncRoute | AsyncLayout;
  handler?: Handler<any, any> | Handlers<any, any>;
}

export interface PluginIslands {
  baseLocation: string;
  paths: string[];
}

// --- older names Fresh 1.x still exports ---

/** @deprecated Use {@linkcode FreshContext}. */
export type HandlerContext<Data = any, State = Record<string, unknown>> = FreshContext<State, Data>;
/** @deprecated Use {@linkcode FreshContext}. */
export type MiddlewareHandlerContext<State = Record<string, unknown>> = FreshContext<State>;
/** @deprecated Use {@linkcode FreshContext}. */
export type AppContext<T = any, S = Record<string, unknown>> = FreshContext<S, T>;
/** @deprecated Use {@linkcode FreshContext}. */
export type LayoutContext<T = any, S = Record<string, unknown>> = FreshContext<S, T>;
/** @deprecated Use {@linkcode PageProps}. */
export type AppProps<T = any, S = Record<string, unknown>> = PageProps<T, S>;
/** @deprecated Use {@linkcode PageProps}. */
export type LayoutProps<T = any, S = Record<string, unknown>> = PageProps<T, S>;
/** @deprecated Use {@linkcode PageProps}. */
export type UnknownPageProps<T = any, S = Record<string, unknown>> = PageProps<T, S>;
/** @deprecated Use {@linkcode PageProps}. */
export type ErrorPageProps<S = Record<string, unknown>> = PageProps<unknown, S>;
/** @deprecated Use {@linkcode Handlers}. */
export type MultiHandler<T> = Handlers<T>;
/** @deprecated Use {@linkcode FreshConfig}. */
export type StartOptions = FreshConfig;
/** @deprecated Use {@linkcode FreshConfig}. */
export type FreshOptions = FreshConfig;
