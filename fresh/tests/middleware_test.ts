import assert from "node:assert/strict";
import { fetchPage } from "./fixture_server.ts";

Deno.test("middlewares run outer to inner, sharing ctx.state with the page", async () => {
  const page = await fetchPage("/blog/hello");
  assert.match(page.text, /data-trace="root,root-second,blog"/);
  assert.equal(page.headers.get("x-trace"), "root,root-second,blog");
});

Deno.test("a folder's middleware runs only for routes in that folder", async () => {
  const page = await fetchPage("/");
  assert.match(page.text, /data-trace="root,root-second"/);
});

Deno.test("ctx.state starts empty for every request", async () => {
  await fetchPage("/blog/one");
  const page = await fetchPage("/blog/two");
  assert.equal(page.headers.get("x-trace"), "root,root-second,blog");
});

Deno.test("a middleware can answer without calling ctx.next()", async () => {
  const page = await fetchPage("/blog/hello?blocked");
  assert.equal(page.status, 403);
  assert.equal(page.text, "blocked by middleware");
});

Deno.test("ctx.destination tells middleware what the request is for", async () => {
  assert.equal((await fetchPage("/about")).headers.get("x-destination"), "route");
  assert.equal((await fetchPage("/robots.txt")).headers.get("x-destination"), "static");
  assert.equal((await fetchPage("/nothing-here")).headers.get("x-destination"), "notFound");
  const islands = await fetchPage("/islands");
  const main = /<script type="module"[^>]* src="([^"]+)"/.exec(islands.text)![1];
  assert.equal((await fetchPage(main)).headers.get("x-destination"), "internal");
});
