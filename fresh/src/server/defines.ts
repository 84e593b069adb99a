import type { ComponentChildren } from "preact";
import type { AsyncLayout, AsyncRoute, FreshConfig, FreshContext, RouteContext } from "./types.ts";

type Rendered = ComponentChildren | Response;

export function defineConfig(config: FreshConfig): FreshConfig {
  return config;
}

/**
 * Wraps a `(req, ctx)` page function as an async route component (the runtime tells those apart from
 * plain components by being async). `State` types `ctx.state`.
 */
export function defineRoute<State>(
  fn: (req: Request, ctx: RouteContext<void, State>) => Rendered | Promise<Rendered>,
): AsyncRoute<void, State> {
  return asAsync(fn);
}

/** Like {@link defineRoute}, for `_layout` files; `ctx.Component` is the wrapped page. */
export function defineLayout<State>(
  fn: (req: Request, ctx: FreshContext<State, void>) => Rendered | Promise<Rendered>,
): AsyncLayout<void, State> {
  return asAsync(fn);
}

/** Like {@link defineRoute}, for `routes/_app`; `ctx.Component` is the wrapped layout or page. */
export function defineApp<State>(
  fn: (req: Request, ctx: FreshContext<State, void>) => Rendered | Promise<Rendered>,
): AsyncLayout<void, State> {
  return asAsync(fn);
}

function asAsync<Ctx>(
  fn: (req: Request, ctx: Ctx) => Rendered | Promise<Rendered>,
): (req: Request, ctx: Ctx) => Promise<Rendered> {
  return isAsyncFunction(fn)
    ? fn as (req: Request, ctx: Ctx) => Promise<Rendered>
    : async (req, ctx) => await fn(req, ctx);
}

/** Async functions are route/layout functions called with `(req, ctx)`; others are components. */
export function isAsyncFunction(value: unknown): boolean {
  return typeof value === "function" && value.constructor.name === "AsyncFunction";
}
