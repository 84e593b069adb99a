/** Upstream Fresh 1.x API details on a small in-memory app without _app, _404 or _500. */
import assert from "node:assert/strict";
import {
  createHandler,
  type FreshConfig,
  type Handler,
  type Manifest,
  ServerContext,
  start,
} from "$fresh/server.ts";

const manifest: Manifest = {
  routes: {
    "./routes/index.tsx": { default: () => <p>home</p> },
    "./routes/config.ts": {
      handler: ((_req, ctx) =>
        Response.json({
          config: ctx.config,
          keys: Object.keys(ctx.config).sort(),
          render: typeof ctx.config.render,
        })) satisfies Handler,
    },
    "./routes/context-keys.ts": {
      handler: ((_req, ctx) => Response.json(Object.keys(ctx))) satisfies Handler,
    },
    "./routes/fail.tsx": {
      default: () => {
        throw new Error("render failed\nsecond line");
      },
    },
    "./routes/_500.tsx": { default: () => <p class="error-page">500 page</p> },
  },
  islands: {},
  baseUrl: new URL("./fixture/fresh.gen.ts", import.meta.url).href,
};

const get = (handler: (req: Request) => Promise<Response>, path: string) =>
  handler(new Request("http://localhost" + path));

Deno.test("without _404, a path no route matches answers 404 'Not found.' as HTML (upstream's text)", async () => {
  const response = await get(await createHandler(manifest), "/nothing-here");
  assert.equal(response.status, 404);
  assert.equal(response.headers.get("content-type"), "text/html; charset=utf-8");
  assert.equal(await response.text(), "Not found.");
});

Deno.test("ServerContext.fromManifest(manifest, config).handler() serves the app, as upstream's tests use it", async () => {
  const context = await ServerContext.fromManifest(manifest);
  const response = await get(context.handler(), "/");
  assert.match(await response.text(), /<body><p>home<\/p><\/body>/);
});

Deno.test("ctx.config has upstream's fields and defaults", async () => {
  const response = await get(await createHandler(manifest), "/config");
  const { config, keys, render } = await response.json();
  assert.deepEqual(keys, ["basePath", "build", "dev", "plugins", "render", "router", "server", "staticDir"]);
  assert.equal(render, "function");
  assert.deepEqual(config.build.target, ["chrome99", "firefox99", "safari15"]);
  assert.equal(config.dev, false);
  assert.deepEqual(config.server, {});
  assert.equal(config.basePath, "");
  assert.match(config.build.outDir, /fixture\/_fresh$/);
});

Deno.test("config.render wraps each page render and may set the default document's lang", async () => {
  const seen: string[] = [];
  const config: FreshConfig = {
    render(ctx, render) {
      seen.push(ctx.url.pathname);
      ctx.lang = "bn";
      render();
    },
  };
  const response = await get(await createHandler(manifest, config), "/");
  assert.match(await response.text(), /^<!DOCTYPE html><html lang="bn"><head>/);
  assert.deepEqual(seen, ["/"]);
});

Deno.test("in dev mode (config.dev, as upstream) a page rendered for an error carries the error overlay, which shows message and stack", async () => {
  const handler = await createHandler(manifest, { dev: true });
  const original = console.error;
  console.error = () => {};
  let page;
  try {
    page = await get(handler, "/fail");
  } finally {
    console.error = original;
  }
  assert.equal(page.status, 500);
  const html = await page.text();
  assert.match(html, /<p class="error-page">500 page<\/p>/);
  const src = /<iframe id="fresh-error-overlay" src="([^"]+)"/.exec(html)?.[1];
  assert.ok(src, "the overlay frame is on the page");
  const overlay = await (await get(handler, src.replaceAll("&amp;", "&"))).text();
  assert.match(overlay, /<h1 class="title"[^>]*>render failed<\/h1>/);
  assert.match(overlay, /<pre class="stack"[^>]*>Error: render failed\nsecond line\n\s+at /);

  // Outside dev mode: neither the frame nor the overlay route.
  const production = await createHandler(manifest);
  console.error = () => {};
  try {
    assert.doesNotMatch(await (await get(production, "/fail")).text(), /fresh-error-overlay/);
  } finally {
    console.error = original;
  }
  assert.equal((await get(production, src.replaceAll("&amp;", "&"))).status, 404);
});

Deno.test("router.trailingSlash: 308 to an absolute URL keeping query and #fragment; files and /_frsh/ paths stay", async () => {
  const handler = await createHandler(manifest, { router: { trailingSlash: true } });
  const response = await get(handler, "/config?x=1#top");
  assert.equal(response.status, 308);
  assert.equal(response.headers.get("location"), "http://localhost/config/?x=1#top");
  assert.equal(
    (await get(handler, "/_frsh/js/nothing")).status,
    404,
    "the runtime's own paths never redirect",
  );
  assert.equal((await get(handler, "/robots.txt")).status, 200);
});

Deno.test("a top-level onListen is used when server.onListen is left undefined (upstream's fixture_config)", async () => {
  const heard: number[] = [];
  const controller = new AbortController();
  const started = start(manifest, {
    server: { port: 0, signal: controller.signal, onListen: undefined },
    onListen: ({ port }) => heard.push(port),
  });
  while (heard.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  controller.abort();
  await started;
  assert.ok(heard[0] > 0);
});

Deno.test("ctx carries error and codeFrame (undefined outside _500), as upstream's ctx", async () => {
  const response = await get(await createHandler(manifest), "/context-keys");
  const keys: string[] = await response.json();
  for (const key of ["error", "codeFrame", "isPartial", "destination", "route", "pattern"]) {
    assert.ok(keys.includes(key), key);
  }
});

Deno.test("without _500 an error renders a default HTML error page (with the overlay in dev mode)", async () => {
  const { "./routes/_500.tsx": _, ...withoutErrorPage } = manifest.routes;
  const bare = { ...manifest, routes: withoutErrorPage };
  const original = console.error;
  console.error = () => {};
  try {
    const page = await get(await createHandler(bare), "/fail");
    assert.equal(page.status, 500);
    assert.equal(page.headers.get("content-type"), "text/html; charset=utf-8");
    assert.match(await page.text(), /<h1>An error occurred while handling this request\.<\/h1>/);
    const dev = await (await get(await createHandler(bare, { dev: true }), "/fail")).text();
    assert.match(dev, /<iframe id="fresh-error-overlay"/);
  } finally {
    console.error = original;
  }
});
