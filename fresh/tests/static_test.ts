import assert from "node:assert/strict";
import { BUILD_ID } from "../src/server/build_id.ts";
import { asset } from "$fresh/runtime.ts";
import { join } from "node:path";
import { createHandler } from "$fresh/server.ts";
import { fetchPage, request } from "./fixture_server.ts";
import manifest from "./fixture/fresh.gen.ts";
import config from "./fixture/fresh.config.ts";

Deno.test("static files are served before routes, typed by extension, with an ETag", async () => {
  const robots = await fetchPage("/robots.txt");
  assert.equal(robots.status, 200);
  assert.equal(robots.headers.get("content-type"), "text/plain; charset=UTF-8");
  assert.equal(robots.text, "User-agent: *\nAllow: /\n");
  assert.match(robots.headers.get("etag")!, /^"[0-9a-f]{32}"$/);
  assert.equal(robots.headers.get("cache-control"), "no-cache");

  const svg = await fetchPage("/img/logo.svg");
  assert.equal(svg.headers.get("content-type"), "image/svg+xml");
  assert.equal((await fetchPage("/styles.css")).headers.get("content-type"), "text/css; charset=UTF-8");
});

Deno.test("If-None-Match with the current ETag gets 304 without a body", async () => {
  const first = await request("/robots.txt");
  const etag = first.headers.get("etag")!;
  await first.body?.cancel();
  const revalidated = await request("/robots.txt", { headers: { "if-none-match": `W/"other", ${etag}` } });
  assert.equal(revalidated.status, 304);
  assert.equal(revalidated.headers.get("etag"), etag);
  assert.equal(await revalidated.text(), "");
  const changed = await request("/robots.txt", { headers: { "if-none-match": '"stale"' } });
  assert.equal(changed.status, 200);
  await changed.body?.cancel();
});

Deno.test("asset() adds the build id, and such URLs are cached forever", async () => {
  assert.equal(asset("/robots.txt"), `/robots.txt?__frsh_c=${BUILD_ID}`);
  assert.equal(asset("/a.png?x=1#top"), `/a.png?x=1&__frsh_c=${BUILD_ID}#top`);
  assert.equal(asset("https://example.com/a.png"), "https://example.com/a.png");
  assert.equal(asset("//cdn.example/a.png"), "//cdn.example/a.png");

  const page = await fetchPage("/asset");
  assert.ok(page.text.includes(`href="/robots.txt?__frsh_c=${BUILD_ID}"`));
  assert.ok(
    page.text.includes(`src="/img/logo.svg?__frsh_c=${BUILD_ID}"`),
    "local <img> URLs are locked too",
  );

  const locked = await request(`/robots.txt?__frsh_c=${BUILD_ID}`);
  assert.equal(locked.headers.get("cache-control"), "public, max-age=31536000, immutable");
  await locked.body?.cancel();
  const oldBuild = await request("/robots.txt?__frsh_c=old");
  assert.equal(oldBuild.headers.get("cache-control"), "no-cache");
  await oldBuild.body?.cancel();
});

Deno.test("HEAD of a static file has headers and no body; other methods fall through to routes", async () => {
  const head = await request("/robots.txt", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get("content-length"), String("User-agent: *\nAllow: /\n".length));
  assert.equal(await head.text(), "");
  const post = await request("/robots.txt", { method: "POST" });
  assert.equal(post.status, 404);
  await post.body?.cancel();
});

Deno.test("outside dev mode a file in _fresh/static wins over static/ (as upstream)", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "fresh-outdir-" });
  try {
    await Deno.mkdir(join(outDir, "static"));
    await Deno.writeTextFile(join(outDir, "static", "styles.css"), "p{color:blue}");
    await Deno.writeTextFile(join(outDir, "static", "built.txt"), "built");
    const handler = await createHandler(manifest, { ...config, build: { outDir } });
    const get = async (path: string) => await (await handler(new Request("http://localhost" + path))).text();
    assert.equal(await get("/styles.css"), "p{color:blue}");
    assert.equal(await get("/built.txt"), "built");
    assert.equal(await get("/robots.txt"), "User-agent: *\nAllow: /\n", "static/ still serves the rest");
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});
