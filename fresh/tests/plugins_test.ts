import assert from "node:assert/strict";
import { createHandler, type Plugin } from "$fresh/server.ts";
import manifest from "./fixture/fresh.gen.ts";

Deno.test("render and renderAsync plugins wrap the render and add styles and links", async () => {
  const calls: string[] = [];
  const asyncPlugin: Plugin = {
    name: "async-links",
    async renderAsync(ctx) {
      calls.push("async before");
      const { htmlText, requiresHydration } = await ctx.renderAsync();
      calls.push(
        `async after (${
          htmlText.includes(">ABOUT<") ? "sees inner plugin html" : "other html"
        }, ${requiresHydration})`,
      );
      return { links: [{ rel: "manifest", href: "/app.webmanifest" }] };
    },
  };
  const syncPlugin: Plugin = {
    name: "sync-styles",
    render(ctx) {
      calls.push("sync");
      const { htmlText } = ctx.render();
      return {
        styles: [{ cssText: "p{color:red}", id: "plugin-css" }],
        htmlText: htmlText.replace("about", "ABOUT"),
      };
    },
  };
  const handler = await createHandler(manifest, { plugins: [syncPlugin, asyncPlugin] });
  const text = await (await handler(new Request("http://localhost/about"))).text();
  assert.deepEqual(calls, ["async before", "sync", "async after (sees inner plugin html, false)"]);
  assert.match(
    text,
    /<style id="plugin-css" nonce="[0-9a-f]+">p\{color:red\}<\/style><link rel="manifest" href="\/app.webmanifest"\/>/,
  );
  assert.match(text, />ABOUT<\/p>/, "a plugin may transform the page HTML");
});

Deno.test("plugins using features this runtime lacks are refused at startup", async () => {
  await assert.rejects(
    () => createHandler(manifest, { plugins: [{ name: "client-nav", entrypoints: { main: "./main.ts" } }] }),
    /Plugin "client-nav" uses entrypoints/,
  );
});
