import assert from "node:assert/strict";
import {
  createHandler,
  defineApp,
  defineLayout,
  defineRoute,
  type Manifest,
  type MiddlewareHandler,
} from "$fresh/server.ts";

interface State {
  user: string;
}

/** A small app written with the define* helpers, as modules in memory (routes are never bundled). */
const manifest: Manifest = {
  routes: {
    "./routes/_app.tsx": {
      default: defineApp<State>((_req, ctx) => (
        <html data-user={ctx.state.user}>
          <head>
            <title>defined app</title>
          </head>
          <body>
            <ctx.Component />
          </body>
        </html>
      )),
    },
    "./routes/_middleware.ts": {
      handler: ((_req, ctx) => {
        ctx.state.user = "rahim";
        return ctx.next();
      }) satisfies MiddlewareHandler<State>,
    },
    "./routes/admin/_layout.tsx": {
      default: defineLayout<State>(async (req, ctx) => {
        await Promise.resolve();
        if (new URL(req.url).searchParams.has("deny")) {
          return new Response("denied by layout", { status: 403 });
        }
        return (
          <section class="admin">
            <ctx.Component />
          </section>
        );
      }),
    },
    "./routes/admin/index.tsx": {
      default: defineRoute<State>((_req, ctx) => <p>hello {ctx.state.user}</p>),
    },
  },
  islands: {},
  baseUrl: new URL("./fixture/fresh.gen.ts", import.meta.url).href,
};

Deno.test("defineApp, defineLayout and defineRoute nest, see ctx.state, and may answer with a Response", async () => {
  const handler = await createHandler(manifest);
  const page = await (await handler(new Request("http://localhost/admin"))).text();
  assert.match(
    page,
    /<html data-user="rahim"><head><title>defined app<\/title><\/head><body><section class="admin"><p>hello rahim<\/p><\/section><\/body><\/html>$/,
  );
  const denied = await handler(new Request("http://localhost/admin?deny"));
  assert.equal(denied.status, 403);
  assert.equal(await denied.text(), "denied by layout");
});
